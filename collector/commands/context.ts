// Helpers shared by the subcommands: configuration from flags, opening the store
// and the catalog, and the common "collect" pipeline.

import type { Catalog } from '../catalog.ts';
import { loadConfig, type Config, type ConfigInput } from '../config.ts';
import { openStore, type Store } from '../store/index.ts';
import type { CommandIO } from './types.ts';

export function configFromFlags(values: Record<string, unknown>, env: NodeJS.ProcessEnv, extra: Partial<ConfigInput> = {}): Config {
  const flags: Partial<ConfigInput> = { ...extra };
  if (typeof values.catalog === 'string') flags.catalog = values.catalog;
  if (typeof values['data-dir'] === 'string') flags.dataDir = values['data-dir'];
  const options: Parameters<typeof loadConfig>[0] = { env, flags };
  if (typeof values.config === 'string') options.file = values.config;
  return loadConfig(options);
}

/** Opens the store for a job, closing it whatever `work` does. */
export async function withStore<T>(config: Config, io: CommandIO, job: string, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config, { job, log: (line) => io.log.info(line) });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The configured catalog; its reader (and the YAML parser) is loaded only by a command that reads it, so a query starts without them. */
export async function catalogFor(config: Config): Promise<Catalog> {
  const { loadCatalog } = await import('../catalog.ts');
  return loadCatalog(config.catalog);
}
