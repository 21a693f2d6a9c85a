// A fresh embedded store per test file (chDB binds one directory per process).

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config, type ConfigInput } from '../../collector/config.ts';
import { openStore, type Store } from '../../collector/store/index.ts';

export interface TestStore {
  store: Store;
  config: Config;
  dir: string;
  cleanup(): Promise<void>;
}

export async function openTestStore(flags: Partial<ConfigInput> = {}, env: NodeJS.ProcessEnv = {}): Promise<TestStore> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-test-'));
  const config = loadConfig({ env, flags: { dataDir: path.join(dir, 'data'), distDir: path.join(dir, 'dist'), storeLockWaitMs: 0, ...flags } });
  const store = await openStore(config, { job: 'test' });
  const opened: TestStore = {
    store,
    config,
    dir,
    async cleanup() {
      // the store open now: a test that reopens the store sets `store` to the new one, and the one it
      // replaced is closed; removing the folder under an open store raced its background merges
      await opened.store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return opened;
}

/** The derived tables (day rows, leaderboard rows) whose rows differ from what the facts make, and by how many rows: [] when all agree. */
export async function driftedTables(store: Pick<Store, 'derivedDrift'>): Promise<{ table: string; differ: number }[]> {
  return (await store.derivedDrift()).filter((d) => d.differ !== 0).map(({ table, differ }) => ({ table, differ }));
}
