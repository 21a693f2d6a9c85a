// The site's data: every named query the site reads and the archived reports, written into the
// snapshot folder the static build reads (snapshot/write.ts). Shared by the commands that build the
// site: build, main and schedule (in a process of their own, store-process.ts) and demo. Kept apart from
// build.ts, which runs Astro: the snapshot's modules (the charts' and reports' among them) are
// about 110 MiB of JavaScript heap that the process waiting on Astro has no need of.

import type { Catalog } from '../catalog.ts';
import type { Config } from '../config.ts';
import { isSimulated } from '../simulated.ts';
import { writeSnapshot } from '../snapshot/write.ts';
import type { Store } from '../store/index.ts';
import type { CommandIO } from './types.ts';

/** Runs the site's named queries and reports into the snapshot file; returns its path. */
export async function snapshotSiteData(store: Store, catalog: Catalog, config: Config, io: CommandIO): Promise<string> {
  return writeSnapshot(store, catalog, {
    dataDir: config.dataDir,
    now: io.clock.now(),
    simulated: await isSimulated(store, config),
    onProgress: (done, total) => io.log.progress('site queries', done, total),
    onDownloads: (done, total) => io.log.progress('site downloads', done, total),
    onReports: (done, total) => io.log.progress('site reports', done, total),
  });
}
