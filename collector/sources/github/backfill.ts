// Count history: how many repositories matching each catalog query existed at the end
// of each week or month, asked as `<query> created:<=<period end>`. Stored as
// github_projects_existing (repositories deleted since are missing from it). A cursor
// per query and granularity in ctx.state makes it resumable: a rerun starts after the
// last period stored, so nothing is asked twice and nothing is skipped.

import { isoDay, type Observation } from '../../observation.ts';
import { formatDuration } from '../../log.ts';
import type { BackfillOptions, SourceContext, SourceResult } from '../types.ts';
import type { GitHubClient } from './client.ts';
import { countViaGraphql, countViaRest, type CountMethod, type CountOutcome } from './counts.ts';
import { estimateDurationMs, readBudget } from './plan.ts';
import { backfillQueryProblem, chunk, createdUpTo, periodEnds, type Granularity } from './queries.ts';
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

/** Periods still to ask for each query: those after its cursor (the last period end stored). */
export function pendingItems(queries: readonly { query: string; family: string }[], ends: readonly string[], cursors: ReadonlyMap<string, string | undefined>): BackfillItem[] {
  const items: BackfillItem[] = [];
  for (const { query, family } of queries) {
    const cursor = cursors.get(query);
    for (const day of ends) if (!cursor || day > cursor) items.push({ query, family, day });
  }
  return items;
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
  const cursors = new Map<string, string | undefined>();
  for (const { query } of queries) cursors.set(query, (await ctx.state.get(cursorKey(granularity, query))) || undefined);
  const items = pendingItems(queries, ends, cursors);
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
    // Per query, the cursor moves to the last period stored before any failure.
    const advance = new Map<string, string>();
    for (const [i, outcome] of outcomes.entries()) {
      const item = live[i]!;
      if (failedQueries.has(item.query)) continue;
      if (!outcome.ok) {
        failedQueries.add(item.query);
        ctx.problem({ subject: `search:${item.query}`, metric: 'github_projects_existing', message: `${outcome.message} (period ending ${item.day}); the backfill of this query stops here and resumes from this period next time`, ...(outcome.raw === undefined ? {} : { raw: outcome.raw }) });
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
      advance.set(item.query, item.day);
    }
    if (observations.length > 0) await ctx.emit(observations);
    rows += observations.length;
    for (const [query, day] of advance) await ctx.state.set(cursorKey(granularity, query), day);
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
