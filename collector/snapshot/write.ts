// Writes the snapshot a site build reads: the site's named queries (manifest.ts),
// every result's downloads (downloads.ts) and the report archive, while the store
// is open; Astro then builds from the folder alone (read.ts).

import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Catalog } from '../catalog.ts';
import { OpenPulseError } from '../errors.ts';
import { temporaryNameFor, temporaryNameOwner } from '../files.ts';
import type { Store } from '../store/index.ts';
import { processRuns } from '../store/lock.ts';
import { writeDownloads } from './downloads.ts';
import { siteQueries } from './manifest.ts';
import { siteReports } from './report-archive.ts';
import { SNAPSHOT_INDEX, snapshotCatalog, writeResults, type SnapshotIndex } from './site-data.ts';

/**
 * Removes the folders a snapshot was being written into by a process that has ended without
 * swapping it in (killed, or out of memory): `.site-data.<pid>.tmp` and its `.previous`, named by
 * the writing process (temporaryNameFor), so no later build would ever reuse or remove them, and
 * at 50 M facts each is up to 1.5 GB. A folder whose process still runs is left alone.
 */
async function removeAbandonedStaging(dir: string): Promise<void> {
  const names = await readdir(path.dirname(dir)).catch(() => [] as string[]);
  for (const name of names) {
    // a staging folder, or the previous snapshot it moved aside (`${staging}.previous`)
    const pid = temporaryNameOwner(dir, name.replace(/\.previous$/, ''));
    if (pid !== undefined && pid !== process.pid && !processRuns(pid)) await rm(path.join(path.dirname(dir), name), { recursive: true, force: true });
  }
}

/** Where a data directory keeps its snapshot folder. */
export function snapshotDir(dataDir: string): string {
  return path.resolve(dataDir, 'site-data');
}

/**
 * Runs the site's queries and reports into a new snapshot folder and swaps it in for the
 * previous one; returns its path. The folder is written under a temporary name beside it, so
 * a failed or stopped build keeps the previous snapshot whole.
 */
export async function writeSnapshot(
  store: Store,
  catalog: Catalog,
  options: {
    dataDir: string;
    now: Date;
    simulated: boolean;
    /** After each site query. */
    onProgress?: (done: number, total: number) => void;
    /** After each result's downloads are written. */
    onDownloads?: (done: number, total: number) => void;
    /** After each archived report is made (report-archive.ts). */
    onReports?: (done: number, total: number) => void;
  },
): Promise<string> {
  const dir = snapshotDir(options.dataDir);
  const staging = temporaryNameFor(dir);
  await rm(staging, { recursive: true, force: true });
  await removeAbandonedStaging(dir);
  try {
    const written = await writeResults(store, siteQueries(catalog, options.now), staging, options.onProgress);
    const head = { generatedAt: options.now.toISOString(), simulated: options.simulated };
    // The downloads (this thread's work: rows read, parsed and written again) are written while the
    // reports' queries run in the engine, which runs them off this thread: on two cores the one waits
    // less for the other (50 M generated facts: downloads 12.6 s and reports 21.2 s one after the
    // other, 27.2 s together). Not while the site's queries run: those use both cores, the reports'
    // mostly plan on one, and written beside the site's queries the downloads slowed them by more than
    // they saved (73.6 s to the snapshot against 67.7 s). Both end before anything else happens, a
    // failure of either too, so nothing writes into the folder once it is removed.
    const [downloads, archive] = await Promise.allSettled([
      writeDownloads(staging, written, head, options.onDownloads),
      siteReports(store, options.now, options.simulated, catalog, options.onReports),
    ]);
    if (downloads.status === 'rejected') throw downloads.reason;
    if (archive.status === 'rejected') throw archive.reason;
    const bytes = downloads.value;
    const results = Object.fromEntries(Object.entries(written).map(([key, r]) => [key, { ...r, downloadBytes: bytes[key]! }]));
    const index: SnapshotIndex = {
      ...head,
      store: store.kind,
      catalog: snapshotCatalog(catalog),
      results,
      reports: archive.value,
    };
    await writeFile(path.join(staging, SNAPSHOT_INDEX), JSON.stringify(index));
    const previous = `${staging}.previous`;
    await rm(previous, { recursive: true, force: true });
    await rename(dir, previous).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(staging, dir);
    await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof OpenPulseError) throw error;
    throw new OpenPulseError('FILE', `cannot write the site data in ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
  // The one-file snapshot earlier versions wrote: gone, so nothing reads stale figures from it.
  await rm(path.join(options.dataDir, 'site-data.json'), { force: true });
  return dir;
}
