// Pages read the snapshot `openpulse build` wrote; they never query the store.

import { snapshotForPages } from '../../collector/snapshot/astro-contract.ts';
import { openSnapshot } from '../../collector/snapshot/read.ts';
import type { QueryResult, SiteData } from '../../collector/snapshot/site-data.ts';

let cached: SiteData | undefined;

export function siteData(): SiteData {
  cached ??= openSnapshot(snapshotForPages());
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
