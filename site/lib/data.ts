// Pages read the snapshot `openpulse build` wrote; they never query the store.

import { readFileSync } from 'node:fs';
import { snapshotForPages } from '../../collector/snapshot/astro-contract.ts';
import type { QueryResult, SiteData } from '../../collector/snapshot/site-data.ts';

let cached: SiteData | undefined;

export function siteData(): SiteData {
  cached ??= JSON.parse(readFileSync(snapshotForPages(), 'utf8')) as SiteData;
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

export function rowsOf<T>(key: string): T[] {
  return result(key).rows as T[];
}
