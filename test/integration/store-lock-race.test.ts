// Many OpenPulse processes opening one embedded store at the same moment all
// get their turn: the lock file appears whole (linked into place), so none of
// them mistakes a lock being written for a stale one and opens chDB beside its
// holder. A stale lock, even one whose pid now belongs to a live unrelated
// process, is taken over, and by only one of the processes that find it.

import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../collector/config.ts';
import { acquireStoreLock, LOCK_FILE, processStartTime, type LockHolder } from '../../collector/store/lock.ts';
import { runInChild } from '../helpers/cli.ts';

// Opens the store, writes one fact under its own subject, reads it back, closes.
const WRITER = `
import { loadConfig } from ${JSON.stringify(path.join(PROJECT_ROOT, 'collector/config.ts'))};
import { openStore } from ${JSON.stringify(path.join(PROJECT_ROOT, 'collector/store/index.ts'))};
const [dataDir, subject] = process.argv.slice(2);
const store = await openStore(loadConfig({ env: {}, flags: { dataDir, storeLockWaitMs: 600000 } }), { job: 'test ' + subject });
try {
  await store.insert([{ source: 'npm', subject, family: 'race', metric: 'npm_downloads', observed_at: '2026-01-01', value: 1 }], 'race');
  const [row] = await store.rows('SELECT count() AS n FROM facts WHERE subject = {subject:String}', { subject });
  if (Number(row.n) !== 1) throw new Error('wrote ' + subject + ' but read back ' + row.n + ' rows');
} finally {
  await store.close();
}
`;

let dir: string;
let script: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-lock-race-'));
  script = path.join(dir, 'writer.mts');
  await writeFile(script, WRITER);
});
afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

function runWriter(dataDir: string, subject: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dataDir, subject], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

/** A lock naming a process that runs, but with another start time: its pid was reused. */
async function plantReusedPidLock(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const holder: LockHolder = { pid: process.pid, host: os.hostname(), job: 'collect', since: '2026-01-01T00:00:00.000Z', started: '1' };
  await writeFile(path.join(dataDir, LOCK_FILE), JSON.stringify(holder));
}

describe('store lock under contention', () => {
  it('lets 10 processes starting at once each open the store in turn, three rounds, one of them over a stale lock', async () => {
    const dataDir = path.join(dir, 'data');
    for (const round of [1, 2, 3]) {
      if (round === 3) await plantReusedPidLock(dataDir);
      const subjects = Array.from({ length: 10 }, (_, i) => `npm:race-${round}-${i}`);
      const results = await Promise.all(subjects.map((s) => runWriter(dataDir, s)));
      for (const [i, r] of results.entries()) expect(r.code, `writer ${subjects[i]} of round ${round}:\n${r.stderr}`).toBe(0);
    }
    const query = await runInChild(['query', "SELECT count() AS n, uniqExact(subject) AS subjects FROM facts WHERE family = 'race'", '--format', 'csv'], {
      cwd: dir,
      env: { OPENPULSE_DATA_DIR: dataDir },
    });
    expect(query.code, query.stderr).toBe(0);
    expect(query.stdout.trim().split(/\r?\n/)[1]).toBe('30,30');
  }, 600_000);

  it('takes over a lock whose pid now belongs to another live process', async () => {
    const dataDir = path.join(dir, 'reused');
    await mkdir(dataDir, { recursive: true });
    // The test runner's parent runs, but did not start when this lock says.
    const parent: LockHolder = { pid: process.ppid, host: os.hostname(), job: 'collect', since: '2026-01-01T00:00:00.000Z', started: '1' };
    await writeFile(path.join(dataDir, LOCK_FILE), JSON.stringify(parent));
    const lock = await acquireStoreLock(dataDir, 'build', { waitMs: 0 });
    const now = JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')) as LockHolder;
    expect(now).toMatchObject({ pid: process.pid, host: os.hostname(), job: 'build', started: await processStartTime(process.pid) });
    await lock.release();
  });

  it('waits for a live holder whose start time matches, naming it', async () => {
    const dataDir = path.join(dir, 'live');
    await mkdir(dataDir, { recursive: true });
    const started = await processStartTime(process.ppid);
    expect(started).toMatch(/^\d+$/);
    const parent: LockHolder = { pid: process.ppid, host: os.hostname(), job: 'schedule', since: '2026-01-01T00:00:00.000Z', started };
    await writeFile(path.join(dataDir, LOCK_FILE), JSON.stringify(parent));
    await expect(acquireStoreLock(dataDir, 'build', { waitMs: 0 })).rejects.toThrow(
      new RegExp(`in use by "openpulse schedule" \\(pid ${process.ppid}\\) since 2026-01-01`),
    );
  });

  it('does not take a lock file that is still being written for a stale one', async () => {
    const dataDir = path.join(dir, 'empty');
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, LOCK_FILE), '');
    await expect(acquireStoreLock(dataDir, 'build', { waitMs: 0 })).rejects.toThrow(/in use by another process \(its lock file .* is being written\)/);
  });

  it('stops waiting when the stop signal aborts', async () => {
    const dataDir = path.join(dir, 'live');
    const controller = new AbortController();
    const waiting = acquireStoreLock(dataDir, 'build', { waitMs: 600_000, signal: controller.signal });
    controller.abort(new DOMException('stopping on SIGTERM', 'AbortError'));
    await expect(waiting).rejects.toThrow('stopping on SIGTERM');
  });
});
