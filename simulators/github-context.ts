// A SourceContext backed by in-memory arrays: the store's side effects are faked, the
// transport is whatever fetch the test passes (real HTTP to the simulator in
// integration tests). The clock sleeps by moving a simulated clock.

import type { Catalog } from '../collector/catalog.ts';
import { loadConfig, type ConfigInput } from '../collector/config.ts';
import { redact } from '../collector/errors.ts';
import type { Logger } from '../collector/log.ts';
import { isoDay, validateObservation, type Observation } from '../collector/observation.ts';
import type { Clock, Problem, SourceContext } from '../collector/sources/types.ts';

export interface MovableClock {
  now(): Date;
  advance(ms: number): void;
}

export interface MemoryContext extends SourceContext {
  rows: Observation[];
  /** Every batch passed to emit, in order. */
  batches: Observation[][];
  problems: Problem[];
  stateMap: Map<string, string>;
  lines: string[];
  progress: { label: string; done: number; total: number; extra: string }[];
  sleeps: number[];
  /** Aborts the run (as Ctrl-C would). */
  abort(): void;
}

export function memoryContext(options: {
  catalog: Catalog;
  config?: Partial<ConfigInput>;
  clock: MovableClock;
  fetch?: typeof fetch;
  state?: Map<string, string>;
  onEmit?: (batch: Observation[], ctx: MemoryContext) => void;
}): MemoryContext {
  const controller = new AbortController();
  const lines: string[] = [];
  const progress: MemoryContext['progress'] = [];
  const sleeps: number[] = [];
  const log: Logger = {
    info: (l) => lines.push(redact(l)),
    warn: (l) => lines.push(redact(l)),
    progress: (label, done, total, extra = '') => progress.push({ label, done, total, extra }),
  };
  const clock: Clock = {
    now: () => options.clock.now(),
    sleep: async (ms) => {
      sleeps.push(ms);
      options.clock.advance(ms);
    },
  };
  const ctx: MemoryContext = {
    catalog: options.catalog,
    config: loadConfig({ env: {}, flags: { requestTimeoutMs: 10_000, ...options.config } }),
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

/** The last value stored for (subject, metric, day), as a store that replaces on the same key would keep it. */
export function factsByKey(rows: readonly Observation[]): Map<string, Observation> {
  const out = new Map<string, Observation>();
  for (const r of rows) out.set(`${r.subject}|${r.metric}|${r.observed_at}`, r);
  return out;
}

/** The default catalog cut down to some families (the simulated world keeps all of them). */
export function subsetCatalog(catalog: Catalog, familyIds: readonly string[]): Catalog {
  return { ...catalog, families: catalog.families.filter((f) => familyIds.includes(f.id)) };
}

/** Settings that let a run against the simulator go at full speed: no pacing, 1 ms backoff. */
export const FAST = { searchSpacingMs: 0, graphqlSpacingMs: 0, retryBaseMs: 1 } as const;
