// Reads a snapshot folder (site-data.ts) back as the site's data. The index is
// read at once; each result's rows only when a page asks for them, parsed line
// by line from their own file (never as one string), and only the most recently
// used results are kept, so the build's memory follows the pages it renders,
// not the size of the store.

import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { SNAPSHOT_INDEX, type QueryResult, type SiteData, type SnapshotIndex } from './site-data.ts';

/** Results whose rows stay parsed between pages (a page reads a handful; neighbours share most). */
const KEPT_RESULTS = 32;

/** The site's data in a snapshot folder, with each result's rows read on first use (and the last `keptResults` kept). */
export function openSnapshot(dir: string, keptResults = KEPT_RESULTS): SiteData {
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
      if (kept.size >= keptResults) kept.delete(kept.keys().next().value!);
    }
    kept.set(key, rows);
    return rows;
  };
  const results: Record<string, QueryResult> = {};
  for (const [key, { rowsFile, ...meta }] of Object.entries(index.results)) {
    const result = { ...meta } as QueryResult;
    Object.defineProperty(result, 'rows', { enumerable: true, get: () => rowsOf(key, rowsFile) });
    // Not enumerable: a result spread or written as JSON carries its rows, not this.
    Object.defineProperty(result, 'firstRows', {
      enumerable: false,
      value: (count: number) => (kept.has(key) ? kept.get(key)!.slice(0, count) : readFirstRows(path.join(dir, rowsFile), count)),
    });
    results[key] = result;
  }
  return { ...index, results };
}

/** Bytes read at a time from a rows file. */
const READ_CHUNK = 256 * 1024;

/**
 * Each line of a rows file (one JSON object per line), reading the file a chunk at a time:
 * as far as the caller goes (a page's first rows stop early) and never as one string.
 */
export function* rowLines(file: string, chunkBytes = READ_CHUNK): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(chunkBytes);
    let carry = Buffer.alloc(0);
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      const bytes = carry.length ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let start = 0;
      for (let end = bytes.indexOf(0x0a); end >= 0; end = bytes.indexOf(0x0a, start)) {
        if (end > start) yield bytes.toString('utf8', start, end);
        start = end + 1;
      }
      // Copied: the next read overwrites the chunk.
      carry = Buffer.from(bytes.subarray(start));
    }
    // The last row of a file that does not end in a newline.
    if (carry.length > 0) yield carry.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** The first `count` rows of a rows file, reading only as far as they go. */
function readFirstRows(file: string, count: number): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  if (count <= 0) return rows;
  for (const line of rowLines(file)) {
    rows.push(JSON.parse(line) as Record<string, unknown>);
    if (rows.length >= count) break;
  }
  return rows;
}

/** Every row of a rows file, parsed a line at a time. */
function readRows(file: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const line of rowLines(file)) rows.push(JSON.parse(line) as Record<string, unknown>);
  return rows;
}
