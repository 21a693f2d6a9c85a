// The offline demo: the whole product against local simulators of every
// upstream, in a data directory and site folder of its own, so simulated data
// never mixes with the user's real store. Every page says the data is simulated.
// As `openpulse main` does, it collects and writes the site's data in the store's process
// (store-process.ts, which runs the simulators too: demo-store.ts) and builds the
// site in its own once that process has ended, so the engine's memory is not held beside Astro's.

import path from 'node:path';
import { isCalendarDay } from '../days.ts';
import { OpenPulseError } from '../errors.ts';
import { formatDuration } from '../log.ts';
import { buildSite, inStoreProcess } from './build.ts';
import { configFromFlags } from './context.ts';
import type { Command } from './types.ts';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the whole product offline against simulated upstreams, into data-demo/ and dist-demo/',
  usage: '[--since DATE] [--seed N] [--today DATE]',
  flags: {
    since: { type: 'string', valueName: 'DATE', description: 'first day of the backfilled history (default 2023-01-01)' },
    seed: { type: 'string', valueName: 'N', description: 'seed of the simulated world (default 1)' },
    today: { type: 'string', valueName: 'DATE', description: 'the simulated "today" (default the real date)' },
  },
  async run({ values }, io) {
    const t0 = Date.now();
    const since = dayFlag('since', (values.since as string | undefined) ?? '2023-01-01');
    const today = values.today === undefined ? io.clock.now() : new Date(`${dayFlag('today', values.today as string)}T12:00:00Z`);
    const seedText = (values.seed as string | undefined) ?? '1';
    if (!/^\d+$/.test(seedText)) throw new OpenPulseError('USAGE', `--seed ${seedText}: the simulated world's seed is a whole number`, { hint: 'pass --seed 1, or leave it out' });
    // Its own folders; the simulated upstreams' addresses are the store process's to set, which runs them (demoCollection).
    const config = configFromFlags(values, io.env, {
      dataDir: typeof values['data-dir'] === 'string' ? values['data-dir'] : 'data-demo',
      distDir: 'dist-demo',
      clickhouseUrl: undefined,
      simulated: true,
    });
    const { snapshot, requests, cost } = await inStoreProcess({ job: 'demo', config, since, seed: Number(seedText), today: today.toISOString() }, io);
    const out = await buildSite(snapshot, config, io);
    io.log.info(`demo: the simulated upstreams answered ${requests} requests costing ${cost} rate-limit points`);
    io.stdout.write(
      [
        `demo done in ${formatDuration(Date.now() - t0)} (simulated data: every page says so)`,
        `site: ${path.join(out, 'index.html')}`,
        `preview: OPENPULSE_DIST_DIR=${config.distDir} npm run preview`,
        '',
      ].join('\n'),
    );
    return 0;
  },
};

/** A day flag's value, checked: a calendar day written YYYY-MM-DD (days.ts isCalendarDay). */
function dayFlag(flag: string, value: string): string {
  if (!isCalendarDay(value)) {
    throw new OpenPulseError('USAGE', `--${flag} ${value}: not a day`, { hint: `write it as YYYY-MM-DD, for example --${flag} 2024-06-01` });
  }
  return value;
}
