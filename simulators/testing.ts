// Convenience for tests, benchmarks and the demo: a world over the default catalog and a
// running simulator in one call.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog, type Catalog } from '../collector/catalog.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from './server.ts';
import { createClock, createWorld, type World } from './world.ts';

export const DEFAULT_CATALOG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../collector/catalog.yml');

let cachedCatalog: Promise<Catalog> | null = null;
export function defaultCatalog(): Promise<Catalog> {
  cachedCatalog ??= loadCatalog(DEFAULT_CATALOG);
  return cachedCatalog;
}

export interface DefaultWorldOptions {
  /** The simulated instant (default 2026-11-29T12:00:00Z). */
  now?: Date;
  seed?: number;
  catalog?: Catalog;
  extraRepos?: number;
  extraKeywords?: string[];
}

export async function createDefaultWorld(opts: DefaultWorldOptions = {}): Promise<World> {
  const catalog = opts.catalog ?? (await defaultCatalog());
  return createWorld({
    catalog,
    seed: opts.seed ?? 1,
    clock: createClock(opts.now ?? new Date('2026-11-29T12:00:00Z')),
    extraRepos: opts.extraRepos,
    extraKeywords: opts.extraKeywords,
  });
}

export async function startDefaultSimulator(opts: DefaultWorldOptions & Omit<SimulatorOptions, 'world'> = {}): Promise<Simulator> {
  const world = await createDefaultWorld(opts);
  return startSimulator({ world, port: opts.port, host: opts.host, tokens: opts.tokens, primaryLimitStatus: opts.primaryLimitStatus, maxConcurrentPerToken: opts.maxConcurrentPerToken, openrouterKeys: opts.openrouterKeys });
}
