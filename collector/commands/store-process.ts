// The store's part of a command that also builds the site, in a process of its own: `openpulse build`
// (its site queries), `openpulse main` (its collection and site queries), each run of `openpulse
// schedule` (what is due, and the site's queries with --build) and `openpulse demo` (the simulators,
// its backfills, collection and site queries) fork this file, which opens the store,
// does that part and exits before Astro starts. What the embedded engine keeps once it has
// run (its caches and allocator's memory: 400–700 MiB after a collection and the site's queries on a
// 50 M-fact store, besides its library) is not given back when the store closes, so in the command's
// own process it stayed beside Astro's for the whole static build; ended with this process, it is the
// system's again before Astro starts.
// Its log lines and progress go to the command's logger (its format and redaction) through the IPC
// channel, and a failure comes back as the same error, so the command reads as it did in one process.
// A stop request reaches it from the command (`stop`, as its own stop signal would); a direct signal
// (Ctrl-C reaches every process of the terminal's group) stops it the same way, once, and a second
// one ends it at once, as in one process.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../config.ts';
import { describeError, OpenPulseError, type ErrorCode } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { SourceOutcome } from '../run.ts';
import { plan, planWarnings } from '../schedule/plan.ts';
import { sourceStates } from '../schedule/state.ts';
import { exitBySignal, handleStopSignals, isAbort, requestStop, stopReason, stoppableSystemClock, stopSignal } from '../signals.ts';
import { SOURCES } from '../sources/index.ts';
import { systemClock } from '../sources/types.ts';
import { collectInto } from './collect.ts';
import { catalogFor, withStore } from './context.ts';
import { snapshotSiteData } from './snapshot.ts';
import type { CommandIO } from './types.ts';

/**
 * What the command sends first: which part to do, with the command's configuration.
 *   build     sync the catalog and write the site's data, as of `now` (the build's moment)
 *   main      collect every source, then write the site's data unless stopped meanwhile
 *   schedule  one run of the scheduler: collect the sources due by their cadences (source → interval in
 *             ms), then, with `build` and new facts stored, write the site's data unless stopped meanwhile
 *   demo      start the simulated upstreams as of `today` (their world from `seed`), backfill from `since`,
 *             collect and write the site's data into the demo's store (demo-store.ts)
 * A collection's clock is the system's, `clockOffsetMs` ahead of it: the command's clock where that is
 * not the system's (0 where it is), so a run as of a simulated day collects as of that day.
 */
export type StoreRequest =
  | { job: 'build'; config: Config; now: string }
  | { job: 'main'; config: Config; clockOffsetMs: number }
  | { job: 'schedule'; config: Config; clockOffsetMs: number; cadence: [string, number][]; build: boolean }
  | { job: 'demo'; config: Config; since: string; seed: number; today: string };

/** What each job answers. */
export interface StoreResults {
  build: { snapshot: string };
  /** snapshot: null when a stop request ended the collection (what it collected is stored); stopped: by which signal */
  main: { outcomes: SourceOutcome[]; snapshot: string | null; stopped: string | null };
  /** snapshot: null when nothing was due, nothing new was stored, --build is off, or a stop request came */
  schedule: { snapshot: string | null };
  /** requests, cost: what the simulated upstreams were asked, and its rate-limit points */
  demo: { snapshot: string; requests: number; cost: number };
}

/** What the command may send after its request: stop, as a stop signal of this process would. */
export interface StopMessage {
  kind: 'stop';
  signal: string;
}

/** What this process sends back, in order: log lines and progress, then one `done` or `failed`. */
export type StoreMessage =
  | { kind: 'log'; level: 'info' | 'warn'; line: string }
  | { kind: 'progress'; label: string; done: number; total: number; extra?: string }
  | { kind: 'done'; result: StoreResults[keyof StoreResults] }
  | { kind: 'failed'; code: ErrorCode; message: string; hint?: string };

function send(message: StoreMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });
}

/** An error as the command throws it again: an OpenPulseError keeps its code and hint; anything else is said whole. */
function failure(error: unknown): Extract<StoreMessage, { kind: 'failed' }> {
  if (error instanceof OpenPulseError && error.hint !== undefined) return { kind: 'failed', code: error.code, message: error.message, hint: error.hint };
  return { kind: 'failed', code: error instanceof OpenPulseError ? error.code : 'BUILD', message: describeError(error) };
}

/** Set once this process has sent its answer: a channel that closes after that is no reason to stop. */
let answered = false;
/** Whether this process stops on a request (a collection does: main's, a scheduled run's; the site's queries just end). */
let stopHandled = false;

function commandIO(config: Config, log: Logger, clock: CommandIO['clock']): CommandIO {
  return { stdout: { write: () => true }, log, clock, fetch: globalThis.fetch, env: process.env, config: () => config };
}

/** The system clock `offsetMs` ahead, whose waits end when this process is asked to stop. */
function collectionClock(offsetMs: number): CommandIO['clock'] {
  const system = stoppableSystemClock(stopSignal);
  return offsetMs === 0 ? system : { now: () => new Date(Date.now() + offsetMs), sleep: system.sleep };
}

async function build(config: Config, io: CommandIO): Promise<StoreResults['build']> {
  const catalog = await catalogFor(config);
  const snapshot = await withStore(config, io, 'build', async (store) => {
    await store.syncCatalog(catalog, io.clock.now());
    const written = await snapshotSiteData(store, catalog, config, io);
    // The queries' share of the build's memory: this process's peak (Astro runs in a process of its own after it).
    io.log.info(`site: queries written to ${written}; peak memory of this process so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
    return written;
  });
  return { snapshot };
}

/** `work`, or what `stopped` says where a stop request ended it while it waited (for the store, say) before anything was collected: a stop, not a failure. */
async function unlessStoppedFirst<T>(work: () => Promise<T>, stopped: () => T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isAbort(error) && stopSignal.aborted) return stopped();
    throw error;
  }
}

async function main(config: Config, io: CommandIO): Promise<StoreResults['main']> {
  const catalog = await catalogFor(config);
  io.log.info(`catalog: ${catalog.families.length} families from ${path.relative(process.cwd(), catalog.file) || catalog.file}`);
  const stopped = () => ({ outcomes: [], snapshot: null, stopped: stopReason(stopSignal) });
  return unlessStoppedFirst(
    () =>
      withStore(config, io, 'main', async (store) => {
        io.log.info(`store: ${store.kind} at ${store.location}`);
        const outcomes = await collectInto(store, catalog, config, io);
        // Stopping: what was collected is stored; building the site would outlast a supervisor's patience.
        if (stopSignal.aborted) return { ...stopped(), outcomes };
        const snapshot = await snapshotSiteData(store, catalog, config, io);
        io.log.info(`site: queries written; peak memory of the store's process ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
        return { outcomes, snapshot, stopped: null };
      }),
    stopped,
  );
}

async function scheduled(config: Config, io: CommandIO, cadence: Map<string, number>, build: boolean): Promise<StoreResults['schedule']> {
  const catalog = await catalogFor(config);
  return unlessStoppedFirst(
    () =>
      withStore(config, io, 'schedule', async (store) => {
        const plans = plan(io.clock.now(), cadence, await sourceStates(store));
        for (const warning of planWarnings(plans)) io.log.warn(`schedule: ${warning}`);
        const enabled = new Set<string>(SOURCES.filter((s) => s.enabled(catalog, config)).map((s) => s.name));
        const due = plans.filter((p) => p.due && enabled.has(p.source)).map((p) => p.source);
        if (due.length === 0) {
          const next = plans.filter((p) => enabled.has(p.source)).sort((a, b) => a.nextDue.getTime() - b.nextDue.getTime())[0];
          io.log.info(`schedule: nothing due${next ? `; next: ${next.source} at ${next.nextDue.toISOString()}` : ''}`);
          return { snapshot: null };
        }
        io.log.info(`schedule: due now: ${due.join(', ')}`);
        const outcomes = await collectInto(store, catalog, config, io, due);
        const stored = outcomes.reduce((n, o) => n + o.rows, 0);
        // Stopping: what was collected is stored; the site waits for the next run.
        return { snapshot: build && stored > 0 && !stopSignal.aborted ? await snapshotSiteData(store, catalog, config, io) : null };
      }),
    () => {
      io.log.info(`schedule: stopped on ${stopReason(stopSignal)} before the run began`);
      return { snapshot: null };
    },
  );
}

/** The request's job, each with its clock: the build's moment, fixed; a collection's, moving, its waits ended by a stop request; the demo's, the simulated clock it makes. */
function runJob(request: StoreRequest, config: Config, log: Logger): Promise<StoreResults[keyof StoreResults]> {
  switch (request.job) {
    case 'build':
      return build(config, commandIO(config, log, { now: () => new Date(request.now), sleep: systemClock.sleep }));
    case 'main':
      return main(config, commandIO(config, log, collectionClock(request.clockOffsetMs)));
    case 'schedule':
      return scheduled(config, commandIO(config, log, collectionClock(request.clockOffsetMs)), new Map(request.cadence), request.build);
    case 'demo':
      return import('./demo-store.ts').then(({ demoCollection }) => demoCollection(request, commandIO(config, log, systemClock)));
  }
}

async function run(request: StoreRequest): Promise<void> {
  const log: Logger = {
    info: (line) => void send({ kind: 'log', level: 'info', line }),
    warn: (line) => void send({ kind: 'log', level: 'warn', line }),
    progress: (label, done, total, extra) => void send({ kind: 'progress', label, done, total, ...(extra === undefined ? {} : { extra }) }),
  };
  try {
    // loaded again from the values the command parsed, which also registers its secrets for redaction here
    const config = loadConfig({ env: {}, flags: request.config });
    const result = await runJob(request, config, log);
    await send({ kind: 'done', result });
  } catch (error) {
    await send(failure(error));
  }
  answered = true;
  process.disconnect?.();
}

// Started by the command (fork: this file is the process's module, with an IPC channel); the command
// gone before an answer (its channel closed), there is no one to do the work for: stopped as by a
// signal (a collection stores what it has; a second request, as a second signal, ends it at once).
if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('message', (request: StoreRequest) => {
    // The command says it stopped (its own line); this process stops with it, silently. The site's
    // queries and the demo are not stopped: they end, as their command does on a signal.
    if (request.job === 'main' || request.job === 'schedule') {
      handleStopSignals(() => {});
      stopHandled = true;
    }
    process.on('message', (message: StopMessage) => {
      if (message.kind === 'stop') requestStop(message.signal);
    });
    void run(request);
  });
  process.once('disconnect', () => {
    if (answered) return;
    // A collection stores what it has and ends; one already stopping ends at once; the site's queries just end.
    if (stopHandled && !stopSignal.aborted) requestStop('SIGTERM');
    else exitBySignal('SIGTERM');
  });
}
