// The offline demo: the whole product against local simulators of every
// upstream, in a data directory and site folder of its own, so simulated data
// never mixes with the user's real store. Every page says the data is simulated.

import path from 'node:path';
import { loadCatalog } from '../catalog.ts';
import { formatDuration } from '../log.ts';
import { newRunId, runSources } from '../run.ts';
import { createGitHubSource } from '../sources/github/index.ts';
import { SOURCES } from '../sources/index.ts';
import type { Clock } from '../sources/types.ts';
import { markSimulated } from '../simulated.ts';
import { buildSite } from './build.ts';
import { snapshotSiteData } from './snapshot.ts';
import { collectInto } from './collect.ts';
import { configFromFlags, withStore } from './context.ts';
import type { Command, CommandIO } from './types.ts';

/** Backfills the demo runs before collecting, oldest history first. */
const DEMO_BACKFILLS = [
  { source: 'github', what: 'github-counts' },
  { source: 'npm', what: 'npm' },
  { source: 'pypi', what: 'pypi' },
] as const;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the whole product offline against simulated upstreams, into data-demo/ and dist-demo/',
  usage: '[--since DATE] [--seed N]',
  flags: {
    since: { type: 'string', valueName: 'DATE', description: 'first day of the backfilled history (default 2023-01-01)' },
    seed: { type: 'string', valueName: 'N', description: 'seed of the simulated world (default 1)' },
    today: { type: 'string', valueName: 'DATE', description: 'the simulated "today" (default the real date)' },
  },
  async run({ values }, io) {
    const t0 = Date.now();
    // Imported here so the product's other commands never load the simulators.
    const { createClock, createWorld } = await import('../../simulators/world.ts');
    const { startSimulator } = await import('../../simulators/server.ts');
    const since = (values.since as string | undefined) ?? '2023-01-01';
    const today = values.today ? new Date(`${values.today as string}T12:00:00Z`) : io.clock.now();

    const base = configFromFlags(values, io.env);
    const catalog = await loadCatalog(base.catalog);
    const simClock = createClock(today);
    const world = createWorld({ catalog, clock: simClock, seed: Number.parseInt((values.seed as string | undefined) ?? '1', 10) });
    const sim = await startSimulator({ world, port: 0 });
    io.log.info(`demo: simulated upstreams at ${sim.url} (today is ${world.today()} in the simulated world)`);

    const config = configFromFlags(values, io.env, {
      dataDir: typeof values['data-dir'] === 'string' ? values['data-dir'] : 'data-demo',
      distDir: 'dist-demo',
      clickhouseUrl: undefined,
      githubApiUrl: `${sim.url}/github`,
      githubGraphqlUrl: `${sim.url}/github/graphql`,
      hfEndpoint: `${sim.url}/hf`,
      npmDownloadsUrl: `${sim.url}/npm`,
      pypistatsUrl: `${sim.url}/pypistats`,
      leaderboardUrl: `${sim.url}/leaderboard/`,
      openrouterUrl: `${sim.url}/openrouter`,
      hfDatasetsServerUrl: `${sim.url}/datasets-server`,
      arenaDataset: 'lmarena-ai/leaderboard-dataset',
      githubToken: 'demo-simulated-token',
      openrouterApiKey: 'demo-simulated-key',
      simulated: true,
    });
    // The collectors wait on the simulated clock: a rate-limit wait moves simulated time instead of sleeping.
    const clock: Clock = { now: () => simClock.now(), sleep: async (ms) => simClock.advance(ms) };
    const demoIO: CommandIO = { ...io, clock };
    // The simulator is not GitHub: no need to space requests as api.github.com's secondary limits ask.
    const sources = SOURCES.map((s) => (s.name === 'github' ? createGitHubSource({ graphqlSpacingMs: 20, searchSpacingMs: 50, retryBaseMs: 50 }) : s));
    try {
      const snapshot = await withStore(config, demoIO, 'demo', async (store) => {
        io.log.info(`demo: store at ${store.location} (kept apart from your real store)`);
        await store.syncCatalog(catalog, clock.now());
        // The store remembers it holds simulated data, so a later `openpulse build` of it says so too.
        await markSimulated(store);
        for (const { source: name, what } of DEMO_BACKFILLS) {
          const source = sources.find((s) => s.name === name);
          if (!source?.backfill) continue;
          io.log.info(`demo: backfill ${what} since ${since}`);
          await runSources({ store, catalog, config, clock, log: io.log, fetch: io.fetch }, [source], {
            runId: newRunId(clock.now()),
            job: 'backfill',
            backfill: { since, what },
          });
        }
        await collectInto(store, catalog, config, demoIO, [], sources);
        return snapshotSiteData(store, catalog, config, demoIO);
      });
      const out = await buildSite(snapshot, config, io);
      const { total } = sim.accounting.summary();
      io.log.info(`demo: the simulated upstreams answered ${total.requests} requests costing ${total.cost} rate-limit points`);
      io.stdout.write(
        [
          `demo done in ${formatDuration(Date.now() - t0)} (simulated data: every page says so)`,
          `site: ${path.join(out, 'index.html')}`,
          `preview: OPENPULSE_DIST_DIR=${config.distDir} npm run preview`,
          '',
        ].join('\n'),
      );
      return 0;
    } finally {
      await sim.close();
    }
  },
};
