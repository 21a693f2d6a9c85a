// Benchmark (not a test): what `openpulse query` costs before the engine answers, as a user runs
// it, one process per query, on generated stores (bench/generate.ts) of each size. Each figure is
// a child process under GNU time (wall time, peak resident memory), run `--runs` times after one
// warm-up run (the first start reads the files from disk):
//   node          node -e 0: Node's own start
//   chdb          Node loading chDB (the engine's library, mapped in by dlopen), no store
//   SELECT 1      openpulse query "SELECT 1" --data-dir D
//   families      openpulse query families --data-dir D (a named query, 92 rows)
//   batch         openpulse query --batch FILE: BATCH_LINES small queries in one process, next to
//                 the same lines as one process each
//   status        openpulse status --format json --data-dir D: the health check a monitor runs often
//                 (exit 1, attention, is a verdict: a generated store's sources never ran)
// Writes bench/results/query-start.json (sizes not measured now are kept).
//   node bench/query-start.ts [--sizes 1e5,5e7] [--runs 9] [--families 92]

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { splitWords } from '../collector/commands/query-batch.ts';
import { EXECUTABLE } from '../collector/config.ts';
import { benchArgs, childFailed, int, isMain, mergedSizes, mib, parseSizes, percentile, runChild, sizeFlag, sizeLabel, wholeArg, writeResult } from './common.ts';
import { generateStore } from './generate.ts';

/** How many queries the batch holds. */
const BATCH_LINES = 20;

interface Timing {
  /** Median and 95th percentile wall time, seconds. */
  median: number;
  p95: number;
  /** The largest peak resident memory of the runs, bytes (null without GNU time). */
  peakRssBytes: number | null;
  runs: number;
}

interface QueryStartSize {
  facts: number;
  date: string;
  node: Timing;
  chdb: Timing;
  select1: Timing;
  named: Timing;
  /** The batch in one process, and the same lines as one process each (the sum of their walls). */
  batch: { lines: number; oneProcess: Timing; separateSeconds: number };
  /** openpulse status (absent in runs before 2026-12-07 14:45). */
  status?: Timing;
}

interface QueryStartFigures {
  sizes: QueryStartSize[];
}

/** Runs a command once to warm up, then `runs` times; its timing. An exit code not in `codes` (default 0) is a failure. */
async function timed(what: string, args: string[], runs: number, codes: readonly number[] = [0]): Promise<Timing> {
  const walls: number[] = [];
  let peak: number | null = null;
  for (let i = 0; i <= runs; i++) {
    const run = await runChild(process.execPath, args);
    if (!codes.includes(run.code)) throw childFailed(what, run);
    if (i === 0) continue;
    walls.push(run.seconds);
    if (run.peakRss !== null) peak = Math.max(peak ?? 0, run.peakRss);
  }
  return { median: percentile(walls, 50), p95: percentile(walls, 95), peakRssBytes: peak, runs };
}

/** The batch's lines: small named queries of the generated catalog's families, and SQL, each to a file of its own. */
function batchLines(outDir: string): string[] {
  const lines: string[] = [];
  const out = () => `--format csv --out ${path.join(outDir, `${lines.length + 1}.csv`)}`;
  for (const name of ['families', 'data_freshness', 'release_events', 'reference_points', 'leaderboard_openness', 'leaderboard_unknown_licences', 'openrouter_unmapped']) lines.push(`${name} ${out()}`);
  for (let f = 1; lines.length < BATCH_LINES - 1; f++) {
    const family = `gen-${String(f).padStart(3, '0')}`;
    lines.push(`family_items --param family=${family} ${out()}`);
    if (lines.length < BATCH_LINES - 1) lines.push(`family_subjects_latest --param family=${family} ${out()}`);
  }
  lines.push(`"SELECT count() AS facts FROM facts" ${out()}`);
  return lines;
}

async function measureSize(facts: number, options: { runs: number; families: number; log: (line: string) => void }): Promise<QueryStartSize> {
  const { log, runs } = options;
  const work = await mkdtemp(path.join(os.tmpdir(), 'openpulse-bench-query-start-'));
  try {
    const generated = await generateStore({ facts, dataDir: path.join(work, 'store'), families: options.families, log });
    const store = ['--data-dir', generated.dataDir];
    const show = (label: string, t: Timing) => log(`query-start ${sizeLabel(facts)}: ${label}: median ${t.median.toFixed(2)} s, p95 ${t.p95.toFixed(2)} s, peak ${t.peakRssBytes === null ? '?' : mib(t.peakRssBytes)}`);

    const node = await timed('node -e 0', ['-e', '0'], runs);
    show('node -e 0', node);
    const chdb = await timed('loading chDB', ['--input-type=module', '-e', "await import('chdb')"], runs);
    show('Node loading chDB', chdb);
    const select1 = await timed('openpulse query "SELECT 1"', [EXECUTABLE, 'query', 'SELECT 1', ...store], runs);
    show('openpulse query "SELECT 1"', select1);
    const named = await timed('openpulse query families', [EXECUTABLE, 'query', 'families', ...store], runs);
    show('openpulse query families', named);

    const outDir = path.join(work, 'out');
    const lines = batchLines(outDir);
    const batchFile = path.join(work, 'batch.txt');
    await writeFile(batchFile, `${lines.join('\n')}\n`);
    const oneProcess = await timed('openpulse query --batch', [EXECUTABLE, 'query', '--batch', batchFile, ...store], runs);
    show(`openpulse query --batch (${lines.length} queries)`, oneProcess);
    let separateSeconds = 0;
    for (const line of lines) {
      const run = await runChild(process.execPath, [EXECUTABLE, 'query', ...splitWords(line), ...store]);
      if (run.code !== 0) throw childFailed(`openpulse query ${line}`, run);
      separateSeconds += run.seconds;
    }
    log(`query-start ${sizeLabel(facts)}: the same ${lines.length} queries, one process each: ${separateSeconds.toFixed(1)} s`);
    // exit 1 (attention: a source never ran, or is stale) is status's verdict, not a failure
    const status = await timed('openpulse status', [EXECUTABLE, 'status', '--format', 'json', ...store], runs, [0, 1]);
    show('openpulse status', status);
    return { facts, date: new Date().toISOString(), node, chdb, select1, named, batch: { lines: lines.length, oneProcess, separateSeconds }, status };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export function queryStartMarkdown(figures: QueryStartFigures): string {
  const sizes = [...figures.sizes].sort((a, b) => a.facts - b.facts);
  const t = (x: Timing) => `${x.median.toFixed(2)} s / ${x.p95.toFixed(2)} s`;
  const rss = (x: Timing) => (x.peakRssBytes === null ? '–' : mib(x.peakRssBytes));
  return [
    `What \`openpulse query\` costs before the engine answers, as a user runs it: one process per query, on a generated store (bench/generate.ts) of each size. Each cell is the median / 95th percentile wall time of ${[...new Set(sizes.map((s) => s.select1.runs))].join(' / ')} runs after a warm-up run, each a process of its own under GNU time, with the largest peak resident memory. "Node" is \`node -e 0\`; "chDB" is Node loading the engine's library and nothing else (most of the rest: \`dlopen\` maps it in, and the engine starts its session when the store opens). Opening a store that is up to date (as these are) runs no migration: one query checks that its migrations, views and registry tables are the current ones (a store an older OpenPulse wrote is migrated once, by whichever command opens it first). The batch is \`openpulse query --batch FILE\`, ${sizes[0]?.batch.lines ?? BATCH_LINES} small named queries and SQL, each to a CSV file of its own, in one process, next to the same lines run as one process each: many queries are best sent as a batch.`,
    '',
    `The executable is JavaScript (collector/cli.mjs) since 2026-12-06 23:20. As TypeScript it made Node load its type-stripping compiler (WebAssembly) at every start, to read the executable itself, which turns the compile cache on. \`openpulse query "SELECT 1"\`, the previous executable and this one in turn, 12 runs each, wall medians: 1.05 → 0.83 s at 100,000 facts, 0.84 → 0.74 s at 50 M. The run before it, the same evening with the previous executable: 1.09 s at 100,000 facts (1.01 s in a second run) and 0.98 s at 50 M, on a machine slower than on 2026-12-05 (Node's own start 0.12–0.13 s against 0.10–0.11, loading chDB 0.30–0.37 s against 0.26–0.27).`,
    '',
    '`openpulse status` reads the facts per source and each source\'s newest day from the counts the store keeps after each write (source_facts, migration 009, while they are current, as the site\'s freshness table does) since 2026-12-07 14:45; before, it counted every fact twice, and so did each run of `openpulse schedule` once: on the 50 M store, `status --format json` 6.23 s before and 0.99 s after, the same output (100,000 facts: 1.00 and 0.97 s).',
    '',
    '| facts | Node | chDB | `query "SELECT 1"` | peak memory | `query families` | `query --batch` (one process) | the same, one process each | `status` | run |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...sizes.map(
      (s) =>
        `| ${sizeLabel(s.facts)} | ${t(s.node)} | ${t(s.chdb)} | ${t(s.select1)} | ${rss(s.select1)} | ${t(s.named)} | ${s.batch.lines} queries: ${t(s.batch.oneProcess)} | ${s.batch.separateSeconds.toFixed(1)} s | ${s.status ? t(s.status) : '–'} | ${s.date.slice(0, 10)} |`,
    ),
  ].join('\n');
}

if (isMain(import.meta)) {
  const values = benchArgs(import.meta, {
    sizes: { type: 'string', default: '1e5' },
    runs: { type: 'string', default: '9' },
    families: { type: 'string', default: '92' },
  });
  const sizes = parseSizes(values.sizes);
  const runs = wholeArg(values.runs, '--runs');
  const families = wholeArg(values.families, '--families');
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const measured: QueryStartSize[] = [];
  for (const facts of sizes) measured.push(await measureSize(facts, { runs, families, log }));
  const figures: QueryStartFigures = { sizes: await mergedSizes('query-start', measured) };
  const all = figures.sizes.map((s) => s.facts);
  const file = await writeResult({
    name: 'query-start',
    title: 'openpulse query and status: the cost of a start',
    command: `node bench/query-start.ts --sizes ${all.map(sizeFlag).join(',')} --runs ${runs}`,
    figures,
    markdown: queryStartMarkdown(figures),
  });
  log(`query-start: written to ${path.relative(process.cwd(), file)} (${int(measured.length)} size(s) measured)`);
}
