// Writes BENCHMARKS.md from bench/results/*.json (each benchmark's latest figures, the
// machine and the command that reproduces them), the storage a catalog needs per year
// from the measured bytes per fact, and the hand-written bench/beyond-one-machine.md.
// Run by bench/run.ts after the benchmarks; on its own it only re-renders:
//   node bench/report.ts

import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../collector/config.ts';
import { benchArgs, type BenchResult, int, isMain, type Machine, RESULTS_DIR, sizeLabel } from './common.ts';
import type { QueriesFigures } from './queries.ts';

/** Sections in this order; a result file not listed here follows, by name. */
export const BENCH_ORDER = ['queries', 'query-start', 'ingest', 'build', 'maintenance', 'store', 'collect', 'github-cost', 'site'];
export const BENCHMARKS_FILE = path.join(PROJECT_ROOT, 'BENCHMARKS.md');
const BEYOND_FILE = path.join(PROJECT_ROOT, 'bench', 'beyond-one-machine.md');
/** The catalog the "Beyond one machine" estimate is for. */
const SUBJECTS = 10_000;

export async function readResults(): Promise<BenchResult[]> {
  const files = (await readdir(RESULTS_DIR)).filter((f) => f.endsWith('.json'));
  const results = await Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(RESULTS_DIR, f), 'utf8')) as BenchResult));
  const rank = (name: string) => (BENCH_ORDER.includes(name) ? BENCH_ORDER.indexOf(name) : BENCH_ORDER.length);
  return results.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

function describeMachine(m: Machine): string {
  return `${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}, chDB ${m.chdb} (ClickHouse ${m.engine})`;
}

/** A section's own headings one level down, under the section's ## heading. */
function demote(markdown: string): string {
  return markdown.replace(/^(#+) /gm, '#$1 ');
}

/** Storage per year for SUBJECTS subjects, from each generated store's bytes per fact and facts per subject-day. */
function storageSection(results: BenchResult[]): string[] {
  const queries = results.find((r) => r.name === 'queries') as BenchResult<QueriesFigures> | undefined;
  if (!queries || queries.figures.sizes.length === 0) return [];
  const rows = queries.figures.sizes.map((s) => {
    const perSubjectDay = s.store.series / s.store.storeSubjects;
    const factsPerYear = SUBJECTS * 365 * perSubjectDay;
    // the rows the store derives from the facts (day, week and leaderboard rows), per fact
    const derived = [s.store.disk.dayRows, s.store.disk.weekRows, s.store.disk.leaderboardRows].reduce((n, d) => n + (d?.bytesOnDisk ?? 0), 0) / s.facts;
    return { s, perSubjectDay, factsPerYear, bytes: factsPerYear * s.store.disk.bytesPerFact, withDerived: factsPerYear * (s.store.disk.bytesPerFact + derived) };
  });
  const columns = queries.figures.sizes.at(-1)!.store.disk.columns;
  const total = columns.reduce((n, c) => n + c.compressedBytes, 0);
  return [
    '## Storage per year (measured)',
    '',
    `The observations table on disk, from \`system.parts\` of each generated store after its merge (compressed bytes / facts), and what a catalog of ${int(SUBJECTS)} subjects adds in a year at the generated store's facts per subject and day (its series / its subjects with facts: a repository has five metrics, a model five, a package one). "With derived rows" adds the rows the store writes with the facts (day rows, week rows, leaderboard rows: the store table above), in the same proportion to the facts.`,
    '',
    `| generated store | bytes a fact | facts per subject-day | ${int(SUBJECTS)} subjects: facts a year | on disk a year | in ten years | with derived rows: a year | in ten years |`,
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${sizeLabel(r.s.facts)} facts, ${int(r.s.store.days)} days | ${r.s.store.disk.bytesPerFact.toFixed(2)} | ${r.perSubjectDay.toFixed(2)} | ${(r.factsPerYear / 1e6).toFixed(1)} M | ${(r.bytes / 2 ** 30).toFixed(2)} GiB | ${((r.bytes * 10) / 2 ** 30).toFixed(1)} GiB | ${(r.withDerived / 2 ** 30).toFixed(2)} GiB | ${((r.withDerived * 10) / 2 ** 30).toFixed(1)} GiB |`,
    ),
    '',
    `Where the bytes go (${sizeLabel(queries.figures.sizes.at(-1)!.facts)} facts): ${columns
      .filter((c) => c.compressedBytes > 0)
      .map((c) => `${c.name} ${((100 * c.compressedBytes) / total).toFixed(0)}%`)
      .join(', ')}. Replicas multiply it (two replicas: twice); unmerged parts and the merge itself need up to as much again while a merge runs.`,
    '',
  ];
}

export function renderBenchmarks(results: BenchResult[], beyond: string): string {
  const lines = [
    '# Benchmarks',
    '',
    'Measured by the scripts in `bench/`, never by `npm test`. `npm run bench` runs them all in turn (`--only queries,ingest` for some; `--sizes 5e6,20e6,50e6` for the stores the named queries run on, `--ingest-sizes 10e6,50e6` for ingest, `--build-sizes 1e6,5e6` for the site build, `--start-sizes 1e5,5e7` for the cost of starting `openpulse query`, `--maintenance-sizes 1e6,5e7` for export, query and repair of a whole store) and writes this file from `bench/results/*.json`; each section says when and where it ran and the command that reproduces it. Do not edit it by hand: the prose of the last section is `bench/beyond-one-machine.md`.',
    '',
    'Timings on a machine other work shares are upper bounds: each section gives the load average when it finished.',
    '',
  ];
  for (const r of results) {
    lines.push(
      `## ${r.title}`,
      '',
      `Run ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${describeMachine(r.machine)}; load average ${r.machine.loadAverage?.join(' / ') ?? 'not recorded'}. Reproduce: \`${r.command}\`.`,
      '',
      demote(r.markdown),
      '',
    );
  }
  const missing = BENCH_ORDER.filter((name) => !results.some((r) => r.name === name));
  if (missing.length) lines.push(`No result yet: ${missing.map((name) => `${name} (\`node bench/run.ts --only ${name}\`)`).join(', ')}.`, '');
  lines.push(...storageSection(results), demote(beyond.trim()), '');
  return lines.join('\n');
}

export async function writeBenchmarks(): Promise<string> {
  const results = await readResults();
  const beyond = await readFile(BEYOND_FILE, 'utf8');
  await writeFile(BENCHMARKS_FILE, renderBenchmarks(results, beyond));
  return BENCHMARKS_FILE;
}

if (isMain(import.meta)) {
  benchArgs(import.meta, {});
  const file = await writeBenchmarks();
  process.stdout.write(`written ${path.relative(process.cwd(), file)}\n`);
}
