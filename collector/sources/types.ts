// The contract between the collector and its sources. A source reads one
// upstream API and emits facts; it never touches the database.

import type { Catalog } from '../catalog.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Observation, SourceName } from '../observation.ts';

export interface Clock {
  now(): Date;
  /** Waits on this clock; a simulated clock may advance instead of sleeping. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A fact or item a source could not take, kept with its raw value for the run log. */
export interface Problem {
  subject: string;
  metric?: string;
  raw?: unknown;
  message: string;
}

export interface SourceContext {
  catalog: Catalog;
  config: Config;
  clock: Clock;
  log: Logger;
  fetch: typeof fetch;
  runId: string;
  /**
   * Stores facts as they are collected, so a later failure loses none of them. Invalid facts are
   * reported, not stored. They are written in batches (run-writes.ts): when a batch is full, before
   * every wait on `clock`, and when the source ends; a state set after them is written after them.
   */
  emit(rows: Observation[]): Promise<void>;
  /** Writes the facts and states held so far. */
  flush(): Promise<void>;
  /** Reports a subject that could not be collected (missing, malformed, refused) without failing the run. */
  problem(problem: Problem): void;
  /** Small persistent state per source: ETags and stored answers, backfill cursors. */
  state: {
    get(key: string): Promise<string | undefined>;
    set(key: string, value: string): Promise<void>;
    /** Reads every state whose key starts with `prefix` in one query: a later get of such a key is answered from memory. */
    prefetch(prefix: string): Promise<void>;
  };
  signal?: AbortSignal;
}

export interface SourceResult {
  /** Rate-limit points left after the run, when the upstream says. */
  rateLimitLeft?: number;
  /** Lines for the run log, e.g. what was deferred to the next run. */
  notes?: string[];
}

export interface BackfillOptions {
  since: string;
  until?: string;
  /** What to backfill within the source, e.g. github-counts; undefined for the source's default. */
  what?: string;
  /** Period between reconstructed points, for sources that reconstruct points in time (github-counts). Default month. */
  granularity?: 'week' | 'month';
}

export interface Source {
  name: SourceName;
  /** One line for --help and the status page. */
  description: string;
  /** The upstream host(s) this source calls, for "cannot reach" lines. */
  endpoint(config: Config): string;
  /** False when the catalog gives this source nothing to do (or it needs a setting that is unset). */
  enabled(catalog: Catalog, config: Config): boolean;
  collect(ctx: SourceContext): Promise<SourceResult | void>;
  backfill?(ctx: SourceContext, options: BackfillOptions): Promise<SourceResult | void>;
}

/** Raised by a source when its upstream cannot be reached at all; the runner prints one line for it. */
export class UnreachableError extends Error {
  readonly host: string;
  constructor(host: string, reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'UnreachableError';
    this.host = host;
  }
}

/** Network failures that mean "this upstream cannot be reached", as opposed to a bad answer. */
/**
 * A wait the log announces (a rate limit): what the run holds is written before the line is
 * logged, so a run stopped while it waits, even by kill -9, has stored what it collected.
 */
export async function announcedWait(ctx: Pick<SourceContext, 'flush' | 'clock'>, ms: number, say: () => void): Promise<void> {
  await ctx.flush();
  say();
  await ctx.clock.sleep(ms);
}

export function isNetworkFailure(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string }; name?: string; message?: string; status?: number } | undefined;
  const code = e?.cause?.code ?? e?.code ?? '';
  if (['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET', 'CERT_HAS_EXPIRED'].includes(code)) return true;
  if (e?.name === 'TimeoutError') return true;
  return /fetch failed/i.test(e?.message ?? '') && !e?.status;
}

export function networkReason(error: unknown): string {
  const e = error as { code?: string; cause?: { code?: string; message?: string }; message?: string; name?: string };
  if (e?.name === 'TimeoutError') return 'timed out';
  const code = e?.cause?.code ?? e?.code;
  const names: Record<string, string> = {
    ENOTFOUND: 'host not found (no DNS: offline?)',
    EAI_AGAIN: 'DNS lookup failed (offline?)',
    ECONNREFUSED: 'connection refused',
    ENETUNREACH: 'network unreachable (offline?)',
    EHOSTUNREACH: 'host unreachable',
    ECONNRESET: 'connection reset',
    UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  };
  return (code && names[code]) ?? e?.cause?.message ?? e?.message ?? String(error);
}
