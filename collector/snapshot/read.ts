// Reads a snapshot folder (site-data.ts) back as the site's data. The index is
// read at once; each result's rows only when a page asks for them, parsed line
// by line from their own file (never as one string), and only the most recently
// used results are kept, so the build's memory follows the pages it renders,
// not the size of the store.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SNAPSHOT_INDEX, type QueryResult, type SiteData, type SnapshotIndex } from './site-data.ts';

/** Results whose rows stay parsed between pages (a page reads a handful; neighbours share most). */
const KEPT_RESULTS = 32;

/** The site's data in a snapshot folder, with each result's rows read on first use. */
export function openSnapshot(dir: string): SiteData {
  let index: SnapshotIndex;
  try {
    index = JSON.parse(readFileSync(path.join(dir, SNAPSHOT_INDEX), 'utf8')) as SnapshotIndex;
  } catch (error) {
    throw new Error(`cannot read the site data in ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): run "openpulse build", which writes it`, { cause: error });
  }
  const kept = new Map<string, Record<string, unknown>[]>();
  const rowsOf = (key: string, file: string): Record<string, unknown>[] => {
    let rows = kept.get(key);
    if (rows) {
      kept.delete(key);
    } else {
      rows = readRows(path.join(dir, file));
      if (kept.size >= KEPT_RESULTS) kept.delete(kept.keys().next().value!);
    }
    kept.set(key, rows);
    return rows;
  };
  const results: Record<string, QueryResult> = {};
  for (const [key, { rowCount: _count, rowsFile, ...meta }] of Object.entries(index.results)) {
    const result = { ...meta } as QueryResult;
    Object.defineProperty(result, 'rows', { enumerable: true, get: () => rowsOf(key, rowsFile) });
    results[key] = result;
  }
  return { ...index, results };
}

/** One JSON object per line, parsed a line at a time from the file's bytes. */
function readRows(file: string): Record<string, unknown>[] {
  const bytes = readFileSync(file);
  const rows: Record<string, unknown>[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    if (end > start) rows.push(JSON.parse(bytes.toString('utf8', start, end)) as Record<string, unknown>);
    start = end + 1;
  }
  return rows;
}
