// The Compare page's chart: built at build time for the default view and in
// the browser for every other choice, from the same query rows.

import { citedLabel, type CitedFigure } from '../../charts/cited.ts';
import { classOf } from '../../charts/palette.ts';
import type { Plot, PlotSeries, Point } from '../../charts/plot.ts';
import type { CompareSeriesRow, SiteMetric } from '../../collector/snapshot/site-data.ts';
import { METRIC_TITLES } from './metrics.ts';
import { familyMetric, SITE_METRICS } from '../../registry/metrics.ts';

export interface CompareState {
  metric: SiteMetric;
  families: string[];
  /** x is days since each family's first release instead of the calendar. */
  align: boolean;
  log: boolean;
  from: string;
  to: string;
}

/** A cited figure (a reference_points row) as the Compare page needs it: its provenance, whose it is and which fact metric. */
export type ComparedCitation = CitedFigure & { family: string; metric: string; citation: string };

/** The site metric a cited figure's fact metric feeds (GitHub projects for github_projects), if any: a cited total of another kind is never drawn on a metric's axis. */
export function citedSiteMetric(factMetric: string): SiteMetric | undefined {
  return SITE_METRICS.find((m) => (familyMetric(m).facts as readonly string[]).includes(factMetric));
}

/** The cited figures drawn in a view: the chosen families' own, of the chosen metric, inside the date range. */
export function citedInView(cited: readonly ComparedCitation[], view: { metric: SiteMetric; families: string[]; from?: string; to?: string }): ComparedCitation[] {
  return cited.filter((c) => view.families.includes(c.family) && citedSiteMetric(c.metric) === view.metric && (!view.from || c.day >= view.from) && (!view.to || c.day <= view.to));
}

/**
 * Builds the compare plot from the query's rows: the build uses it for the default view, the browser for every other.
 * Each family's cited figures (reference_points) are drawn as points of their own beside its line, never
 * joined to it; on the axis of days since each first release they are left out (placing them would be arithmetic
 * on the page), and the page says so.
 */
export function comparePlot(
  rows: CompareSeriesRow[],
  options: { metric: SiteMetric; families: string[]; align: boolean; from?: string; to?: string; subtitle: string; cited?: readonly ComparedCitation[] },
): Plot {
  const meta = METRIC_TITLES[options.metric];
  const shades = { open: 0, closed: 0 };
  const series: PlotSeries[] = [];
  const cited = options.align ? [] : citedInView(options.cited ?? [], options);
  for (const family of options.families) {
    const mine = rows.filter((r) => r.family === family && (!options.from || r.day >= options.from) && (!options.to || r.day <= options.to) && (!options.align || r.days_since_release !== null));
    const first = rows.find((r) => r.family === family);
    if (!first) continue;
    const cls = classOf(first.openness);
    const shade = shades[cls]++;
    series.push({
      name: first.name,
      cls,
      shade,
      kind: 'line',
      data: mine.map((r): Point => [options.align ? r.days_since_release! : r.day, r.value]),
    });
    const points = cited.filter((c) => c.family === family);
    if (points.length) {
      // Labelled as on the family pages ("LLaMA (cited, Huxiu 2023-08, 2023-07-19): 5,600+"), in the tooltip only: a family's
      // figures are days apart, so labels drawn on the chart would overlap; the list under the chart gives each in full.
      series.push({ name: `${first.name} · cited`, cls, shade, kind: 'scatter', data: points.map((c): Point => [c.day, c.value, citedLabel(c, first.name)]) });
    }
  }
  return {
    title: `${meta.title}: ${options.align ? 'since each first release' : 'compared'}`,
    subtitle: options.subtitle,
    xType: options.align ? 'value' : 'time',
    ...(options.align ? { xName: 'days since first release' } : {}),
    yName: meta.unit,
    yFormat: 'number',
    series,
  };
}

const METRICS: readonly SiteMetric[] = SITE_METRICS;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the view from the URL; anything missing or unknown falls back to the default. */
export function parseCompareState(search: URLSearchParams, defaults: CompareState, known: string[]): CompareState {
  const metric = search.get('metric');
  // Both forms: families=a,b (a shared link) and families=a&families=b (the form without JavaScript).
  const families = search.getAll('families').flatMap((v) => v.split(',')).filter((f) => known.includes(f));
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  return {
    metric: METRICS.includes(metric as SiteMetric) ? (metric as SiteMetric) : defaults.metric,
    families: search.has('families') ? families : defaults.families,
    align: search.has('x') ? search.get('x') === 'aligned' : defaults.align,
    log: search.has('scale') ? search.get('scale') === 'log' : defaults.log,
    from: DAY.test(from) ? from : defaults.from,
    to: DAY.test(to) ? to : defaults.to,
  };
}

/** The view as a query string, so it can be shared. */
export function compareSearch(state: CompareState): string {
  const params = new URLSearchParams();
  params.set('metric', state.metric);
  params.set('families', state.families.join(','));
  params.set('scale', state.log ? 'log' : 'linear');
  params.set('x', state.align ? 'aligned' : 'calendar');
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  return `?${params.toString().replace(/%2C/g, ',')}`;
}
