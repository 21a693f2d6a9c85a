// SIGTERM or SIGINT stops a long command within seconds, even in the middle
// of a rate-limit wait: it stores what it has, says so, and exits 0, and the
// next run goes on from there with no fact twice and no day missing. A second
// signal exits at once. A hard stop (kill -9) at several points leaves a store the
// next run completes, with no fact twice and no day missing.

import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXECUTABLE } from '../../collector/config.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import type { Simulator } from '../../simulators/server.ts';
import { runInChild } from '../helpers/cli.ts';
import { catalogYaml, GPT4 } from '../helpers/catalogs.ts';

const CATALOG = catalogYaml({ ...GPT4, npm: ['openai', 'ollama'] });

/** npm answers 429 "retry after two minutes" from the third range request on: the collector waits. */
const RATE_LIMIT_WAIT = /source=http host=\S+ status=429 retry=1\/3 wait_ms=120000/;

let dir: string;
let sim: Simulator;
const children: ChildProcessByStdio<null, Readable, Readable>[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-stop-'));
  await writeFile(path.join(dir, 'catalog.yml'), CATALOG);
  sim = await startDefaultSimulator({ now: new Date() });
});
afterEach(() => sim.faults.clear());
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const env = (data: string) => ({ ...sim.env, OPENPULSE_CATALOG: path.join(dir, 'catalog.yml'), OPENPULSE_DATA_DIR: path.join(dir, data), OPENPULSE_STORE_LOCK_WAIT_MS: '60000' });

function rateLimitNpm(): void {
  sim.faults.add({ match: '/npm/downloads/range/*', kind: 'primary-limit', after: 2, retryAfter: 120 });
}

interface Running {
  pid: number;
  output: () => string;
  /** Resolves once the output matches. */
  sees(pattern: RegExp): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  kill(signal: NodeJS.Signals): void;
  /** SIGINT to every process of its group, as Ctrl-C in a terminal sends it (started with `group`). */
  interrupt(): void;
}

/** Starts `argv`; with `group`, in a process group of its own, as a terminal starts a command (see `interrupt`). */
function start(argv: string[], data: string, options: { group?: boolean } = {}): Running {
  const child = spawn(process.execPath, [EXECUTABLE, ...argv], {
    cwd: dir,
    detached: options.group ?? false,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env(data) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const onData = (d: Buffer) => {
    output += d.toString();
    for (const w of [...waiters]) if (w.pattern.test(output)) w.resolve();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return {
    pid: child.pid!,
    output: () => output,
    sees: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (pattern.test(output)) return resolve();
        const timer = setTimeout(() => reject(new Error(`no ${pattern} within 300 s; it said:\n${output}`)), 300_000);
        waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolve()) });
        void exited.then(() => (pattern.test(output) ? resolve() : reject(new Error(`exited before printing ${pattern}; it said:\n${output}`))));
      }),
    exited,
    kill: (signal) => child.kill(signal),
    interrupt: () => process.kill(-child.pid!, 'SIGINT'),
  };
}

async function query<T>(data: string, sql: string): Promise<T[]> {
  const r = await runInChild(['query', sql, '--format', 'ndjson'], { cwd: dir, env: env(data) });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);
}

const npmFacts = async (data: string) => Number((await query<{ n: number }>(data, "SELECT count() AS n FROM facts WHERE source = 'npm'"))[0]!.n);

/** After an interrupted run, the next one completes: each package's days are contiguous, none stored twice. */
async function nextRunCompletes(argv: string[], data: string): Promise<void> {
  const again = await runInChild(argv, { cwd: dir, env: env(data) });
  expect(again.code, again.stderr).toBe(0);
  const series = await query<{ subject: string; days: number; span: number; rows: number }>(
    data,
    "SELECT subject, uniqExact(observed_at) AS days, dateDiff('day', min(observed_at), max(observed_at)) + 1 AS span, count() AS rows FROM observations WHERE source = 'npm' GROUP BY subject ORDER BY subject",
  );
  expect(series.map((s) => s.subject)).toEqual(['npm:ollama', 'npm:openai']);
  for (const s of series) {
    expect(Number(s.days), `${s.subject}: a day missing`).toBe(Number(s.span));
    expect(Number(s.rows), `${s.subject}: a day stored twice`).toBe(Number(s.days));
  }
}

/** Starts `argv` while npm keeps answering "retry later", sends SIGTERM during the wait, and expects exit 0 within 30 s. */
async function stoppedDuringRateLimitWait(argv: string[], job: string): Promise<ReturnType<typeof start>> {
  rateLimitNpm();
  const run = start(argv, job);
  await run.sees(RATE_LIMIT_WAIT);
  const sent = Date.now();
  run.kill('SIGTERM');
  const { code, at } = await run.exited;
  expect(code, run.output()).toBe(0);
  expect(at - sent).toBeLessThan(30_000);
  return run;
}

/** The processes the run's command started (Linux: /proc), once it has started one; rejects if it ends first. */
async function childrenOf(run: Running): Promise<number[]> {
  let exited = false;
  void run.exited.then(() => (exited = true));
  for (;;) {
    const found = (await readFile(`/proc/${run.pid}/task/${run.pid}/children`, 'utf8').catch(() => '')).trim().split(/\s+/).filter(Boolean).map(Number);
    if (found.length) return found;
    if (exited) throw new Error(`the command started no process; it said:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whether a process has ended (gone, or a zombie its parent has not reaped). */
function hasEnded(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return true;
  try {
    return / Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\)/, ''));
  } catch {
    return true;
  }
}

/** Resolves once `pid` has ended; rejects with what the run said if it has not within 300 s. */
async function ends(pid: number, run: Running): Promise<void> {
  const giveUp = Date.now() + 300_000;
  while (!hasEnded(pid)) {
    if (Date.now() > giveUp) throw new Error(`process ${pid} still runs; the run said:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM then SIGINT: the run ends by the signal itself (a shell reports 130 or 143), after saying so. */
async function endsAtOnceOnASecondSignal(run: Running): Promise<void> {
  run.kill('SIGTERM');
  run.kill('SIGINT');
  const { code, signal } = await run.exited;
  expect(code, run.output()).toBeNull();
  expect(['SIGINT', 'SIGTERM'], run.output()).toContain(signal);
  expect(run.output()).toMatch(/SIG(INT|TERM) while stopping: exiting now/);
}

describe('stopping on a signal', () => {
  it('collect: SIGTERM during a rate-limit wait stores what was collected, says so and exits 0 within 30 s', async () => {
    const run = await stoppedDuringRateLimitWait(['collect', '--source', 'npm'], 'collect');
    expect(run.output()).toContain('stopping on SIGTERM: storing what was collected…');
    expect(run.output()).toMatch(/source=npm status=partial rows=\d+ .*interrupted by SIGTERM after storing \d+ facts/);
    const stored = Number(/stopped on SIGTERM: stored (\d+) facts \(npm \1\)/.exec(run.output())?.[1]);
    expect(stored).toBeGreaterThan(0);
    expect(await npmFacts('collect')).toBe(stored);

    sim.faults.clear();
    await nextRunCompletes(['collect', '--source', 'npm'], 'collect');
  });

  it('backfill: a second signal exits at once, and the next run still completes', async () => {
    rateLimitNpm();
    const run = start(['backfill', 'npm', '--since', '2016-01-01'], 'backfill');
    await run.sees(RATE_LIMIT_WAIT);
    await endsAtOnceOnASecondSignal(run);

    sim.faults.clear();
    // The lock the killed run left names a process that no longer runs: taken over.
    await nextRunCompletes(['backfill', 'npm', '--since', '2016-01-01'], 'backfill');
  });

  it('schedule: SIGTERM in the middle of a run ends the run, stores it, and exits 0', async () => {
    const run = await stoppedDuringRateLimitWait(['schedule', '--cron', '* * * * * *'], 'schedule');
    expect(run.output()).toMatch(/stopping on SIGTERM: storing what was collected…[\s\S]*stopped on SIGTERM: stored \d+ facts/);
    expect(run.output()).not.toMatch(/run failed/);
  });
});

/** `npm start` (main) waiting out npm's "retry later", and the store's process it started. */
async function mainInRateLimitWait(data: string, options: { group?: boolean } = {}): Promise<{ run: Running; store: number }> {
  rateLimitNpm();
  const run = start(['main'], data, options);
  await run.sees(RATE_LIMIT_WAIT);
  const [store] = await childrenOf(run);
  return { run, store: store! };
}

describe('npm start (main): its store work in a process of its own', () => {
  it('SIGTERM during a rate-limit wait: that process stores what was collected and ends, the command says so once and exits 0 without building; the command itself never loads the engine', async () => {
    const { run, store } = await mainInRateLimitWait('main');
    // the engine's library is mapped in the store's process only
    expect(await readFile(`/proc/${store}/maps`, 'utf8')).toMatch(/chdb/i);
    expect(await readFile(`/proc/${run.pid}/maps`, 'utf8')).not.toMatch(/chdb/i);
    run.kill('SIGTERM');
    const { code } = await run.exited;
    expect(code, run.output()).toBe(0);
    expect(run.output().match(/stopping on SIGTERM/g), run.output()).toHaveLength(1);
    expect(run.output()).toMatch(/source=npm status=partial rows=\d+ .*interrupted by SIGTERM after storing \d+ facts/);
    const collected = Number(/stopped on SIGTERM after \S+: (\d+) facts collected and stored; the site was not rebuilt/.exec(run.output())?.[1]);
    expect(collected, run.output()).toBeGreaterThan(0);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
    await ends(store, run);
    expect(await npmFacts('main')).toBeGreaterThan(0);

    sim.faults.clear();
    await nextRunCompletes(['collect', '--source', 'npm'], 'main');
  });

  it('Ctrl-C (SIGINT to the whole process group, both processes at once) is one stop request: stored, said once, exit 0', async () => {
    const { run, store } = await mainInRateLimitWait('main-ctrl-c', { group: true });
    run.interrupt();
    const { code } = await run.exited;
    expect(code, run.output()).toBe(0);
    expect(run.output().match(/stopping on SIGINT/g), run.output()).toHaveLength(1);
    expect(run.output()).not.toMatch(/exiting now/);
    expect(run.output()).toMatch(/stopped on SIGINT after \S+: \d+ facts collected and stored; the site was not rebuilt/);
    await ends(store, run);
    expect(await npmFacts('main-ctrl-c')).toBeGreaterThan(0);
  });

  it('SIGTERM while its store process waits for the store (another command holds it): a stop, not a failure, exit 0', async () => {
    rateLimitNpm();
    const holder = start(['collect', '--source', 'npm'], 'main-waits');
    await holder.sees(RATE_LIMIT_WAIT);
    const run = start(['main'], 'main-waits');
    await run.sees(/is in use by "openpulse collect" \(pid \d+\); waiting for it…/);
    const [store] = await childrenOf(run);
    run.kill('SIGTERM');
    const { code } = await run.exited;
    expect(code, run.output()).toBe(0);
    expect(run.output()).toMatch(/stopped on SIGTERM after \S+: 0 facts collected and stored; the site was not rebuilt/);
    expect(run.output()).not.toMatch(/openpulse main: /);
    await ends(store!, run);
    holder.kill('SIGTERM');
    expect((await holder.exited).code, holder.output()).toBe(0);
  });

  it('a second signal ends the command and its store process at once, and the next run completes', async () => {
    const { run, store } = await mainInRateLimitWait('main-twice');
    await endsAtOnceOnASecondSignal(run);
    // told by its channel's closing, not by a signal of its own
    await ends(store, run);

    sim.faults.clear();
    await nextRunCompletes(['collect', '--source', 'npm'], 'main-twice');
  });

  it('the command killed (kill -9) while collecting: its store process stores what it has and ends; the next run completes', async () => {
    const { run, store } = await mainInRateLimitWait('main-killed');
    run.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    await ends(store, run);
    expect(await npmFacts('main-killed')).toBeGreaterThan(0);

    sim.faults.clear();
    await nextRunCompletes(['collect', '--source', 'npm'], 'main-killed');
  });
});

describe('a hard stop (kill -9) loses nothing the next run cannot complete', () => {
  it('collect killed at its start, before anything is stored: the next run completes', async () => {
    const run = start(['collect', '--source', 'npm'], 'kill-start');
    await run.sees(/run \S+: 1 source\(s\): npm/);
    run.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    await nextRunCompletes(['collect', '--source', 'npm'], 'kill-start');
  });

  it('collect killed in the middle (some facts stored, a rate-limit wait going): no duplicate and no gap after the next run', async () => {
    rateLimitNpm();
    const run = start(['collect', '--source', 'npm'], 'kill-middle');
    await run.sees(RATE_LIMIT_WAIT);
    run.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    sim.faults.clear();
    expect(await npmFacts('kill-middle')).toBeGreaterThan(0);
    await nextRunCompletes(['collect', '--source', 'npm'], 'kill-middle');
  });

  it('backfill killed in the middle: resumed by the next run with no duplicate and no gap', async () => {
    rateLimitNpm();
    const run = start(['backfill', 'npm', '--since', '2016-01-01'], 'kill-backfill');
    await run.sees(RATE_LIMIT_WAIT);
    run.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    sim.faults.clear();
    await nextRunCompletes(['backfill', 'npm', '--since', '2016-01-01'], 'kill-backfill');
  });
});
