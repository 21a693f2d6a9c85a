// Nothing is lost when the store is unreachable: rows wait on disk as NDJSON
// files (written to a temporary name, renamed into place when complete) and
// the next run loads them before it collects.

import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StoredRow } from './rows.ts';

export async function spoolRows(dir: string, runId: string, rows: StoredRow[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  const name = `${runId}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.ndjson`;
  const temporary = path.join(dir, `.${name}.tmp`);
  await writeFile(temporary, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const file = path.join(dir, name);
  await rename(temporary, file);
  return file;
}

export async function spooledFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.ndjson')).sort().map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/** Loads every spooled file through `insert`; a file is removed only after its rows are stored. */
export async function drainSpool(dir: string, insert: (rows: StoredRow[]) => Promise<void>): Promise<{ files: number; rows: number }> {
  let rows = 0;
  const files = await spooledFiles(dir);
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const batch = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as StoredRow);
    await insert(batch);
    await rm(file);
    rows += batch.length;
  }
  return { files: files.length, rows };
}
