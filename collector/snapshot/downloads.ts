// The site's downloads of every result, /data/<key>.json and /data/<key>.csv. They are
// the largest part of a site (every row of every result since the series start), so
// they are not Astro pages: a page renders as one string in Astro's process, and a
// result of hundreds of thousands of rows would be parsed, held and joined there again
// for every page that links it or states its size. The snapshot writes them instead,
// beside the rows: each result's rows file is read a chunk at a time (rowRecords) and each row
// written as soon as it is read, so memory follows the chunk, not the result. The index
// lists their sizes (for the pages' links), and the build copies them into the site.

import { constants } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { csvLine } from '../../charts/csv.ts';
import { ChunkedFile } from '../files.ts';
import { rowRecords } from './read.ts';
import { SNAPSHOT_INDEX, type DownloadBytes, type SnapshotIndex, type WrittenResult } from './site-data.ts';

/** Where a result's downloads are, relative to the snapshot folder and to the site's root (the pages link to these). */
export function downloadPaths(key: string): { json: string; csv: string } {
  return { json: `data/${key}.json`, csv: `data/${key}.csv` };
}

/**
 * Writes one result's two downloads: the JSON (the named query, its parameters, SQL, columns and
 * every row, with when the site's data was generated) and the CSV (a header, then a line a row,
 * in the columns' order).
 */
async function writeResultDownloads(
  snapshotDir: string,
  key: string,
  result: WrittenResult & { downloadBytes?: DownloadBytes },
  head: { generatedAt: string; simulated: boolean },
): Promise<DownloadBytes> {
  const { rowsFile, rowCount, downloadBytes: _bytes, ...meta } = result;
  const names = meta.columns.map((c) => c.name);
  const files = downloadPaths(key);
  const json = new ChunkedFile(path.join(snapshotDir, files.json));
  const csv = new ChunkedFile(path.join(snapshotDir, files.csv));
  try {
    // The head of the JSON object, its "rows" last and open: the object written whole would end in `}`.
    const top = JSON.stringify({ key, generated_at: head.generatedAt, simulated: head.simulated, ...meta });
    await json.write(`${top.slice(0, -1)},"rows":[`);
    await csv.write(csvLine(names));
    let rows = 0;
    for (const row of rowRecords(path.join(snapshotDir, rowsFile))) {
      if (rows > 0) json.add(',');
      json.add(JSON.stringify(row));
      csv.add(csvLine(names.map((name) => row[name])));
      rows += 1;
      // A wait a chunk, not a row (5.8 M rows at 50 M generated facts).
      if (json.full || csv.full) await Promise.all([json.flush(), csv.flush()]);
    }
    await json.write(']}');
    await Promise.all([json.close(), csv.close()]);
    if (rows !== rowCount) {
      throw new Error(`the site data's result "${key}" has ${rows} rows in ${rowsFile}, but its index says ${rowCount}: run "openpulse build" again, which writes it anew`);
    }
    return { csv: csv.written, json: json.written };
  } catch (error) {
    json.destroy();
    csv.destroy();
    throw error;
  }
}

/**
 * Writes every result's downloads into the snapshot folder (data/<key>.json and .csv beside its
 * rows), from its rows file; calls onProgress after each result. Returns their sizes by key.
 */
export async function writeDownloads(
  snapshotDir: string,
  results: Record<string, WrittenResult>,
  head: { generatedAt: string; simulated: boolean },
  onProgress?: (done: number, total: number) => void,
): Promise<Record<string, DownloadBytes>> {
  const entries = Object.entries(results);
  await mkdir(path.join(snapshotDir, 'data'), { recursive: true });
  const sizes: Record<string, DownloadBytes> = {};
  for (const [i, [key, result]] of entries.entries()) {
    sizes[key] = await writeResultDownloads(snapshotDir, key, result, head);
    onProgress?.(i + 1, entries.length);
  }
  return sizes;
}

/**
 * Copies every result's downloads from the snapshot folder into the built site's data/ folder
 * (a clone where the file system can, else a copy): the site publishes them as they are.
 */
export async function copyDownloads(snapshotDir: string, siteDir: string): Promise<number> {
  const index = JSON.parse(await readFile(path.join(snapshotDir, SNAPSHOT_INDEX), 'utf8')) as SnapshotIndex;
  await mkdir(path.join(siteDir, 'data'), { recursive: true });
  let files = 0;
  for (const key of Object.keys(index.results)) {
    for (const file of Object.values(downloadPaths(key))) {
      await copyFile(path.join(snapshotDir, file), path.join(siteDir, file), constants.COPYFILE_FICLONE);
      files += 1;
    }
  }
  return files;
}
