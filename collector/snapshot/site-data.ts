// The site's data: every named query a page needs, run once before the Astro
// build and written as a snapshot folder: index.json (every result's query,
// parameters and columns, the catalog, the reports) and each result's rows in a
// file of its own, streamed from the store. Pages read the snapshot (read.ts),
// never the store, so a build holds the store only for the time the queries take,
// the site builds the same from the embedded store or a server, and no result
// is ever one string (a 20 M-fact store's results do not fit in one).

import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Catalog } from '../catalog.ts';
import type { Params } from '../../queries/index.ts';
import { getNamedQuery, resolveParams } from '../../queries/index.ts';
import { ChunkedFile } from '../files.ts';
import type { Store } from '../store/index.ts';

// The row shape of each result, for the pages: the site reads the snapshot, never queries/.
export type * from '../../queries/rows.ts';

export interface SiteDataRequest {
  /** Key the pages look the result up by; unique within the snapshot. */
  key: string;
  query: string;
  params?: Params;
}

/** A result's two downloads' sizes in bytes, as the index lists them for the pages' links. */
export interface DownloadBytes {
  csv: number;
  json: number;
}

export interface QueryResult {
  query: string;
  description: string;
  sql: string;
  params: Params;
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  /** How many rows the result has; read from the snapshot's index, without reading its rows. */
  rowCount: number;
  /** The sizes of its two downloads, /data/<key>.csv and .json (downloads.ts). */
  downloadBytes: DownloadBytes;
  /** Its first `count` rows, reading no further into its file than they go (a snapshot read back); else rows.slice. */
  firstRows?: (count: number) => Record<string, unknown>[];
}

/** A trend report rendered at build time (see report-archive.ts). */
export interface SiteReport {
  id: string;
  period: 'week' | 'month';
  from: string;
  to: string;
  /** The report in English: its title, HTML and Markdown. */
  title: string;
  html: string;
  markdown: string;
  /** The same report in Simplified Chinese (the same numbers). */
  title_zh: string;
  html_zh: string;
  markdown_zh: string;
}

export interface SiteData {
  generatedAt: string;
  simulated: boolean;
  store: 'embedded' | 'server';
  catalog: Catalog;
  results: Record<string, QueryResult>;
  /** Weekly and monthly trend reports, newest first per period. */
  reports?: SiteReport[];
}

/** A result as the snapshot's index lists it: all but its rows, which are in a file of their own. */
export interface IndexedResult extends Omit<QueryResult, 'rows' | 'firstRows'> {
  /** The rows file, relative to the snapshot's folder: the columns' names on its first line, then a JSON array of values per row (read.ts rowRecords). */
  rowsFile: string;
}

/** A result as writeResults leaves it: its rows written, its downloads not yet (downloads.ts). */
export type WrittenResult = Omit<IndexedResult, 'downloadBytes'>;

/** The snapshot folder's index.json: the site data without any result's rows. */
export interface SnapshotIndex extends Omit<SiteData, 'results'> {
  results: Record<string, IndexedResult>;
}

export const SNAPSHOT_INDEX = 'index.json';

/**
 * Runs each request and streams its rows into a file of its own under `dir`, row by row as the
 * store sends them: no result is ever held whole, so a snapshot of any size can be written.
 */
export async function writeResults(
  store: Store,
  requests: SiteDataRequest[],
  dir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<Record<string, WrittenResult>> {
  await mkdir(path.join(dir, 'rows'), { recursive: true });
  const results: Record<string, WrittenResult> = {};
  for (const [i, request] of requests.entries()) {
    const named = getNamedQuery(request.query);
    const rowsFile = `rows/${i}.ndjson`;
    const out = new ChunkedFile(path.join(dir, rowsFile));
    try {
      const rowCount = await store.queryEach(request.query, request.params ?? {}, (bytes) => out.write(bytes));
      await out.close();
      // Every parameter as the query ran, defaults included, so the Data page shows the whole call.
      results[request.key] = { query: named.name, description: named.description, sql: named.sql, params: resolveParams(named, request.params ?? {}), columns: named.returns, rowCount, rowsFile };
    } catch (error) {
      out.destroy();
      throw error;
    }
    onProgress?.(i + 1, requests.length);
  }
  return results;
}

/** The index's catalog: the catalog without where it was read from (a path of this machine). */
export function snapshotCatalog(catalog: Catalog): Catalog {
  return { ...catalog, file: path.basename(catalog.file) };
}
