// One collection run: every enabled source in turn, facts stored in batches as they
// come (run-writes.ts: before every wait, and when the source ends however it ends),
// a failing source (or subject) never costing the facts already emitted, and
// every run logged with per-source counts, problems and rate limit left.

import type { Catalog } from './catalog.ts';
import type { Config } from './config.ts';
import { describeError, redact } from './errors.ts';
import type { Logger } from './log.ts';
import { isoDay, validateObservation, type Observation } from './observation.ts';
import { REFERENCE_FIGURES } from './reference.ts';
import { RunWrites } from './run-writes.ts';
import { stopReason, stopSignal } from './signals.ts';
import type { ProblemRecord, RunSink } from './store/index.ts';
import { isNetworkFailure, networkReason, UnreachableError, type BackfillOptions, type Clock, type Problem, type Source, type SourceContext, type SourceResult } from './sources/types.ts';

export interface RunDeps {
  store: RunSink;
  catalog: Catalog;
  config: Config;
  clock: Clock;
  log: Logger;
  fetch: typeof fetch;
  /** Ends the run early: sources stop asking and keep what they stored. Default: this process's stop signal (SIGTERM, SIGINT). */
  signal?: AbortSignal;
}

export interface SourceOutcome {
  source: string;
  status: 'ok' | 'partial' | 'failed' | 'unreachable' | 'skipped';
  rows: number;
  problems: number;
  ms: number;
  message: string;
  rateLimitLeft: number | null;
}

/**
 * The exit code of a command that collected from sources (collect, backfill):
 * 0 when every source ended ok, or when a stop signal ended the run after it
 * stored what it had; 1 when a source failed; 3 when the run finished but a
 * source ended partial or unreachable: what it got is stored, "openpulse status"
 * names the source, and running the command again completes it.
 */
export const EXIT_INCOMPLETE = 3;
export function exitCodeFor(outcomes: readonly Pick<SourceOutcome, 'status'>[], stopped: boolean): number {
  if (outcomes.some((o) => o.status === 'failed')) return 1;
  if (stopped) return 0;
  return outcomes.some((o) => o.status === 'partial' || o.status === 'unreachable') ? EXIT_INCOMPLETE : 0;
}

export function newRunId(now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Loads the cited reference figures; a second load replaces the same facts, never adds. */
export async function loadReferenceFigures(deps: Pick<RunDeps, 'store' | 'clock'>, runId: string): Promise<number> {
  return deps.store.insert([...REFERENCE_FIGURES], runId, deps.clock.now());
}

/** Runs `collect` (or `backfill`) of each source; returns one outcome per source. */
export async function runSources(
  deps: RunDeps,
  sources: Source[],
  options: { runId: string; job: 'collect' | 'backfill'; backfill?: BackfillOptions },
): Promise<SourceOutcome[]> {
  const signal = deps.signal ?? stopSignal;
  const outcomes: SourceOutcome[] = [];
  const notStarted: string[] = [];
  for (const source of sources) {
    if (signal.aborted) {
      notStarted.push(source.name);
      continue;
    }
    const action = options.job === 'backfill' ? (ctx: SourceContext) => source.backfill!(ctx, options.backfill!) : (ctx: SourceContext) => source.collect(ctx);
    outcomes.push(await runAction(deps, source, { runId: options.runId, job: options.job }, action));
  }
  if (signal.aborted) deps.log.info(describeStop(stopReason(signal), outcomes, notStarted));
  return outcomes;
}

/** What a stopped run stored, in one line: `stopped on SIGTERM: stored 1240 facts (npm 1200, pypi 40); not started: huggingface; …` */
export function describeStop(reason: string, outcomes: SourceOutcome[], notStarted: string[]): string {
  const rows = outcomes.reduce((n, o) => n + o.rows, 0);
  const each = outcomes.map((o) => `${o.source} ${o.rows}`).join(', ');
  return [
    `stopped on ${reason}: stored ${rows} facts${each ? ` (${each})` : ''}`,
    ...(notStarted.length ? [`not started: ${notStarted.join(', ')}`] : []),
    'the next run goes on from there',
  ].join('; ');
}

/**
 * Runs one action of a source (collect, backfill, an import) with the run's
 * bookkeeping: facts validated and stored as emitted, problems and the outcome logged.
 */
export async function runAction(
  deps: RunDeps,
  source: Source,
  options: { runId: string; job: string },
  action: (ctx: SourceContext) => Promise<SourceResult | void>,
): Promise<SourceOutcome> {
  const { store, log, clock } = deps;
  const signal = deps.signal ?? stopSignal;
  const started = clock.now();
  const t0 = Date.now();
  const writes = new RunWrites(store, source.name, options.runId, clock);
  const problems: ProblemRecord[] = [];
  const today = isoDay(clock.now());

  const report = (p: Problem) => {
    const raw = p.raw === undefined ? '' : typeof p.raw === 'string' ? p.raw : JSON.stringify(p.raw);
    problems.push({ run_id: options.runId, source: source.name, subject: p.subject, metric: p.metric ?? '', raw: raw ?? '', message: p.message });
    log.warn(`source=${source.name} subject=${p.subject}${p.metric ? ` metric=${p.metric}` : ''}: ${p.message}${raw ? ` (raw ${truncate(raw, 120)})` : ''}`);
  };

  const ctx: SourceContext = {
    catalog: deps.catalog,
    config: deps.config,
    // What is held is written before any wait: a run stopped while it waits has stored it.
    clock: {
      now: () => clock.now(),
      async sleep(ms) {
        await writes.flush();
        await clock.sleep(ms);
      },
    },
    log,
    fetch: deps.fetch,
    runId: options.runId,
    async emit(batch: Observation[]) {
      const valid: Observation[] = [];
      for (const o of batch) {
        const problem = validateObservation(o, today);
        if (problem) report({ subject: o.subject, metric: o.metric, raw: o.value, message: `not stored: ${problem}` });
        else valid.push(o);
      }
      await writes.addFacts(valid);
    },
    flush: () => writes.flush(),
    problem: report,
    state: {
      get: (key) => writes.getState(key),
      set: (key, value) => writes.setState(key, value),
      prefetch: (prefix) => writes.prefetch(prefix),
    },
    signal,
  };

  let status: SourceOutcome['status'] = 'ok';
  let message = '';
  let rateLimitLeft: number | null = null;
  let threw = false;
  try {
    let result: SourceResult | void;
    try {
      result = await action(ctx);
    } catch (error) {
      // What it emitted before it failed is stored all the same.
      await writes.flush().catch((e: unknown) => {
        if (e !== error) log.warn(`source=${source.name}: could not store the facts it emitted before it failed: ${describeError(e)}`);
      });
      throw error;
    }
    await writes.flush();
    rateLimitLeft = result?.rateLimitLeft ?? null;
    message = (result?.notes ?? []).join('; ');
    if (problems.length > 0) status = 'partial';
  } catch (error) {
    threw = true;
    if (error instanceof UnreachableError || isNetworkFailure(error)) {
      status = 'unreachable';
      const host = error instanceof UnreachableError ? error.host : source.endpoint(deps.config);
      message = `cannot reach ${host}: ${error instanceof UnreachableError ? error.message : networkReason(error)}`;
    } else {
      status = writes.stored > 0 ? 'partial' : 'failed';
      message = describeError(error);
    }
  }
  const rows = writes.stored;
  if (signal.aborted) {
    // Stopped: what the source emitted is stored; what it threw after the stop (an aborted
    // request or wait, a request given up on) is the stop, not a failure of the upstream.
    const notes = threw ? '' : message;
    status = 'partial';
    message = `interrupted by ${stopReason(signal)} after storing ${rows} facts; the next run goes on from there${notes ? `; ${notes}` : ''}`;
  }
  const ms = Date.now() - t0;
  const outcome: SourceOutcome = { source: source.name, status, rows, problems: problems.length, ms, message: redact(message), rateLimitLeft };
  try {
    await store.logProblems(problems);
    await store.logRun({
      run_id: options.runId,
      job: options.job,
      source: source.name,
      started_at: started,
      finished_at: clock.now(),
      status,
      rows,
      problems: problems.length,
      message: outcome.message,
      rate_limit_left: rateLimitLeft,
    });
  } catch (error) {
    log.warn(`source=${source.name}: could not log the run: ${describeError(error)}`);
  }
  log.info(formatOutcome(outcome));
  return outcome;
}

/** One line per source: `source=github rows=1240 ms=830 left=4120`, or why it could not run. */
export function formatOutcome(o: SourceOutcome): string {
  const parts = [`source=${o.source}`, `status=${o.status}`, `rows=${o.rows}`, `ms=${o.ms}`];
  if (o.problems) parts.push(`problems=${o.problems}`);
  if (o.rateLimitLeft !== null) parts.push(`left=${o.rateLimitLeft}`);
  return `${parts.join(' ')}${o.message ? ` — ${o.message}` : ''}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
