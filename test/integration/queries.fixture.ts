// A small known data set for the named-query tests: four families (two open,
// two closed; US and CN), a few days of each metric, and the answers they give.

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseCatalog, type Catalog } from '../../collector/catalog.ts';
import { loadConfig } from '../../collector/config.ts';
import type { Metric, Observation, SourceName } from '../../collector/observation.ts';
import { openStore, type Store } from '../../collector/store/index.ts';

export const FIXTURE_CATALOG_YAML = `
families:
  - id: alpha
    name: Alpha
    vendor: Alpha Labs
    openness: open-weights-restricted
    region: US
    licence: { name: Apache 2.0, commercial_use: allowed }
    releases: [{ date: 2024-01-05, label: Alpha 2 }]
    github: { search: ['alpha in:name'], repos: [a/alpha] }
    huggingface: { models: [a/alpha-7b] }
    npm: [alpha-js]
    pypi: [alpha-py]
  - id: beta
    name: Beta
    vendor: Beta Inc
    openness: closed
    region: US
    licence: { name: Proprietary, commercial_use: paid API only }
    releases: [{ date: 2023-12-20, label: Beta 4 }, { date: 2024-01-10, label: Beta Open, openness: open-weights-osi, licence: Apache-2.0, source: 'https://example.org/beta-open' }]
    github: { search: ['beta in:name', 'beta2 in:name'], repos: [b/beta-sdk] }
    pypi: [beta]
  - id: gamma
    name: Gamma
    vendor: Gamma Lab
    openness: open-source
    region: CN
    licence: { name: MIT, commercial_use: allowed }
    github: { search: ['gamma in:name'], repos: [g/gamma] }
  - id: delta
    name: Delta
    vendor: Delta Co
    openness: closed
    region: CN
    licence: { name: Proprietary, commercial_use: paid API only }
    github: { search: ['delta in:name'] }
leaderboard_licences: { closed: [Proprietary], open_noncommercial: [Non-commercial], open: [Apache 2.0] }
`;

export function fixtureCatalog(): Catalog {
  return parseCatalog(FIXTURE_CATALOG_YAML, 'test.yml');
}

function fact(source: SourceName, subject: string, family: string, metric: Metric, observed_at: string, value: number, detail?: Record<string, unknown>): Observation {
  return detail ? { source, subject, family, metric, observed_at, value, detail } : { source, subject, family, metric, observed_at, value };
}

/** The facts, as the sources would emit them. Comments give what each one is for. */
export function fixtureObservations(): Observation[] {
  return [
    // projects: backfilled counts (…_existing), snapshots win on the same day
    fact('github', 'search:alpha in:name', 'alpha', 'github_projects_existing', '2023-12-01', 50),
    fact('github', 'search:beta in:name', 'beta', 'github_projects_existing', '2023-12-01', 150),
    fact('github', 'search:alpha in:name', 'alpha', 'github_projects_existing', '2024-01-01', 100),
    fact('github', 'search:beta in:name', 'beta', 'github_projects_existing', '2024-01-01', 200),
    fact('github', 'search:delta in:name', 'delta', 'github_projects_existing', '2024-01-01', 0),
    fact('github', 'search:alpha in:name', 'alpha', 'github_projects_existing', '2024-01-08', 120),
    fact('github', 'search:alpha in:name', 'alpha', 'github_projects', '2024-01-08', 125),
    fact('github', 'search:gamma in:name', 'gamma', 'github_projects', '2024-01-08', 50),
    fact('github', 'search:alpha in:name', 'alpha', 'github_projects', '2024-01-15', 150, { incomplete_results: false }),
    fact('github', 'search:beta in:name', 'beta', 'github_projects', '2024-01-15', 220),
    fact('github', 'search:gamma in:name', 'gamma', 'github_projects', '2024-01-15', 40),
    fact('github', 'search:delta in:name', 'delta', 'github_projects', '2024-01-15', 10),
    // not the headline search (position 1), and a search no longer in the catalog: never counted
    fact('github', 'search:beta2 in:name', 'beta', 'github_projects', '2024-01-15', 999),
    fact('github', 'search:alpha-old', 'alpha', 'github_projects', '2024-01-15', 5000),
    // stars: star history (retained) where no snapshot that day
    fact('github', 'repo:a/alpha', 'alpha', 'github_stars_retained', '2024-01-01', 900),
    fact('github', 'repo:a/alpha', 'alpha', 'github_stars_retained', '2024-01-08', 950),
    fact('github', 'repo:a/alpha', 'alpha', 'github_stars_retained', '2024-01-15', 990),
    fact('github', 'repo:a/alpha', 'alpha', 'github_stars', '2024-01-15', 1000),
    fact('github', 'repo:b/beta-sdk', 'beta', 'github_stars', '2024-01-01', 300),
    fact('github', 'repo:b/beta-sdk', 'beta', 'github_stars', '2024-01-15', 330),
    fact('github', 'repo:b/old-sdk', 'beta', 'github_stars', '2024-01-15', 5000),
    fact('github', 'repo:a/alpha', 'alpha', 'github_forks', '2024-01-15', 77),
    // downloads: npm + PyPI per day; Hugging Face's 30-day window apart
    fact('npm', 'npm:alpha-js', 'alpha', 'npm_downloads', '2024-01-01', 10),
    fact('npm', 'npm:alpha-js', 'alpha', 'npm_downloads', '2024-01-15', 20),
    fact('pypi', 'pypi:alpha-py', 'alpha', 'pypi_downloads', '2024-01-01', 5),
    fact('pypi', 'pypi:alpha-py', 'alpha', 'pypi_downloads', '2024-01-15', 7),
    fact('pypi', 'pypi:beta', 'beta', 'pypi_downloads', '2024-01-01', 100),
    fact('pypi', 'pypi:beta', 'beta', 'pypi_downloads', '2024-01-15', 90),
    fact('huggingface', 'hf:a/alpha-7b', 'alpha', 'hf_downloads_30d', '2024-01-15', 3000),
    // one leaderboard table
    fact('leaderboard', 'arena:closed', '', 'arena_models', '2024-01-10', 3),
    fact('leaderboard', 'arena:closed', '', 'arena_best_rank', '2024-01-10', 1),
    fact('leaderboard', 'arena:closed', '', 'arena_best_elo', '2024-01-10', 1250),
    fact('leaderboard', 'arena:open_noncommercial', '', 'arena_models', '2024-01-10', 2),
    fact('leaderboard', 'arena:open', '', 'arena_models', '2024-01-10', 5),
    fact('leaderboard', 'arena:open', '', 'arena_best_rank', '2024-01-10', 2),
    fact('leaderboard', 'arena:open', '', 'arena_best_elo', '2024-01-10', 1200),
  ];
}

/** A first write that the fixture's second write of the same key replaces (never counted twice). */
export function supersededObservations(): Observation[] {
  return [fact('github', 'search:alpha in:name', 'alpha', 'github_projects', '2024-01-15', 149)];
}

export interface FixtureStore {
  store: Store;
  dataDir: string;
  catalog: Catalog;
  /** Closes the store but keeps its directory, so a command can open it (one store per directory at a time). */
  release(): Promise<void>;
  /** Closes the store and deletes its directory. */
  close(): Promise<void>;
}

/** Opens a fresh embedded store in a temporary directory and loads the fixture into it. */
export async function openFixtureStore(options: { load?: boolean } = {}): Promise<FixtureStore> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-queries-'));
  const dataDir = path.join(dir, 'data');
  const store = await openStore(loadConfig({ env: {}, flags: { dataDir, storeLockWaitMs: 0 } }), { job: 'test' });
  const catalog = fixtureCatalog();
  if (options.load !== false) {
    await store.syncCatalog(catalog, new Date('2024-01-16T00:00:00Z'));
    await store.insert(supersededObservations(), 'run-1', new Date('2024-01-15T06:00:00Z'));
    await store.insert(fixtureObservations(), 'run-2', new Date('2024-01-15T12:00:00Z'));
    await store.logRun({
      run_id: 'run-2', job: 'collect', source: 'github', started_at: new Date('2024-01-15T11:59:00Z'), finished_at: new Date('2024-01-15T12:00:00Z'),
      status: 'partial', rows: 22, problems: 1, message: 'one search refused', rate_limit_left: 4100,
    });
    await store.logRun({
      run_id: 'run-1', job: 'collect', source: 'github', started_at: new Date('2024-01-15T05:59:00Z'), finished_at: new Date('2024-01-15T06:00:00Z'),
      status: 'ok', rows: 1, problems: 0, message: '', rate_limit_left: 4999,
    });
    await store.logRun({
      run_id: 'run-2', job: 'collect', source: 'npm', started_at: new Date('2024-01-15T11:00:00Z'), finished_at: new Date('2024-01-15T11:01:00Z'),
      status: 'unreachable', rows: 0, problems: 0, message: 'cannot reach api.npmjs.org', rate_limit_left: null,
    });
  }
  return {
    store,
    dataDir,
    catalog,
    release: () => store.close(),
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
