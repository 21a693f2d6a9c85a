// The store a run uses when the configured ClickHouse server cannot be reached:
// facts go to the spool on disk and the next run that reaches the server loads
// them first. Nothing else of the run's bookkeeping needs the server to be up.

import { spoolDir, type Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Observation } from '../observation.ts';
import type { CatalogDimensions, RunSink } from './index.ts';
import { toStoredRow } from './rows.ts';
import { spoolRows } from './spool.ts';

/**
 * Facts, run logs, problems and source state all go to the spool, loaded in
 * that order by the next job that reaches the store. State reads find nothing
 * (an ETag cannot be asked of an unreachable store), so requests go out
 * unconditionally: more requests, never a wrong answer.
 */
export function spoolOnlyStore(config: Config, log: Logger): RunSink & CatalogDimensions {
  const dir = spoolDir(config);
  const setStates: RunSink['setStates'] = async (source, entries) => {
    if (entries.length) await spoolRows(dir, `state-${source}`, entries.map(([key, value]) => ({ spooled: 'state' as const, source, key, value })));
  };
  return {
    async insert(rows: Observation[], runId: string, collectedAt = new Date()) {
      if (rows.length) await spoolRows(dir, runId, rows.map((o) => toStoredRow(o, runId, collectedAt)));
      return rows.length;
    },
    syncCatalog: async () => {},
    async logRun(record) {
      await spoolRows(dir, record.run_id, [{ spooled: 'run', record: { ...record, started_at: record.started_at.toISOString(), finished_at: record.finished_at.toISOString() } }]);
      log.info(`run ${record.run_id} source=${record.source} status=${record.status} rows=${record.rows} (spooled with its run log; loaded by the next run that reaches the store)`);
    },
    async logProblems(records) {
      if (records.length) await spoolRows(dir, records[0]!.run_id, [{ spooled: 'problems', records }]);
    },
    getState: async () => undefined,
    getStates: async () => new Map(),
    setState: (source, key, value) => setStates(source, [[key, value]]),
    setStates,
  };
}
