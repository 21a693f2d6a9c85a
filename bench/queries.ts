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
import { loadConfig } from '../collector/config.ts';
import { openStore, type Store } from '../collector/store/index.ts';
import { namedQueries, type NamedQuery, type Params } from '../queries/index.ts';
import { loadCatalog, type Catalog } from '../collector/catalog.ts';
import { siteQueries } from '../collector/snapshot/manifest.ts';
import { writeResults } from '../collector/snapshot/site-data.ts';
import { benchArgs, int, isMain, mergedSizes, parseSizes, percentile, sizeFlag, sizeLabel, wholeArg, writeResult } from './common.ts';
import { generateStore, type GeneratedStore } from './generate.ts';

export interface QueryFigure {
  name: string;
  params: Params;
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  /** Rows the query returned. */
  resultRows: number;
  /** Rows and bytes read from all tables during one run. */
  readRows: number;
  readBytes: number;
  /** The same query as the site's build calls it: the heaviest of its calls (siteCallsOf, heaviestCall). */
  site?: Omit<QueryFigure, 'name' | 'site'> & Partial<SiteCalls>;
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

/** How many calls of a query the site's build makes, and which of them was measured. */
export interface SiteCalls {
  /** Its calls in one build. */
  calls: number;
  /** The result key (collector/snapshot/manifest.ts keys) of the call measured: the one that read the most rows. */
  key: string;
}

async function counters(store: Store): Promise<Counters> {
  const rows = await store.rows<{ event: string; value: number }>("SELECT event, value FROM system.events WHERE event IN ('SelectedRows', 'SelectedBytes')");
  const of = (e: string) => Number(rows.find((r) => r.event === e)?.value ?? 0);
  return { rows: of('SelectedRows'), bytes: of('SelectedBytes') };
}

/** How a run takes a query's rows; it returns how many there were. */
type Reader = (store: Store, name: string, params: Params) => Promise<number>;

/** As objects (store.query): what `openpulse query`, the reports and the example calls get. */
const asObjects: Reader = async (store, name, params) => (await store.query(name, params)).length;

/** As the site's build takes them: written by the snapshot's own writer (writeResults) into a rows file under `dir`, never made objects. */
function intoRowsFile(dir: string): Reader {
  return async (store, name, params) => (await writeResults(store, [{ key: name, query: name, params }], dir))[name]!.rowCount;
}

/** One named query with one set of parameters: a warm-up run, then `repeat` timed runs; the rows read are the first timed run's. */
async function measureCall(store: Store, name: string, params: Params, repeat: number, overhead: Counters, take: Reader = asObjects): Promise<QueryFigure> {
  // Warm-up: the first run also parses the views and loads marks; later runs are the steady state.
  await take(store, name, params);
  const times: number[] = [];
  let resultRows = 0;
  let read = { rows: 0, bytes: 0 };
  for (let r = 0; r < repeat; r++) {
    const c0 = r === 0 ? await counters(store) : undefined;
    const t = performance.now();
    resultRows = await take(store, name, params);
    times.push(performance.now() - t);
    if (c0) {
      const c1 = await counters(store);
      read = { rows: c1.rows - c0.rows - overhead.rows, bytes: c1.bytes - c0.bytes - overhead.bytes };
    }
  }
  return { name, params, runs: repeat, medianMs: percentile(times, 50), p95Ms: percentile(times, 95), minMs: Math.min(...times), resultRows, readRows: read.rows, readBytes: read.bytes };
}

/**
 * Runs every named query on an open store; `log` gets one line per query. With `siteCalls`
 * (every call the site's build makes, per query name), a query the site calls is also measured
 * as its heaviest call (QueryFigure.site), as the build makes it: its rows written into a rows
 * file under `rowsDir` by the snapshot's writer.
 */
export async function measureQueries(
  store: Store,
  options: { repeat: number; family: string; siteCalls?: Map<string, SiteCall[]>; rowsDir?: string; log?: (line: string) => void },
): Promise<QueryFigure[]> {
  const before = await counters(store);
  const after = await counters(store);
  // What reading the counters itself adds to them.
  const overhead = { rows: after.rows - before.rows, bytes: after.bytes - before.bytes };
  const out: QueryFigure[] = [];
  for (const query of namedQueries().values()) {
    const params = exampleParams(query, options.family);
    const figure = await measureCall(store, query.name, params, options.repeat, overhead);
    const calls = options.siteCalls?.get(query.name) ?? [];
    if (calls.length > 0) {
      const heaviest = await heaviestCall(store, query.name, calls, overhead);
      const asBuilt = options.rowsDir ? intoRowsFile(options.rowsDir) : asObjects;
      const { name: _name, ...measured } = await measureCall(store, query.name, heaviest.params, options.repeat, overhead, asBuilt);
      figure.site = { ...measured, calls: calls.length, key: heaviest.key };
    }
    const line = (f: Omit<QueryFigure, 'name'>) => `median ${f.medianMs.toFixed(0)} ms, p95 ${f.p95Ms.toFixed(0)} ms, read ${int(f.readRows)} rows, ${f.resultRows} result rows`;
    options.log?.(`  ${query.name}: ${line(figure)}${figure.site ? `; its heaviest of ${figure.site.calls} site calls (${figure.site.key}): ${line(figure.site)}` : ''}`);
    out.push(figure);
  }
  return out;
}

/** A call the site's build makes: its result key and parameters. */
export interface SiteCall {
  key: string;
  params: Params;
}

/** Every call of each named query the site's build makes as of `now` (every metric's, window's and family's). */
export function siteCallsOf(catalog: Catalog, now: Date): Map<string, SiteCall[]> {
  const calls = new Map<string, SiteCall[]>();
  for (const request of siteQueries(catalog, now)) {
    const list = calls.get(request.query) ?? [];
    list.push({ key: request.key, params: request.params ?? {} });
    calls.set(request.query, list);
  }
  return calls;
}

/**
 * The call of a query that reads the most rows (the slowest where two read as many), each run once:
 * a query the site calls per metric or per family is measured where it is heaviest (four years of
 * Hugging Face downloads, the largest family), not where the list of calls happens to begin.
 */
export async function heaviestCall(store: Store, name: string, calls: SiteCall[], overhead: Counters): Promise<SiteCall> {
  let best: { call: SiteCall; rows: number; ms: number } | undefined;
  for (const call of calls) {
    const c0 = await counters(store);
    const t = performance.now();
    await store.query(name, call.params);
    const ms = performance.now() - t;
    const c1 = await counters(store);
    const rows = c1.rows - c0.rows - overhead.rows;
    if (!best || rows > best.rows || (rows === best.rows && ms > best.ms)) best = { call, rows, ms };
  }
  return best!.call;
}

async function measureSize(facts: number, options: { repeat: number; families: number; keep: boolean; log: (line: string) => void }): Promise<SizeFigure> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `openpulse-bench-queries-${sizeLabel(facts).replace(/\W+/g, '')}-`));
  try {
    const generated = await generateStore({ facts, dataDir, families: options.families, log: options.log });
    const store = await openStore(loadConfig({ env: {}, flags: { dataDir } }), { job: 'bench' });
    let queries: QueryFigure[];
    try {
      options.log(`queries: ${namedQueries().size} named queries, ${options.repeat} runs each after a warm-up, on ${sizeLabel(facts)} facts`);
      // the site as built the day after the store's last day, so its windows (a year, 90 days) hold data
      const siteCalls = siteCallsOf(await loadCatalog(generated.catalogFile), new Date(Date.parse(`${generated.lastDay}T00:00:00Z`) + 86_400_000));
      queries = await measureQueries(store, { repeat: options.repeat, family: 'gen-001', siteCalls, rowsDir: path.join(dataDir, 'site-rows'), log: options.log });
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
    'Generated stores (bench/generate.ts): the facts are inserted by the engine (`INSERT … SELECT FROM numbers_mt`; the store writes their day rows, `subject_days`, the week rows made from those, `subject_weeks`, and leaderboard rows, `leaderboard_entries`, in the same inserts), then every table is merged (`OPTIMIZE … FINAL`) and, since 2026-12-07 15:20, the newest day\'s facts are written after the merge in an insert of their own, as a day\'s collection writes them ("merge" says how many; before, every fact was merged, and a read through FINAL that a second part makes slow did not show: `family_metrics`, 0.2 s a family on the merged 50 M store, took 1.0 s once one more week was written). "On disk" and "bytes a fact" are the facts\' table; the derived rows are counted apart.',
    '',
    '| facts | families | subjects (catalog / with facts) | series | days | insert | facts/s | merge | on disk | bytes a fact | day rows (subject_days) | week rows (subject_weeks) | leaderboard rows (leaderboard_entries) | run |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...sizes.map((s) => {
      const derived = (d: { rows: number; bytesOnDisk: number } | undefined) => (d ? `${int(d.rows)}, ${(d.bytesOnDisk / 2 ** 20).toFixed(1)} MiB` : '–');
      return `| ${sizeLabel(s.facts)} | ${s.store.families} | ${int(s.store.catalogSubjects)} / ${int(s.store.storeSubjects)} | ${int(s.store.series)} | ${int(s.store.days)} (${s.store.firstDay}..${s.store.lastDay}) | ${s.store.insertSeconds.toFixed(1)} s | ${int((s.facts - (s.store.newestDayApart ?? 0)) / s.store.insertSeconds)} | ${s.store.mergeSeconds.toFixed(1)} s${s.store.newestDayApart ? `, then ${int(s.store.newestDayApart)} facts apart` : ''} | ${(s.store.disk.compressedBytes / 2 ** 20).toFixed(1)} MiB | ${s.store.disk.bytesPerFact.toFixed(2)} | ${derived(s.store.disk.dayRows)} | ${derived(s.store.disk.weekRows)} | ${derived(s.store.disk.leaderboardRows)} | ${s.date.slice(0, 10)} |`;
    }),
    '',
    `Every named query with the example parameters bench/store.ts uses (the first value of an enum, family \`gen-001\`, defaults otherwise): median and p95 of ${[...new Set(sizes.map((s) => s.queries[0]?.runs))].join(' / ')} runs after a warm-up run, and the rows ClickHouse read in one run (system.events SelectedRows, every table and every read of it) as a multiple of the facts in the store. That count includes each read of a materialized CTE's temporary table (\`headline_figures\` reads its span of subjects' daily values twice more that way) and the day, week, newest-value and leaderboard rows (\`subject_days\`, \`subject_weeks\`, \`subject_latest\`, \`leaderboard_entries\`) the views read instead of the facts, so it is not only facts. A median is from the query to the rows as objects in Node.`,
    '',
    'What each change did, measured against the runs before it:',
    '',
    `- 2026-12-03 15:00: the family-level views read day rows (\`subject_days\`, migration 007) instead of regrouping the facts on every query (runs before: 50 M facts, sum of medians 22.4 s, \`headline_figures\` 3.55 s reading 110 M rows, \`headline_answer\` 5.20 s, \`top_movers\` 632 ms, \`open_share\` 302 ms).`,
    `- 2026-12-03 17:30: the leaderboard queries read one row per publication and model (\`leaderboard_entries\`, migration 008) (15:09 run: \`leaderboard_gap_months\` 1.12 s reading 26.9 M rows, \`leaderboard_family_best\` 971 ms, \`leaderboard_best_open_closed\` 893 ms, \`leaderboard_top_models\` 708 ms, sum of medians 12.7 s).`,
    `- 2026-12-03 18:30: the store reads a query's rows as compact JSON (column names once), which halves the time from query to objects for large results (17:26 run: \`family_chart_facts\` 1.09 s, \`leaderboard_family_best\` 941 ms, sum 9.4 s).`,
    `- 2026-12-03 20:30: \`subject_daily_classed\` gives each row its class with one lookup of a 64-bit key and keeps a scope by one bit (\`scope_bits\`), and \`headline_answer\` counts a week's days as bits (18:30 run: \`headline_figures\` 540 ms, \`headline_answer\` 1.01 s).`,
    `- 2026-12-03 22:00: the store makes rows into objects from one array per column (JSONColumnsWithMetadata) rather than one per row, and \`data_freshness\` reads the facts per source as the store counted them after its last write (\`source_facts\`, migration 009) while the facts' table is unchanged since (20:36 run: \`data_freshness\` 397 ms reading 50.0 M rows, \`metric_by_family\` 587 ms, \`leaderboard_family_best\` 585 ms).`,
    `- 2026-12-04 04:55: a day row keeps the two keys its class is looked up by (migration 010) instead of hashing its strings on every read, \`headline_figures\` reads only the metrics that have an open share, and \`leaderboard_models\` finds a leaderboard table's dates from a projection (migration 011) instead of reading every leaderboard row on every read (2026-12-03 22:14 run: \`headline_figures\` 406 ms reading 9.3 M rows, \`headline_answer\` 670 ms, \`leaderboard_gap_months\` 122 ms reading 4.3 M rows).`,
    `- 2026-12-04 09:30: \`headline_answer\` reads a subject's week as one row (\`subject_weeks\`, migration 012) instead of its seven day rows (2026-12-04 05:08 run: 495 ms reading 10.7 M rows, 21.5% of the facts).`,
    `- 2026-12-04 13:45: \`headline_answer\` runs with ClickHouse's \`optimize_and_compare_chain\` off (it hashed a subquery of many aggregates for every AND over its columns and added nothing), reads its week once, joined, instead of in a scalar subquery per use, and takes each of a signal's sums once (2026-12-04 09:14 run: 508 ms).`,
    `- 2026-12-04 17:50: a day or week row of a metric with a counting rule (projects, stars, downloads) is looked up among the counted subjects by its metric and stored 64-bit key (class_key) instead of three strings (2026-12-04 14:09 run: \`top_movers\` 286 ms, \`project_counts_by_family\` 314 ms, \`open_share\` 162 ms; old and new views in turn on one 50 M store, nine runs each, rounds 2–4 of 4 (the first was warming up): seven family-level queries\' medians within −35…+4 ms, for example \`project_counts_by_family\` 193–207 → 173–179 ms).`,
    `- 2026-12-04 23:00: \`site_compare_series\` also says on which days a family's series starts or stops (the Compare page marks them as breaks), from each subject's first and last day in the window, besides summing \`family_daily\` (2026-12-04 18:36 run: 441 ms; the same column of values).`,
    `- 2026-12-04 23:40: the classes every family-level query looks up are kept as one row (\`class_cache\`, migration 013) instead of being made again by each query (current and previous views in turn on one 50 M store, 9 rounds each: \`open_share\` 203 → 170 ms, \`series_breaks\` 140 → 116 ms, \`headline_answer\` 415 → 361 ms).`,
    `- 2026-12-05 07:30: \`project_counts_by_family\` also says how many searches it adds each day and the days one joins or leaves the sum (\`starts\`, \`stops\`, from the view \`family_breaks\` that \`site_compare_series\` reads too): three more columns and a second read of the day rows (50 M facts, previous and current SQL in turn, 9 runs each: the engine alone 237 → 307 ms, to rows in Node 402 → 585 ms).`,
    `- 2026-12-05 12:50: a held count's series that begins at zero covers a window that opens earlier (\`held_metrics\`: each window query reads a subject's first day and its value then, \`min((day, value))\`, where it read the first day alone), and routed tokens take no coverage rule (\`whole_day_metrics\`) (50 M facts, previous and current views in turn, three rounds of 7 runs, medians: \`metric_by_family\` of stars 503 → 521 ms, \`series_breaks\` 201 → 238 ms, \`headline_answer\` 357 → 381 ms, \`headline_figures\` 136 → 168 ms).`,
    `- 2026-12-05 15:00: \`subject_window\` groups a subject's days to one row before its window functions run and spreads them again with ARRAY JOIN, so the windows sort thousands of rows rather than every day row of the window (previous and current views in turn on one 50 M store, 5 rounds, as the site calls them, the same rows: \`metric_by_family\` of stars 714 → 436 ms, of projects 378 → 338 ms, \`series_breaks\` of stars 375 → 204 ms, \`open_share\` of tokens 260 → 193 ms; \`metric_by_openness\` 151 → 161 ms, and \`top_movers\` and \`growth_by_family\` within ±10%).`,
    `- Not a change: queries the 15:00 change did not touch took longer in the 2026-12-05 15:17 run than in the 13:14 run (\`project_counts_by_family\` as the site calls it 350 → 573 ms, \`leaderboard_family_best\` 444 → 612 ms): the machine, not the SQL.`,
    `- 2026-12-06 02:15: \`family_subjects_latest\` reads the newest-value rows (\`subject_latest\`, migration 014: one row per family, subject and metric, written with the facts) instead of every fact of the family's history (2026-12-05 15:17 run: 63 ms reading 729 k rows at 50 M facts; on a copy of its 50 M store, old and new SQL on every family in turn, 52–67 → 6–8 ms a family, the same 13,700 rows).`,
    `- 2026-12-06 03:55: \`site_compare_series\` and \`project_counts_by_family\` sum a family's week rows day by day (\`family_days\`) and \`family_breaks\` finds each subject's first and last day from its week rows, instead of reading every day row twice (50 M facts, old and new SQL in turn, the engine alone, 7 rounds: \`site_compare_series\` of Hugging Face downloads 1.24 s reading 8.3 M rows → 0.44 s reading 1.2 M, of projects 303 → 243 ms, \`project_counts_by_family\` 306 → 222 ms reading 844 k → 140 k rows; a window of one week costs 20–30 ms more, most of it planning).`,
    `- 2026-12-06 06:40: \`family_span\` (read by \`growth_by_family\`, \`growth_by_openness\` and \`top_movers\`) finds each family side's first and last covered value from each subject's first and last day and value in its week rows, instead of summing every day of \`family_window\`, and \`family_days\` reads the classed week rows (50 M facts, old and new SQL in turn, 7 runs, the engine alone: \`growth_by_family\` of Hugging Face downloads over 365 days 472 → 167 ms, \`top_movers\` of derivatives 174 → 109 ms, windows of a week or a month 10–17 ms more; 9 runs: \`site_compare_series\` of Hugging Face downloads 334 → 354 ms, \`project_counts_by_family\` 191 → 212 ms).`,
    `- Not a change: in the 2026-12-06 06:54 run, queries the 06:40 change did not touch took longer than in the 04:08 run (\`metric_by_family\` of derivatives 638 → 796 ms, \`leaderboard_best_open_closed\` 170 → 238 ms): the machine.`,
    `- 2026-12-06 11:05: \`family_window\` and \`metric_by_family\` add the covering subjects a week at a time: \`subject_span\` keeps each subject's week rows, and the sums add a week row's seven values at once (\`sumForEach\`) instead of reading and grouping every day row of the window (the 10:10 run: as the site calls them, \`metric_by_family\` of derivatives 639 ms, \`metric_by_openness\` 491 ms and \`open_share\` 479 ms, each reading 967 k rows, \`metric_by_region\` 255 ms; the 11:09 run: 391, 225, 246 and 179 ms, reading 148 k rows; 21 of the 28 site queries under 200 ms).`,
    `- 2026-12-06 11:15: \`subject_span\` groups on a family's subjects and their class alone and takes the family's name, openness, region and order (one per family) (the engine alone, old and new view in turn, 9 runs: \`metric_by_openness\` of derivatives 220 → 191 ms). In the 11:22 run queries neither change touched took longer than in the 11:09 run (\`growth_by_family\` 156 → 226 ms, \`headline_answer\` 408 → 456 ms, \`leaderboard_family_best\` 402 → 545 ms): the machine; 20 of the 28 under 200 ms there.`,
    `- 2026-12-06 11:40: each query the site calls is measured as the build runs it, its rows written into a file as the snapshot writes them, no longer made objects (the 11:22 run: \`metric_by_family\` of derivatives 422 ms, \`project_counts_by_family\` 404 ms, \`leaderboard_family_best\` 545 ms; the 11:38 run: 298, 333 and 408 ms). In three runs since 11:05, 20 or 21 of the 28 answer under 200 ms; \`metric_by_openness\`, \`open_share\` and \`metric_by_region\` took 165–246 ms and are on either side of it from run to run.`,
    `- 2026-12-06 12:05: \`subject_span\` and \`family_breaks\` take a subject's first and last (day, value) by \`argMin\` and \`argMax\` over its weeks, where they took the smallest and largest tuple (the engine alone, old and new view in turn, 11 runs: \`subject_span\` of four years of derivatives 134 → 112 ms, \`family_breaks\` of Hugging Face downloads 132 → 113 ms). The 12:10 run, against the 11:38 run: \`metric_by_openness\` 204 → 189 ms, \`open_share\` 246 → 161 ms, \`metric_by_region\` 206 → 144 ms, \`metric_by_family\` 298 → 264 ms, \`site_compare_series\` 586 → 431 ms, \`project_counts_by_family\` 333 → 297 ms; 23 of the 28 under 200 ms.`,
    `- Not a change: every size run again at 14:00–14:15 with the code of the 12:10 run (no query or view changed since). At 50 M facts 19 of the 28 answer under 200 ms as the site calls them, where the 12:10 run had 23 (\`site_compare_series\` 431 → 597 ms, \`headline_figures\` 157 → 244 ms, \`metric_by_openness\` 189 → 250 ms); the same calls timed outside the benchmark at 14:10, the engine alone, were slower than at 12:10 by as much (\`open_share\` of derivatives 224 against 161 ms): the machine. At 20 M, two runs (14:04, 14:09): 20 and 21; at 5 M: 25; at 1 M: 27.`,
    `- 2026-12-06 15:20: \`leaderboard_best_open_closed\` takes both sides' best in one pass over a publication's models (\`-If\` aggregates), where it grouped each side apart and joined the two, reading the view twice (the engine alone, old and new SQL in turn, 7 runs: 157 → 90 ms, the same 1,489 rows; as the site calls it, 226 ms reading 564 k rows in the 14:15 run, 104 ms reading 282 k in the 15:31 run). Only 50 M facts was run again: 22 of the 28 under 200 ms; over it \`metric_by_openness\` 204 ms, \`project_counts_by_family\` 260 ms, \`metric_by_family\` 284 ms, \`leaderboard_family_best\` 324 ms, \`site_compare_series\` 410 ms and \`headline_answer\` 448 ms.`,
    `- 2026-12-06 15:45: \`metric_by_openness\`, \`open_share\` and \`metric_by_region\` add the families' week rows (\`family_window_weeks\`: a family side's seven sums a week) and spread the days after, where they added \`family_window\`'s day rows (the engine alone, old and new SQL in turn, 5 runs, the same rows: \`metric_by_openness\` of derivatives 224 → 181 ms, \`open_share\` of projects 174 → 123 ms and of derivatives 225 → 183 ms, \`metric_by_region\` of projects 207 → 124 ms). The 15:55 run (50 M only) against the 15:31 run, as the site calls them: \`metric_by_openness\` 204 → 160 ms, \`metric_by_region\` 167 → 116 ms, \`open_share\` 174 → 197 ms, while queries the change did not touch took longer (\`leaderboard_family_best\` 324 → 385 ms, \`project_counts_by_family\` 260 → 322 ms): the machine. 23 of the 28 under 200 ms.`,
    `- 2026-12-06 18:00: four of the queries that return one row per family and day (136,988 rows) sort fewer strings: \`leaderboard_family_best\` returns its family as a String rather than the stored LowCardinality (the engine alone, old and new SQL in turn, 9 runs: 251 → 184 ms), and \`metric_by_family\`, \`project_counts_by_family\` and \`site_compare_series\` carry the family's place in the class arrays through the sort and read its id, name and openness after (\`project_counts_by_family\` 217 → 166 ms, \`site_compare_series\` of Hugging Face downloads 350 → 287 ms, of projects 241 → 184 ms; \`metric_by_family\` of derivatives as the site calls it, 11 runs twice: 373 → 331 and 430 → 406 ms); \`family_breaks\` reads a week row's values only for a held count (\`site_compare_series\` of Hugging Face downloads 271 → 242 ms); every result the same, row for row. The build no longer runs \`open_share\` for derivatives, which have no open share (no row; 197 ms in the 15:55 run). The 18:08 run (50 M only) against the 15:55 run: \`leaderboard_family_best\` 385 → 317 ms, \`site_compare_series\` 422 → 360 ms, \`project_counts_by_family\` 322 → 303 ms, \`headline_answer\` 456 → 403 ms, while queries no change touched took longer (\`metric_by_region\` 116 → 166 ms, \`metric_by_openness\` 160 → 203 ms) and so did \`metric_by_family\` (248 → 317 ms): the machine. 22 of the 28 under 200 ms.`,
    `- 2026-12-06 18:40: \`subject_daily\` and \`subject_weekly\` look a row up among the counted (metric, class_key) pairs as one 64-bit key (\`counted_keys.pair_key\`), a set of numbers rather than of tuples, which every row of every metric went through (four years of Hugging Face downloads' week rows, 1.2 M: 81 → 56 ms; old and new views in turn, 7 rounds, the same rows: \`site_compare_series\` of Hugging Face downloads 372 → 326 ms, \`headline_figures\` 260 → 223 ms). The 18:43 run (50 M only), the machine about as fast as at 15:55 (\`metric_by_region\` 116 → 124 ms), against the 15:55 run: \`leaderboard_family_best\` 385 → 304 ms, \`project_counts_by_family\` 322 → 247 ms, \`site_compare_series\` 422 → 322 ms, \`headline_answer\` 456 → 397 ms, \`metric_by_family\` 248 → 267 ms; 23 of the 28 under 200 ms.`,
    `- 2026-12-06 20:20: the store hands on a result's bytes as the engine gives them (\`chunkBytes\`), where it copied each chunk before a file kept it: chDB's result is already memory JavaScript owns (as the build calls them at 50 M facts, the previous code and this in turn, three rounds of 5: \`project_counts_by_family\` 404/383/373 → 275/285/256 ms, \`leaderboard_family_best\` 652/527/507 → 435/463/340 ms, \`site_compare_series\` of Hugging Face downloads 490/476/383 → 408/386/409 ms). The 20:30 run (50 M only) against the 18:43 run, the machine slower: queries no change touched took longer (\`headline_answer\` 397 → 466 ms, \`growth_by_family\` 142 → 183 ms, \`series_breaks\` 111 → 158 ms; the views of the 18:43 run and today's in turn on one store, 7 rounds, gave the same times within 15 ms), and \`metric_by_family\` 267 → 222 ms, \`project_counts_by_family\` 247 → 343 ms, \`leaderboard_family_best\` 304 → 348 ms, \`site_compare_series\` 322 → 416 ms; 23 of the 28 under 200 ms.`,
    `- Not a change (2026-12-06 22:30): what the five over 200 ms would need, measured on the 50 M store (medians, in turn). (1) The rows alone: each of the four results of 136,988 rows, copied into a table of its own and read back whole in the build's format (the engine's compact JSON, to Node), takes 40–91 ms (\`metric_by_family\` of derivatives 40, \`project_counts_by_family\` 48, \`leaderboard_family_best\` 57, \`site_compare_series\` of Hugging Face downloads 91), and made objects (\`openpulse query\`'s path) 132–199 ms: as objects these results are at the bound by their size alone, and as the build takes them a precomputed result would leave 110–160 ms for the rest. (2) Of \`project_counts_by_family\`'s engine time (181 ms, its output dropped), summing the families' weeks (\`family_days\`) is 81 ms, 49 ms of it for the same view over one week (planning), and finding where series start and stop (\`family_breaks\`) 72 ms: a table of each family's weekly sums would save at most the other 30–35 ms (of Hugging Face downloads' 144 ms, about 95), not enough by itself. (3) One point a week before the last year, as a family's charts already draw (\`FAMILY_DAILY_DAYS\`), tried as SQL and not kept: 48,208 rows instead of 136,988, and, the engine and the rows to Node, 11 runs in turn, \`project_counts_by_family\` 231 → 157 ms, \`site_compare_series\` of Hugging Face downloads 410 → 257 ms (over still, without the weekly table too). It would change the public downloads and the Compare page, whose aligned view reads the days after each family's first release: a decision for the product's owner, not made here. (4) \`headline_answer\`, the engine alone, 9 runs in turn: 414 ms over its three years, 327 ms over one week, and 327 ms over a week before the first fact: four fifths of its time do not depend on the data (ClickHouse's ProfileEvents, read earlier that day: 110–140 ms analysing its views, 100–135 ms optimizing the plan); under 200 ms needs its figures per publication and signal kept precomputed, which was not started.`,
    `- 2026-12-07 15:20: the generated store ends as a store in use does, with the newest day written after the merge (bench/generate.ts), and only 50 M facts was run again; the other sizes are still of stores merged whole. On a copy of the merged 50 M store with one more week imported after it (\`openpulse import facts\`, 95,900 facts: one part more), the site's 441 calls took 179 s against 27 s, the 184 calls of \`family_metrics\` and \`family_chart_facts\` 161 s against 14 s: read FINAL by the skip index on family, the engine also read whatever the other part held of each kept granule's key range, every fact of the window (15.9 M rows a family against 0.75 M). They now find the family's subjects first and read its facts by subject, the table's key (every family the same rows, old and new SQL; 146 → 18 s on that copy, unchanged on the merged store). The 15:23 run, against the 20:30 run on the merged store: the two at their heaviest call 140 and 79 ms (116 and 65 ms merged), 17 of the 28 under 200 ms (23 merged); the week and day rows' reads through FINAL slowed too, as the newest day's part of \`subject_weeks\` has granules that span every metric and so overlaps each metric's whole range (\`site_compare_series\` of Hugging Face downloads 416 → 966 ms, \`headline_answer\` 466 → 804 ms, \`metric_by_openness\` 187 → 361 ms; one FINAL read of four years of Hugging Face downloads' week rows 14 → 69 ms). Not a change, measured for the next one on that copy: the same week rows in a table partitioned by metric (\`PARTITION BY metric\`, the partition key in the sorting key, so FINAL merges within each metric only) read in 13 ms, as merged; with 1,024-row granules instead, 57 ms (made at 16:00: the next entry).`,
    `- 2026-12-07 16:00: the day and week rows are partitioned by metric (migration 015; 30 s on the merged 50 M store), so the newest day's part overlaps only the end of each metric's rows. The 16:02 run (50 M only, the newest day apart) against the 15:23 run: 23 of the 28 under 200 ms (17 before), \`site_compare_series\` of Hugging Face downloads 966 → 314 ms, \`headline_answer\` 804 → 405 ms, \`metric_by_openness\` 361 → 236 ms, \`project_counts_by_family\` 326 → 181 ms, \`metric_by_family\` 325 → 317 ms, \`leaderboard_family_best\` 381 → 299 ms; over 200 ms still \`metric_by_openness\`, \`leaderboard_family_best\`, \`site_compare_series\`, \`metric_by_family\` and \`headline_answer\`. The migration was taken back at 16:40, when \`openpulse repair\`'s merge of the derived rows, one OPTIMIZE … FINAL a table, was found to stop without an error at the first partition it could not merge, and landed again at 17:30 with a merge partition by partition that says which it could not merge; the queries and their SQL are those of the 16:02 run.`,
    `- 2026-12-07 18:06: every size run again on the code of 17:30, each generated store with its newest day written after the merge and its day and week rows partitioned by metric, so the four columns are alike again (until then only 50 M had both). As the site's build calls them, under 200 ms: 27 of the 28 at 1 M (\`headline_answer\` 256 ms), 26 at 5 M, 22 at 20 M and 22 at 50 M. At 50 M, over it: \`metric_by_openness\` 201 ms, \`project_counts_by_family\` 268 ms, \`leaderboard_family_best\` 276 ms, \`metric_by_family\` 289 ms, \`site_compare_series\` 328 ms and \`headline_answer\` 386 ms (the 16:02 run: 236, 181, 299, 317, 314 and 405 ms); every query reads at most 4.2% of the rows (\`headline_figures\`).`,
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
  // The queries the site's build calls, each measured as its heaviest call, where a run did.
  const withSite = sizes.filter((s) => s.queries.some((q) => q.site));
  if (withSite.length > 0) {
    const siteNames = [...new Set(withSite.flatMap((s) => s.queries.filter((q) => q.site).map((q) => q.name)))].sort();
    const shown = (p: Params) => Object.entries(p).filter(([k]) => k !== 'family').map(([k, v]) => `${k}=${String(v)}`).join(', ');
    // the call measured at the largest size; a run from before calls were chosen by weight names its parameters
    const callOf = (name: string) => {
      const site = [...withSite].reverse().flatMap((s) => s.queries).find((q) => q.name === name && q.site)!.site!;
      return site.key ? `${site.key} (heaviest of ${site.calls})` : shown(site.params);
    };
    lines.push(
      '',
      "The same queries as the site's build calls them (collector/snapshot/manifest.ts `siteQueries`, built the day after the store's last day): of each query's calls (per metric, window and family), the one that read the most rows in one run of each, then measured as the build runs it: its rows written into a file as the snapshot writes them (the engine's JSONCompactEachRowWithNames bytes, never made objects), median, p95, rows read, and the rows returned. Runs before 2026-12-06 11:45 made the rows objects instead (store.query, as `openpulse query` does), which the build never does (at 50 M facts, for three of the results of 137,000 rows, 42–63 ms of 354–427 ms). The call named is the one measured at the largest size. Runs before 2026-12-06 04:00 measured each query's first call instead (family `gen-001`, the first metric: projects), which hid its heaviest: `site_compare_series` of Hugging Face downloads read 8.3 M rows at 50 M facts (17%) and took 1.36 s, where its first call read 0.8 M.",
      '',
      `| query | the call | ${withSite.map((s) => `${sizeLabel(s.facts)}: median | p95 | rows read | result rows`).join(' | ')} |`,
      `| --- | --- | ${withSite.map(() => '---: | ---: | ---: | ---:').join(' | ')} |`,
    );
    for (const name of siteNames) {
      const cells = withSite.map((s) => {
        const q = s.queries.find((x) => x.name === name)?.site;
        return q ? `${ms(q.medianMs)} | ${ms(q.p95Ms)} | ${rowsShort(q.readRows)} (${(q.readRows / s.facts).toFixed(2)}×) | ${int(q.resultRows)}` : '– | – | – | –';
      });
      lines.push(`| ${name} | ${callOf(name)} | ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

if (isMain(import.meta)) {
  const values = benchArgs(import.meta, {
    sizes: { type: 'string', default: '5e6' },
    repeat: { type: 'string', default: '5' },
    families: { type: 'string', default: '92' },
    keep: { type: 'boolean', default: false },
  });
  const sizes = parseSizes(values.sizes);
  const repeat = wholeArg(values.repeat, '--repeat');
  const families = wholeArg(values.families, '--families');
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const measured: SizeFigure[] = [];
  for (const facts of sizes) measured.push(await measureSize(facts, { repeat, families, keep: values.keep, log }));
  const figures: QueriesFigures = { repeat, sizes: await mergedSizes('queries', measured) };
  const file = await writeResult({
    name: 'queries',
    title: 'Named queries by store size',
    command: `node bench/queries.ts --sizes ${figures.sizes.map((s) => sizeFlag(s.facts)).join(',')} --repeat ${repeat}`,
    figures,
    markdown: queriesMarkdown(figures),
  });
  log(`queries: written to ${path.relative(process.cwd(), file)}`);
}
