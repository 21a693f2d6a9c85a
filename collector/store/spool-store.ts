// The store a run uses when the configured ClickHouse server cannot be reached:
// facts go to the spool on disk and the next run that reaches the server loads
// them first. Nothing else of the run's bookkeeping needs the server to be up.

import { spoolDir, type Config } from '../config.ts';
import { OpenPulseError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Observation } from '../observation.ts';
import type { Store } from './index.ts';
import { toStoredRow } from './rows.ts';
import { spoolRows } from './spool.ts';

export function spoolOnlyStore(config: Config, log: Logger, reason: string): Store {
  const dir = spoolDir(config);
  const unavailable = (): never => {
    throw new OpenPulseError('STORE_UNREACHABLE', `the store is unreachable (${reason}); only collecting into the spool at ${dir}`);
  };
  return {
    kind: 'server',
    location: `spool ${dir}`,
    query: async () => unavailable(),
    rows: async () => unavailable(),
    raw: async () => unavailable(),
    async insert(rows: Observation[], runId: string, collectedAt = new Date()) {
      if (rows.length) await spoolRows(dir, runId, rows.map((o) => toStoredRow(o, runId, collectedAt)));
      return rows.length;
    },
    syncCatalog: async () => {},
    async logRun(record) {
      log.info(`run ${record.run_id} source=${record.source} status=${record.status} rows=${record.rows} (spooled; run log not stored)`);
    },
    logProblems: async () => {},
    getState: async () => undefined,
    setState: async () => {},
    migrations: async () => [],
    close: async () => {},
  };
}
