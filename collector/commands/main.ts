import path from 'node:path';
import { formatDuration } from '../log.ts';
import { buildSite, clockOffsetMs, inStoreProcess } from './build.ts';
import { configFromFlags } from './context.ts';
import type { Command } from './types.ts';

/**
 * The main job (`npm start`): migrate, collect every source, load reference figures, build the site.
 * The store's part (collecting, then the site's queries) runs in a process of its own that ends
 * before Astro starts (build.ts inStoreProcess), so what the embedded engine keeps is not held beside
 * Astro's build: on a 50 M-fact store the two together peaked at 2,093 MiB in one process, the
 * collection's process alone at 678 MiB of it. This process reads only the configuration (the store's
 * process reads the catalog) and waits.
 */
export const mainCommand: Command = {
  name: 'main',
  summary: 'the main job: migrate the store, collect every source, build the site (what npm start runs)',
  usage: '',
  flags: {},
  async run({ values }, io) {
    const t0 = Date.now();
    const config = configFromFlags(values, io.env);
    if (!config.githubToken) io.log.info('github: no GITHUB_TOKEN set: lower rate limits (60 requests/h, 10 searches/min)');
    const { outcomes, snapshot, stopped } = await inStoreProcess({ job: 'main', config, clockOffsetMs: clockOffsetMs(io) }, io);
    const collected = outcomes.reduce((n, o) => n + o.rows, 0);
    const failed = outcomes.some((o) => o.status === 'failed') ? 1 : 0;
    if (!snapshot) {
      io.stdout.write(`stopped on ${stopped ?? 'a stop request'} after ${formatDuration(Date.now() - t0)}: ${collected} facts collected and stored; the site was not rebuilt (npm start again builds it)\n`);
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
