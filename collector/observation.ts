// The one fact type every source produces and the store keeps.
// A fact is keyed by (source, subject, metric, observed_at): writing the same
// key again replaces the value, it never counts twice.

import { dayProblem } from './days.ts';

export type SourceName = 'github' | 'huggingface' | 'npm' | 'pypi' | 'leaderboard' | 'reference';

export const METRICS = [
  // GitHub search: repositories matching a catalog keyword today (subject search:<query>)
  'github_projects',
  // GitHub search with created:..DATE: matching repositories existing at a past date (backfill)
  'github_projects_existing',
  // GitHub repository stats (subject repo:<owner/name as in the catalog>)
  'github_stars',
  'github_forks',
  'github_watchers',
  'github_open_issues',
  // star history: stars given that day and still held, and their running total
  'github_stars_gained',
  'github_stars_retained',
  // Hugging Face (subject hf:<model id as in the catalog or org listing>)
  'hf_downloads_30d',
  'hf_downloads_all_time',
  'hf_likes',
  // package registries, one row per day (subject npm:<pkg> / pypi:<pkg>)
  'npm_downloads',
  'pypi_downloads',
  // leaderboard tables (subject arena:<class> or arena-model:<name>)
  'arena_models',
  'arena_best_rank',
  'arena_best_elo',
  'arena_model_rank',
  'arena_model_elo',
  // reported totals that no API serves (reference figures only)
  'downloads_reported_total',
] as const;
export type Metric = (typeof METRICS)[number];

export interface Observation {
  source: SourceName;
  /** What was measured, prefixed by its kind: search:…, repo:…, hf:…, npm:…, pypi:…, arena:… */
  subject: string;
  /** Catalog family id, or '' when the subject belongs to none. */
  family: string;
  metric: Metric;
  /** The day the value describes, YYYY-MM-DD (UTC). */
  observed_at: string;
  value: number;
  /** JSON object with qualifiers such as {"incomplete_results":true} or {"renamed_to":"…"}. */
  detail?: Record<string, unknown>;
  /** For reference figures: who reported the value, where. Empty for collected facts. */
  citation?: string;
}

/** Checks one fact before it may enter the store; returns the problem or null. */
export function validateObservation(o: Observation, today: string): string | null {
  if (!o.subject) return 'empty subject';
  // A real calendar day from EARLIEST_DAY to today: the store would silently turn others into other days.
  const dayWrong = dayProblem(String(o.observed_at), today);
  if (dayWrong) return `observed_at ${dayWrong}`;
  if (typeof o.value !== 'number' || !Number.isFinite(o.value)) return `value ${JSON.stringify(o.value)} is not a number`;
  if (o.value < 0) return `value ${o.value} is negative`;
  if (o.value > 1e13) return `value ${o.value} is absurdly large`;
  if (!(METRICS as readonly string[]).includes(o.metric)) return `unknown metric ${JSON.stringify(o.metric)}`;
  return null;
}

export { isoDay } from './days.ts';
