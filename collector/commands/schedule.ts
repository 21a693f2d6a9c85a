import os from 'node:os';
import path from 'node:path';
import cron from 'node-cron';
import { describeError, OpenPulseError } from '../errors.ts';
import { configuredCadences, formatInterval } from '../schedule/plan.ts';
import { stopReason, stopSignal } from '../signals.ts';
import { acquireStoreLock, readLockHolder, SCHEDULER_LOCK_FILE, type StoreLock } from '../store/lock.ts';
import { SOURCES } from '../sources/index.ts';
import { buildSite, clockOffsetMs, inStoreProcess } from './build.ts';
import { configFromFlags } from './context.ts';
import type { Command } from './types.ts';

/**
 * The collector as a service. Each source has a cadence (the registry's, overridable with
 * --cadence or OPENPULSE_CADENCE); on every tick (and at start) the sources whose last
 * success is older than their cadence run, one job at a time, so a scheduler started
 * after downtime catches up at once. Days an upstream no longer answers for are reported
 * loudly; a window about to close is warned about. One scheduler per store: a second one
 * is refused, naming the first. The embedded store is opened only for the length of each
 * check and run, in a process of its own that ends with the run, so queries, reports, status
 * and builds in other processes take turns, and the service holds no engine between runs.
 */
export const scheduleCommand: Command = {
  name: 'schedule',
  summary: 'collect each source on its own cadence until stopped (catching up after downtime), and rebuild the site',
  usage: '[--cadence SOURCE=INTERVAL]... [--cron "EXPR"] [--tz ZONE] [--build] [--once]',
  details: 'Cadences (default): ' + SOURCES.map((s) => s.name).join(', ') + ' as in the source registry; e.g. --cadence huggingface=6h. Exit 1 when another scheduler already runs on this store.',
  flags: {
    cadence: { type: 'string', multiple: true, valueName: 'SOURCE=INTERVAL', description: 'override a source\'s cadence (30m, 6h, 1d, 2w); repeatable; also OPENPULSE_CADENCE="a=6h,b=7d"' },
    cron: { type: 'string', valueName: 'EXPR', description: 'when to look for due sources (default "*/10 * * * *": every 10 minutes)' },
    tz: { type: 'string', valueName: 'ZONE', description: 'time zone of --cron (default UTC; also OPENPULSE_TIMEZONE)' },
    build: { type: 'boolean', description: 'rebuild the site after each run that stored new facts (default off)' },
    once: { type: 'boolean', description: 'run what is due now and exit (for testing the schedule, or an external timer)' },
  },
  async run({ values }, io) {
    const expression = (values.cron as string | undefined) ?? '*/10 * * * *';
    if (!cron.validate(expression)) {
      throw new OpenPulseError('USAGE', `--cron "${expression}" is not a valid cron expression`, { hint: 'five fields: minute hour day-of-month month day-of-week, e.g. "*/10 * * * *" (a sixth, seconds, may come first)' });
    }
    const config = configFromFlags(values, io.env, typeof values.tz === 'string' ? { timezone: values.tz } : {});
    const cadence = configuredCadences(config, values.cadence);

    // One scheduler per store, for its whole life.
    const dir = path.resolve(config.dataDir);
    let lock: StoreLock;
    try {
      lock = await acquireStoreLock(dir, 'schedule', { waitMs: 0, lockFile: SCHEDULER_LOCK_FILE });
    } catch (error) {
      const holder = await readLockHolder(dir, SCHEDULER_LOCK_FILE).catch(() => null);
      if (holder) {
        throw new OpenPulseError('STORE_LOCKED', `another scheduler already runs on the store at ${dir}: pid ${holder.pid} on ${holder.host || os.hostname()}, since ${holder.since}`, {
          hint: `stop it first (kill ${holder.pid}), or point OPENPULSE_DATA_DIR at another store`,
        });
      }
      throw error;
    }

    let running: Promise<void> | null = null;
    // Each run in a process of its own (build.ts inStoreProcess), which opens the store, collects what is
    // due and ends: this service holds no engine between runs, nor beside the site's build.
    const check = async () => {
      try {
        const { snapshot } = await inStoreProcess({ job: 'schedule', config, clockOffsetMs: clockOffsetMs(io), cadence: [...cadence], build: values.build === true }, io);
        if (snapshot && !stopSignal.aborted) await buildSite(snapshot, config, io);
      } catch (error) {
        io.log.warn(`schedule: run failed: ${describeError(error)}`);
      }
    };
    const tick = async () => {
      if (running) {
        io.log.warn('schedule: the previous run is still going; this tick is skipped (a job never overlaps itself)');
        return;
      }
      if (stopSignal.aborted) return;
      running = check().finally(() => {
        running = null;
      });
      await running;
    };
    try {
      io.log.info(`schedule: cadences ${[...cadence].map(([s, ms]) => `${s}=${formatInterval(ms)}`).join(', ')}`);
      // At start: whatever is due runs now (catch-up after downtime).
      await tick();
      if (values.once) return 0;
      io.log.info(`schedule: looking for due sources on "${expression}" (${config.timezone}); Ctrl-C to stop`);
      const task = cron.schedule(expression, tick, { timezone: config.timezone });
      if (!stopSignal.aborted) await new Promise((resolve) => stopSignal.addEventListener('abort', resolve, { once: true }));
      await task.stop();
      // A run going on ends soon: its requests and waits were aborted with the signal.
      if (running) await running;
      else io.log.info(`schedule: stopped on ${stopReason(stopSignal)}; no run was going`);
      return 0;
    } finally {
      await lock.release();
    }
  },
};
