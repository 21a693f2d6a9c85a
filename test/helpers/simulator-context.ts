// A memory-backed SourceContext wired to a running simulator: real HTTP to 127.0.0.1, the
// simulator's clock as the run's clock (sleeping advances it), base URLs from the simulator.

import type { Clock } from '../../collector/sources/types.ts';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Simulator } from '../../simulators/server.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import { memoryContext, type MemoryContext, type MemoryContextOptions } from '../../simulators/memory-context.ts';

export function simulatorClock(sim: Simulator): Clock & { slept: number[] } {
  const slept: number[] = [];
  return {
    slept,
    now: () => sim.clock.now(),
    sleep: async (ms) => {
      slept.push(ms);
      sim.clock.advance(ms);
    },
  };
}

export function simulatorContext(sim: Simulator, options: Partial<MemoryContextOptions> = {}): MemoryContext {
  return memoryContext({
    catalog: sim.world.catalog,
    clock: options.clock ?? simulatorClock(sim),
    ...options,
    config: {
      hfEndpoint: sim.env.HF_ENDPOINT,
      npmDownloadsUrl: sim.env.NPM_DOWNLOADS_URL,
      pypistatsUrl: sim.env.PYPISTATS_URL,
      leaderboardUrl: sim.env.LEADERBOARD_URL,
      // far above a loaded machine's slowest answer; tests of timeouts set their own
      requestTimeoutMs: 30_000,
      ...options.config,
    },
  });
}

/**
 * One simulator for a test file: started before its tests, closed after them,
 * and before each test set back to `now` with no faults, no counted requests
 * and fresh rate limits. Returned at once, before it starts, as a stand-in
 * that forwards to the running simulator.
 */
export function simulatorPerFile(options: Parameters<typeof startDefaultSimulator>[0] & { now: Date }): Simulator {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    sim = await startDefaultSimulator(options);
  });
  afterAll(async () => sim?.close());
  beforeEach(() => {
    sim!.clock.set(options.now);
    sim!.limits.reset();
    sim!.faults.clear();
    sim!.accounting.reset();
  });
  return new Proxy({} as Simulator, {
    get: (_, property) => {
      if (!sim) throw new Error(`the simulator is used before it started (reading ${String(property)}): use it inside a test or hook`);
      return Reflect.get(sim, property);
    },
  });
}
