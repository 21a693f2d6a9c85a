// The one fact type every source produces and the store keeps.
// A fact is keyed by (source, subject, metric, observed_at): writing the same
// key again replaces the value, it never counts twice.

import { dayProblem } from './days.ts';

export type { SourceName } from '../registry/sources.ts';
import type { SourceName } from '../registry/sources.ts';
import { FACT_METRIC_IDS, type FactMetric } from '../registry/metrics.ts';

/** Every metric a fact may carry: the registry's fact metrics (registry/metrics.ts says what each is). */
export const METRICS = FACT_METRIC_IDS;
export type Metric = FactMetric;

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
