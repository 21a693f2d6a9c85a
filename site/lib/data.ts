// Pages read the snapshot `openpulse build` wrote; they never query the store.

import { readFileSync } from 'node:fs';
import type { QueryResult, SiteData } from '../../collector/site-data.ts';

let cached: SiteData | undefined;

export function siteData(): SiteData {
  if (cached) return cached;
  const file = process.env.OPENPULSE_SITE_DATA;
  if (!file) {
    throw new Error('OPENPULSE_SITE_DATA is not set: build the site with "openpulse build" (or "npm run build"), which runs the named queries first');
  }
  cached = JSON.parse(readFileSync(file, 'utf8')) as SiteData;
  return cached;
}

export function result(key: string): QueryResult {
  const r = siteData().results[key];
  if (!r) throw new Error(`the site data has no result "${key}": add it to site/lib/manifest.ts`);
  return r;
}

export function rowsOf<T>(key: string): T[] {
  return result(key).rows as T[];
}
