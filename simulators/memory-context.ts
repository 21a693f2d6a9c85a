// A SourceContext whose side effects land in arrays: emitted facts (each checked as the store
// would check it), reported problems, log lines (redacted, as the real logger writes them),
// progress, sleeps, state. Only side effects are faked; the transport is the real fetch,
// pointed at a local simulator (or at nothing, for pure unit tests). The one such context:
// every source's tests and the GitHub cost bench use it.

import type { Catalog } from '../collector/catalog.ts';
import { loadConfig, type ConfigInput } from '../collector/config.ts';
import { redact } from '../collector/errors.ts';
import type { Logger } from '../collector/log.ts';
import { isoDay, validateObservation, type Observation } from '../collector/observation.ts';
import type { Clock, Problem, SourceContext } from '../collector/sources/types.ts';

/** A simulator's clock: read it, move it (sleeping moves it by what sleep asks, without waiting). */
export interface MovableClock {
  now(): Date;
  advance(ms: number): void;
}

export interface MemoryContext extends SourceContext {
  rows: Observation[];
  /** Every batch passed to emit, in order. */
  batches: Observation[][];
  problems: Problem[];
  lines: string[];
  progress: { label: string; done: number; total: number; extra: string }[];
  stateMap: Map<string, string>;
  /** What the run asked the clock to sleep, in order (ms). */
  sleeps: number[];
  /** Aborts the run (as Ctrl-C would). */
  abort(): void;
}

export interface MemoryContextOptions {
  catalog: Catalog;
  config?: Partial<ConfigInput>;
  /**
   * The run's clock: a Clock as it is (its sleeps are also noted in `sleeps`), or a simulator's
   * movable clock, which a sleep advances; defaults to one fixed at `now` whose sleep advances it
   * without waiting.
   */
  clock?: Clock | MovableClock;
  now?: Date;
  /** Shared state, to resume a run in a second context as the runner would. */
  state?: Map<string, string>;
  fetch?: typeof fetch;
  /** Throws from emit after this many calls, to simulate an interrupted run. */
  failEmitAfter?: number;
  /** Called after each batch is kept (a test can abort the run from here). */
  onEmit?: (batch: Observation[], ctx: MemoryContext) => void;
}

/** A clock that starts at `start` and moves forward by what sleep() asks, instantly. */
export function steppingClock(start: Date): Clock & { slept: number[] } {
  let t = start.getTime();
  const slept: number[] = [];
  return {
    slept,
    now: () => new Date(t),
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
  };
}

function runClock(given: Clock | MovableClock | undefined, now: Date | undefined, sleeps: number[]): Clock {
  const base = given ?? steppingClock(now ?? new Date('2026-11-15T12:00:00Z'));
  if ('advance' in base) {
    return {
      now: () => base.now(),
      sleep: async (ms) => {
        sleeps.push(ms);
        base.advance(ms);
      },
    };
  }
  return {
    now: () => base.now(),
    sleep: async (ms) => {
      sleeps.push(ms);
      await base.sleep(ms);
    },
  };
}

export function memoryContext(options: MemoryContextOptions): MemoryContext {
  const controller = new AbortController();
  const lines: string[] = [];
  const progress: MemoryContext['progress'] = [];
  const sleeps: number[] = [];
  const log: Logger = {
    info: (l) => lines.push(redact(l)),
    warn: (l) => lines.push(redact(l)),
    progress: (label, done, total, extra = '') => progress.push({ label, done, total, extra }),
  };
  const clock = runClock(options.clock, options.now, sleeps);
  const ctx: MemoryContext = {
    catalog: options.catalog,
    // far above a loaded machine's slowest answer; tests of timeouts set their own
    config: loadConfig({ env: {}, flags: { requestTimeoutMs: 30_000, ...options.config } }),
    clock,
    log,
    fetch: options.fetch ?? fetch,
    runId: 'test-run',
    rows: [],
    batches: [],
    problems: [],
    stateMap: options.state ?? new Map(),
    lines,
    progress,
    sleeps,
    signal: controller.signal,
    abort: () => controller.abort(),
    // Facts are kept as they are emitted: nothing is held.
    flush: async () => {},
    async emit(batch) {
      if (options.failEmitAfter !== undefined && ctx.batches.length >= options.failEmitAfter) {
        throw new Error(`simulated interruption after ${ctx.batches.length} batches`);
      }
      const today = isoDay(clock.now());
      for (const o of batch) {
        const problem = validateObservation(o, today);
        if (problem) throw new Error(`the source emitted an invalid fact ${JSON.stringify(o)}: ${problem}`);
      }
      ctx.batches.push(batch);
      ctx.rows.push(...batch);
      options.onEmit?.(batch, ctx);
    },
    problem(p) {
      ctx.problems.push(p);
    },
    state: {
      get: async (key) => ctx.stateMap.get(key),
      set: async (key, value) => {
        ctx.stateMap.set(key, value);
      },
      prefetch: async () => {},
    },
  };
  return ctx;
}
