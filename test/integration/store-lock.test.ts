// The embedded store is one directory for one process at a time. A second
// OpenPulse process waits for the first, saying who holds it, instead of
// failing on chDB's own lock; a lock left by a dead process is taken over.

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, PROJECT_ROOT } from '../../collector/config.ts';
import { openStore } from '../../collector/store/index.ts';

const HOLDER = `
import { loadConfig } from ${JSON.stringify(path.join(PROJECT_ROOT, 'collector/config.ts'))};
import { openStore } from ${JSON.stringify(path.join(PROJECT_ROOT, 'collector/store/index.ts'))};
const store = await openStore(loadConfig({ env: {}, flags: { dataDir: process.argv[2] } }), { job: 'schedule' });
process.stdout.write('open\\n');
await new Promise((r) => setTimeout(r, Number(process.argv[3])));
await store.close();
`;

let dir: string;
afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

describe('store lock', () => {
  it('makes a second process wait for the first and say who holds the store', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-lock-'));
    const dataDir = path.join(dir, 'data');
    const script = path.join(dir, 'holder.mts');
    await writeFile(script, HOLDER);
    const holder = spawn(process.execPath, [script, dataDir, '1500'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (d: Buffer) => d.toString().includes('open') && resolve());
      holder.once('exit', (code) => reject(new Error(`holder exited early with ${code}`)));
    });

    const impatient = loadConfig({ env: {}, flags: { dataDir, storeLockWaitMs: 0 } });
    await expect(openStore(impatient, { job: 'query' })).rejects.toThrow(
      new RegExp(`the store at .*data is in use by "openpulse schedule" \\(pid ${holder.pid}\\) since`),
    );

    const waits: string[] = [];
    const patient = loadConfig({ env: {}, flags: { dataDir, storeLockWaitMs: 60_000 } });
    const store = await openStore(patient, { job: 'build', log: (l) => waits.push(l) });
    expect(waits.join('\n')).toMatch(new RegExp(`in use by "openpulse schedule" \\(pid ${holder.pid}\\); waiting for it`));
    expect(holder.exitCode).toBe(0);
    expect(await store.rows('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    await store.close();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dataDir = path.join(dir, 'stale');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dataDir, { recursive: true });
    // pid 2^22+1 is above Linux's pid_max default range: no such process.
    await writeFile(path.join(dataDir, 'openpulse.lock'), JSON.stringify({ pid: 4194305, job: 'collect', since: '2026-01-01T00:00:00Z' }));
    const config = loadConfig({ env: {}, flags: { dataDir, storeLockWaitMs: 0 } });
    // This process already has chDB bound to another directory, so only the lock is exercised here.
    const { acquireStoreLock } = await import('../../collector/store/lock.ts');
    const lock = await acquireStoreLock(config.dataDir, 'collect', { waitMs: 0 });
    await lock.release();
  });
});
