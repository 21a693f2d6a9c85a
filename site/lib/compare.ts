// The Compare page's chart: built at build time for the default view and in
// the browser for every other choice, from the same query rows.

import { classOf } from '../../charts/palette.ts';
import type { Plot, PlotSeries, Point } from '../../charts/plot.ts';
import type { CompareSeriesRow, SiteMetric } from '../../collector/snapshot/site-data.ts';
import { METRIC_TITLES } from './metrics.ts';
import { SITE_METRICS } from '../../registry/metrics.ts';

export interface CompareState {
  metric: SiteMetric;
  families: string[];
  /** x is days since each family's first release instead of the calendar. */
  align: boolean;
  log: boolean;
  from: string;
  to: string;
}

/** Builds the compare plot from the query's rows: the build uses it for the default view, the browser for every other. */
export function comparePlot(rows: CompareSeriesRow[], options: { metric: SiteMetric; families: string[]; align: boolean; from?: string; to?: string; subtitle: string }): Plot {
  const meta = METRIC_TITLES[options.metric];
  const shades = { open: 0, closed: 0 };
  const series: PlotSeries[] = [];
  for (const family of options.families) {
    const mine = rows.filter((r) => r.family === family && (!options.from || r.day >= options.from) && (!options.to || r.day <= options.to) && (!options.align || r.days_since_release !== null));
    const first = rows.find((r) => r.family === family);
    if (!first) continue;
    const cls = classOf(first.openness);
    series.push({
      name: first.name,
      cls,
      shade: shades[cls]++,
      kind: 'line',
      data: mine.map((r): Point => [options.align ? r.days_since_release! : r.day, r.value]),
    });
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
