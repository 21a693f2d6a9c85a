// A memory-backed SourceContext wired to a running simulator: real HTTP to 127.0.0.1, the
// simulator's clock as the run's clock (sleeping advances it), base URLs from the simulator.

import type { Clock } from '../../collector/sources/types.ts';
import type { Simulator } from '../simulators/server.ts';
import { memoryContext, type MemoryContext, type MemoryContextOptions } from './memory-source-context.ts';

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
