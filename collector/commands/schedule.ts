import cron from 'node-cron';
import { describeError, OpenPulseError } from '../errors.ts';
import { isAbort, stopReason, stopSignal } from '../signals.ts';
import { buildSite, snapshotSiteData } from './build.ts';
import { collectInto } from './collect.ts';
import { catalogFor, configFromFlags, withStore } from './context.ts';
import type { Command } from './types.ts';

/**
 * Runs the collection on a cron schedule. The embedded store is opened only
 * for the length of each run, so ad-hoc queries and site builds in other
 * processes get their turn between runs (they wait, saying so, during one).
 */
export const scheduleCommand: Command = {
  name: 'schedule',
  summary: 'run collect (and build) on a cron schedule until stopped',
  usage: '[--cron "EXPR"] [--build] [--once]',
  flags: {
    cron: { type: 'string', valueName: 'EXPR', description: 'cron expression in UTC (default "17 3 * * *": daily at 03:17)' },
    build: { type: 'boolean', description: 'rebuild the site after each run (default off)' },
    once: { type: 'boolean', description: 'run one scheduled job now and exit (for testing the schedule)' },
  },
  async run({ values }, io) {
    const expression = (values.cron as string | undefined) ?? '17 3 * * *';
    if (!cron.validate(expression)) {
      throw new OpenPulseError('USAGE', `--cron "${expression}" is not a valid cron expression`, { hint: 'five fields: minute hour day-of-month month day-of-week, e.g. "17 3 * * *" (a sixth, seconds, may come first)' });
    }
    const config = configFromFlags(values, io.env);
    let running: Promise<void> | null = null;
    const run = async () => {
      try {
        const catalog = await catalogFor(config);
        const snapshot = await withStore(config, io, 'schedule', async (store) => {
          await collectInto(store, catalog, config, io);
          // Stopping: what was collected is stored; the site waits for the next run.
          return values.build && !stopSignal.aborted ? snapshotSiteData(store, catalog, config, io) : null;
        });
        if (snapshot && !stopSignal.aborted) await buildSite(snapshot, config, io);
      } catch (error) {
        if (isAbort(error) && stopSignal.aborted) io.log.info(`schedule: stopped on ${stopReason(stopSignal)} before the run began`);
        else io.log.warn(`schedule: run failed: ${describeError(error)}`);
      }
    };
    const job = async () => {
      if (running) {
        io.log.warn('schedule: previous run still going; skipping this tick');
        return;
      }
      if (stopSignal.aborted) return;
      running = run().finally(() => {
        running = null;
      });
      await running;
    };
    if (values.once) {
      await job();
      return 0;
    }
    io.log.info(`schedule: collecting on "${expression}" (UTC); Ctrl-C to stop`);
    const task = cron.schedule(expression, job, { timezone: 'UTC' });
    await new Promise((resolve) => stopSignal.addEventListener('abort', resolve, { once: true }));
    await task.stop();
    // A run going on ends soon: its requests and waits were aborted with the signal.
    if (running) await running;
    else io.log.info(`schedule: stopped on ${stopReason(stopSignal)}; no run was going`);
    return 0;
  },
};
