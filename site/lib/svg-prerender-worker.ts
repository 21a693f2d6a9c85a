// The thread svg-prerender.ts starts: draws the family charts' pictures (all but a few dozen of
// the site's) into the build's cache (chart-svg.ts), from the last family back, so it meets Astro's
// routes, which go from the first on, instead of drawing the same pictures beside them. It reads
// the snapshot as the pages do, keeping fewer results (data.ts): one family's at a time.

import { parentPort } from 'node:worker_threads';
import type { FamilyRow } from '../../collector/snapshot/site-data.ts';
import { keys } from '../../collector/snapshot/manifest.ts';
import { keptSvg, SVG_SIZES } from './chart-svg.ts';
import { rowsOf } from './data.ts';
import { LANGS } from './i18n.ts';
import { familyPlotsOf } from './site-charts.ts';

let drawn = 0;
for (const family of rowsOf<FamilyRow>(keys.families).toReversed()) {
  for (const lang of LANGS) {
    for (const [id, plot] of familyPlotsOf(family.id, lang)) {
      for (const size of SVG_SIZES) {
        keptSvg(id, lang, size, () => plot);
        drawn += 1;
      }
    }
  }
}
parentPort?.postMessage({ drawn });
