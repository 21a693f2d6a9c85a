// The budget: what a run needs against what GitHub says is left, in priority order.
// When the hourly budget is short the run takes what fits and leaves the rest for the
// next run, and says so. Search has a per-minute window: it is waited for, not deferred.

import { explainGitHubError, statusOf, type GitHubClient, type RateResource } from './client.ts';

export interface Window {
  limit: number;
  remaining: number;
  /** Unix seconds. */
  reset: number;
}

export type Budget = Record<RateResource, Window>;

/** GET /rate_limit (free: it does not count against any limit). Null when the server has rate limiting disabled (GHES answers 404). */
export async function readBudget(client: GitHubClient): Promise<Budget | null> {
  let data: unknown;
  try {
    data = (await client.octokit.request('GET /rate_limit')).data;
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw explainGitHubError(error, 'rate-limit check (GET /rate_limit)', client.baseUrl);
  }
  const resources = (data as { resources?: Record<string, unknown> } | null)?.resources;
  const window = (name: string): Window => {
    const w = resources?.[name] as Partial<Window> | undefined;
    if (!w || typeof w.remaining !== 'number' || typeof w.limit !== 'number' || typeof w.reset !== 'number') {
      // GitHub without a token answers no graphql window: GraphQL needs a token.
      return { limit: 0, remaining: 0, reset: 0 };
    }
    return { limit: w.limit, remaining: w.remaining, reset: w.reset };
  };
  return { core: window('core'), search: window('search'), graphql: window('graphql') };
}

export interface Task {
  /** What the work is, for the run log: "counts", "stats", "stars owner/name". */
  name: string;
  resource: RateResource;
  requests: number;
  /** Rate-limit points (GraphQL cost, or one per REST request). */
  points: number;
}

export interface Plan {
  run: Task[];
  deferred: Task[];
  /** One line for the log: needs against what is left. */
  summary: string;
}

/**
 * Takes tasks in priority order while each resource's points fit in what is left (less
 * `reserve`); after the first task of a resource that does not fit, every later task on
 * that resource is deferred too, so the priority order holds. Search is never deferred:
 * its window resets every minute and the throttle waits for it.
 */
export function planTasks(tasks: readonly Task[], budget: Budget | null, reserve: Partial<Record<RateResource, number>> = {}): Plan {
  const run: Task[] = [];
  const deferred: Task[] = [];
  const used: Record<RateResource, number> = { core: 0, search: 0, graphql: 0 };
  const closed = new Set<RateResource>();
  for (const task of tasks) {
    const left = budget ? budget[task.resource].remaining - (reserve[task.resource] ?? 0) : Infinity;
    const fits = task.resource === 'search' || (!closed.has(task.resource) && used[task.resource] + task.points <= left);
    if (fits) {
      run.push(task);
      used[task.resource] += task.points;
    } else {
      closed.add(task.resource);
      deferred.push(task);
    }
  }
  const needs = (['graphql', 'core', 'search'] as const)
    .map((r) => {
      const all = tasks.filter((t) => t.resource === r);
      if (all.length === 0) return null;
      const requests = all.reduce((s, t) => s + t.requests, 0);
      const points = all.reduce((s, t) => s + t.points, 0);
      const left = budget ? `${budget[r].remaining}/${budget[r].limit} left` : 'no limit reported';
      return `${r} ${requests} requests ${points} points (${left})`;
    })
    .filter((x): x is string => x !== null);
  const deferredText = deferred.length > 0 ? `; deferred to the next run: ${describeDeferred(deferred)}` : '';
  return { run, deferred, summary: `plan: ${needs.join(', ')}${deferredText}` };
}

export function describeDeferred(tasks: readonly Task[]): string {
  const names = tasks.map((t) => t.name);
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more (${tasks.reduce((s, t) => s + t.requests, 0)} requests)` : shown;
}

/**
 * How long `requests` more requests take on one resource: spaced `spacingMs` apart while
 * the window lasts, then waiting for the reset and `limit` more per `windowMs`.
 */
export function estimateDurationMs(o: { requests: number; spacingMs: number; remaining: number; limit: number; resetInMs: number; windowMs: number }): number {
  if (o.requests <= 0) return 0;
  if (o.requests <= o.remaining || o.limit <= 0) return o.requests * o.spacingMs;
  let t = Math.max(o.remaining * o.spacingMs, o.resetInMs);
  let left = o.requests - o.remaining;
  const perWindow = Math.max(1, o.limit);
  const fullWindows = Math.floor((left - 1) / perWindow);
  t += fullWindows * Math.max(o.windowMs, perWindow * o.spacingMs);
  left -= fullWindows * perWindow;
  return t + left * o.spacingMs;
}

/** Weeks of star history a repository created at `createdAt` has by `now` (its creation week through this week). */
export function weeksOfHistory(createdAt: string, now: Date): number {
  const created = Date.parse(createdAt);
  if (Number.isNaN(created)) return 1;
  const week = (ms: number) => Math.floor((Math.floor(ms / 86_400_000) + 4) / 7); // weeks start on Sunday
  return Math.max(1, week(now.getTime()) - week(created) + 1);
}
