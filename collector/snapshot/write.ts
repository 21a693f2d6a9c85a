// Writes the snapshot a site build reads: the site's named queries (manifest.ts)
// and the report archive, while the store is open; Astro then builds from the
// file alone.

import path from 'node:path';
import type { Catalog } from '../catalog.ts';
import type { Store } from '../store/index.ts';
import { siteQueries } from './manifest.ts';
import { siteReports } from './report-archive.ts';
import { collectSiteData, writeSiteData } from './site-data.ts';

/** Where a data directory keeps its snapshot. */
export function snapshotFile(dataDir: string): string {
  return path.resolve(dataDir, 'site-data.json');
}

/** Runs the site's queries and reports into the snapshot file; returns its path. */
export async function writeSnapshot(
  store: Store,
  catalog: Catalog,
  options: { dataDir: string; now: Date; simulated: boolean; onProgress?: (done: number, total: number) => void },
): Promise<string> {
  const file = snapshotFile(options.dataDir);
  const data = await collectSiteData(store, catalog, siteQueries(catalog, options.now), options);
  data.reports = await siteReports(store, options.now, options.simulated);
  await writeSiteData(file, data);
  return file;
}
