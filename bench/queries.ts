// Benchmark (not a test): every named query against a generated store (bench/generate.ts)
// at each size: median and p95 latency over --repeat runs after one warm-up run, and the
// rows and bytes ClickHouse read for one run next to the facts in the store, so growth
// with size is visible. Writes bench/results/queries.json (sizes measured before and not
// measured now are kept, each with its own date).
//   node bench/queries.ts [--sizes 5e6] [--repeat 5] [--families 92] [--keep]
//
// Rows read come from ClickHouse's own counters: system.events SelectedRows and
// SelectedBytes (rows and bytes read from every table a query touches, the views'
// repeated reads of observations included), read before and after the run. chDB has
// no system.query_log (its embedded server is configured without one) and its
// summary counts result rows, not rows read; the process is alone on its store, so
// the counters move for this query only (the reading of system.events itself is
// measured and subtracted).

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../collector/config.ts';
import { openStore, type Store } from '../collector/store/index.ts';
import { namedQueries, type NamedQuery } from '../queries/index.ts';
import { int, isMain, parseSizes, percentile, previousSizes, sizeLabel, writeResult } from './common.ts';
import { generateStore, type GeneratedStore } from './generate.ts';

export interface QueryFigure {
  name: string;
  params: Record<string, string>;
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  /** Rows the query returned. */
  resultRows: number;
  /** Rows and bytes read from all tables during one run. */
  readRows: number;
  readBytes: number;
}

export interface SizeFigure {
  facts: number;
  date: string;
  store: Omit<GeneratedStore, 'dataDir' | 'catalogFile'>;
  queries: QueryFigure[];
}

export interface QueriesFigures {
  repeat: number;
  sizes: SizeFigure[];
}

/** A value of a parameter's type for a query whose parameter has no default (as bench/store.ts derives them). */
export function exampleValue(name: string, type: string, family: string): string {
  const member = /^Enum\w*\('([^']+)'/.exec(type);
  if (member) return member[1]!;
  if (type === 'Date') return '2026-11-28';
  if (type === 'String') return name === 'family' ? family : 'projects';
  return '10';
}

export function exampleParams(query: NamedQuery, family: string): Record<string, string> {
  return Object.fromEntries(query.params.filter((p) => p.default === undefined).map((p) => [p.name, exampleValue(p.name, p.type, family)]));
}

interface Counters {
  rows: number;
  bytes: number;
}

async function counters(store: Store): Promise<Counters> {
  const rows = await store.rows<{ event: string; value: number }>("SELECT event, value FROM system.events WHERE event IN ('SelectedRows', 'SelectedBytes')");
  const of = (e: string) => Number(rows.find((r) => r.event === e)?.value ?? 0);
  return { rows: of('SelectedRows'), bytes: of('SelectedBytes') };
}

/** Runs every named query on an open store; `log` gets one line per query. */
export async function measureQueries(store: Store, options: { repeat: number; family: string; log?: (line: string) => void }): Promise<QueryFigure[]> {
  const before = await counters(store);
  const after = await counters(store);
  // What reading the counters itself adds to them.
  const overhead = { rows: after.rows - before.rows, bytes: after.bytes - before.bytes };
  const out: QueryFigure[] = [];
  for (const query of namedQueries().values()) {
    const params = exampleParams(query, options.family);
    // Warm-up: the first run also parses the views and loads marks; later runs are the steady state.
    await store.query(query.name, params);
    const times: number[] = [];
    let resultRows = 0;
    let read = { rows: 0, bytes: 0 };
    for (let r = 0; r < options.repeat; r++) {
      const c0 = r === 0 ? await counters(store) : undefined;
      const t = performance.now();
      resultRows = (await store.query(query.name, params)).length;
      times.push(performance.now() - t);
      if (c0) {
        const c1 = await counters(store);
        read = { rows: c1.rows - c0.rows - overhead.rows, bytes: c1.bytes - c0.bytes - overhead.bytes };
      }
    }
    const figure: QueryFigure = {
      name: query.name,
      params,
      runs: options.repeat,
      medianMs: percentile(times, 50),
      p95Ms: percentile(times, 95),
      minMs: Math.min(...times),
      resultRows,
      readRows: read.rows,
      readBytes: read.bytes,
    };
    options.log?.(`  ${query.name}: median ${figure.medianMs.toFixed(0)} ms, p95 ${figure.p95Ms.toFixed(0)} ms, read ${int(figure.readRows)} rows, ${figure.resultRows} result rows`);
    out.push(figure);
  }
  return out;
}

async function measureSize(facts: number, options: { repeat: number; families: number; keep: boolean; log: (line: string) => void }): Promise<SizeFigure> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `openpulse-bench-queries-${sizeLabel(facts).replace(/\W+/g, '')}-`));
  try {
    const generated = await generateStore({ facts, dataDir, families: options.families, log: options.log });
    const store = await openStore(loadConfig({ env: {}, flags: { dataDir } }), { job: 'bench' });
    let queries: QueryFigure[];
    try {
      options.log(`queries: ${namedQueries().size} named queries, ${options.repeat} runs each after a warm-up, on ${sizeLabel(facts)} facts`);
      queries = await measureQueries(store, { repeat: options.repeat, family: 'gen-001', log: options.log });
    } finally {
      await store.close();
    }
    const { dataDir: _dir, catalogFile: _catalog, ...storeFigures } = generated;
    return { facts, date: new Date().toISOString(), store: storeFigures, queries };
  } finally {
    if (options.keep) options.log(`queries: kept the store of ${sizeLabel(facts)} facts in ${dataDir}`);
    else await rm(dataDir, { recursive: true, force: true });
  }
}

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(0)} ms`);
const rowsShort = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)} k` : String(n));

/** The section BENCHMARKS.md shows: the generated stores, then one row per query with every size side by side. */
export function queriesMarkdown(figures: QueriesFigures): string {
  const sizes = [...figures.sizes].sort((a, b) => a.facts - b.facts);
  const lines = [
    'Generated stores (bench/generate.ts): the facts are inserted by the engine (`INSERT … SELECT FROM numbers_mt`; the store writes their day rows, `subject_days`, in the same inserts), then both tables are merged (`OPTIMIZE … FINAL`). "On disk" and "bytes a fact" are the facts\' table; the day rows are counted apart.',
    '',
    '| facts | families | subjects (catalog / with facts) | series | days | insert | facts/s | merge | on disk | bytes a fact | day rows (subject_days) | run |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...sizes.map((s) => {
      const day = s.store.disk.dayRows;
      return `| ${sizeLabel(s.facts)} | ${s.store.families} | ${int(s.store.catalogSubjects)} / ${int(s.store.storeSubjects)} | ${int(s.store.series)} | ${int(s.store.days)} (${s.store.firstDay}..${s.store.lastDay}) | ${s.store.insertSeconds.toFixed(1)} s | ${int(s.facts / s.store.insertSeconds)} | ${s.store.mergeSeconds.toFixed(1)} s | ${(s.store.disk.compressedBytes / 2 ** 20).toFixed(1)} MiB | ${s.store.disk.bytesPerFact.toFixed(2)} | ${day ? `${int(day.rows)}, ${(day.bytesOnDisk / 2 ** 20).toFixed(1)} MiB` : '–'} | ${s.date.slice(0, 10)} |`;
    }),
    '',
    `Every named query with the example parameters bench/store.ts uses (the first value of an enum, family \`gen-001\`, defaults otherwise): median and p95 of ${[...new Set(sizes.map((s) => s.queries[0]?.runs))].join(' / ')} runs after a warm-up run, and the rows ClickHouse read in one run (system.events SelectedRows, every table and every read of it) as a multiple of the facts in the store. That count includes each read of a materialized CTE's temporary table (\`headline_figures\` reads its span of subjects' daily values twice more that way) and, since 2026-12-03 15:00, the day rows (\`subject_days\`, migration 007) the family-level views read instead of the facts, so it is not only facts. Runs before that regrouped the facts on every query: 50 M facts, sum of medians 22.4 s, \`headline_figures\` 3.55 s reading 110 M rows, \`headline_answer\` 5.20 s, \`top_movers\` 632 ms, \`open_share\` 302 ms.`,
    '',
    `| query | ${sizes.map((s) => `${sizeLabel(s.facts)}: median | p95 | rows read`).join(' | ')} |`,
    `| --- | ${sizes.map(() => '---: | ---: | ---:').join(' | ')} |`,
  ];
  const names = [...new Set(sizes.flatMap((s) => s.queries.map((q) => q.name)))].sort();
  for (const name of names) {
    const cells = sizes.map((s) => {
      const q = s.queries.find((x) => x.name === name);
      return q ? `${ms(q.medianMs)} | ${ms(q.p95Ms)} | ${rowsShort(q.readRows)} (${(q.readRows / s.facts).toFixed(2)}×)` : '– | – | –';
    });
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  const totals = sizes.map((s) => `${sizeLabel(s.facts)}: ${(s.queries.reduce((n, q) => n + q.medianMs, 0) / 1000).toFixed(1)} s`);
  lines.push('', `Sum of medians (one run of every named query): ${totals.join(', ')}.`);
  return lines.join('\n');
}

if (isMain(import.meta)) {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '5e6' },
      repeat: { type: 'string', default: '5' },
      families: { type: 'string', default: '92' },
      keep: { type: 'boolean', default: false },
    },
  });
  const sizes = parseSizes(values.sizes);
  const repeat = Number(values.repeat);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const measured: SizeFigure[] = [];
  for (const facts of sizes) measured.push(await measureSize(facts, { repeat, families: Number(values.families), keep: values.keep, log }));
  // Sizes measured before and not now are kept, so the big sizes can be run on their own.
  const kept = (await previousSizes<SizeFigure>('queries')).filter((s) => !sizes.includes(s.facts));
  const figures: QueriesFigures = { repeat, sizes: [...kept, ...measured].sort((a, b) => a.facts - b.facts) };
  const file = await writeResult({
    name: 'queries',
    title: 'Named queries by store size',
    command: `node bench/queries.ts --sizes ${figures.sizes.map((s) => s.facts.toExponential().replace('+', '')).join(',')} --repeat ${repeat}`,
    figures,
    markdown: queriesMarkdown(figures),
  });
  log(`queries: written to ${path.relative(process.cwd(), file)}`);
}
