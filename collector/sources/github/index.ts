// The GitHub source: project counts, repository stats and star history within the
// rate-limit budget (collect), and count history from created: ranges (backfill).

import type { Catalog } from '../../catalog.ts';
import type { Config } from '../../config.ts';
import { OpenPulseError } from '../../errors.ts';
import { isoDay, type Observation } from '../../observation.ts';
import { UnreachableError, type BackfillOptions, type Source, type SourceContext, type SourceResult } from '../types.ts';
import { backfillCounts, type GitHubBackfillOptions } from './backfill.ts';
import { createGitHubClient, type GitHubClient, type RateResource } from './client.ts';
import { countQueries, countRequests, type CountMethod } from './counts.ts';
import { describeDeferred, planTasks, readBudget, weeksOfHistory, type Budget, type Task } from './plan.ts';
import { parseDay } from './queries.ts';
import { collectRepositoryStats, statsRequests, type CatalogRepo, type StatsResult } from './repo-stats.ts';
import { resolveSettings, type GitHubSettings } from './settings.ts';
import { collectStarHistoryOf, readStarStateAhead } from './star-history.ts';

export type { GitHubSettings } from './settings.ts';
export type { GitHubBackfillOptions } from './backfill.ts';

export interface CatalogQuery {
  query: string;
  family: string;
}

/** Every search query of the catalog once, with the first family that lists it. */
export function catalogQueries(catalog: Pick<Catalog, 'families'>): CatalogQuery[] {
  const seen = new Set<string>();
  const out: CatalogQuery[] = [];
  for (const f of catalog.families) {
    for (const query of f.github.search) {
      if (seen.has(query)) continue;
      seen.add(query);
      out.push({ query, family: f.id });
    }
  }
  return out;
}

/** Every repository of the catalog once (names compared case-insensitively), with its family. */
export function catalogRepos(catalog: Pick<Catalog, 'families'>): CatalogRepo[] {
  const seen = new Set<string>();
  const out: CatalogRepo[] = [];
  for (const f of catalog.families) {
    for (const name of f.github.repos) {
      if (seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      out.push({ name, family: f.id });
    }
  }
  return out;
}

export function countMethodFor(settings: GitHubSettings, hasToken: boolean): CountMethod {
  if (!hasToken) return 'rest'; // GraphQL needs a token
  return settings.countsVia === 'rest' ? 'rest' : 'graphql';
}

const NO_TOKEN_LINE =
  'source=github: no GITHUB_TOKEN: GitHub allows 60 requests/hour and 10 searches/minute without one, and no GraphQL; ' +
  'counts use REST search and repository stats one REST request each. Set GITHUB_TOKEN for 5,000 requests/hour.';

/** Errors that end the whole source, not one phase: the upstream is gone, or the run is stopping (whatever failed then failed of the stop). */
function isFatal(error: unknown, ctx: SourceContext): boolean {
  return error instanceof UnreachableError || (error as Error | null)?.name === 'AbortError' || ctx.signal?.aborted === true;
}

async function collectCounts(ctx: SourceContext, client: GitHubClient, settings: GitHubSettings, method: CountMethod, queries: CatalogQuery[]): Promise<number> {
  const today = isoDay(ctx.clock.now());
  const familyOf = new Map(queries.map((q) => [q.query, q.family]));
  let stored = 0;
  await countQueries(client, queries.map((q) => q.query), method, settings.searchesPerQuery, async (outcomes) => {
    const rows: Observation[] = [];
    for (const o of outcomes) {
      if (!o.ok) {
        ctx.problem({ subject: `search:${o.query}`, metric: 'github_projects', message: o.message, ...(o.raw === undefined ? {} : { raw: o.raw }) });
        continue;
      }
      rows.push({
        source: 'github',
        subject: `search:${o.query}`,
        family: familyOf.get(o.query) ?? '',
        metric: 'github_projects',
        observed_at: today,
        value: o.answer.count,
        detail: { incomplete_results: o.answer.incomplete, via: method },
      });
    }
    if (rows.length > 0) await ctx.emit(rows);
    stored += rows.length;
  });
  return stored;
}

/** Star history for the repositories found, least recently collected first, within the core budget. */
async function collectStars(ctx: SourceContext, client: GitHubClient, settings: GitHubSettings, repos: CatalogRepo[], stats: StatsResult, budget: Budget | null, notes: string[]): Promise<void> {
  const now = ctx.clock.now();
  await readStarStateAhead(ctx, client, settings.starMode);
  const candidates: { repo: CatalogRepo; last: string; order: number }[] = [];
  for (const [order, repo] of repos.entries()) {
    if (!stats.found.has(repo.name)) continue;
    candidates.push({ repo, last: (await ctx.state.get(`stars:collected:${repo.name}`)) ?? '', order });
  }
  candidates.sort((a, b) => (a.last === b.last ? a.order - b.order : a.last < b.last ? -1 : 1));
  const tasks: (Task & { repo: CatalogRepo })[] = candidates.map(({ repo }) => {
    const s = stats.found.get(repo.name)!;
    const requests = settings.starMode === 'listing' ? Math.max(1, Math.ceil(s.stargazerCount / 100)) : Math.ceil(weeksOfHistory(s.createdAt, now) / settings.starWeeksPerPage);
    return { name: `stars ${repo.name}`, resource: 'core' as const, requests, points: requests, repo };
  });
  const current: Budget | null = budget && client.observed.core ? { ...budget, core: client.observed.core } : budget;
  const plan = planTasks(tasks, current);
  ctx.log.info(`source=github star history ${plan.summary}`);
  if (plan.deferred.length > 0) notes.push(`star history deferred to the next run for ${describeDeferred(plan.deferred)}: core budget short`);
  let done = 0;
  for (const [i, task] of (plan.run as typeof tasks).entries()) {
    const s = stats.found.get(task.repo.name)!;
    try {
      await collectStarHistoryOf(ctx, client, task.repo, s.nameWithOwner, s.stargazerCount, { weeksPerPage: settings.starWeeksPerPage, mode: settings.starMode });
    } catch (error) {
      if (isFatal(error, ctx)) throw error;
      // Out of rate limit after waiting: leave the rest for the next run.
      const rest = plan.run.slice(i);
      notes.push(`star history stopped (${(error as Error).message}); deferred ${describeDeferred(rest)}`);
      ctx.problem({ subject: `repo:${task.repo.name}`, metric: 'github_stars_gained', message: `${(error as Error).message}; star history of this and ${rest.length - 1} more repositories deferred to the next run` });
      break;
    }
    done += 1;
    ctx.log.progress('github star history', done, plan.run.length);
  }
}

async function collect(ctx: SourceContext, overrides: Partial<GitHubSettings> | undefined): Promise<SourceResult> {
  const hasToken = Boolean(ctx.config.githubToken);
  const settings = resolveSettings(overrides, hasToken);
  const client = createGitHubClient(ctx, settings);
  if (!hasToken) ctx.log.info(NO_TOKEN_LINE);
  const method = countMethodFor(settings, hasToken);
  const notes: string[] = [];
  const queries = settings.phases.includes('counts') ? catalogQueries(ctx.catalog) : [];
  const repos = settings.phases.includes('stats') || settings.phases.includes('stars') ? catalogRepos(ctx.catalog) : [];

  const budget = await readBudget(client);
  const countResource: RateResource = method === 'rest' ? 'search' : 'graphql';
  const statsResource: RateResource = hasToken ? 'graphql' : 'core';
  const tasks: Task[] = [];
  if (queries.length > 0) {
    const n = countRequests(queries.length, method, settings.searchesPerQuery);
    tasks.push({ name: `counts (${queries.length} queries)`, resource: countResource, requests: n, points: n });
  }
  if (repos.length > 0) {
    const n = statsRequests(repos.length, hasToken, settings.reposPerQuery);
    tasks.push({ name: `stats (${repos.length} repositories)`, resource: statsResource, requests: n, points: n });
  }
  const plan = planTasks(tasks, budget);
  ctx.log.info(`source=github ${plan.summary}`);
  if (plan.deferred.length > 0) notes.push(`deferred to the next run: ${describeDeferred(plan.deferred)} (budget short)`);
  const planned = new Set(plan.run.map((t) => t.name));

  let stats: StatsResult | null = null;
  const phase = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      if (isFatal(error, ctx)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      ctx.problem({ subject: `github:${name}`, message: `${name} failed: ${message}` });
      notes.push(`${name} failed: ${message}`);
    }
  };

  const countsTask = tasks.find((t) => t.name.startsWith('counts'));
  if (countsTask && planned.has(countsTask.name)) {
    await phase('counts', async () => {
      const stored = await collectCounts(ctx, client, settings, method, queries);
      notes.push(`counts: ${stored}/${queries.length} via ${method === 'rest' ? 'REST search' : 'GraphQL search'}`);
    });
  }
  const statsTask = tasks.find((t) => t.name.startsWith('stats'));
  if (statsTask && planned.has(statsTask.name)) {
    await phase('stats', async () => {
      stats = await collectRepositoryStats(ctx, client, repos, settings);
      notes.push(`stats: ${stats.found.size}/${repos.length} repositories`);
      if (stats.renamed.length > 0) notes.push(`renamed (stored under the catalog name; update the catalog): ${stats.renamed.join(', ')}`);
      if (stats.missing.length > 0) notes.push(`missing (deleted or private): ${stats.missing.join(', ')}`);
      if (stats.skipped.length > 0) notes.push(`not asked (missing for several runs): ${stats.skipped.join(', ')}`);
    });
  }
  if (settings.phases.includes('stars')) {
    const found = stats as StatsResult | null;
    if (found && found.found.size > 0) {
      await phase('star history', () => collectStars(ctx, client, settings, repos, found, budget, notes));
    } else if (repos.length > 0) {
      notes.push('star history skipped: it needs this run\'s repository stats');
    }
  }

  const spent: readonly RateResource[] = hasToken ? ['graphql', 'core'] : ['core'];
  const left = spent.map((r) => client.observed[r]?.remaining ?? budget?.[r]?.remaining).filter((v): v is number => typeof v === 'number');
  notes.push(`requests ${client.counters.requests} (graphql ${client.counters.byResource.graphql}, core ${client.counters.byResource.core}, search ${client.counters.byResource.search}, not modified ${client.counters.notModified})`);
  return { notes, ...(left.length > 0 ? { rateLimitLeft: Math.min(...left) } : {}) };
}

async function backfill(ctx: SourceContext, options: BackfillOptions, overrides: Partial<GitHubSettings> | undefined): Promise<SourceResult> {
  const what = options.what ?? 'github-counts';
  for (const [flag, value] of [['--since', options.since], ['--until', options.until]] as const) {
    if (value === undefined) continue;
    try {
      parseDay(value);
    } catch {
      throw new OpenPulseError('USAGE', `backfill ${what} ${flag} ${JSON.stringify(value)}: expected a date written YYYY-MM-DD`, { hint: 'for example --since 2022-11-01' });
    }
  }
  const hasToken = Boolean(ctx.config.githubToken);
  const settings = resolveSettings(overrides, hasToken);
  const client = createGitHubClient(ctx, settings);
  if (!hasToken) ctx.log.info(NO_TOKEN_LINE);
  if (what === 'github-counts') {
    return backfillCounts(ctx, client, settings, countMethodFor(settings, hasToken), options as GitHubBackfillOptions);
  }
  if (what === 'github-stars') {
    // The history endpoint always answers the whole history: the same as collect's star phase, without the counts.
    return collect(ctx, { ...overrides, phases: ['stats', 'stars'] });
  }
  throw new OpenPulseError('USAGE', `backfill: the github source cannot backfill ${JSON.stringify(what)}`, { hint: 'use github-counts (count history from created: ranges) or github-stars (star history)' });
}

/** A GitHub source with its own settings (tests and the benchmark shorten the timings). */
export function createGitHubSource(overrides?: Partial<GitHubSettings>): Source {
  return {
    name: 'github',
    description: 'GitHub: project counts per search query, repository stats and star history',
    endpoint: (config: Config) => new URL(config.githubApiUrl).host,
    enabled: (catalog: Catalog) => catalog.families.some((f) => f.github.search.length > 0 || f.github.repos.length > 0),
    collect: (ctx) => collect(ctx, overrides),
    backfill: (ctx, options) => backfill(ctx, options, overrides),
  };
}

export const githubSource: Source = createGitHubSource();
