// A SourceContext whose side effects land in arrays: emitted facts, reported problems, log
// lines, state. Only side effects are faked; the transport is the real fetch, pointed at a
// local simulator (or at nothing, for pure unit tests).

import type { Catalog } from '../collector/catalog.ts';
import { loadConfig, type Config, type ConfigInput } from '../collector/config.ts';
import type { Logger } from '../collector/log.ts';
import type { Observation } from '../collector/observation.ts';
import type { Clock, Problem, SourceContext } from '../collector/sources/types.ts';

export interface MemoryContext extends SourceContext {
  rows: Observation[];
  problems: Problem[];
  lines: string[];
  progress: { label: string; done: number; total: number }[];
  stateMap: Map<string, string>;
  /** Number of ctx.emit calls (one per batch). */
  emits: number;
}

export interface MemoryContextOptions {
  catalog: Catalog;
  config?: Partial<ConfigInput>;
  /** A clock; defaults to one fixed at `now` whose sleep advances it without waiting. */
  clock?: Clock;
  now?: Date;
  /** Shared state, to resume a run in a second context as the runner would. */
  state?: Map<string, string>;
  fetch?: typeof fetch;
  /** Throws from emit after this many calls, to simulate an interrupted run. */
  failEmitAfter?: number;
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

export function memoryContext(options: MemoryContextOptions): MemoryContext {
  const config: Config = loadConfig({ env: {}, flags: { requestTimeoutMs: 30_000, ...options.config } });
  const rows: Observation[] = [];
  const problems: Problem[] = [];
  const lines: string[] = [];
  const progress: MemoryContext['progress'] = [];
  const stateMap = options.state ?? new Map<string, string>();
  const log: Logger = {
    info: (l) => lines.push(l),
    warn: (l) => lines.push(l),
    progress: (label, done, total) => progress.push({ label, done, total }),
  };
  const ctx: MemoryContext = {
    catalog: options.catalog,
    config,
    clock: options.clock ?? steppingClock(options.now ?? new Date('2026-11-15T12:00:00Z')),
    log,
    fetch: options.fetch ?? fetch,
    runId: 'test-run',
    rows,
    problems,
    lines,
    progress,
    stateMap,
    emits: 0,
    async emit(batch) {
      if (options.failEmitAfter !== undefined && ctx.emits >= options.failEmitAfter) {
        throw new Error(`simulated interruption after ${ctx.emits} batches`);
      }
      ctx.emits++;
      rows.push(...batch);
    },
    // Facts are kept as they are emitted: nothing is held.
    flush: async () => {},
    problem: (p) => problems.push(p),
    state: {
      get: async (key) => stateMap.get(key),
      set: async (key, value) => {
        stateMap.set(key, value);
      },
      prefetch: async () => {},
    },
  };
  return ctx;
}
