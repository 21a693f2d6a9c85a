import path from 'node:path';
import { formatDuration } from '../log.ts';
import { stopReason, stopSignal } from '../signals.ts';
import { buildSite } from './build.ts';
import { snapshotSiteData } from './snapshot.ts';
import { collectInto } from './collect.ts';
import { catalogFor, configFromFlags, withStore } from './context.ts';
import type { Command } from './types.ts';

/** The main job (`npm start`): migrate, collect every source, load reference figures, build the site. */
export const mainCommand: Command = {
  name: 'main',
  summary: 'the main job: migrate the store, collect every source, build the site (what npm start runs)',
  usage: '',
  flags: {},
  async run({ values }, io) {
    const t0 = Date.now();
    const config = configFromFlags(values, io.env);
    const catalog = await catalogFor(config);
    io.log.info(`catalog: ${catalog.families.length} families from ${path.relative(process.cwd(), catalog.file) || catalog.file}`);
    if (!config.githubToken) io.log.info('github: no GITHUB_TOKEN set: lower rate limits (60 requests/h, 10 searches/min)');
    const { outcomes, snapshot } = await withStore(config, io, 'main', async (store) => {
      io.log.info(`store: ${store.kind} at ${store.location}`);
      const outcomes = await collectInto(store, catalog, config, io);
      // Stopping: what was collected is stored; building the site would outlast a supervisor's patience.
      const snapshot = stopSignal.aborted ? null : await snapshotSiteData(store, catalog, config, io);
      return { outcomes, snapshot };
    });
    const collected = outcomes.reduce((n, o) => n + o.rows, 0);
    const failed = outcomes.some((o) => o.status === 'failed') ? 1 : 0;
    if (!snapshot) {
      io.stdout.write(`stopped on ${stopReason(stopSignal)} after ${formatDuration(Date.now() - t0)}: ${collected} facts collected and stored; the site was not rebuilt (npm start again builds it)\n`);
      return failed;
    }
    const out = await buildSite(snapshot, config, io);
    const unreachable = outcomes.filter((o) => o.status === 'unreachable').map((o) => o.source);
    io.stdout.write(
      [
        `done in ${formatDuration(Date.now() - t0)}: ${collected} facts collected${unreachable.length ? ` (unreachable: ${unreachable.join(', ')})` : ''}`,
        `site: ${path.join(out, 'index.html')}`,
        'preview: npm run preview   (serves it at http://127.0.0.1:4321/)',
        '',
      ].join('\n'),
    );
    return failed;
  },
};
