// A long-running scheduler shares the embedded store with ad-hoc queries: it
// holds the store only while a run goes (each run a process of its own, which
// ends with the run, so the service holds no engine), so a query from another process gets
// its turn between runs (waiting, when it arrives during one). One scheduler per
// store: a second is refused, naming the first; a killed one's lock is taken over.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXECUTABLE } from '../../collector/config.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import type { Simulator } from '../../simulators/server.ts';
import { runInChild } from '../helpers/cli.ts';
import { catalogYaml, GPT4 } from '../helpers/catalogs.ts';

const CATALOG = catalogYaml({ ...GPT4, npm: ['openai'], pypi: ['openai'] });

let dir: string;
let sim: Simulator;
let scheduler: ChildProcess;
let log = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-schedule-'));
  await writeFile(path.join(dir, 'catalog.yml'), CATALOG);
  sim = await startDefaultSimulator({ now: new Date() });
});
afterAll(async () => {
  if (scheduler && scheduler.exitCode === null) scheduler.kill('SIGKILL');
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const env = () => ({ ...sim.env, OPENPULSE_CATALOG: path.join(dir, 'catalog.yml'), OPENPULSE_DATA_DIR: path.join(dir, 'data'), OPENPULSE_STORE_LOCK_WAIT_MS: '60000' });

async function until(condition: () => boolean, what: string, ms = 600_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; scheduler said:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const finishedRuns = () => log.split('\n').filter((l) => l.startsWith('source=pypi status=')).length;

describe('openpulse schedule', () => {
  it('runs what is due at start, lets a query in, refuses a second scheduler naming the first, and stops cleanly', async () => {
    scheduler = spawn(process.execPath, [EXECUTABLE, 'schedule', '--cron', '*/2 * * * * *'], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    scheduler.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    scheduler.stdout!.on('data', (d: Buffer) => (log += d.toString()));

    await until(() => finishedRuns() >= 1, 'the first run (everything is due at start)');
    const query = await runInChild(['query', "SELECT count() AS n FROM facts WHERE source IN ('npm', 'pypi')", '--format', 'csv'], { cwd: dir, env: env() });
    expect(query.code, query.stderr).toBe(0);
    expect(Number(query.stdout.trim().split(/\r?\n/)[1])).toBeGreaterThan(100);

    // later ticks find nothing due (daily cadences) and say what is next; no run overlaps or repeats
    await until(() => /schedule: nothing due; next: /.test(log), 'a tick with nothing due');
    expect(finishedRuns()).toBe(1);
    expect(log).toMatch(/schedule: looking for due sources on "\*\/2 \* \* \* \* \*" \(UTC\)/);
    expect(log).not.toMatch(/run failed/);
    // each run was a process of its own that has ended: the service itself never loaded the engine
    expect(await readFile(`/proc/${scheduler.pid}/maps`, 'utf8')).not.toMatch(/chdb/i);

    // one scheduler per store: a second one says who holds it and exits 1
    const second = await runInChild(['schedule', '--once'], { cwd: dir, env: env() });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`another scheduler already runs on the store at .*: pid ${scheduler.pid} on ${os.hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, since 20\\d\\d-`));

    const exited = new Promise<number | null>((resolve) => scheduler.once('exit', resolve));
    scheduler.kill('SIGTERM');
    expect(await exited).toBe(0);

    // once it is gone, another may start (its lock is released)
    const after = await runInChild(['schedule', '--once'], { cwd: dir, env: env() });
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toMatch(/schedule: nothing due/);
  });

  it('takes over the lock of a scheduler that was killed (kill -9)', async () => {
    const victim = spawn(process.execPath, [EXECUTABLE, 'schedule', '--cron', '0 0 1 1 *'], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    victim.stderr!.on('data', (d: Buffer) => (said += d.toString()));
    await until(() => /looking for due sources/.test(said), 'the scheduler to start');
    const killed = new Promise((resolve) => victim.once('exit', resolve));
    victim.kill('SIGKILL');
    await killed;
    const r = await runInChild(['schedule', '--once'], { cwd: dir, env: env() });
    expect(r.code, r.stderr).toBe(0);
  });

  it('with --build (as deploy/openpulse-schedule.service runs it): a run that stores facts rebuilds the site; one with nothing due leaves it', async () => {
    const data = { ...env(), OPENPULSE_DATA_DIR: path.join(dir, 'data-build'), OPENPULSE_DIST_DIR: path.join(dir, 'dist-build') };
    const first = await runInChild(['schedule', '--once', '--build'], { cwd: dir, env: data });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/schedule: due now: /);
    expect(first.stderr).toMatch(/site: built .*dist-build in [\d.]+s/);
    expect(first.stderr).not.toMatch(/run failed/);
    const index = path.join(dir, 'dist-build', 'index.html');
    const built = (await stat(index)).mtimeMs;

    const second = await runInChild(['schedule', '--once', '--build'], { cwd: dir, env: data });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/schedule: nothing due/);
    expect(second.stderr).not.toMatch(/site: built/);
    expect((await stat(index)).mtimeMs).toBe(built);
  });

  it('refuses a cron expression it cannot read, saying what it expects (exit 2)', async () => {
    const r = await runInChild(['schedule', '--cron', 'every day'], { cwd: dir, env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--cron "every day" is not a valid cron expression[\s\S]*five fields/);
  });
});
