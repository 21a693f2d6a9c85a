// Site build on generated stores (not a test): `openpulse build` on a store of N facts
// (bench/generate.ts: ~2,000 subjects, one fact a day back from its last day), in its own
// process under GNU time, for its wall time and peak resident memory (the larger of the
// build process and its Astro child), split into the site's queries (the snapshot) and
// Astro; then the snapshot's size, the built site's files and bytes, and its upload as the
// scheduled workflow publishes it (GNU tar of the site, deflated at level 6 as upload-artifact
// zips it), next to the build's own estimate of it where it makes one (past 1 GB). The issue's
// bound: the build's time and memory follow the number of pages, not the facts.
// With --command main: `openpulse main` (npm start) on the same store instead, every upstream at a
// closed local port (its collection reaches none, as offline, and stores nothing), so the row is
// the store's part and the build as npm start runs them, its processes together.
// Writes bench/results/build.json (rows not measured now are kept).
//   node bench/build.ts [--sizes 1e6,5e6] [--families 92] [--command build|main]

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDeflateRaw } from 'node:zlib';
import { ENVIRONMENT, EXECUTABLE, loadConfig } from '../collector/config.ts';
import { isoDay } from '../collector/days.ts';
import { ARTIFACT_DEFLATE_LEVEL, estimateArtifact, folderSize, PAGES_LIMIT_BYTES } from '../collector/snapshot/site-size.ts';
import { benchArgs, int, isMain, mib, parseSizes, previousSizes, refuseArgs, runChild, sizeFlag, sizeLabel, wholeArg, writeResult } from './common.ts';
import { generateStore, LAST_DAY } from './generate.ts';

/** What a row ran: `openpulse build`, or `openpulse main` (npm start) with every upstream unreachable. */
export type BuildCommandName = 'build' | 'main';

export interface BuildSize {
  facts: number;
  families: number;
  /** Absent in rows of `openpulse build` measured before main was. */
  command?: BuildCommandName;
  days: number;
  date: string;
  seconds: number;
  /** The site's named queries into the snapshot folder (the build's own log: everything before Astro). */
  querySeconds: number;
  astroSeconds: number;
  /** The peak of the one process that held the most (GNU time): the queries' process or Astro's. */
  peakRssBytes: number | null;
  /** The most the build's processes held at once (runChild's peakTreeRss); absent in runs before it was measured. */
  peakTreeRssBytes?: number | null;
  /** Peak memory of the process that ran the site's queries (the store; main's: its collection too), as it logs it. */
  queriesPeakRssBytes: number | null;
  /** The Astro child's JavaScript heap bound (OPENPULSE_BUILD_HEAP_MB); absent in runs before there was one. */
  astroHeapMb?: number;
  snapshotBytes: number;
  siteFiles: number;
  siteBytes: number;
  /** The site's upload: GNU tar of it, deflated at level 6; absent in runs before it was measured. */
  uploadBytes?: number;
  /** The build's own estimate of the upload (site-size.ts estimateArtifact), which it makes past 1 GB of site. */
  uploadEstimateBytes?: number;
}

/** GNU tar of a folder, deflated at level 6 (as upload-pages-artifact and upload-artifact make the Pages upload): its bytes. */
async function tarDeflatedBytes(dir: string): Promise<number> {
  const tar = spawn('tar', ['-cf', '-', '-C', dir, '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const deflate = createDeflateRaw({ level: ARTIFACT_DEFLATE_LEVEL });
  let bytes = 0;
  deflate.on('data', (chunk: Buffer) => (bytes += chunk.length));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const exited = new Promise<void>((resolve, reject) => {
    tar.on('error', reject);
    tar.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tar of ${dir} exited with ${code}`))));
  });
  tar.stdout.pipe(deflate);
  await Promise.all([done, exited]);
  return bytes;
}

export interface BuildFigures {
  sizes: BuildSize[];
}

/** Every upstream URL of the configuration (collector/config.ts ENVIRONMENT: each *_URL and *_ENDPOINT but the store's), pointed at a local port nothing listens on. */
async function unreachableUpstreams(): Promise<Record<string, string>> {
  const port = await new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
  const upstreams = Object.keys(ENVIRONMENT).filter((variable) => /_(URL|ENDPOINT)$/.test(variable) && variable !== 'CLICKHOUSE_URL');
  return Object.fromEntries(upstreams.map((variable) => [variable, `http://127.0.0.1:${port}/${variable.toLowerCase()}`]));
}

/** The row's command line and environment: `openpulse build`, or `openpulse main` with every upstream unreachable. */
async function commandLine(command: BuildCommandName, store: { dataDir: string; catalog: string; outDir: string }): Promise<{ argv: string[]; env: NodeJS.ProcessEnv }> {
  const env = { ...process.env, NO_COLOR: '1' };
  const place = ['--data-dir', store.dataDir, '--catalog', store.catalog];
  if (command === 'build') return { argv: [EXECUTABLE, 'build', ...place, '--out', store.outDir], env };
  return { argv: [EXECUTABLE, 'main', ...place], env: { ...env, ...(await unreachableUpstreams()), OPENPULSE_DIST_DIR: store.outDir } };
}

async function measureSize(facts: number, options: { families: number; command: BuildCommandName; log: (line: string) => void }): Promise<BuildSize> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'openpulse-bench-build-'));
  try {
    const dataDir = path.join(work, 'data');
    const generated = await generateStore({ facts, dataDir, families: options.families, log: options.log });
    const outDir = path.join(work, 'dist');
    options.log(`build: openpulse ${options.command} on ${sizeLabel(facts)} facts (${generated.families} families, ${generated.days} days)…`);
    // The build's windows (the past year, the past 30 days) count back from today; the generated facts end on LAST_DAY, days before it.
    if (isoDay(new Date()) < LAST_DAY) throw new Error(`the generated facts end on ${LAST_DAY}, after today: the site's windows would hold none of them`);
    const { argv, env } = await commandLine(options.command, { dataDir, catalog: generated.catalogFile, outDir });
    const run = await runChild(process.execPath, argv, { env });
    // main exits 0 with every source unreachable (it names them), 1 when a source failed or the build did
    if (run.code !== 0) throw new Error(`openpulse ${options.command} exited with ${run.code}:\n${run.stderr.split('\n').filter((l) => l && !/^\s/.test(l)).slice(-8).join('\n')}`);
    const astro = /site: built .* in ([\d.]+)s/.exec(run.stdout + run.stderr);
    const queriesPeak = /peak memory of (?:this process so far|the store's process) (\d+) MiB/.exec(run.stdout + run.stderr);
    const astroSeconds = astro ? Number(astro[1]) : Number.NaN;
    const snapshot = await folderSize(path.join(dataDir, 'site-data'));
    const site = await folderSize(outDir);
    const uploadBytes = await tarDeflatedBytes(outDir);
    // what the build estimated and logged, made again here from the same folder (the same bytes)
    const estimate = site.bytes > PAGES_LIMIT_BYTES ? (await estimateArtifact(outDir)).bytes : undefined;
    const figure: BuildSize = {
      facts,
      families: generated.families,
      command: options.command,
      days: generated.days,
      date: new Date().toISOString(),
      seconds: run.seconds,
      querySeconds: run.seconds - astroSeconds,
      astroSeconds,
      peakRssBytes: run.peakRss,
      peakTreeRssBytes: run.peakTreeRss,
      queriesPeakRssBytes: queriesPeak ? Number(queriesPeak[1]) * 2 ** 20 : null,
      astroHeapMb: loadConfig({ env }).buildHeapMb,
      snapshotBytes: snapshot.bytes,
      siteFiles: site.files,
      siteBytes: site.bytes,
      uploadBytes,
      ...(estimate === undefined ? {} : { uploadEstimateBytes: estimate }),
    };
    options.log(
      `${options.command}: ${sizeLabel(facts)} facts in ${figure.seconds.toFixed(0)} s (queries ${figure.querySeconds.toFixed(0)} s, Astro ${astroSeconds.toFixed(0)} s), peak ${run.peakTreeRss === null ? '–' : mib(run.peakTreeRss)} all its processes at once (the largest one ${run.peakRss === null ? '–' : mib(run.peakRss)}); snapshot ${mib(snapshot.bytes)}; site ${int(site.files)} files, ${mib(site.bytes)}, upload ${mib(uploadBytes)}${estimate === undefined ? '' : ` (the build's estimate ${mib(estimate)})`}`,
    );
    return figure;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** A row's command; rows measured before `main` was are `openpulse build`'s. */
const commandOf = (s: Pick<BuildSize, 'command'>): BuildCommandName => s.command ?? 'build';

/** `build`'s rows before `main`'s. */
const commandRank = (s: Pick<BuildSize, 'command'>) => Number(commandOf(s) === 'main');

/** The rows' order: by command, then size and catalog. */
const byRow = (a: BuildSize, b: BuildSize) => commandRank(a) - commandRank(b) || a.facts - b.facts || a.families - b.families;

/** The same row: one size, catalog and command. */
const sameRow = (a: BuildSize, b: BuildSize) => a.facts === b.facts && a.families === b.families && commandOf(a) === commandOf(b);

/** The commands that measure every row kept (each catalog size and command its own run): one per number of families and command. */
export function buildCommand(sizes: Pick<BuildSize, 'facts' | 'families' | 'command'>[]): string {
  const runs = new Map<string, { families: number; command: BuildCommandName; facts: number[] }>();
  for (const s of [...sizes].sort((a, b) => commandRank(a) - commandRank(b) || a.families - b.families || a.facts - b.facts)) {
    const key = `${s.families} ${commandOf(s)}`;
    const run = runs.get(key) ?? { families: s.families, command: commandOf(s), facts: [] };
    run.facts.push(s.facts);
    runs.set(key, run);
  }
  return [...runs.values()]
    .map((r) => `node bench/build.ts --sizes ${r.facts.map(sizeFlag).join(',')} --families ${r.families}${r.command === 'build' ? '' : ` --command ${r.command}`}`)
    .join('; ');
}

export function buildMarkdown(figures: BuildFigures): string {
  const sizes = [...figures.sizes].sort(byRow);
  return [
    '`openpulse build` on a generated store (bench/generate.ts), in its own process under GNU time: wall time, and peak resident memory two ways: all the build\'s processes at once (the sum of their resident memory, sampled every 100 ms: what the machine must have) and the one process that held the most (GNU time\'s figure; the only one before 2026-12-07). The build runs in three processes: the command\'s own, which loads no engine; the site\'s queries in a process of their own, which holds the embedded store and ends before Astro starts; and Astro\'s. "Queries" is everything before Astro starts: opening the store, the site\'s named queries into the snapshot folder, every result\'s CSV and JSON download written from their rows, and the five archived reports (265 named queries, about 20 s at every size, most of each one\'s time the engine planning its views; the downloads are written while they run and grow with the rows: 12.6 s at 50 M facts, 1 s at 100,000). "Astro" is the static build from that folder (the pages on one thread, the charts\' pictures on a second), then copying the downloads into the site. Snapshot: the folder the queries write; site: the built `dist/`, both languages; upload: the site as the scheduled workflow publishes it, GNU tar of it deflated at level 6 (what `deploy-pages` compares with 1 GiB; GitHub documents 1 GB as the most a published Pages site may be: deploy/README.md, \"Site size\"), and in parentheses the build\'s own estimate of it, which it makes past 1 GB of site. Astro\'s JavaScript heap is bounded (`OPENPULSE_BUILD_HEAP_MB`, default 896 MiB: pages 640, pictures 128), so what the pages hold at once is bounded; without a bound V8 grows into garbage it has not collected (5 M facts: 1.78 GiB). From 20 M facts on, the generated history (2,752 days at 20 M, 3,650 at 50 M) covers all that the site shows (from 2022-11-01, 1,495 days): from 20 M to 50 M the facts grow 2.5 times and the pages\' data hardly at all, so the build grows with the days the site shows, not with the facts. This machine\'s spread from run to run is wide: the 50 M store built again with the same code outside the benchmark took 138 to 148 s. Rows of `main` are `openpulse main` (`npm start`) on the same store with every upstream at a closed local port (`--command main`): its collection reaches none and stores nothing, so its "queries" are the collection\'s attempts (about 30 s of retries at every size) and the site\'s queries, in the store\'s process, and the rest is the same build.',
    '',
    'What each change did (in parentheses: the run before it, or the code before and after it in turn):',
    '',
    '- 2026-12-03 22:30: a second thread in the Astro child draws the charts\' pictures while the pages render (one thread: 50 M facts in 217 s, Astro 115 s).',
    '- 2026-12-04 16:00: 32 MiB young-generation semi-spaces for the pages\' thread (V8\'s default 16), day strings parsed once per build, downloads encoded 64 KiB at a time (50 M facts in 177 s, Astro 88 s).',
    '- 2026-12-04 20:30: the heap bound 896 MiB instead of 1024 (the 50 M store in turn: peak 1,449 MiB and Astro 75 s at 1024; 1,369 and 1,411 MiB, 75 and 78 s at 896; 1,308 MiB but 90 s at 768).',
    '- 2026-12-05 00:00: the classes every query looks up kept as one row (`class_cache`, migration 013); the Compare series say where a series starts or stops (100,000 facts in 71 s, queries 36 s; 50 M in 172 s, queries 89 s, 1,366 MiB).',
    '- 2026-12-05 17:15: a family chart\'s CSV and JSON written as its charts are first built; the downloads written while the reports\' queries run (100,000 facts in 57 s; 5 M in 115 s; 50 M in 156 s, queries 72 s, Astro 84 s).',
    '- 2026-12-05 22:00: rows for 20 M facts and a 100-family catalog (8,409 files against 7,777); a week of a count per day in a family chart is its days\' average.',
    '- 2026-12-06 00:40: a chart drawn at build time hands ECharts each line as one array of numbers (charts/plot.ts, packedLine), the same pictures byte for byte: Astro alone on the 50 M snapshot, in turn, 74 and 81 s → 65 and 64 s, peak 1,419–1,427 → 1,390–1,403 MiB (50 M facts in 159 s, Astro 87 s).',
    '- 2026-12-06 07:05: the span queries read each subject\'s first and last day from its week rows (`subject_span`), two to three times faster over a long window and 10–18 ms slower to plan a short one (about 3 s of a 100,000-fact build, whose windows are all short); the build logs the site\'s size (100,000 facts in 60 s, queries 33 s; 50 M in 132 s, queries 69 s).',
    '- 2026-12-06 09:00: the snapshot\'s rows files hold the columns\' names once and an array of values per row (the engine\'s JSONCompactEachRowWithNames), read back through one object literal per result. At 50 M facts, old and new code in turn: the rows files 753 → 429 MB; the site\'s 442 queries 35.8 and 34.5 s → 32.0 and 28.8 s; the queries\' process peak 898–942 → 759–772 MiB (nine builds); Astro alone, ABBA, 78.8 and 77.5 s → 65.5 and 65.5 s. Whole builds in turn (126 and 139 s before, 135 and 127 s after) did not tell them apart on this machine. The benchmark\'s run after it: 50 M facts in 118 s (queries 56 s, Astro 62 s), the queries\' process at 792 MiB (940 before), the snapshot 1,539 MiB (1,863); 100,000 facts in 67 s, and 89 s in a first run under load.',
    '- 2026-12-06 11:30: run again after the coverage-aware sums add a week at a time (queries/schema/views.sql `family_window`): 100,000 facts in 85 s (67 s at 09:30), 50 M in 131 s (118 s), queries 61 s and Astro 71 s (56 and 62 s), 1,422 MiB. Both slower with the same pages\' code and faster site queries, the machine\'s load at 1.7: the builds\' spread from run to run is larger than what the change moves in them (the window queries are 16 of the 442 calls).',
    '- 2026-12-06 13:25: the site\'s upload measured (GNU tar of the built site, deflated at level 6): 15 MiB at 100,000 facts, 147 MiB at 50 M, where the build estimated 151 MiB (158.3 MB); the build estimates it past 1 GB of site, which at 50 M took 3.4 s (100,000 facts in 65 s; 50 M in 137 s, queries 67 s, Astro 70 s, 1,419 MiB).',
    '- 2026-12-06 20:55: run again after the site queries since 13:25 (the family-level ones sort fewer strings, look counted subjects up by one 64-bit key, and the store hands on a result\'s bytes without copying them): 100,000 facts in 71 s (queries 41 s, Astro 30 s), 50 M in 139 s (queries 66 s, Astro 73 s), 1,444 MiB; the same code\'s queries answered slower outside the benchmark than in the 18:43 run (BENCHMARKS.md, named queries), so the machine, not the change, sets most of the difference from 13:25.',
    '- 2026-12-07 01:45: the site\'s queries run in a process of their own (collector/commands/build-queries.ts, since renamed store-process.ts), which ends before Astro starts, and the command\'s own process no longer loads the snapshot\'s modules: the embedded engine does not give back what it keeps after the queries when the store closes, so the build\'s process stayed at about 715 MiB beside Astro\'s. The build\'s processes together, on one 50 M store, sampled every 0.2 s: 2,164 MiB before (the build\'s process 715 and Astro 1,432), 1,499 MiB after (the command\'s process 71–79 MiB beside Astro\'s 1,419 while Astro ran, 157 at most while it estimated the upload after); GNU time\'s figure, the largest process, was Astro\'s both times. The benchmark measures the processes together from this run on: 100,000 facts in 65 s at 979 MiB (883 the largest), 5 M in 100 s at 1,322 MiB (1,228), 20 M in 129 s at 1,446 MiB (1,350), 50 M in 138 s (queries 65 s, Astro 73 s) at 1,497 MiB (1,403); 100 families (8,405 files, 8,409 before the empty open share of derivatives was dropped): 100,000 facts in 80 s at 962 MiB, 50 M in 170 s at 1,501 MiB (1,414).',
    '- 2026-12-07 04:00: `openpulse main` (`npm start`) collects and writes the site\'s data in a process of its own that ends before Astro starts, as the build\'s queries do since 01:45 (and each run of `openpulse schedule`, so the service holds no engine between runs). On the 50 M store, every upstream unreachable, sampled every 0.2 s: 2,093 MiB together before (main\'s own process at 678 MiB beside Astro\'s 1,401), 1,528 MiB after (main\'s process 99 MiB, the store\'s process 764 MiB before it ended, Astro\'s 1,415); the benchmark\'s first `main` rows: 100,000 facts in 105 s at 955 MiB together, 50 M in 142 s at 1,531 MiB (1,428 the largest).',
    '- 2026-12-07 07:00: the Astro child\'s bundler (Vite\'s rolldown, which allocates through mimalloc) gives back what it frees at once (`MIMALLOC_PURGE_DELAY=0`, collector/snapshot/astro-contract.ts): mimalloc purges freed memory after a delay counted by its threads\' later allocations, and once the pages\' bundle is made those threads are idle, so what bundling used stayed resident through the whole static build (a 1 GiB arena with 278 MiB resident from the first seconds to the end). Astro alone on the 50 M snapshot, sampled every 0.2 s, in turn: the Astro child\'s peak 1,403 and 1,397 MiB → 1,297 and 1,305 MiB, in 80 and 77 s → 81 and 76 s. The benchmark\'s run after it: 100,000 facts in 92 s at 868 MiB together and, run again, 67 s at 848 MiB (979 MiB in the 01:45 run), 50 M in 135 s at 1,381 MiB (1,497), `main` on 50 M in 166 s at 1,409 MiB (1,531), 100 families at 50 M in 129 s at 1,435 MiB (1,501).',
    '- 2026-12-07 07:40: the bundler\'s allocator also commits its arenas as it uses them rather than whole, up front (`MIMALLOC_ARENA_EAGER_COMMIT=0`). Astro alone on the 50 M snapshot, in turn: 1,332 and 1,301 MiB → 1,204 and 1,219 MiB, in 86 and 72 s → 73 and 83 s. The benchmark\'s run after it: 100,000 facts in 62 s at 769 MiB together, 50 M in 123 s at 1,305 MiB, `main` on 50 M in 144 s at 1,300 MiB, 100 families at 50 M in 127 s at 1,335 MiB; 5 M in 93 s at 1,104 MiB (1,322 MiB in the 01:45 run), 20 M in 110 s at 1,233 MiB (1,446).',
    '- 2026-12-07 18:00: the generated store ends as a store in use does, its newest day written after the merge (bench/generate.ts), and the day and week rows are partitioned by metric (migration 015); 100,000 and 50 M run again (the other rows are of stores merged whole): 100,000 facts in 84 s (queries 43 s, Astro 41 s) at 777 MiB together, 50 M in 146 s (queries 75 s, Astro 71 s) at 1,325 MiB. Astro, which no change since 07:40 touched and which reads the same snapshot, took 41 against 28 s and 71 against 60 s: the machine was slower by about a third in this run. On a copy of the merged 50 M store with one more week imported, before the partitions, the build took 150 s (its 441 site calls alone 35.9 s) and with them 132.5 s (BENCHMARKS.md, named queries, 2026-12-07 15:20 and 16:00).',
    '',
    '| command | facts | families | days | wall time | queries | Astro | peak memory, all its processes | the largest process | the store\'s process | Astro heap bound | snapshot | site files | site size | upload | run |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...sizes.map(
      (s) =>
        `| \`${commandOf(s)}\` | ${sizeLabel(s.facts)} | ${s.families} | ${int(s.days)} | ${s.seconds.toFixed(0)} s | ${s.querySeconds.toFixed(0)} s | ${s.astroSeconds.toFixed(0)} s | ${s.peakTreeRssBytes == null ? '–' : mib(s.peakTreeRssBytes)} | ${s.peakRssBytes === null ? '–' : mib(s.peakRssBytes)} | ${s.queriesPeakRssBytes == null ? '–' : mib(s.queriesPeakRssBytes)} | ${s.astroHeapMb === undefined ? 'none' : `${s.astroHeapMb} MiB`} | ${mib(s.snapshotBytes)} | ${int(s.siteFiles)} | ${mib(s.siteBytes)} | ${s.uploadBytes === undefined ? '–' : mib(s.uploadBytes)}${s.uploadEstimateBytes === undefined ? '' : ` (${mib(s.uploadEstimateBytes)})`} | ${s.date.slice(0, 10)} |`,
    ),
  ].join('\n');
}

if (isMain(import.meta)) {
  const values = benchArgs(import.meta, { sizes: { type: 'string', default: '1e6' }, families: { type: 'string', default: '92' }, command: { type: 'string', default: 'build' } });
  const sizes = parseSizes(values.sizes);
  const families = wholeArg(values.families, '--families');
  const command = values.command;
  if (command !== 'build' && command !== 'main') refuseArgs(`--command ${command}: build or main`);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const measured: BuildSize[] = [];
  for (const facts of sizes) measured.push(await measureSize(facts, { families, command, log }));
  const kept = (await previousSizes<BuildSize>('build')).filter((s) => !measured.some((m) => sameRow(m, s)));
  const figures: BuildFigures = { sizes: [...kept, ...measured].sort(byRow) };
  const file = await writeResult({
    name: 'build',
    title: 'Site build on generated stores',
    command: buildCommand(figures.sizes),
    figures,
    markdown: buildMarkdown(figures),
  });
  log(`build: written to ${path.relative(process.cwd(), file)}`);
}
