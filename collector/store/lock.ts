// The embedded store is one directory that only one process may open (chDB
// locks it). OpenPulse processes take turns: each takes this lock for the time
// it uses the store, and a second process waits for it, saying who holds it,
// instead of failing on chDB's own lock. A scheduler holds it only during runs.
//
// The lock file appears whole or not at all: it is written under a temporary
// name and hard-linked into place, and link() fails if the name exists, so of
// N processes starting at once exactly one gets it and no reader ever sees a
// half-written file. It names the holder's pid and that process's start time,
// so a lock whose pid now belongs to another process is known to be stale.

import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import { OpenPulseError } from '../errors.ts';
import { stopSignal } from '../signals.ts';

export const LOCK_FILE = 'openpulse.lock';
/** Held by `openpulse schedule` for its whole life: one scheduler per store. */
export const SCHEDULER_LOCK_FILE = 'openpulse.scheduler.lock';

export interface LockHolder {
  pid: number;
  /** The machine the holder runs on: a pid means nothing on another one. */
  host: string;
  job: string;
  since: string;
  /** When the holder process started (Linux: clock ticks since boot, /proc/<pid>/stat field 22); null where unknown. */
  started: string | null;
}

export interface StoreLock {
  release(): Promise<void>;
}

/** A lock file this old that cannot be read was not written by this version (which links whole files): stale. */
const UNREADABLE_STALE_MS = 10_000;

/** The start time of a process as the kernel records it, or null (no such process, not Linux). */
export async function processStartTime(pid: number): Promise<string | null> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the command name, is in parentheses and may hold spaces or ')':
    // fields are counted after its last ')', where field 3 comes first.
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[22 - 3] ?? null;
  } catch {
    return null;
  }
}

/** Whether a process with this pid runs (possibly another one than was meant: see processStartTime). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process a lock names still runs: same pid and, where known, the same start time. */
async function holderRuns(holder: LockHolder): Promise<boolean> {
  // A process on another machine sharing this directory cannot be checked: it is taken to run.
  if (holder.host && holder.host !== os.hostname()) return true;
  if (!processRuns(holder.pid)) return false;
  if (!holder.started) return true;
  const started = await processStartTime(holder.pid);
  return started === null || started === holder.started;
}

type LockState =
  | { kind: 'free' }
  | { kind: 'held'; holder: LockHolder | null; text: string }
  | { kind: 'stale'; text: string };

async function inspect(file: string): Promise<LockState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'free' };
    throw error;
  }
  let holder: LockHolder | null = null;
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number') holder = { host: '', job: '?', since: '?', started: null, ...parsed } as LockHolder;
  } catch {
    // below
  }
  if (!holder) {
    // An older version created the file first and filled it a moment later: give such a writer time.
    const age = await stat(file).then((s) => Date.now() - s.mtimeMs, () => 0);
    return age > UNREADABLE_STALE_MS ? { kind: 'stale', text } : { kind: 'held', holder: null, text };
  }
  return (await holderRuns(holder)) ? { kind: 'held', holder, text } : { kind: 'stale', text };
}

/** Puts `text` at `file` whole, unless `file` exists; returns whether it did. */
async function linkExclusive(file: string, text: string): Promise<boolean> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, text);
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    throw new OpenPulseError('STORE_LOCKED', `cannot create the lock file ${file} (${code ?? (error as Error).message})`, {
      cause: error,
      hint: 'the data directory must be writable, on a filesystem with hard links (not FAT or some network shares)',
    });
  } finally {
    await unlink(temporary).catch(() => {});
  }
}

/** Removes `file` if it still holds `text` (a lock is only ever removed by its holder, or as stale under the takeover lock). */
async function removeIfUnchanged(file: string, text: string): Promise<void> {
  const now = await readFile(file, 'utf8').catch(() => null);
  if (now === text) await unlink(file).catch(() => {});
}

function holderText(job: string, started: string | null): string {
  return JSON.stringify({ pid: process.pid, host: os.hostname(), job, since: new Date().toISOString(), started } satisfies LockHolder);
}

/**
 * Removes the stale lock that read as `staleText`. Several processes may find
 * it stale at once, and one of them may already have removed it and taken the
 * store: so this happens under a second, short-lived lock, and only if the
 * file still reads the same. Returns false when another process is doing it.
 */
async function removeStale(file: string, staleText: string, me: string): Promise<boolean> {
  const takeover = `${file}.takeover`;
  if (!(await linkExclusive(takeover, me))) {
    const state = await inspect(takeover);
    // Its holder died in the milliseconds it holds it: move it aside, checking it is still that one.
    if (state.kind === 'stale') await removeStaleTakeover(takeover, state.text);
    return false;
  }
  try {
    await removeIfUnchanged(file, staleText);
  } finally {
    await removeIfUnchanged(takeover, me);
  }
  return true;
}

async function removeStaleTakeover(takeover: string, staleText: string): Promise<void> {
  const aside = `${takeover}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(takeover, aside);
  } catch {
    return; // gone already
  }
  // Another process may have replaced it between our look and the rename: put a live one back.
  if ((await readFile(aside, 'utf8').catch(() => staleText)) !== staleText) await link(aside, takeover).catch(() => {});
  await unlink(aside).catch(() => {});
}

/** Who holds the lock in `dir` now, or null when nobody (or only a process that no longer runs) does. */
export async function readLockHolder(dir: string, lockFile = LOCK_FILE): Promise<LockHolder | null> {
  const state = await inspect(path.join(dir, lockFile));
  return state.kind === 'held' ? state.holder : null;
}

/**
 * Takes the store lock in `dir`, waiting up to `waitMs` for another process
 * to release it. A lock left by a process that no longer runs is taken over.
 * Waiting ends early when `signal` (default: this process's stop signal) aborts.
 */
export async function acquireStoreLock(
  dir: string,
  job: string,
  options: { waitMs: number; onWait?: (holder: LockHolder) => void; pollMs?: number; signal?: AbortSignal; lockFile?: string },
): Promise<StoreLock> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, options.lockFile ?? LOCK_FILE);
  const signal = options.signal ?? stopSignal;
  const me = holderText(job, await processStartTime(process.pid));
  const deadline = Date.now() + options.waitMs;
  let told = false;
  for (;;) {
    signal.throwIfAborted();
    if (await linkExclusive(file, me)) return { release: () => removeIfUnchanged(file, me) };
    const state = await inspect(file);
    if (state.kind === 'free') continue; // released between our try and our look
    if (state.kind === 'stale') {
      if (await removeStale(file, state.text, me)) continue;
      await pause(20, undefined, { signal }); // another process is removing it: look again in a moment
      continue;
    }
    const holder = state.holder;
    if (holder?.pid === process.pid && (!holder.host || holder.host === os.hostname())) {
      throw new OpenPulseError('STORE_LOCKED', `this process already has the store at ${dir} open (${holder.job})`, {
        hint: 'use the open store instead of opening it twice',
      });
    }
    if (Date.now() >= deadline) {
      const who = holder ? `"openpulse ${holder.job}" (pid ${holder.pid}${holder.host && holder.host !== os.hostname() ? ` on ${holder.host}` : ''}) since ${holder.since}` : `another process (its lock file ${file} is being written)`;
      throw new OpenPulseError('STORE_LOCKED', `the store at ${dir} is in use by ${who}`, {
        hint: 'wait for it to finish, raise OPENPULSE_STORE_LOCK_WAIT_MS, or point OPENPULSE_DATA_DIR at another directory',
      });
    }
    if (!told && holder) {
      options.onWait?.(holder);
      told = true;
    }
    await pause(options.pollMs ?? 250, undefined, { signal });
  }
}
