// The site's queries of `openpulse build`, in a process of their own (build.ts forks this file):
// it opens the store, syncs the catalog, writes the snapshot (snapshotSiteData) and exits. What the
// embedded engine keeps once it has run them (its caches and allocator's memory: 400–500 MiB after
// the queries of a 50 M-fact store, besides its library) is not given back when the store closes,
// so in the build's own process it stayed beside Astro's for the whole static build; ended with
// this process, it is the system's again before Astro starts.
// Its log lines and progress go to the build's logger (its format and redaction) through the IPC
// channel, and a failure comes back as the same error, so the command reads as it did in one process.

import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../config.ts';
import { describeError, OpenPulseError, type ErrorCode } from '../errors.ts';
import type { Logger } from '../log.ts';
import { systemClock } from '../sources/types.ts';
import { catalogFor, withStore } from './context.ts';
import { snapshotSiteData } from './snapshot.ts';
import type { CommandIO } from './types.ts';

/** What build.ts sends: the command's configuration and the moment the site is built as of. */
export interface QueriesRequest {
  config: Config;
  now: string;
}

/** What this process sends back, in order: log lines and progress, then one `done` or `failed`. */
export type QueriesMessage =
  | { kind: 'log'; level: 'info' | 'warn'; line: string }
  | { kind: 'progress'; label: string; done: number; total: number; extra?: string }
  | { kind: 'done'; snapshot: string }
  | { kind: 'failed'; code: ErrorCode; message: string; hint?: string };

function send(message: QueriesMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });
}

/** An error as build.ts throws it again: an OpenPulseError keeps its code and hint; anything else is said whole. */
function failure(error: unknown): Extract<QueriesMessage, { kind: 'failed' }> {
  if (error instanceof OpenPulseError && error.hint !== undefined) return { kind: 'failed', code: error.code, message: error.message, hint: error.hint };
  return { kind: 'failed', code: error instanceof OpenPulseError ? error.code : 'BUILD', message: describeError(error) };
}

/** Set once this process has sent its answer: a channel that closes after that is no reason to stop. */
let answered = false;

async function run(request: QueriesRequest): Promise<void> {
  const log: Logger = {
    info: (line) => void send({ kind: 'log', level: 'info', line }),
    warn: (line) => void send({ kind: 'log', level: 'warn', line }),
    progress: (label, done, total, extra) => void send({ kind: 'progress', label, done, total, ...(extra === undefined ? {} : { extra }) }),
  };
  const now = new Date(request.now);
  try {
    // loaded again from the values build.ts parsed, which also registers its secrets for redaction here
    const config = loadConfig({ env: {}, flags: request.config });
    const io: CommandIO = {
      stdout: { write: () => true },
      log,
      clock: { now: () => now, sleep: systemClock.sleep },
      fetch: globalThis.fetch,
      env: process.env,
      config: () => config,
    };
    const catalog = await catalogFor(config);
    const snapshot = await withStore(config, io, 'build', async (store) => {
      await store.syncCatalog(catalog, now);
      const written = await snapshotSiteData(store, catalog, config, io);
      // The queries' share of the build's memory: this process's peak (Astro runs in a process of its own after it).
      log.info(`site: queries written to ${written}; peak memory of this process so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
      return written;
    });
    await send({ kind: 'done', snapshot });
  } catch (error) {
    await send(failure(error));
  }
  answered = true;
  process.disconnect?.();
}

// Started by build.ts (fork: this file is the process's module, with an IPC channel); the build gone
// before an answer (its channel closed), there is no one to write the site data for.
if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  process.once('message', (request: QueriesRequest) => void run(request));
  process.once('disconnect', () => {
    if (!answered) process.kill(process.pid, 'SIGTERM');
  });
}
