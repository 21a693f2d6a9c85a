// Site build on generated stores (not a test): `openpulse build` on a store of N facts
// (bench/generate.ts: ~2,000 subjects, one fact a day back from its last day), in its own
// process under GNU time, for its wall time and peak resident memory (the larger of the
// build process and its Astro child), split into the site's queries (the snapshot) and
// Astro; then the snapshot's size and the built site's files and bytes. The issue's
// bound: the build's time and memory follow the number of pages, not the facts.
// Writes bench/results/build.json (sizes not measured now are kept).
//   node bench/build.ts [--sizes 1e6,5e6] [--families 92]

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../collector/config.ts';
import { isoDay } from '../collector/days.ts';
import { folderSize } from '../collector/snapshot/site-size.ts';
import { int, isMain, mib, parseSizes, previousSizes, runChild, sizeFlag, sizeLabel, writeResult } from './common.ts';
import { generateStore, LAST_DAY } from './generate.ts';

export interface BuildSize {
  facts: number;
  families: number;
  days: number;
  date: string;
  seconds: number;
  /** The site's named queries into the snapshot folder (the build's own log: everything before Astro). */
  querySeconds: number;
  astroSeconds: number;
  peakRssBytes: number | null;
  /** Peak memory of the build process itself (the store and the queries), as it logs it; the rest of the peak is Astro's child. */
  queriesPeakRssBytes: number | null;
  /** The Astro child's JavaScript heap bound (OPENPULSE_BUILD_HEAP_MB); absent in runs before there was one. */
  astroHeapMb?: number;
  snapshotBytes: number;
  siteFiles: number;
  siteBytes: number;
}

export interface BuildFigures {
  sizes: BuildSize[];
}

async function measureSize(facts: number, options: { families: number; log: (line: string) => void }): Promise<BuildSize> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'openpulse-bench-build-'));
  try {
    const dataDir = path.join(work, 'data');
    const generated = await generateStore({ facts, dataDir, families: options.families, log: options.log });
    const outDir = path.join(work, 'dist');
    options.log(`build: openpulse build on ${sizeLabel(facts)} facts (${generated.families} families, ${generated.days} days)…`);
    // The build's windows (the past year, the past 30 days) count back from today; the generated facts end on LAST_DAY, days before it.
    if (isoDay(new Date()) < LAST_DAY) throw new Error(`the generated facts end on ${LAST_DAY}, after today: the site's windows would hold none of them`);
    const env = { ...process.env, NO_COLOR: '1' };
    const run = await runChild(process.execPath, ['collector/cli.ts', 'build', '--data-dir', dataDir, '--catalog', generated.catalogFile, '--out', outDir], { env });
    if (run.code !== 0) throw new Error(`openpulse build exited with ${run.code}:\n${run.stderr.split('\n').filter((l) => l && !/^\s/.test(l)).slice(-8).join('\n')}`);
    const astro = /site: built .* in ([\d.]+)s/.exec(run.stdout + run.stderr);
    const queriesPeak = /peak memory of this process so far (\d+) MiB/.exec(run.stdout + run.stderr);
    const astroSeconds = astro ? Number(astro[1]) : Number.NaN;
    const snapshot = await folderSize(path.join(dataDir, 'site-data'));
    const site = await folderSize(outDir);
    const figure: BuildSize = {
      facts,
      families: generated.families,
      days: generated.days,
      date: new Date().toISOString(),
      seconds: run.seconds,
      querySeconds: run.seconds - astroSeconds,
      astroSeconds,
      peakRssBytes: run.peakRss,
      queriesPeakRssBytes: queriesPeak ? Number(queriesPeak[1]) * 2 ** 20 : null,
      astroHeapMb: loadConfig({ env }).buildHeapMb,
      snapshotBytes: snapshot.bytes,
      siteFiles: site.files,
      siteBytes: site.bytes,
    };
    options.log(
      `build: ${sizeLabel(facts)} facts in ${figure.seconds.toFixed(0)} s (queries ${figure.querySeconds.toFixed(0)} s, Astro ${astroSeconds.toFixed(0)} s), peak ${run.peakRss === null ? '–' : mib(run.peakRss)}; snapshot ${mib(snapshot.bytes)}; site ${int(site.files)} files, ${mib(site.bytes)}`,
    );
    return figure;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The commands that measure every row kept (a row of each catalog size its own run): one per number of families. */
export function buildCommand(sizes: Pick<BuildSize, 'facts' | 'families'>[]): string {
  const byFamilies = new Map<number, number[]>();
  for (const s of [...sizes].sort((a, b) => a.families - b.families || a.facts - b.facts)) {
    const facts = byFamilies.get(s.families) ?? [];
    facts.push(s.facts);
    byFamilies.set(s.families, facts);
  }
  return [...byFamilies]
    .map(([families, facts]) => `node bench/build.ts --sizes ${facts.map(sizeFlag).join(',')} --families ${families}`)
    .join('; ');
}

export function buildMarkdown(figures: BuildFigures): string {
  const sizes = [...figures.sizes].sort((a, b) => a.facts - b.facts || a.families - b.families);
  return [
    '`openpulse build` on a generated store (bench/generate.ts), in its own process under GNU time: wall time and peak resident memory (the larger of the build process, which holds the embedded store while the queries run, and its Astro child). "Queries" is everything before Astro starts (opening the store, the site\'s named queries into the snapshot folder, every result\'s CSV and JSON download written from their rows, the reports); "Astro" is the static build from that folder, then copying the downloads into the site. Snapshot: the folder the queries write (with the downloads since 2026-12-03: the site\'s largest part, no longer rendered by Astro); site: the built `dist/`, both languages. Astro runs with its JavaScript heap bounded (`OPENPULSE_BUILD_HEAP_MB`, default 896 MiB since 2026-12-04 20:30, 1024 before: the 50 M store built in turn had its peak at 1,449 MiB with Astro 75 s at 1024, 1,369 and 1,411 MiB with 75 and 78 s at 896, 1,308 MiB with 90 s at 768; at 100,000 facts Astro took 30 and 37 s at 1024, 39 and 32 s at 896; "none" in runs before the bound): what the pages hold at once is bounded, and without the bound V8 grows into garbage it has not collected (5 M facts: 1.78 GiB unbounded). Since 2026-12-03 22:30 a second thread in the Astro child draws the charts\' pictures while the pages render, and shares that bound (pages 768 MiB, pictures 128 MiB; 20:46 run, one thread: 50 M facts in 217 s, Astro 115 s). Since 2026-12-04 16:00 the pages\' thread has 32 MiB young-generation semi-spaces (V8\'s default 16), day strings are parsed once per build, and the downloads are joined and encoded 64 KiB at a time (13:52 run: 50 M facts in 177 s, Astro 88 s). Since 2026-12-05 00:00 the classes every query looks up are kept as one row (`class_cache`, migration 013) and the Compare series say where a series starts or stops (2026-12-04 20:36 run: 100,000 facts in 71 s with queries 36 s; 50 M in 172 s with queries 89 s at 1,366 MiB). Since 2026-12-05 17:15 a family chart\'s CSV and JSON are written as the family\'s charts are first built, and the routes that publish them read that text rather than the family\'s charts, and the downloads are written while the archived reports\' queries run (2026-12-05 00:15 run: 100,000 facts in 57 s, 5 M in 115 s, 50 M in 156 s with queries 72 s and Astro 84 s). Of the queries\' part, the five archived reports take about 20 s at every size (265 named queries, most of each one\'s time the engine planning its views), and the downloads grow with the rows (12.6 s at 50 M facts, 1 s at 100,000). The 100,000-fact store\'s queries took 35 s in this run against 27 s at 00:15, and 33 s in a build of the same store at 16:35 before these two changes: the difference came before these changes (the day\'s view changes, or the machine: not measured apart), and at that size they win back about 1 s. Since 2026-12-05 22:00 the table has 20 M facts and a 100-family catalog (8,409 files against 7,777), and a week of a count per day in a family chart is its days\' average (one pass over the facts as before). From 20 M facts on, the generated history (2,752 days at 20 M, 3,650 at 50 M) covers all that the site shows (from 2022-11-01, 1,495 days), so from 20 M to 50 M the facts grow 2.5 times and the pages\' data hardly at all. This machine\'s spread from run to run is wide: 20 M took 125 s (queries 59 s, Astro 65 s) at 21:39 with the 20:26 code and 163 s at 22:38; the 50 M store of this table built again with the same code, outside the benchmark, took 138, 139, 148 and 141 s (22:08 to 23:02; Astro 70 to 80 s) at a peak of 1,406 to 1,442 MiB, and the code before 22:00 took 143 and 141 s at 1,365 and 1,389 MiB, in turn with it: the same time, and about 40 MiB more at the peak, not yet explained. Since 2026-12-06 00:40 a chart drawn at build time hands ECharts each line on a time axis as one array of numbers instead of an array per point (charts/plot.ts, packedLine): the same pictures byte for byte, and Astro alone on the 50 M snapshot, old and new code in turn, 74 and 81 s → 65 and 64 s at a peak of 1,419–1,427 → 1,390–1,403 MiB (2026-12-05 22:45 run: 50 M facts in 159 s, Astro 87 s, 1,412 MiB). Since 2026-12-06 07:05 the span queries (`growth_by_family`, `growth_by_openness`, `top_movers`, `series_breaks`) read each subject\'s first and last day from its week rows (`subject_span`), and the build measures the site it built and logs its size (00:52 run: 100,000 facts in 60 s with queries 33 s, 50 M in 132 s with queries 69 s). A long window is two to three times faster that way, and a short one plans 10–18 ms longer: at 100,000 facts every window is short, and the build makes about 210 such calls (the site about 110, the reports about 100), about 3 s; this run\'s 37 s of queries against 33 s is that and the machine. The 50 M store built outside the benchmark at 06:58 with the code before `subject_span` took 130 s (Astro 67 s) at 1,403 MiB.',
    '',
    '| facts | families | days | build | queries | Astro | peak memory | of it the queries\' process | Astro heap bound | snapshot | site files | site size | run |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...sizes.map(
      (s) =>
        `| ${sizeLabel(s.facts)} | ${s.families} | ${int(s.days)} | ${s.seconds.toFixed(0)} s | ${s.querySeconds.toFixed(0)} s | ${s.astroSeconds.toFixed(0)} s | ${s.peakRssBytes === null ? '–' : mib(s.peakRssBytes)} | ${s.queriesPeakRssBytes == null ? '–' : mib(s.queriesPeakRssBytes)} | ${s.astroHeapMb === undefined ? 'none' : `${s.astroHeapMb} MiB`} | ${mib(s.snapshotBytes)} | ${int(s.siteFiles)} | ${mib(s.siteBytes)} | ${s.date.slice(0, 10)} |`,
    ),
  ].join('\n');
}

if (isMain(import.meta)) {
  const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1e6' }, families: { type: 'string', default: '92' } } });
  const sizes = parseSizes(values.sizes);
  const families = Number(values.families);
  if (!Number.isInteger(families) || families < 1) throw new Error(`--families must be a whole number of families, not "${values.families}"`);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const measured: BuildSize[] = [];
  for (const facts of sizes) measured.push(await measureSize(facts, { families, log }));
  const kept = (await previousSizes<BuildSize>('build')).filter((s) => !measured.some((m) => m.facts === s.facts && m.families === s.families));
  const figures: BuildFigures = { sizes: [...kept, ...measured].sort((a, b) => a.facts - b.facts || a.families - b.families) };
  const file = await writeResult({
    name: 'build',
    title: 'Site build on generated stores',
    command: buildCommand(figures.sizes),
    figures,
    markdown: buildMarkdown(figures),
  });
  log(`build: written to ${path.relative(process.cwd(), file)}`);
}
