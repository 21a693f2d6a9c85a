// The scheduler's and status's view of each source, read from the store: its last
// successful run, its last run, and the newest day it has facts for.

import type { SqlAccess } from '../store/index.ts';
import type { SourceState } from './plan.ts';

/** A source's newest day as data_freshness states it (its other columns may be there too). */
export interface SourceNewestDay {
  source: string;
  newest_day: string | null;
}

/** Each source's state; `freshness`, data_freshness's rows, where the caller has read them already. */
export async function sourceStates(store: SqlAccess, freshness?: readonly SourceNewestDay[]): Promise<SourceState[]> {
  const runs = await store.rows<{ source: string; last_success: string | null; last_at: string | null; last_status: string }>(
    `SELECT source,
            toString(maxIf(finished_at, status IN ('ok', 'partial'))) AS last_success_raw,
            if(countIf(status IN ('ok', 'partial')) = 0, NULL, last_success_raw) AS last_success,
            -- the latest run's time and status from the same run: two that finished in the same
            -- millisecond are told apart by the later start, then the greater run id
            argMax((finished_at, status), (finished_at, started_at, run_id)) AS last,
            toString(last.1) AS last_at,
            toString(last.2) AS last_status
       FROM runs FINAL
      WHERE status != 'skipped'
      GROUP BY source`,
  );
  // The newest day per source as data_freshness states it: from the counts the store keeps per source
  // (source_facts, migration 009) while they are current, else counted from every fact. Counting here
  // read every fact on every status and every scheduled run (50 M generated facts: 1.9 s a count).
  // Reference figures (source 'reference') have no cadence, so no plan reads their day.
  const days = (freshness ?? (await store.query<SourceNewestDay>('data_freshness'))).filter((d) => d.newest_day !== null);
  const at = (text: string | null) => (text ? new Date(`${text.replace(' ', 'T')}Z`) : null);
  const names = new Set([...runs.map((r) => r.source), ...days.map((d) => d.source)]);
  return [...names].map((source) => {
    const r = runs.find((x) => x.source === source);
    return {
      source,
      lastSuccess: at(r?.last_success ?? null),
      lastRun: r?.last_at ? { at: at(r.last_at)!, status: r.last_status } : null,
      newestDay: days.find((d) => d.source === source)?.newest_day ?? null,
    };
  });
}
