// Row shapes of the named queries, in one place for the site and the reports
// (queries/README.md is the contract; each file's header names its columns).
// Dates arrive as YYYY-MM-DD text, numbers as numbers.

import type { FamilyMetric, HeadlineSignal, LeaderboardClass, LeaderboardGroup, Openness as FamilyOpenness, OpennessClass, SiteMetric } from '../registry/index.ts';

export type { FamilyMetric, FamilyOpenness, HeadlineSignal, LeaderboardClass, LeaderboardGroup, SiteMetric };
export type Openness = OpennessClass;

export interface FamilyRow {
  id: string;
  name: string;
  /** The family's name in Simplified Chinese, where the catalog gives one ('' otherwise: the name is used). */
  name_zh: string;
  vendor: string;
  vendor_zh: string;
  openness: FamilyOpenness;
  is_open: number;
  region: string;
  licence: string;
  commercial_use: string;
  catalog_order: number;
}

export interface FamilyItemRow {
  kind: string;
  item: string;
  position: number;
}

export interface ReleaseEventRow {
  family: string;
  name: string;
  /** The release's own rung (the family's when the catalog names none). */
  openness: FamilyOpenness;
  released_at: string;
  label: string;
  licence: string;
  /** The public page that gives the date, or ''. */
  source: string;
}

/** A cited figure with its provenance (collector/reference.ts): whose it is, how sure, and where from. */
export interface ReferencePointRow {
  day: string;
  family: string;
  /** The family's catalog name, or '' for a figure of no family (e.g. a leaderboard class). */
  family_name: string;
  subject: string;
  metric: string;
  value: number;
  /** 'exact' | 'at least' | 'about' | 'derived' */
  qualifier: string;
  /** How a derived value was worked out, e.g. "32,000 − 3,000"; '' otherwise. */
  derivation: string;
  /** 'stated' | 'inferred' */
  date_basis: string;
  /** The source's words an inferred date comes from; '' otherwise. */
  date_inferred_from: string;
  quoted: string;
  note: string;
  /** '' when the source's URL could not be verified. */
  source_url: string;
  source_title: string;
  source_publisher: string;
  source_published: string;
  source_language: string;
  citation: string;
  detail: string;
}

export interface ProjectCountsByOpennessRow {
  day: string;
  openness: Openness;
  projects: number;
  families: number;
}

export interface MetricByFamilyRow {
  day: string;
  family: string;
  name: string;
  openness: FamilyOpenness;
  /** Summed over the subjects that cover the family's own series in the window. */
  value: number;
  /** metric_by_family only. */
  subjects?: number;
  /** The family's subjects that start or stop inside its series, left out of value (series_breaks lists them). */
  excluded_subjects?: number;
}

/** series_breaks: a subject left out of a window's totals, shares and growth. */
export interface SeriesBreakRow {
  family: string;
  name: string;
  openness: FamilyOpenness;
  subject: string;
  first_day: string;
  last_day: string;
  days: number;
  window_first_day: string;
  window_last_day: string;
  reason: 'starts inside the window' | 'stops inside the window' | 'starts and stops inside the window';
  /** 1 when it also starts or stops inside its family's own series: a break on the family's line. */
  family_step: number;
}

export interface MetricByOpennessRow {
  day: string;
  openness: Openness;
  value: number;
  families: number;
}

export interface OpenShareRow {
  day: string;
  open: number;
  closed: number;
  open_share: number;
}

export interface HeadlineFigureRow {
  metric: SiteMetric;
  open_share: number | null;
  open_share_30d_ago: number | null;
  change_30d: number | null;
  open_share_365d_ago: number | null;
  change_365d: number | null;
  as_of_day: string;
  day_30d_ago?: string | null;
  day_365d_ago?: string | null;
  /** The newest day's open share among the subjects that also had a value 30 (365) days before: change_Nd = comparable_share_Nd − open_share_Nd_ago. */
  comparable_share_30d?: number | null;
  comparable_share_365d?: number | null;
  /** Subjects that start or stop within the 30 (365) days, left out of the change. */
  excluded_30d?: number;
  excluded_365d?: number;
}

/**
 * headline_answer: one row per headline signal (registry/metrics.ts HEADLINE_SIGNALS), in
 * their order, all of one common week (week_from..week_to). A share is NULL, never 0, when
 * it cannot be worked out: no data, no subject covering both ends of the span, only one
 * side (open or closed) counted, or a count (derivatives), which only open models have.
 */
export interface HeadlineAnswerRow {
  signal: HeadlineSignal;
  title: string;
  /** stock: a count held on a day; flow: a count per day; table: a leaderboard publication; count: a stock only open models have (no share). */
  shape: 'stock' | 'flow' | 'table' | 'count';
  /**
   * The answer's week, Monday to Sunday, the same on every row: the latest whole week ending by as_of
   * for which every flow has a value on each day; NULL when no signal has data. Each row's now_from /
   * now_to say where its own figure is from when that differs. (Optional: absent from rows stored before it.)
   */
  week_from?: string | null;
  week_to?: string | null;
  /** stock: the open share on now_to; flow: of the 7 days now_from..now_to; table: of the newest table's classified models; count: NULL. */
  now_share: number | null;
  now_from: string | null;
  now_to: string | null;
  /** The open share of what was added (stock) or counted (flow) from since_from to since_to; NULL for a table. */
  since_share: number | null;
  /** The first day on or after `since` with a value; NULL when there is none. */
  since_from: string | null;
  since_to: string | null;
  /** stock: the share on since_from among the covering subjects; table: the first table since; NULL for a flow. */
  then_share: number | null;
  /** Open and closed amounts behind since_share: added (stock, count) or counted (flow) from since_from to since_to (table: the newest table's models). */
  open_value: number | null;
  closed_value: number | null;
  /** The amounts now: a stock's or count's on now_to, a flow's in now_from..now_to, a table's models; NULL when nothing is counted. */
  open_now?: number | null;
  closed_now?: number | null;
  /** open_now + closed_now, and open_value + closed_value, per openness rung (registry/openness.ts); a rung with 0 is absent. */
  now_by_rung?: Partial<Record<FamilyOpenness, number>>;
  added_by_rung?: Partial<Record<FamilyOpenness, number>>;
  /** Subjects counted on both ends of the span, and those left out because they start or stop inside it (0 for a table). */
  covering: number;
  excluded: number;
  /** table: models in the newest table whose licence no class names, left out of the share. */
  unclassified: number;
  source: string;
  caveat: string;
}

/**
 * openrouter_share: OpenRouter's routed tokens per day or ISO week, by side: open and closed are the
 * catalog's models in the scope; unknown (slugs no catalog entry maps), long_tail (OpenRouter's `other`
 * row: every model outside the day's top 50) and out_of_scope (catalog models the scope leaves out)
 * are on neither side. The shares of all tokens are of total_tokens.
 */
export interface OpenRouterShareRow {
  period_start: string;
  /** How many days of the period have figures. */
  days: number;
  open_tokens: number;
  closed_tokens: number;
  unknown_tokens: number;
  long_tail_tokens: number;
  out_of_scope_tokens: number;
  total_tokens: number;
  open_share: number | null;
  unknown_share: number;
  long_tail_share: number;
  as_of: string;
  licence: string;
  citation: string;
}

/** A window's first and last value and the change between them (growth_by_*, top_movers). */
export interface Growth {
  start_day: string;
  start_value: number;
  end_day: string;
  end_value: number;
  change: number;
  /** Percent; NULL when the start is 0. */
  pct_change: number | null;
}

/** growth_by_family, top_movers */
export interface GrowthRow extends Growth {
  family: string;
  name: string;
  openness: FamilyOpenness;
}

export interface GrowthByOpennessRow extends Growth {
  openness: Openness;
  families: number;
}

export interface OpenShareGrowthRow {
  start_day: string;
  start_share: number;
  end_day: string;
  end_share: number;
  change_points: number;
  open_added: number;
  closed_added: number;
  new_open_share: number | null;
}

export interface MetricByRegionRow {
  day: string;
  region: string;
  openness: Openness;
  value: number;
}

export interface LeaderboardOpennessRow {
  table_date: string;
  /** What the site shows: proprietary, open non-commercial, open, unknown (derived from the stored LeaderboardClass). */
  class: LeaderboardGroup;
  models: number;
  best_rank: number | null;
  best_elo: number | null;
  is_reference: number;
  /** Where the row's numbers come from: 'table' (a leaderboard table), 'table+dataset' (the table's counts, the Arena dataset's best rank and rating), 'dataset', or 'cited'. */
  origin: 'table' | 'table+dataset' | 'dataset' | 'cited';
}

/** One model of a publication's top (leaderboard_top_models). */
export interface LeaderboardTopModelRow {
  table_date: string;
  /** 1 + the models rated higher in the publication. */
  position: number;
  model: string;
  organization: string;
  licence: string;
  class: LeaderboardGroup;
  licence_class: LeaderboardClass;
  family: string;
  rating: number;
  rating_lower: number | null;
  rating_upper: number | null;
  votes: number | null;
  /** The Arena's own published rank (upper-bound rank; several models may share 1). */
  arena_rank: number | null;
  models: number;
  origin: 'dataset' | 'table';
}

/** The best open and closed model of a publication and the closed lead (leaderboard_best_open_closed). */
export interface LeaderboardBestOpenClosedRow {
  table_date: string;
  best_open: string;
  open_position: number;
  open_rating: number;
  open_lower: number | null;
  open_upper: number | null;
  best_closed: string;
  closed_position: number;
  closed_rating: number;
  closed_lower: number | null;
  closed_upper: number | null;
  /** closed − open rating: positive when the closed model leads. */
  gap: number;
  gap_lower: number | null;
  gap_upper: number | null;
  models: number;
  origin: 'dataset' | 'table';
}

/** Open, closed and unknown among a publication's top 10, 20, 50 (leaderboard_top_share). */
export interface LeaderboardTopShareRow {
  table_date: string;
  top: number;
  models: number;
  open: number;
  open_noncommercial: number;
  closed: number;
  unknown: number;
  open_share: number;
  origin: 'dataset' | 'table';
}

/** A family's best model per publication (leaderboard_family_best). */
export interface LeaderboardFamilyBestRow {
  table_date: string;
  family: string;
  name: string;
  best_model: string;
  position: number;
  rating: number;
  rating_lower: number | null;
  rating_upper: number | null;
  class: LeaderboardGroup;
  family_models: number;
  models: number;
  origin: 'dataset' | 'table';
}

/** How many months the best open model trails the closed frontier, per publication date (leaderboard_gap_months). */
export interface LeaderboardGapMonthsRow {
  day: string;
  scale_date: string;
  best_open: string;
  open_rating: number;
  open_first_seen: string;
  closed_best: string;
  closed_rating: number;
  matched_by: string;
  matched_on: string | null;
  months: number;
  months_low: number;
  months_high: number;
  open_leads: number;
  rated: number;
  unrated: number;
}

export interface LeaderboardUnknownLicenceRow {
  licence: string;
  models: number;
  tables: number;
  first_table: string;
  last_table: string;
  examples: string[];
}

export interface FamilyMetricRow {
  day: string;
  metric: string;
  subject: string;
  value: number;
  is_reference: number;
}

/** family_chart_facts: a family_metrics row, and how many days its value stands for (1, or a week's days averaged). */
export interface FamilyChartFactRow extends FamilyMetricRow {
  days: number;
}

export interface FamilySubjectLatestRow {
  subject: string;
  metric: string;
  day: string;
  value: number;
  detail: string;
}

export interface DataFreshnessRow {
  source: string;
  /** NULL while a source has no facts yet. */
  newest_day: string | null;
  facts: number;
  /** NULL while a source has never run. */
  last_run: string | null;
  last_status: string;
  last_rows: number;
  last_message: string;
}

/** site_compare_series (a site query, not in the contract). */
export interface CompareSeriesRow extends MetricByFamilyRow {
  /** Summed over every subject of the family with a value that day (not only the covering ones, as metric_by_family). */
  value: number;
  /** The family's series whose first day this is (after the family's first) and whose last day it is (before its last): a break in the line. */
  starts: number;
  stops: number;
  first_release: string | null;
  days_since_release: number | null;
}
