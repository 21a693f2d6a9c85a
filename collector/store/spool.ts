// Nothing is lost when the store is unreachable: rows wait on disk as NDJSON
// files (written to a temporary name, flushed, renamed into place when
// complete) and the next collecting run loads them before it collects. A file
// that cannot be read whole is never loaded in part nor deleted: it is moved
// aside as *.corrupt and named, for a person to look at. The spool also keeps
// notes of writes that failed inside the store (`refold`): the next writing run
// makes the named subjects' derived rows (day rows, leaderboard rows) again from their facts.

import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../files.ts';
import { processRuns } from './lock.ts';
import type { ProblemRecord, RunRecord } from './index.ts';
import type { StoredRow } from './rows.ts';

/** Jobs that load the spool when they open the store: those that write facts. Reading jobs (status, query, build, report) leave it alone. */
export const SPOOL_LOADING_JOBS: readonly string[] = ['collect', 'backfill', 'main', 'schedule', 'import'];

/** Whether the job that opens the store (named as in openStore's `job`, e.g. "backfill npm") should load the spool. */
export function loadsSpool(job: string): boolean {
  return SPOOL_LOADING_JOBS.includes(job.split(' ')[0] ?? '');
}

/**
 * A run's bookkeeping, spooled beside its facts while the store is unreachable:
 * its log line, its problems, and the state its source keeps (ETags, cursors),
 * so the next run neither loses the record nor repeats work it saved.
 */
export type SpooledEntry =
  | { spooled: 'run'; record: Omit<RunRecord, 'started_at' | 'finished_at'> & { started_at: string; finished_at: string } }
  | { spooled: 'problems'; records: ProblemRecord[] }
  | { spooled: 'state'; source: string; key: string; value: string }
  /**
   * A write of facts that failed inside the store may have stored the facts and not their
   * derived rows (subject_days, leaderboard_entries: written by views after the facts): the next
   * writing run makes these subjects' rows again from the facts (every subject when `subjects` is null).
   */
  | { spooled: 'refold'; subjects: string[] | null };

/** Where a drained spool goes: facts, and the bookkeeping of the runs that spooled them. */
export interface SpoolTarget {
  insert(rows: StoredRow[]): Promise<void>;
  logRun?(record: RunRecord): Promise<void>;
  logProblems?(records: ProblemRecord[]): Promise<void>;
  setState?(source: string, key: string, value: string): Promise<void>;
  refold?(subjects: string[] | null): Promise<void>;
}

export async function spoolRows(dir: string, runId: string, rows: (StoredRow | SpooledEntry)[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${runId}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.ndjson`);
  // Synced: rows held for an unreachable store may exist nowhere else. The writer's pid in the
  // temporary name tells a later run whether one left behind belongs to a writer still running.
  await writeFileAtomically(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n', { sync: true });
  return file;
}

export async function spooledFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.ndjson')).sort().map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/** Reads a spool file whole; throws with the line that is neither a fact nor a run's bookkeeping. */
export function parseSpoolFile(text: string): (StoredRow | SpooledEntry)[] {
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('it ends in the middle of a line (written only in part)');
  return text.split('\n').flatMap((line, index): (StoredRow | SpooledEntry)[] => {
    if (!line) return [];
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (error) {
      throw new Error(`line ${index + 1} is not JSON (${(error as Error).message})`);
    }
    const entry = row as Partial<SpooledEntry> | null;
    if (entry && typeof entry === 'object' && 'spooled' in entry) {
      if (entry.spooled === 'refold') {
        const { subjects } = entry as { subjects?: unknown };
        if (subjects !== null && !(Array.isArray(subjects) && subjects.every((s) => typeof s === 'string'))) {
          throw new Error(`line ${index + 1} is a note to remake derived rows whose subjects are neither a list of names nor null`);
        }
        return [entry as SpooledEntry];
      }
      if (entry.spooled === 'run' || entry.spooled === 'problems' || entry.spooled === 'state') return [entry as SpooledEntry];
      throw new Error(`line ${index + 1} is spooled bookkeeping of an unknown kind ${JSON.stringify(entry.spooled)}`);
    }
    const r = row as Partial<StoredRow> | null;
    if (!r || typeof r !== 'object' || typeof r.source !== 'string' || typeof r.subject !== 'string' || typeof r.metric !== 'string' || typeof r.observed_at !== 'string') {
      throw new Error(`line ${index + 1} is not a stored fact (needs source, subject, metric, observed_at)`);
    }
    return [r as StoredRow];
  });
}

export interface DrainResult {
  files: number;
  rows: number;
  /** Files moved aside as *.corrupt, by their new name. */
  quarantined: string[];
}

/**
 * Loads every spooled file through `insert`; a file is removed only after its
 * rows are stored. A damaged file, or one a stopped writer left half-written,
 * is renamed to *.corrupt and named through `log` (default: stderr, as such a
 * file must not go unnoticed); the other files still load.
 */
export async function drainSpool(
  dir: string,
  target: SpoolTarget | ((rows: StoredRow[]) => Promise<void>),
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<DrainResult> {
  const result: DrainResult = { files: 0, rows: 0, quarantined: [] };
  const sink: SpoolTarget = typeof target === 'function' ? { insert: target } : target;
  const quarantine = async (file: string, reason: string) => {
    const aside = `${file}.corrupt`;
    if (!(await renameIfThere(file, aside))) return;
    result.quarantined.push(aside);
    log(
      `store: spool file ${file} ${reason}; moved aside to ${aside}, nothing of it loaded. ` +
        `Look at it: if its rows are worth keeping, repair or cut it to whole lines and rename it back to end in .ndjson (the next collect loads it); otherwise delete it`,
    );
  };
  for (const file of await abandonedTemporaries(dir)) await quarantine(file, 'was left half-written by a run that stopped while writing it');
  for (const file of await spooledFiles(dir)) {
    // Another process sharing a server's spool may have loaded it meanwhile.
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (text === null) continue;
    let lines: (StoredRow | SpooledEntry)[];
    try {
      lines = parseSpoolFile(text);
    } catch (error) {
      await quarantine(file, `cannot be read: ${(error as Error).message}`);
      continue;
    }
    const rows = lines.filter((l): l is StoredRow => !('spooled' in l));
    if (rows.length) await sink.insert(rows);
    for (const entry of lines.filter((l): l is SpooledEntry => 'spooled' in l)) {
      if (entry.spooled === 'run') await sink.logRun?.({ ...entry.record, started_at: new Date(entry.record.started_at), finished_at: new Date(entry.record.finished_at) });
      else if (entry.spooled === 'problems') await sink.logProblems?.(entry.records);
      else if (entry.spooled === 'refold') await sink.refold?.(entry.subjects);
      else await sink.setState?.(entry.source, entry.key, entry.value);
    }
    await rm(file, { force: true });
    result.files += 1;
    result.rows += rows.length;
  }
  return result;
}

/** Temporary spool files whose writer no longer runs: it stopped before renaming them into place. */
async function abandonedTemporaries(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => {
      const pid = /^\..+\.ndjson\.(\d+)\.tmp$/.exec(name)?.[1];
      return pid !== undefined && !processRuns(Number(pid));
    })
    .sort()
    .map((name) => path.join(dir, name));
}

/** Renames `from` to `to`; false when `from` is gone (another process got there first). */
async function renameIfThere(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
