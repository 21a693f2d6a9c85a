// The metrics' vocabulary, written once: every stored fact metric (what a source
// emits) and every family-level metric (what the site, the reports and the
// named queries show). Titles, units, what a metric counts and its caveats are
// read from here by the site, the reports, the methodology page, the SQL
// parameter type FamilyMetric (queries/index.ts) and the collectors' validation.
//
// This folder imports nothing of the project, so that every part may read it:
// collector/, queries/, charts/ and site/.

import type { SourceName } from './sources.ts';

/** How a value is formatted on an axis: a count, or a rank (1 is best, axis inverted). */
export type MetricFormat = 'number' | 'rank';

export interface FactMetricEntry {
  id: string;
  /** The source whose collector emits it (reference figures may cite any metric). */
  source: SourceName;
  /** Subject prefix of its facts, e.g. repo for repo:owner/name. */
  subject: string;
  title: string;
  unit: string;
  format?: MetricFormat;
}

/** Every metric a fact may carry, in the order family pages show them. */
export const FACT_METRICS = [
  // GitHub search: repositories matching a catalog keyword today
  { id: 'github_projects', source: 'github', subject: 'search', title: 'GitHub projects per search', unit: 'repositories' },
  // GitHub search with created:..DATE: matching repositories existing at a past date (backfill)
  { id: 'github_projects_existing', source: 'github', subject: 'search', title: 'GitHub projects per search, reconstructed (backfill)', unit: 'repositories' },
  // repository stats; star history: stars given that day and still held, and their running total
  { id: 'github_stars', source: 'github', subject: 'repo', title: 'Stars per repository', unit: 'stars' },
  { id: 'github_stars_retained', source: 'github', subject: 'repo', title: 'Stars per repository, from star history', unit: 'stars' },
  { id: 'github_stars_gained', source: 'github', subject: 'repo', title: 'Stars gained per day', unit: 'stars a day' },
  { id: 'github_forks', source: 'github', subject: 'repo', title: 'Forks per repository', unit: 'forks' },
  { id: 'github_watchers', source: 'github', subject: 'repo', title: 'Watchers per repository', unit: 'watchers' },
  { id: 'github_open_issues', source: 'github', subject: 'repo', title: 'Open issues per repository', unit: 'issues' },
  // Hugging Face (model id as in the catalog or an organisation listing)
  { id: 'hf_downloads_30d', source: 'huggingface', subject: 'hf', title: 'Hugging Face downloads, last 30 days', unit: 'downloads' },
  { id: 'hf_downloads_all_time', source: 'huggingface', subject: 'hf', title: 'Hugging Face downloads, all time', unit: 'downloads' },
  { id: 'hf_likes', source: 'huggingface', subject: 'hf', title: 'Hugging Face likes', unit: 'likes' },
  // package registries, one fact per package per day
  { id: 'npm_downloads', source: 'npm', subject: 'npm', title: 'npm downloads per day', unit: 'downloads a day' },
  { id: 'pypi_downloads', source: 'pypi', subject: 'pypi', title: 'PyPI downloads per day', unit: 'downloads a day' },
  // leaderboard tables: per licence class, and per model
  { id: 'arena_models', source: 'leaderboard', subject: 'arena', title: 'Leaderboard models per class', unit: 'models' },
  { id: 'arena_best_rank', source: 'leaderboard', subject: 'arena', title: 'Best leaderboard rank per class', unit: 'rank', format: 'rank' },
  { id: 'arena_best_elo', source: 'leaderboard', subject: 'arena', title: 'Best leaderboard Elo per class', unit: 'Elo' },
  { id: 'arena_model_rank', source: 'leaderboard', subject: 'arena-model', title: 'Leaderboard rank per model', unit: 'rank', format: 'rank' },
  { id: 'arena_model_elo', source: 'leaderboard', subject: 'arena-model', title: 'Leaderboard Elo per model', unit: 'Elo' },
  // reported totals that no API serves (reference figures only)
  { id: 'downloads_reported_total', source: 'reference', subject: 'downloads', title: 'Reported downloads (cited)', unit: 'downloads' },
] as const satisfies readonly FactMetricEntry[];

export type FactMetric = (typeof FACT_METRICS)[number]['id'];
export const FACT_METRIC_IDS: readonly FactMetric[] = FACT_METRICS.map((m) => m.id);

export function factMetric(id: string): FactMetricEntry | undefined {
  return (FACT_METRICS as readonly FactMetricEntry[]).find((m) => m.id === id);
}

export interface FamilyMetricEntry {
  /** The value of the queries' `metric` parameter and of family_daily.metric. */
  id: string;
  title: string;
  /** What is counted, as a plural noun ("Of the repositories added…", an axis name). */
  unit: string;
  /** What it counts, one clause. */
  counts: string;
  /** The fact metrics it is computed from (queries/schema/002_family_daily.sql). */
  facts: readonly FactMetric[];
  /** What the numbers miss, for reports and the methodology page. */
  caveats: readonly string[];
  /** Whether the site charts it (Hugging Face's 30-day window is shown only on family pages and in reports). */
  onSite: boolean;
  /** Whether cited reference figures exist for it. */
  hasReference: boolean;
}

/** The family-level metrics, in the order the site and reports show them. */
export const FAMILY_METRICS = [
  {
    id: 'projects',
    title: 'GitHub projects',
    unit: 'repositories',
    counts: "repositories matching each family's headline GitHub search",
    facts: ['github_projects', 'github_projects_existing'],
    caveats: [
      "A family's projects are the repositories GitHub's search finds for the family's headline query (the first search in the catalog), in repository names, descriptions and topics. They count mentions, not use.",
      'Search counts drift: GitHub re-indexes, and a count is a lower bound when GitHub reports incomplete results. Counts for past dates come from `created:<=DATE` searches asked later, which miss repositories deleted, made private or renamed since, so the past is understated, the more the further back.',
      'Where a day has no snapshot the backfilled count stands in for it; the two are close but not the same measurement.',
      'A repository can match the searches of two families (a project using both LLaMA and GPT-4 counts for each).',
      "Cited reference figures come from a publication, for a search that is not the catalog's headline query: each is shown beside its own family's series with its qualifier (5,600+ means at least 5,600; derived and inferred dates are said so) and its source, and never added to collected counts or to an open or closed total.",
    ],
    onSite: true,
    hasReference: true,
  },
  {
    id: 'stars',
    title: 'GitHub stars',
    unit: 'stars',
    // Total stars held on the day (github_stars, or the running total of star history), not stars gained that day.
    counts: "total stars held on the day by each family's catalog repositories",
    facts: ['github_stars', 'github_stars_retained'],
    caveats: [
      "A family's stars are the total stars of its flagship repositories in the catalog on a day, summed (not the stars gained that day); a repository without a value on a day is missing from that day's sum, not counted as zero.",
      'Past days come from star history, which counts retained stars: stars given on a day and still held today. Stars withdrawn since are not in it, so history understates past totals; it meets the collected count on the day it was fetched.',
    ],
    onSite: true,
    hasReference: true,
  },
  {
    id: 'downloads',
    title: 'Package downloads',
    unit: 'downloads a day',
    counts: "daily npm and PyPI downloads of each family's SDKs and runtimes",
    facts: ['npm_downloads', 'pypi_downloads'],
    caveats: [
      "Downloads are the npm and PyPI counts of the family's packages for one day (UTC), summed. A day's figure is final only after UTC midnight; weekdays run higher than weekends, so compare like days.",
      'Package downloads include CI systems and mirrors; they measure installs, not users. PyPI figures exclude mirrors (pypistats `mirrors=false`).',
    ],
    onSite: true,
    hasReference: false,
  },
  {
    id: 'hf_downloads_30d',
    title: 'Hugging Face downloads (30-day window)',
    unit: 'downloads in 30 days',
    counts: "Hugging Face's rolling 30-day download count of each family's models",
    facts: ['hf_downloads_30d'],
    caveats: [
      'Hugging Face downloads are a rolling 30-day window reported on the day of the snapshot, not a daily figure and not a total: do not add days together. Hugging Face keeps no history, so the series starts on the first snapshot.',
    ],
    onSite: false,
    hasReference: false,
  },
] as const satisfies readonly FamilyMetricEntry[];

export type FamilyMetric = (typeof FAMILY_METRICS)[number]['id'];
export const FAMILY_METRIC_IDS: readonly FamilyMetric[] = FAMILY_METRICS.map((m) => m.id);

/** The family-level metrics the site charts, in the order it shows them. */
export type SiteMetric = Extract<(typeof FAMILY_METRICS)[number], { onSite: true }>['id'];
export const SITE_METRICS: readonly SiteMetric[] = FAMILY_METRICS.filter((m): m is Extract<(typeof FAMILY_METRICS)[number], { onSite: true }> => m.onSite).map((m) => m.id);

export function familyMetric<M extends FamilyMetric>(id: M): Extract<(typeof FAMILY_METRICS)[number], { id: M }> {
  return FAMILY_METRICS.find((m) => m.id === id) as Extract<(typeof FAMILY_METRICS)[number], { id: M }>;
}

/** Whether series of reference figures exist (queries' `series` parameter). */
export const SERIES = ['collected', 'reference'] as const;
export type Series = (typeof SERIES)[number];
