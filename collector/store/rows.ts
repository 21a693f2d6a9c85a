// Row shapes as ClickHouse stores them, and the conversion from facts.

import type { Observation } from '../observation.ts';

export interface StoredRow {
  source: string;
  subject: string;
  family: string;
  metric: string;
  observed_at: string;
  value: number;
  detail: string;
  citation: string;
  run_id: string;
  collected_at: string;
}

/** ClickHouse DateTime64(3) text for a JS date, in UTC. */
export function clickhouseTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

export function toStoredRow(o: Observation, runId: string, collectedAt: Date): StoredRow {
  return {
    source: o.source,
    subject: o.subject,
    family: o.family,
    metric: o.metric,
    observed_at: o.observed_at,
    value: o.value,
    detail: o.detail ? JSON.stringify(o.detail) : '',
    citation: o.citation ?? '',
    run_id: runId,
    collected_at: clickhouseTime(collectedAt),
  };
}
