// Builds the site from the fixture data set into a temporary folder, exactly as
// `openpulse build` does (same command, same snapshot, same Astro build), with
// the clock stopped at the fixture's last day. Shared by the browser tests and
// the site benchmark; run directly to get a site to look at:
//   node simulators/site-fixture.ts [ROOT] [--catalog FILE]

import { mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../collector/catalog.ts';
import { main } from '../collector/dispatch.ts';
import { loadConfig } from '../collector/config.ts';
import { silentLogger, consoleLogger } from '../collector/log.ts';
import { openStore } from '../collector/store/index.ts';
import type { CommandIO } from '../collector/commands/types.ts';
import { fixedClock, seedStore, type FixtureOptions } from './site-fixture-data.ts';

/** A token-shaped secret in the build's environment: the built site must not contain it. */
export const FAKE_TOKEN = 'ghp_FixtureTokenThatMustNeverLeak0123456789';

export interface FixtureSite {
  root: string;
  dataDir: string;
  distDir: string;
  catalogFile: string;
  env: NodeJS.ProcessEnv;
  /** Seconds spent seeding and building. */
  seedSeconds: number;
  buildSeconds: number;
}

export interface BuildOptions extends FixtureOptions {
  root?: string;
  catalogFile?: string;
  /** Build moment (the fixture's "today"). Default the day after `to`, 06:00 UTC. */
  now?: string;
  verbose?: boolean;
}

export async function buildFixtureSite(options: BuildOptions = {}): Promise<FixtureSite> {
  const root = options.root ?? (await mkdtemp(path.join(os.tmpdir(), 'openpulse-site-')));
  await mkdir(root, { recursive: true });
  const dataDir = path.join(root, 'data');
  const distDir = path.join(root, 'dist');
  const catalogFile = options.catalogFile ?? loadConfig({ env: {} }).catalog;
  const to = options.to ?? '2024-12-31';
  const clock = fixedClock(options.now ?? `${to}T06:00:00Z`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OPENPULSE_DATA_DIR: dataDir,
    OPENPULSE_DIST_DIR: distDir,
    OPENPULSE_CATALOG: catalogFile,
    GITHUB_TOKEN: FAKE_TOKEN,
  };
  delete env.CLICKHOUSE_URL;
  const config = loadConfig({ env });
  const catalog = await loadCatalog(catalogFile);

  const t0 = Date.now();
  const store = await openStore(config, { job: 'fixture' });
  try {
    await seedStore(store, catalog, clock, options);
  } finally {
    await store.close();
  }
  const t1 = Date.now();

  const log = options.verbose ? consoleLogger(process.stderr) : silentLogger();
  const output: string[] = [];
  const io: CommandIO = {
    stdout: { write: (chunk) => output.push(String(chunk)) },
    log,
    clock,
    fetch: globalThis.fetch,
    env,
    config: () => config,
  };
  const code = await main(['build'], io);
  if (code !== 0) {
    const lines = 'lines' in log ? (log as { lines: string[] }).lines.join('\n') : '';
    throw new Error(`openpulse build exited ${code}\n${lines}\n${output.join('')}`);
  }
  return { root, dataDir, distDir, catalogFile, env, seedSeconds: (t1 - t0) / 1000, buildSeconds: (Date.now() - t1) / 1000 };
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const catalogAt = args.indexOf('--catalog');
  const catalogFile = catalogAt >= 0 ? args.splice(catalogAt, 2)[1] : undefined;
  const site = await buildFixtureSite({ ...(args[0] ? { root: path.resolve(args[0]) } : {}), ...(catalogFile ? { catalogFile } : {}), verbose: true });
  process.stdout.write(`built ${site.distDir} (seed ${site.seedSeconds.toFixed(1)}s, build ${site.buildSeconds.toFixed(1)}s)\n`);
}
