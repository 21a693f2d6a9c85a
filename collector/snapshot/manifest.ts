// Which named queries the site needs, with their parameters. `openpulse build`
// runs exactly these into the snapshot, and the pages look results up by the
// same keys. Keys are URL-safe: the Data page publishes every result at
// /data/<key>/.

import type { Catalog } from '../catalog.ts';
import { isoDay } from '../observation.ts';
import type { SiteDataRequest } from './site-data.ts';
import type { FamilyMetric, SiteMetric } from '../../queries/rows.ts';

/**
 * The family-level metrics the site charts, in the order it shows them (registry/metrics.ts), and
 * those of them an open share exists for (SITE_SHARE_METRICS: not derivatives, which closed models
 * cannot have; open_share is requested for these only).
 */
import { FAMILY_METRICS, HEADLINE_SINCE, ROUTED_DAYS, SITE_METRICS, isShareMetric, type SiteShareMetric } from '../../registry/metrics.ts';
import { HEADLINE_SCOPE } from '../../registry/openness.ts';
export { SITE_METRICS };

/**
 * The family-level metrics family pages and the families index state figures of (latest value,
 * change over a year, rank): the site's metrics and Hugging Face's 30-day downloads, which the
 * site charts per model on family pages only.
 */
export const FAMILY_FIGURE_METRICS: readonly FamilyMetric[] = [...SITE_METRICS, 'hf_downloads_30d'];

/** Where every series starts: the month before ChatGPT, when the race began. */
export const SERIES_START = '2022-11-01';

/**
 * A family page's charts draw every day of this many days back and one point a week before
 * them (family_chart_facts: a count held as of the week's last day with a value, a count per day
 * as its week's daily average): a chart grows by one point a week of history, not seven, and the
 * site starts in November 2022 (SERIES_START) however far back the store goes.
 */
export const FAMILY_DAILY_DAYS = 365;

/**
 * The family's table of every fact (/data/family_metrics-<id>/, its CSV and JSON) covers this
 * many days back: every subject and metric as collected, for checking a recent figure. The whole
 * history is a query away (`openpulse query family_metrics --param family=<id>`).
 */
export const FAMILY_FACT_DAYS = 90;

/** The fact metrics a family page charts: those the family-level metrics are made of (registry FAMILY_METRICS). */
export const FAMILY_CHART_FACTS: readonly string[] = [...new Set(FAMILY_METRICS.flatMap((m) => m.facts))];

/** Windows the overview's movers are measured over. */
export const MOVER_WINDOWS = [
  { id: '365d', days: 365, label: 'past 365 days' },
  { id: '30d', days: 30, label: 'past 30 days' },
] as const;

export const keys = {
  families: 'families',
  releaseEvents: 'release_events',
  referencePoints: 'reference_points',
  headline: 'headline_figures',
  /** The headline question's answer per signal, since Llama 2 (HEADLINE_SINCE), for the latest whole week by today (the rows' week_from..week_to). */
  headlineAnswer: 'headline_answer',
  /** OpenRouter's routed tokens per day over the past ROUTED_DAYS days (registry/metrics.ts): what the headline's routed-token share is of. */
  routedTokens: 'openrouter_share-day',
  /**
   * OpenRouter's routed tokens per day since SERIES_START: the overview's chart of the open share of routed
   * tokens, with each day's tokens per side, long tail and unmapped models beside the share.
   */
  routedShareHistory: 'openrouter_share-day-all',
  metricByOpenness: (metric: SiteMetric) => `metric_by_openness-${metric}`,
  /** Only for the metrics an open share exists for (SITE_SHARE_METRICS): a count such as derivatives has none. */
  openShare: (metric: SiteShareMetric) => `open_share-${metric}`,
  metricByFamily: (metric: SiteMetric) => `metric_by_family-${metric}`,
  compareSeries: (metric: FamilyMetric) => `site_compare_series-${metric}`,
  growthByFamily: (metric: FamilyMetric) => `growth_by_family-${metric}-365d`,
  growthByOpenness: (metric: SiteMetric) => `growth_by_openness-${metric}-365d`,
  projectsByFamily: 'project_counts_by_family',
  topMovers: (metric: SiteMetric, window: string) => `top_movers-${metric}-${window}`,
  /** The series left out of a window's totals, shares and growth (window: 'all' for the whole series, or a mover window's id), in the scope of the open-vs-closed charts and movers they annotate. */
  seriesBreaks: (metric: SiteMetric, window: string) => `series_breaks-${metric}-${window}`,
  projectsByRegion: 'metric_by_region-projects',
  leaderboard: 'leaderboard_openness',
  leaderboardUnknownLicences: 'leaderboard_unknown_licences',
  /** Per publication: its top 10, the best open and closed model, open shares of the top, each family's best model, and the months open trails closed. */
  leaderboardTop: 'leaderboard_top_models',
  leaderboardBestOpenClosed: 'leaderboard_best_open_closed',
  leaderboardTopShare: 'leaderboard_top_share',
  leaderboardFamilyBest: 'leaderboard_family_best',
  leaderboardGapMonths: 'leaderboard_gap_months',
  familyItems: (family: string) => `family_items-${family}`,
  /** Every fact of the family in the past FAMILY_FACT_DAYS days. */
  familyMetrics: (family: string) => `family_metrics-${family}`,
  /** What the family's charts draw: daily for FAMILY_DAILY_DAYS days, weekly before. */
  familyChartFacts: (family: string) => `family_chart_facts-${family}`,
  familySubjects: (family: string) => `family_subjects_latest-${family}`,
  freshness: 'data_freshness',
} as const;

export function daysBefore(date: Date, days: number): string {
  return isoDay(new Date(date.getTime() - days * 86_400_000));
}

export function siteQueries(catalog: Catalog, now: Date = new Date()): SiteDataRequest[] {
  const today = isoDay(now);
  const range = { from: SERIES_START, to: today };
  const requests: SiteDataRequest[] = [
    { key: keys.families, query: 'families' },
    { key: keys.releaseEvents, query: 'release_events' },
    { key: keys.referencePoints, query: 'reference_points' },
    { key: keys.headline, query: 'headline_figures', params: { as_of: today } },
    { key: keys.headlineAnswer, query: 'headline_answer', params: { since: HEADLINE_SINCE, as_of: today } },
    { key: keys.routedTokens, query: 'openrouter_share', params: { grain: 'day', from: daysBefore(now, ROUTED_DAYS), to: today, scope: HEADLINE_SCOPE } },
    { key: keys.routedShareHistory, query: 'openrouter_share', params: { grain: 'day', ...range, scope: HEADLINE_SCOPE } },
    { key: keys.projectsByRegion, query: 'metric_by_region', params: { metric: 'projects', ...range } },
    { key: keys.leaderboard, query: 'leaderboard_openness', params: range },
    { key: keys.leaderboardUnknownLicences, query: 'leaderboard_unknown_licences', params: range },
    { key: keys.leaderboardTop, query: 'leaderboard_top_models', params: { ...range, top: 10 } },
    { key: keys.leaderboardBestOpenClosed, query: 'leaderboard_best_open_closed', params: range },
    { key: keys.leaderboardTopShare, query: 'leaderboard_top_share', params: range },
    { key: keys.leaderboardFamilyBest, query: 'leaderboard_family_best', params: range },
    // the newest publication on or before today is the common scale
    { key: keys.leaderboardGapMonths, query: 'leaderboard_gap_months', params: { scale: today, ...range } },
    { key: keys.freshness, query: 'data_freshness' },
    { key: keys.projectsByFamily, query: 'project_counts_by_family', params: range },
  ];
  const lastYear = { from: daysBefore(now, 365), to: today };
  for (const metric of SITE_METRICS) {
    // open_share where the metric has one (registry/metrics.ts openShare): derivatives are counted on open models only,
    // and their share would be asked of the engine on every build to answer no row
    if (isShareMetric(metric)) requests.push({ key: keys.openShare(metric), query: 'open_share', params: { metric, ...range } });
    requests.push(
      { key: keys.metricByOpenness(metric), query: 'metric_by_openness', params: { metric, ...range } },
      { key: keys.metricByFamily(metric), query: 'metric_by_family', params: { metric, ...range } },
      { key: keys.compareSeries(metric), query: 'site_compare_series', params: { metric, ...range } },
      { key: keys.growthByFamily(metric), query: 'growth_by_family', params: { metric, ...lastYear } },
      { key: keys.growthByOpenness(metric), query: 'growth_by_openness', params: { metric, ...lastYear } },
      // series_breaks defaults to every subject; the charts and movers it annotates add the headline scope's only.
      { key: keys.seriesBreaks(metric, 'all'), query: 'series_breaks', params: { metric, ...range, scope: HEADLINE_SCOPE } },
    );
    for (const window of MOVER_WINDOWS) {
      requests.push(
        { key: keys.topMovers(metric, window.id), query: 'top_movers', params: { metric, from: daysBefore(now, window.days), to: today, limit: 10 } },
        { key: keys.seriesBreaks(metric, window.id), query: 'series_breaks', params: { metric, from: daysBefore(now, window.days), to: today, scope: HEADLINE_SCOPE } },
      );
    }
  }
  // The family figures' metrics the loop above leaves out: each family's series (its latest value and rank) and its change over the year.
  for (const metric of FAMILY_FIGURE_METRICS.filter((m) => !(SITE_METRICS as readonly string[]).includes(m))) {
    requests.push(
      { key: keys.compareSeries(metric), query: 'site_compare_series', params: { metric, ...range } },
      { key: keys.growthByFamily(metric), query: 'growth_by_family', params: { metric, ...lastYear } },
    );
  }
  for (const family of catalog.families) {
    requests.push(
      { key: keys.familyItems(family.id), query: 'family_items', params: { family: family.id } },
      { key: keys.familyMetrics(family.id), query: 'family_metrics', params: { family: family.id, from: daysBefore(now, FAMILY_FACT_DAYS), to: today } },
      {
        key: keys.familyChartFacts(family.id),
        query: 'family_chart_facts',
        params: { family: family.id, metrics: [...FAMILY_CHART_FACTS], ...range, daily_from: daysBefore(now, FAMILY_DAILY_DAYS) },
      },
      { key: keys.familySubjects(family.id), query: 'family_subjects_latest', params: { family: family.id } },
    );
  }
  return requests;
}
