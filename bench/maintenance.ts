// Benchmark (not a test): the commands that read or remake a whole store, on generated stores
// (bench/generate.ts) of each size, each a child process under GNU time (wall time, peak resident
// memory), in the order a user with a large store would run them:
//   export ndjson   openpulse export --format ndjson --out F: every fact, as the engine makes them
//   export parquet  openpulse export --format parquet --out F: every fact, the file written by the engine
//   export csv      openpulse export --format csv --family gen-001 --out F: one family's facts
//   query csv       openpulse query "SELECT * FROM facts" --format csv --out F: every fact, as a query writes them
//   query table     openpulse query "<a tenth of the subjects' facts>" --format table --out F: an aligned table
//   repair --check  openpulse repair --check: the derived rows compared with the facts, in parts
//   repair          openpulse repair: every derived row made again, merged, and checked again
// Writes bench/results/maintenance.json (sizes not measured now are kept).
//   node bench/maintenance.ts [--sizes 1e6,5e7] [--families 92]

import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EXECUTABLE } from '../collector/config.ts';
import { benchArgs, childFailed, int, isMain, mergedSizes, mib, parseSizes, runChild, sizeFlag, sizeLabel, wholeArg, writeResult } from './common.ts';
import { generateStore } from './generate.ts';

interface CommandRun {
  /** The command's arguments after `openpulse`, the store's left out. */
  command: string;
  seconds: number;
  /** GNU time's peak resident memory of the command's process, bytes (null without it). */
  peakRssBytes: number | null;
  /** The file it wrote, bytes (exports only). */
  outBytes?: number;
}

interface MaintenanceSize {
  facts: number;
  date: string;
  runs: CommandRun[];
}

interface MaintenanceFigures {
  sizes: MaintenanceSize[];
}

async function measureSize(facts: number, options: { families: number; log: (line: string) => void }): Promise<MaintenanceSize> {
  const { log } = options;
  const work = await mkdtemp(path.join(os.tmpdir(), 'openpulse-bench-maintenance-'));
  try {
    const generated = await generateStore({ facts, dataDir: path.join(work, 'store'), families: options.families, log });
    const store = ['--data-dir', generated.dataDir, '--catalog', generated.catalogFile];
    const runs: CommandRun[] = [];
    const commands: { args: string[]; out?: string }[] = [
      { args: ['export', '--format', 'ndjson'], out: 'facts.ndjson' },
      { args: ['export', '--format', 'parquet'], out: 'facts.parquet' },
      { args: ['export', '--format', 'csv', '--family', 'gen-001'], out: 'gen-001.csv' },
      { args: ['query', 'SELECT * FROM facts', '--format', 'csv'], out: 'facts.csv' },
      { args: ['query', 'SELECT * FROM facts WHERE cityHash64(subject) % 10 = 0', '--format', 'table'], out: 'tenth.txt' },
      { args: ['repair', '--check'] },
      { args: ['repair'] },
    ];
    for (const { args, out } of commands) {
      const file = out ? path.join(work, out) : undefined;
      const run = await runChild(process.execPath, [EXECUTABLE, ...args, ...(file ? ['--out', file] : []), ...store]);
      if (run.code !== 0) throw childFailed(`openpulse ${args.join(' ')}`, run);
      const outBytes = file ? (await stat(file)).size : undefined;
      // an export of the whole store is as large as the store's facts: gone before the next command
      if (file) await rm(file, { force: true });
      const measured: CommandRun = { command: args.join(' '), seconds: run.seconds, peakRssBytes: run.peakRss, ...(outBytes === undefined ? {} : { outBytes }) };
      runs.push(measured);
      log(`maintenance ${sizeLabel(facts)}: openpulse ${measured.command}: ${run.seconds.toFixed(1)} s, peak ${run.peakRss === null ? '?' : mib(run.peakRss)}${outBytes === undefined ? '' : `, ${int(outBytes)} bytes`}`);
    }
    return { facts, date: new Date().toISOString(), runs };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export function maintenanceMarkdown(figures: MaintenanceFigures): string {
  const sizes = [...figures.sizes].sort((a, b) => a.facts - b.facts);
  const commands = [...new Set(sizes.flatMap((s) => s.runs.map((r) => r.command)))];
  const cell = (s: MaintenanceSize, command: string) => {
    const r = s.runs.find((x) => x.command === command);
    if (!r) return '–';
    const out = r.outBytes === undefined ? '' : `, ${r.outBytes >= 2 ** 30 ? `${(r.outBytes / 2 ** 30).toFixed(1)} GiB` : mib(r.outBytes)}`;
    return `${r.seconds.toFixed(1)} s, ${r.peakRssBytes === null ? '–' : mib(r.peakRssBytes)}${out}`;
  };
  return [
    'The commands that read or remake a whole store, on a generated store (bench/generate.ts) of each size, each in its own process under GNU time: wall time, the peak resident memory of its process and, for an export, the size of the file it wrote. `export` writes the facts as the engine makes them, a block at a time (Parquet, one whole file, is written by the engine into the file), so its memory does not grow with the store; before 2026-12-07 it held the whole result, and an NDJSON export of 50 M facts (12.5 GB) was stopped at 12 GB resident after 66 s. `repair --check` compares each derived table with what it is made from a part of its subjects at a time (before 2026-12-07 in one GROUP BY: 124 s at 1,682 MiB at 50 M facts), and `repair` remakes every derived row, merges each table, and checks again (364 s at 2,430 MiB before). Runs of the same code differ by up to a fifth on this machine (50 M facts at 11:00 and 12:37 on 2026-12-07, no change to either command between them: `export --format ndjson` 78 and 93 s, `repair` 309 s at 1,295 MiB and 364 s at 1,395 MiB). `query` writes any result as the engine makes it too (an aligned table keeps its rows in a temporary file until their widths are known); before 2026-12-07 it held the whole result, and at 50 M facts one year of facts (5 M rows) as CSV stopped at 2.6 GB with "Cannot create a string longer than 0x1fffffe8 characters".',
    '',
    `| facts | ${commands.map((c) => `\`${c}\``).join(' | ')} | run |`,
    `| ---: | ${commands.map(() => '---:').join(' | ')} | --- |`,
    ...sizes.map((s) => `| ${sizeLabel(s.facts)} | ${commands.map((c) => cell(s, c)).join(' | ')} | ${s.date.slice(0, 10)} |`),
  ].join('\n');
}

if (isMain(import.meta)) {
  const values = benchArgs(import.meta, {
    sizes: { type: 'string', default: '1e6' },
    families: { type: 'string', default: '92' },
  });
  const sizes = parseSizes(values.sizes);
  const families = wholeArg(values.families, '--families');
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const measured: MaintenanceSize[] = [];
  for (const facts of sizes) measured.push(await measureSize(facts, { families, log }));
  const figures: MaintenanceFigures = { sizes: await mergedSizes('maintenance', measured) };
  const all = figures.sizes.map((s) => s.facts);
  const file = await writeResult({
    name: 'maintenance',
    title: 'Export, query and repair of a whole store',
    command: `node bench/maintenance.ts --sizes ${all.map(sizeFlag).join(',')}`,
    figures,
    markdown: maintenanceMarkdown(figures),
  });
  log(`maintenance: written to ${path.relative(process.cwd(), file)} (${int(measured.length)} size(s) measured)`);
}
