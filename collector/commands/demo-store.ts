// The demo's part in the store's process (store-process.ts): the simulators of every upstream,
// the demo's backfills and collection against them, and the site's data. Its command (demo.ts)
// builds the site from that data once this process has ended.

import { loadCatalog } from '../catalog.ts';
import { ENVIRONMENT, loadConfig, type Config } from '../config.ts';
import { newRunId, runSources } from '../run.ts';
import { createGitHubSource } from '../sources/github/index.ts';
import { SOURCES } from '../sources/index.ts';
import type { Clock } from '../sources/types.ts';
import { markSimulated } from '../simulated.ts';
import { snapshotSiteData } from './snapshot.ts';
import { collectInto } from './collect.ts';
import { withStore } from './context.ts';
import type { StoreRequest, StoreResults } from './store-process.ts';
import type { CommandIO } from './types.ts';

/** Backfills the demo runs before collecting, oldest history first. */
const DEMO_BACKFILLS = [
  { source: 'github', what: 'github-counts' },
  { source: 'npm', what: 'npm' },
  { source: 'pypi', what: 'pypi' },
] as const;

/**
 * The demo's store part, in the store's process: starts the simulators of every upstream on a
 * simulated clock as of `today`, points the demo's configuration at them, then backfills, collects
 * and writes the site's data into the demo's store. Answers the snapshot's path and what the
 * simulators were asked.
 */
export async function demoCollection(request: Extract<StoreRequest, { job: 'demo' }>, io: CommandIO): Promise<StoreResults['demo']> {
  // Imported here so the product's other commands never load the simulators.
  const { createClock, createWorld } = await import('../../simulators/world.ts');
  const { startSimulator } = await import('../../simulators/server.ts');
  const catalog = await loadCatalog(request.config.catalog);
  const simClock = createClock(new Date(request.today));
  const world = createWorld({ catalog, clock: simClock, seed: request.seed });
  const sim = await startSimulator({ world, port: 0 });
  io.log.info(`demo: simulated upstreams at ${sim.url} (today is ${world.today()} in the simulated world)`);
  try {
    const config = withSimulatedUpstreams(request.config, sim.env);
    // The collectors wait on the simulated clock: a rate-limit wait moves simulated time instead of sleeping.
    const clock: Clock = { now: () => simClock.now(), sleep: async (ms) => simClock.advance(ms) };
    const demoIO: CommandIO = { ...io, clock, config: () => config };
    // The simulator is not GitHub: no need to space requests as api.github.com's secondary limits ask.
    const sources = SOURCES.map((s) => (s.name === 'github' ? createGitHubSource({ graphqlSpacingMs: 20, searchSpacingMs: 50, retryBaseMs: 50 }) : s));
    const snapshot = await withStore(config, demoIO, 'demo', async (store) => {
      io.log.info(`demo: store at ${store.location} (kept apart from your real store)`);
      await store.syncCatalog(catalog, clock.now());
      // The store remembers it holds simulated data, so a later `openpulse build` of it says so too.
      await markSimulated(store);
      for (const { source: name, what } of DEMO_BACKFILLS) {
        const source = sources.find((s) => s.name === name);
        if (!source?.backfill) continue;
        io.log.info(`demo: backfill ${what} since ${request.since}`);
        await runSources({ store, catalog, config, clock, log: io.log, fetch: io.fetch }, [source], {
          runId: newRunId(clock.now()),
          job: 'backfill',
          backfill: { since: request.since, what },
        });
      }
      await collectInto(store, catalog, config, demoIO, [], sources);
      return snapshotSiteData(store, catalog, config, demoIO);
    });
    const { total } = sim.accounting.summary();
    return { snapshot, requests: total.requests, cost: total.cost };
  } finally {
    await sim.close();
  }
}

/**
 * The demo's configuration pointed at the simulators, by the addresses they give as the
 * environment (simulators/server.ts `env`: each upstream's variable), with their made-up
 * credentials; GitHub's GraphQL endpoint is the simulated GitHub's, derived from its REST base.
 */
function withSimulatedUpstreams(config: Config, upstreams: Record<string, string>): Config {
  const addresses = Object.fromEntries(Object.entries(upstreams).map(([variable, url]) => [ENVIRONMENT[variable], url]));
  return loadConfig({
    env: {},
    flags: {
      ...config,
      githubGraphqlUrl: undefined,
      ...addresses,
      arenaDataset: 'lmarena-ai/leaderboard-dataset',
      githubToken: 'demo-simulated-token',
      openrouterApiKey: 'demo-simulated-key',
    },
  });
}
