// The scheduler's and status's view of each source, read from the store: its last
// successful run, its last run, and the newest day it has facts for.

import type { SqlAccess } from '../store/index.ts';
import type { SourceState } from './plan.ts';

export async function sourceStates(store: SqlAccess): Promise<SourceState[]> {
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
  const days = await store.rows<{ source: string; newest: string }>(
    "SELECT source, toString(max(observed_at)) AS newest FROM facts WHERE is_reference = 0 GROUP BY source",
  );
  const at = (text: string | null) => (text ? new Date(`${text.replace(' ', 'T')}Z`) : null);
  const names = new Set([...runs.map((r) => r.source), ...days.map((d) => d.source)]);
  return [...names].map((source) => {
    const r = runs.find((x) => x.source === source);
    return {
      source,
      lastSuccess: at(r?.last_success ?? null),
      lastRun: r?.last_at ? { at: at(r.last_at)!, status: r.last_status } : null,
      newestDay: days.find((d) => d.source === source)?.newest ?? null,
    };
  });
}
