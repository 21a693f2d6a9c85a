// Row shapes of the named queries, in one place for the site and the reports
// (queries/README.md is the contract; each file's header names its columns).
// Dates arrive as YYYY-MM-DD text, numbers as numbers.

import type { FamilyMetric, FamilyOpenness, LeaderboardClass, OpennessClass, SiteMetric } from '../registry/index.ts';

export type { FamilyMetric, FamilyOpenness, LeaderboardClass, SiteMetric };
export type Openness = OpennessClass;

export interface FamilyRow {
  id: string;
  name: string;
  vendor: string;
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
  openness: FamilyOpenness;
  released_at: string;
  label: string;
}

export interface ReferencePointRow {
  day: string;
  family: string;
  subject: string;
  metric: string;
  value: number;
  citation: string;
}

export interface ProjectCountsByOpennessRow {
  day: string;
  openness: Openness;
  projects: number;
  families: number;
  is_reference: number;
}

export interface MetricByFamilyRow {
  day: string;
  family: string;
  name: string;
  openness: FamilyOpenness;
  value: number;
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
  class: LeaderboardClass;
  models: number;
  best_rank: number | null;
  best_elo: number | null;
  is_reference: number;
}

export interface FamilyMetricRow {
  day: string;
  metric: string;
  subject: string;
  value: number;
  is_reference: number;
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
  first_release: string | null;
  days_since_release: number | null;
}
