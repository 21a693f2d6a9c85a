// The embedded store is one directory that only one process may open (chDB
// locks it). OpenPulse processes take turns: each takes this lock for the time
// it uses the store, and a second process waits for it, saying who holds it,
// instead of failing on chDB's own lock. A scheduler holds it only during runs.

import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { OpenPulseError } from '../errors.ts';

export interface LockHolder {
  pid: number;
  job: string;
  since: string;
}

export interface StoreLock {
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function readLockHolder(dir: string): Promise<LockHolder | null> {
  try {
    const holder = JSON.parse(await readFile(path.join(dir, 'openpulse.lock'), 'utf8')) as LockHolder;
    return alive(holder.pid) ? holder : null;
  } catch {
    return null;
  }
}

/**
 * Takes the store lock in `dir`, waiting up to `waitMs` for another process
 * to release it. A lock left by a process that no longer runs is taken over.
 */
export async function acquireStoreLock(
  dir: string,
  job: string,
  options: { waitMs: number; onWait?: (holder: LockHolder) => void; pollMs?: number },
): Promise<StoreLock> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'openpulse.lock');
  const deadline = Date.now() + options.waitMs;
  let told = false;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, job, since: new Date().toISOString() } satisfies LockHolder));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readLockHolder(dir);
    if (!holder) {
      // The holder died without releasing: the lock is stale.
      await rm(file, { force: true });
      continue;
    }
    if (holder.pid === process.pid) {
      throw new OpenPulseError('STORE_LOCKED', `this process already has the store at ${dir} open (${holder.job})`, {
        hint: 'use the open store instead of opening it twice',
      });
    }
    if (Date.now() >= deadline) {
      throw new OpenPulseError('STORE_LOCKED', `the store at ${dir} is in use by "openpulse ${holder.job}" (pid ${holder.pid}) since ${holder.since}`, {
        hint: 'wait for it to finish, raise OPENPULSE_STORE_LOCK_WAIT_MS, or point OPENPULSE_DATA_DIR at another directory',
      });
    }
    if (!told) {
      options.onWait?.(holder);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}
