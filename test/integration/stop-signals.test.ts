// SIGTERM or SIGINT stops a long command within seconds, even in the middle
// of a rate-limit wait: it stores what it has, says so, and exits 0, and the
// next run goes on from there with no fact twice and no day missing. A second
// signal exits at once. A hard stop (kill -9) at several points leaves a store the
// next run completes, with no fact twice and no day missing.

import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
  output: () => string;
  /** Resolves once the output matches. */
  sees(pattern: RegExp): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  kill(signal: NodeJS.Signals): void;
}

function start(argv: string[], data: string): Running {
  const child = spawn(process.execPath, [EXECUTABLE, ...argv], {
    cwd: dir,
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
    run.kill('SIGTERM');
    run.kill('SIGINT');
    // ended by the signal itself: a shell reports 130 or 143
    const { code, signal } = await run.exited;
    expect(code, run.output()).toBeNull();
    expect(['SIGINT', 'SIGTERM'], run.output()).toContain(signal);
    expect(run.output()).toMatch(/SIG(INT|TERM) while stopping: exiting now/);

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
