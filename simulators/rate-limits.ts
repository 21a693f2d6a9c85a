// GitHub's primary rate limits, per token (or per client address without one), measured
// on the simulated clock so tests can jump past a reset instead of waiting for it.

import type { SimClock } from './clock.ts';

export type GithubResource = 'core' | 'search' | 'graphql';

export interface RateWindow {
  limit: number;
  used: number;
  remaining: number;
  /** Unix seconds when the window resets. */
  reset: number;
}

const PERIOD_MS: Record<GithubResource, number> = { core: 3_600_000, search: 60_000, graphql: 3_600_000 };
const LIMITS: Record<'token' | 'anonymous', Record<GithubResource, number>> = {
  token: { core: 5000, search: 30, graphql: 5000 },
  anonymous: { core: 60, search: 10, graphql: 0 },
};

export interface RateLimits {
  /** The current window for a caller; starts a fresh one when the last has expired. */
  peek(caller: string, authenticated: boolean, resource: GithubResource): RateWindow;
  charge(caller: string, authenticated: boolean, resource: GithubResource, points: number): RateWindow;
  reset(): void;
}

export function createRateLimits(clock: SimClock): RateLimits {
  const windows = new Map<string, { used: number; resetMs: number }>();
  const current = (caller: string, resource: GithubResource) => {
    const key = `${caller}:${resource}`;
    const now = clock.now().getTime();
    let w = windows.get(key);
    // GitHub starts a window at the first request after the previous one expired.
    if (!w || now >= w.resetMs) {
      w = { used: 0, resetMs: now + PERIOD_MS[resource] };
      windows.set(key, w);
    }
    return w;
  };
  const view = (w: { used: number; resetMs: number }, limit: number): RateWindow => ({
    limit,
    used: w.used,
    remaining: Math.max(0, limit - w.used),
    reset: Math.ceil(w.resetMs / 1000),
  });
  return {
    peek: (caller, authenticated, resource) => view(current(caller, resource), LIMITS[authenticated ? 'token' : 'anonymous'][resource]),
    charge: (caller, authenticated, resource, points) => {
      const w = current(caller, resource);
      w.used += points;
      return view(w, LIMITS[authenticated ? 'token' : 'anonymous'][resource]);
    },
    reset: () => windows.clear(),
  };
}
