// Count history: how many repositories matching each catalog query existed at the end
// of each week or month, asked as `<query> created:<=<period end>`. Stored as
// github_projects_existing (repositories deleted since are missing from it). The interval
// of periods stored, per query and granularity in ctx.state, makes it resumable: a rerun
// asks only the periods outside it, earlier ones (a backfill extending further back) as
// well as later ones, so nothing is asked twice and nothing is skipped.

import { isoDay, type Observation } from '../../observation.ts';
import { formatDuration } from '../../log.ts';
import type { BackfillOptions, SourceContext, SourceResult } from '../types.ts';
import type { GitHubClient } from './client.ts';
import { countViaGraphql, countViaRest, type CountMethod, type CountOutcome } from './counts.ts';
import { estimateDurationMs, readBudget } from './plan.ts';
import { backfillQueryProblem, chunk, createdUpTo, DAY_MS, formatDay, parseDay, periodEnds, type Granularity } from './queries.ts';
import type { GitHubSettings } from './settings.ts';

export interface GitHubBackfillOptions extends BackfillOptions {
  /** Period length. Default month. */
  granularity?: Granularity;
}

export interface BackfillItem {
  query: string;
  family: string;
  day: string;
}

export const cursorKey = (granularity: Granularity, query: string) => `backfill:github-counts:${granularity}:${query}`;

/** Period ends from..through (inclusive, contiguous) are stored for a query. */
export interface StoredPeriods {
  from: string;
  through: string;
}

/**
 * Reads the stored marker: `{"from","through"}`, or a bare day written before intervals
 * were kept (the last period stored; where that backfill began is unknown, so only that
 * one period counts as stored and the earlier ones are asked again: a fact written twice
 * replaces itself).
 */
export function parseStoredPeriods(raw: string | null | undefined): StoredPeriods | undefined {
  if (!raw) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) return { from: raw, through: raw };
  try {
    const parsed = JSON.parse(raw) as Partial<StoredPeriods>;
    if (typeof parsed.from === 'string' && typeof parsed.through === 'string' && parsed.from <= parsed.through) return { from: parsed.from, through: parsed.through };
  } catch {
    // a damaged marker just means asking every period again
  }
  return undefined;
}

/** Whether period end `later` follows period end `earlier` with no period between them. */
export function adjacentPeriods(earlier: string, later: string, granularity: Granularity): boolean {
  if (earlier >= later) return false;
  return periodEnds(formatDay(parseDay(earlier) + DAY_MS), later, granularity).length === 1;
}

/** What a run asks for one query, and whether its answers extend the stored interval. */
export interface QueryPlan {
  query: string;
  family: string;
  /** Periods before the stored interval, newest first, so the interval grows back without a hole. */
  earlier: string[];
  /** Periods after the stored interval (all of them when nothing is stored), oldest first. */
  later: string[];
  /** The earlier periods reach back from the interval's start with no gap: storing them moves `from`. */
  extendsBack: boolean;
  /** The later periods follow the interval's end with no gap: storing them moves `through`. */
  extendsForward: boolean;
}

export function planQuery(query: { query: string; family: string }, ends: readonly string[], stored: StoredPeriods | undefined, granularity: Granularity): QueryPlan {
  if (!stored) return { ...query, earlier: [], later: [...ends], extendsBack: false, extendsForward: true };
  const earlier = ends.filter((day) => day < stored.from).reverse();
  const later = ends.filter((day) => day > stored.through);
  return {
    ...query,
    earlier,
    later,
    extendsBack: earlier.length > 0 && adjacentPeriods(earlier[0]!, stored.from, granularity),
    extendsForward: later.length > 0 && adjacentPeriods(stored.through, later[0]!, granularity),
  };
}

/** Periods still to ask for each query: those outside its stored interval, earlier ones newest first, then later ones. */
export function pendingItems(
  queries: readonly { query: string; family: string }[],
  ends: readonly string[],
  stored: ReadonlyMap<string, StoredPeriods | undefined>,
  granularity: Granularity = 'month',
): BackfillItem[] {
  const items: BackfillItem[] = [];
  for (const q of queries) {
    const plan = planQuery(q, ends, stored.get(q.query), granularity);
    for (const day of [...plan.earlier, ...plan.later]) items.push({ query: q.query, family: q.family, day });
  }
  return items;
}

/** The interval after storing `day`, or the same one when `day` would leave a hole in it. */
export function extendStored(stored: StoredPeriods | undefined, day: string, plan: Pick<QueryPlan, 'extendsBack' | 'extendsForward'>): StoredPeriods | undefined {
  if (!stored) return { from: day, through: day };
  if (day < stored.from) return plan.extendsBack ? { from: day, through: stored.through } : stored;
  if (day > stored.through) return plan.extendsForward ? { from: stored.from, through: day } : stored;
  return stored;
}

export async function backfillCounts(ctx: SourceContext, client: GitHubClient, settings: GitHubSettings, method: CountMethod, options: GitHubBackfillOptions): Promise<SourceResult> {
  const granularity = options.granularity ?? 'month';
  const today = isoDay(ctx.clock.now());
  const until = options.until && options.until < today ? options.until : today;
  const ends = periodEnds(options.since, until, granularity);

  const queries: { query: string; family: string }[] = [];
  const seen = new Set<string>();
  for (const family of ctx.catalog.families) {
    for (const query of family.github.search) {
      if (seen.has(query)) continue;
      seen.add(query);
      const problem = backfillQueryProblem(query, until);
      if (problem) {
        ctx.problem({ subject: `search:${query}`, metric: 'github_projects_existing', message: `with its created: qualifier the query is not one GitHub accepts: expected ${problem}; shorten it in the catalog` });
        continue;
      }
      queries.push({ query, family: family.id });
    }
  }
  const stored = new Map<string, StoredPeriods | undefined>();
  for (const { query } of queries) stored.set(query, parseStoredPeriods(await ctx.state.get(cursorKey(granularity, query))));
  const plans = new Map(queries.map((q) => [q.query, planQuery(q, ends, stored.get(q.query), granularity)]));
  const items = pendingItems(queries, ends, stored, granularity);
  const total = queries.length * ends.length;
  const alreadyDone = total - items.length;

  const perRequest = method === 'rest' ? 1 : settings.searchesPerQuery;
  const batches = chunk(items, perRequest);
  const resource = method === 'rest' ? 'search' : 'graphql';
  const budget = await readBudget(client);
  const window = budget?.[resource];
  const spacing = method === 'rest' ? settings.searchSpacingMs : settings.graphqlSpacingMs;
  const eta = (requestsLeft: number) => {
    const observed = client.observed[resource] ?? window;
    const nowMs = ctx.clock.now().getTime();
    return estimateDurationMs({
      requests: requestsLeft,
      spacingMs: spacing,
      remaining: observed?.remaining ?? Infinity,
      limit: observed?.limit ?? 0,
      resetInMs: observed ? Math.max(0, observed.reset * 1000 - nowMs) : 0,
      windowMs: resource === 'search' ? 60_000 : 3_600_000,
    });
  };
  ctx.log.info(
    `source=github backfill github-counts: ${queries.length} queries × ${ends.length} ${granularity}s from ${options.since} to ${until}; ` +
      `${items.length} counts to ask (${alreadyDone} already stored) in ${batches.length} ${method === 'rest' ? 'search' : 'GraphQL'} requests; ` +
      `${window ? `${window.remaining}/${window.limit} ${resource} left; ` : ''}about ${formatDuration(eta(batches.length))}`,
  );

  let done = alreadyDone;
  let rows = 0;
  const failedQueries = new Set<string>();
  for (const [index, batch] of batches.entries()) {
    const live = batch.filter((item) => !failedQueries.has(item.query));
    if (live.length === 0) continue;
    if (ctx.signal?.aborted) break;
    const outcomes: CountOutcome[] =
      method === 'rest' ? [await countViaRest(client, createdUpTo(live[0]!.query, live[0]!.day))] : await countViaGraphql(client, live.map((i) => createdUpTo(i.query, i.day)));
    const observations: Observation[] = [];
    // Per query, the interval grows by the periods stored before any failure (each query's
    // periods come in the order that keeps it contiguous).
    const changed = new Set<string>();
    for (const [i, outcome] of outcomes.entries()) {
      const item = live[i]!;
      if (failedQueries.has(item.query)) continue;
      if (!outcome.ok) {
        failedQueries.add(item.query);
        ctx.problem({ subject: `search:${item.query}`, metric: 'github_projects_existing', message: `${outcome.message} (period ending ${item.day}); the backfill of this query stops here and asks this period again next time`, ...(outcome.raw === undefined ? {} : { raw: outcome.raw }) });
        continue;
      }
      observations.push({
        source: 'github',
        subject: `search:${item.query}`,
        family: item.family,
        metric: 'github_projects_existing',
        observed_at: item.day,
        value: outcome.answer.count,
        detail: { incomplete_results: outcome.answer.incomplete, granularity, period_end: item.day },
      });
      const before = stored.get(item.query);
      const after = extendStored(before, item.day, plans.get(item.query)!);
      if (after !== before) {
        stored.set(item.query, after);
        changed.add(item.query);
      }
    }
    if (observations.length > 0) await ctx.emit(observations);
    rows += observations.length;
    for (const query of changed) await ctx.state.set(cursorKey(granularity, query), JSON.stringify(stored.get(query)));
    done += live.length;
    const left = batches.length - index - 1;
    const observed = client.observed[resource];
    ctx.log.progress('github backfill counts', done, total, `eta≈${formatDuration(eta(left))} (${left} ${resource} requests left${observed ? `, ${observed.remaining}/${observed.limit} ${resource} left, resets ${new Date(observed.reset * 1000).toISOString().slice(11, 19)}Z` : ''})`);
  }
  const notes = [`backfilled ${rows} counts (${granularity}ly, ${options.since}..${until})`];
  if (failedQueries.size > 0) notes.push(`stopped early for ${failedQueries.size} queries; rerun the backfill to resume them`);
  if (ctx.signal?.aborted) notes.push('interrupted; rerun the same backfill to resume where it stopped');
  return { notes, ...(client.observed[resource] ? { rateLimitLeft: client.observed[resource]!.remaining } : {}) };
}
