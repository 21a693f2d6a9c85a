import { exitCodeFor, newRunId, runSources } from '../run.ts';
import { stopSignal } from '../signals.ts';
import { SOURCES } from '../sources/index.ts';
import { OpenPulseError } from '../errors.ts';
import { catalogFor, configFromFlags, withStore } from './context.ts';
import type { Command } from './types.ts';
import { BACKFILL_TARGETS } from '../../registry/sources.ts';

/** What can be backfilled: `<source>` or `<source>-<what>`, e.g. github-counts, npm, pypi. */
export const backfillCommand: Command = {
  name: 'backfill',
  summary: `reconstruct history: ${BACKFILL_TARGETS.join(', ')} (resumable)`,
  usage: '<what> --since YYYY-MM-DD [--until YYYY-MM-DD]',
  positionals: true,
  flags: {
    since: { type: 'string', valueName: 'DATE', description: 'first day to reconstruct (required)' },
    until: { type: 'string', valueName: 'DATE', description: 'last day (default today)' },
    every: { type: 'string', valueName: 'week|month', description: 'github-counts: one point at the end of every week or month (default month)' },
  },
  async run({ values, positionals }, io) {
    const what = positionals[0];
    const since = values.since as string | undefined;
    if (!what || !since || !/^\d{4}-\d{2}-\d{2}$/.test(since)) {
      throw new OpenPulseError('USAGE', 'backfill needs what to backfill and --since YYYY-MM-DD, e.g. "openpulse backfill github-counts --since 2022-11-01"');
    }
    const [sourceName, ...rest] = what.split('-');
    const source = SOURCES.find((s) => s.name === sourceName || s.name === what);
    if (!source?.backfill) {
      throw new OpenPulseError('USAGE', `cannot backfill "${what}"`, { hint: `backfill one of: ${BACKFILL_TARGETS.join(', ')}` });
    }
    const every = values.every as string | undefined;
    if (every !== undefined && every !== 'week' && every !== 'month') throw new OpenPulseError('USAGE', `--every ${every} is not week or month`);
    const config = configFromFlags(values, io.env);
    const catalog = await catalogFor(config);
    const outcomes = await withStore(config, io, `backfill ${what}`, async (store) => {
      await store.syncCatalog(catalog, io.clock.now());
      const options = { since, ...(values.until ? { until: values.until as string } : {}), ...(rest.length ? { what } : {}), ...(every ? { granularity: every as 'week' | 'month' } : {}) };
      return runSources({ store, catalog, config, clock: io.clock, log: io.log, fetch: io.fetch }, [source], { runId: newRunId(io.clock.now()), job: 'backfill', backfill: options });
    });
    return exitCodeFor(outcomes, stopSignal.aborted);
  },
};
