// The site's data: every named query a page needs, run once before the Astro
// build and written as one JSON snapshot. Pages read the snapshot, never the
// store, so a build holds the store only for the seconds the queries take and
// the site builds the same from the embedded store or a server.

import path from 'node:path';
import { writeFileAtomically } from '../files.ts';
import type { Catalog } from '../catalog.ts';
import type { Params } from '../../queries/index.ts';
import { getNamedQuery, resolveParams } from '../../queries/index.ts';
import type { Store } from '../store/index.ts';

// The row shape of each result, for the pages: the site reads the snapshot, never queries/.
export type * from '../../queries/rows.ts';

export interface SiteDataRequest {
  /** Key the pages look the result up by; unique within the snapshot. */
  key: string;
  query: string;
  params?: Params;
}

export interface QueryResult {
  query: string;
  description: string;
  sql: string;
  params: Params;
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
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

export async function collectSiteData(
  store: Store,
  catalog: Catalog,
  requests: SiteDataRequest[],
  options: { now: Date; simulated: boolean; onProgress?: (done: number, total: number) => void },
): Promise<SiteData> {
  const results: Record<string, QueryResult> = {};
  let done = 0;
  for (const request of requests) {
    const named = getNamedQuery(request.query);
    const rows = await store.query<Record<string, unknown>>(request.query, request.params ?? {});
    // Every parameter as the query ran, defaults included, so the Data page shows the whole call.
    results[request.key] = { query: named.name, description: named.description, sql: named.sql, params: resolveParams(named, request.params ?? {}), columns: named.returns, rows };
    options.onProgress?.(++done, requests.length);
  }
  return { generatedAt: options.now.toISOString(), simulated: options.simulated, store: store.kind, catalog: { ...catalog, file: path.basename(catalog.file) }, results };
}

/** Writes the snapshot to a temporary name and renames it into place: a failed build keeps the previous one. */
export async function writeSiteData(file: string, data: SiteData): Promise<void> {
  await writeFileAtomically(file, JSON.stringify(data));
}
