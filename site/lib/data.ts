// Pages read the snapshot `openpulse build` wrote; they never query the store.

import { isMainThread } from 'node:worker_threads';
import { snapshotForPages } from '../../collector/snapshot/astro-contract.ts';
import { openSnapshot } from '../../collector/snapshot/read.ts';
import type { QueryResult, SiteData } from '../../collector/snapshot/site-data.ts';

let cached: SiteData | undefined;

/**
 * Results whose rows a thread beside the pages' keeps parsed (svg-prerender-worker.ts: a family's
 * few at a time); the pages' own thread keeps read.ts' default.
 */
const WORKER_KEPT_RESULTS = 4;

export function siteData(): SiteData {
  cached ??= isMainThread ? openSnapshot(snapshotForPages()) : openSnapshot(snapshotForPages(), WORKER_KEPT_RESULTS);
  return cached;
}

export function result(key: string): QueryResult {
  const r = siteData().results[key];
  if (!r) throw new Error(`the site data has no result "${key}": add it to collector/snapshot/manifest.ts`);
  return r;
}

/** Every result's key, as the static paths of the pages that publish one result each. */
export function resultPaths(): { params: { key: string } }[] {
  return Object.keys(siteData().results).map((key) => ({ params: { key } }));
}

/** A result's first `count` rows, without reading the rest (a page that shows a table's head). */
export function firstRows(key: string, count: number): Record<string, unknown>[] {
  const r = result(key);
  return r.firstRows ? r.firstRows(count) : r.rows.slice(0, count);
}

export function rowsOf<T>(key: string): T[] {
  return result(key).rows as T[];
}
