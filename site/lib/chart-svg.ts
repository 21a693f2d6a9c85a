// A chart's picture (/charts/<id>.svg, /charts/phone/<id>.svg, and the same under /zh/), kept in
// the build's cache (build-cache.ts) by whichever of the build's two threads draws it first: the
// routes' own, or the one svg-prerender.ts starts, which draws the family charts' pictures from the
// last family back while Astro renders the pages from the first on. ECharts numbers the ids and
// class names inside a picture by how many it has drawn in its thread ("zr12-c0", "zr12-cls-2680":
// unique within the picture), so those numbers depend on which thread drew it (as they depended on
// the order of the routes before); nothing else does.

import type { Plot, Size } from '../../charts/plot.ts';
import { renderPlotSvg } from '../../charts/render.ts';
import { buildCacheFile, cachedValue } from './build-cache.ts';
import type { Lang } from './i18n.ts';
import { chartPlot } from './site-charts.ts';

/** Every picture of a chart: each language, each size. */
export const SVG_SIZES: readonly Size[] = ['desktop', 'phone'];

/** The chart's picture in a language and size, drawn once per build. */
export function chartSvg(id: string, lang: Lang, size: Size): string {
  return keptSvg(id, lang, size, () => chartPlot(id, lang));
}

/** The same, from a plot at hand (the worker's, which reads a family's plots whole). */
export function keptSvg(id: string, lang: Lang, size: Size, plot: () => Plot): string {
  return cachedValue(buildCacheFile(`svg-${size}-${lang}-${id}`), () => renderPlotSvg(plot(), size));
}
