// What every benchmark shares: the machine it ran on, the JSON result file each
// writes (bench/results/<name>.json, read back by bench/report.ts into
// BENCHMARKS.md), percentiles, sizes given as "5e6,20e6", each script's command line
// (--help, and one line that says what was wrong where a flag is not right), and running a
// child process under /usr/bin/time to read its peak memory.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { PROJECT_ROOT } from '../collector/config.ts';

export const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench', 'results');

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  chdb: string;
  /** The ClickHouse version inside chDB. */
  engine: string;
  /** 1, 5 and 15-minute load averages when the result was written: other work on the machine skews timings. */
  loadAverage: number[];
}

export function machine(): Machine {
  const require = createRequire(import.meta.url);
  const chdb = (require('chdb') as { version(): { chdb: string; libchdb: string } }).version();
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chdb: chdb.chdb,
    engine: chdb.libchdb.replace(/"/g, ''),
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

/** One benchmark's result file: its figures, and the markdown section BENCHMARKS.md shows for it. */
export interface BenchResult<F = unknown> {
  name: string;
  title: string;
  /** The command that reproduces these figures. */
  command: string;
  /** ISO time the run finished. */
  date: string;
  machine: Machine;
  figures: F;
  /** The section's body in BENCHMARKS.md (no heading: the report adds it). */
  markdown: string;
}

export async function writeResult<F>(result: Omit<BenchResult<F>, 'date' | 'machine'>): Promise<string> {
  const full: BenchResult<F> = { ...result, date: new Date().toISOString(), machine: machine() };
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${result.name}.json`);
  await writeFile(file, `${JSON.stringify(full, null, 2)}\n`);
  return file;
}

/** Nearest-rank percentile of already measured values (p in 0..100). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A size as --sizes takes it back: 5000000 → "5e6", 104500 → "1.045e5". */
export function sizeFlag(n: number): string {
  return n.toExponential().replace('+', '');
}

/** The script node was started with, as the project names it (bench/queries.ts). */
function scriptName(): string {
  return process.argv[1] ? path.relative(PROJECT_ROOT, process.argv[1]) : 'bench';
}

/**
 * Refuses a command line: one line on standard error that says which flag was wrong and how to
 * write it, and exit code 2, before the benchmark has spent any time (no stack trace: nothing in
 * the code went wrong).
 */
export function refuseArgs(message: string): never {
  process.stderr.write(`${scriptName()}: ${message} (--help lists the options)\n`);
  process.exit(2);
}

/**
 * A benchmark's command line: node's parseArgs, strict, with the options given, and `--help`
 * (or -h), which prints the script's opening comment (what it measures and how it is run) and
 * every option with its default, then exits. An unknown option, a positional argument or a
 * flag without its value is refused in one line (refuseArgs).
 */
export function benchArgs<const T extends ParseArgsOptionsConfig>(meta: ImportMeta, options: T) {
  const args = process.argv.slice(2);
  if (args.some((arg) => arg.startsWith('--help='))) refuseArgs('--help takes no value');
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(benchUsage(meta.filename, options));
    process.exit(0);
  }
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // node's own words on one line, without its advice on positional arguments that start with "-"
    refuseArgs((error as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/\s*\n\s*/g, ' '));
  }
}

/** --help's text: the script's opening comment, then its options and their defaults. */
export function benchUsage(file: string, options: ParseArgsOptionsConfig): string {
  const comment: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('//')) break;
    comment.push(line.replace(/^\/\/ ?/, ''));
  }
  const flags = Object.entries(options).map(([name, option]) => {
    const value = option.type === 'string' ? ` ${name.toUpperCase().replace(/-/g, '_')}` : '';
    const given = option.default === undefined || option.default === false ? '' : ` (default ${String(option.default)})`;
    return `  --${name}${value}${given}`;
  });
  return `${[...comment, '', 'Options:', ...flags, '  --help, -h'].join('\n')}\n`;
}

/** A flag's whole number, at least `min`; refused otherwise (refuseArgs). */
export function wholeArg(text: string | undefined, flag: string, min = 1): number {
  const n = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isSafeInteger(n) || n < min) {
    refuseArgs(`${flag}: "${text ?? ''}" is not a whole number${min === 0 ? '' : ` of at least ${min}`}`);
  }
  return n;
}

/** "5e6,20e6" or "1000000" → [5000000, 20000000]; refuses anything but positive whole numbers (refuseArgs). */
export function parseSizes(text: string, flag = '--sizes'): number[] {
  return text.split(',').map((part) => {
    const n = Number(part.trim());
    if (part.trim() === '' || !Number.isSafeInteger(n) || n <= 0) refuseArgs(`${flag}: "${part}" is not a positive whole number (write 5e6 or 5000000)`);
    return n;
  });
}

/** 5000000 → "5 M", 104500 → "104,500": how sizes are named in tables and file names. */
export function sizeLabel(n: number): string {
  return n >= 1e6 && n % 1e5 === 0 ? `${n / 1e6} M` : n.toLocaleString('en');
}

export const int = (n: number) => Math.round(n).toLocaleString('en');
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 10 * 2 ** 20 ? 1 : 0)} MiB`;

/** Whether this module is the script node was started with (not imported by another). */
export function isMain(meta: ImportMeta): boolean {
  return process.argv[1] !== undefined && realpathSync(process.argv[1]) === meta.filename;
}

export interface ChildRun {
  code: number;
  seconds: number;
  /**
   * Peak resident memory of the child, in bytes (GNU time's "Maximum resident set size"): of the one
   * process, among the child and those it waited for, that held the most; null without /usr/bin/time.
   */
  peakRss: number | null;
  /**
   * The most the child and every process under it held at once, in bytes: the sum of their resident
   * memory, sampled every 100 ms (treeRss), its largest sample; null where /proc is not there.
   */
  peakTreeRss: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs a command as a child process and measures its wall time and peak memory.
 * Peak memory comes from GNU time -v, which reads the child's own rusage at exit
 * (Node can read only its own); without it the figure is left out, not guessed.
 */
export async function runChild(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; echo?: boolean } = {}): Promise<ChildRun> {
  const timed = existsSync(GNU_TIME);
  const [cmd, argv] = timed ? [GNU_TIME, ['-v', command, ...args]] : [command, args];
  const t0 = performance.now();
  const child = spawn(cmd, argv, { cwd: options.cwd ?? PROJECT_ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (options.echo) process.stdout.write(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const sampled = existsSync('/proc/self/status');
  let peakTreeRss = 0;
  const sample = () => {
    if (child.pid !== undefined) peakTreeRss = Math.max(peakTreeRss, treeRss(child.pid));
  };
  const sampling = sampled ? setInterval(sample, 100) : undefined;
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  clearInterval(sampling);
  const seconds = (performance.now() - t0) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return { code, seconds, peakRss: rss ? Number(rss[1]) * 1024 : null, peakTreeRss: sampled ? peakTreeRss : null, stdout, stderr };
}

/**
 * The resident memory of a process and every process under it, in bytes, now (Linux /proc: each
 * one's VmRSS, its children from each thread's `children` list). A process that ends while it is
 * read counts as nothing.
 */
export function treeRss(pid: number): number {
  let bytes = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const at = pending.pop()!;
    try {
      const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${at}/status`, 'utf8'));
      bytes += kb ? Number(kb[1]) * 1024 : 0;
      for (const task of readdirSync(`/proc/${at}/task`)) {
        for (const child of readFileSync(`/proc/${at}/task/${task}/children`, 'utf8').split(' ')) if (child.trim()) pending.push(Number(child));
      }
    } catch {
      // gone while read
    }
  }
  return bytes;
}

/** A child that failed, with the last lines it wrote to stderr (GNU time's own report left out). */
export function childFailed(what: string, run: ChildRun): Error {
  const tail = run.stderr.split('\n').filter((l) => l && !/^\s/.test(l) && !l.startsWith('\tCommand')).slice(-8).join('\n');
  return new Error(`${what} exited with ${run.code}:\n${tail}`);
}

/**
 * The sizes a benchmark's results file keeps: those measured now, and those measured before and not
 * now (so the big sizes can be run on their own), in order of size.
 */
export async function mergedSizes<S extends { facts: number }>(name: string, measured: S[]): Promise<S[]> {
  const kept = (await previousSizes<S>(name)).filter((s) => !measured.some((m) => m.facts === s.facts));
  return [...kept, ...measured].sort((a, b) => a.facts - b.facts);
}

/** The sizes an earlier run of a benchmark measured (bench/results/<name>.json), kept beside the ones measured now; none without one. */
export async function previousSizes<S>(name: string): Promise<S[]> {
  try {
    return (JSON.parse(await readFile(path.join(RESULTS_DIR, `${name}.json`), 'utf8')) as BenchResult<{ sizes: S[] }>).figures.sizes;
  } catch {
    return [];
  }
}
