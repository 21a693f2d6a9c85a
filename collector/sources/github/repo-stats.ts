// Repository stats for every catalog repository: GraphQL, up to 100 aliased repositories
// a query (REST, one request each, without a token: GraphQL needs one). A renamed
// repository is stored under its catalog name with the new name noted; a deleted or
// private one is reported, and after a few runs no longer asked for every time.

import { z } from 'zod';
import { OpenPulseError } from '../../errors.ts';
import { isoDay, type Observation } from '../../observation.ts';
import { UnreachableError, type SourceContext } from '../types.ts';
import { daysBetween } from '../../days.ts';
import { explainGitHubError, statusOf, withHint, type GitHubClient } from './client.ts';
import { truncateRaw } from './counts.ts';
import { chunk, repositoryStatsDocument, splitRepo } from './queries.ts';
import type { GitHubSettings } from './settings.ts';

export interface CatalogRepo {
  /** owner/name as written in the catalog: the subject is repo:<this>. */
  name: string;
  family: string;
}

export interface RepoStats {
  /** The name GitHub answers under today. */
  nameWithOwner: string;
  stargazerCount: number;
  forkCount: number;
  watchers: number;
  openIssues: number;
  createdAt: string;
}

export type RepoOutcome =
  | { repo: CatalogRepo; kind: 'found'; stats: RepoStats }
  | { repo: CatalogRepo; kind: 'missing'; message: string }
  | { repo: CatalogRepo; kind: 'malformed'; message: string; raw?: unknown };

const graphqlRepository = z.object({
  nameWithOwner: z.string().regex(/^[^/]+\/[^/]+$/),
  stargazerCount: z.number().int().nonnegative(),
  forkCount: z.number().int().nonnegative(),
  createdAt: z.string(),
  watchers: z.object({ totalCount: z.number().int().nonnegative() }),
  issues: z.object({ totalCount: z.number().int().nonnegative() }),
});

const restRepository = z.object({
  full_name: z.string().regex(/^[^/]+\/[^/]+$/),
  stargazers_count: z.number().int().nonnegative(),
  forks_count: z.number().int().nonnegative(),
  subscribers_count: z.number().int().nonnegative(),
  open_issues_count: z.number().int().nonnegative(),
  created_at: z.string(),
});

/** Reads one GraphQL answer for a batch: each alias found, missing (null + NOT_FOUND) or malformed. */
export function parseStatsAnswer(batch: readonly CatalogRepo[], data: Record<string, unknown> | null, errors: readonly { type?: string; path?: (string | number)[]; message: string }[]): RepoOutcome[] {
  return batch.map((repo, i): RepoOutcome => {
    const alias = `r${i}`;
    const value = data?.[alias];
    const error = errors.find((e) => e.path?.[0] === alias);
    if (value === null || value === undefined) {
      if (error && error.type !== 'NOT_FOUND' && error.type !== 'FORBIDDEN') {
        return { repo, kind: 'malformed', message: `GitHub GraphQL could not answer for ${repo.name}: ${error.message}` };
      }
      return { repo, kind: 'missing', message: `GitHub has no repository ${repo.name} (deleted, or private to this token)${error ? `: ${error.message}` : ''}` };
    }
    const parsed = graphqlRepository.safeParse(value);
    if (!parsed.success) {
      return { repo, kind: 'malformed', message: `GitHub GraphQL answered an unexpected shape for ${repo.name}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`, raw: truncateRaw(JSON.stringify(value)) };
    }
    const r = parsed.data;
    return {
      repo,
      kind: 'found',
      stats: { nameWithOwner: r.nameWithOwner, stargazerCount: r.stargazerCount, forkCount: r.forkCount, watchers: r.watchers.totalCount, openIssues: r.issues.totalCount, createdAt: r.createdAt },
    };
  });
}

/** GitHub names are case-insensitive: only a different name is a rename. */
export function renamedTo(catalogName: string, nameWithOwner: string): string | null {
  return catalogName.toLowerCase() === nameWithOwner.toLowerCase() ? null : nameWithOwner;
}

export function statsObservations(repo: CatalogRepo, stats: RepoStats, day: string): Observation[] {
  const renamed = renamedTo(repo.name, stats.nameWithOwner);
  const detail = renamed ? { renamed_to: renamed } : undefined;
  const base = { source: 'github' as const, subject: `repo:${repo.name}`, family: repo.family, observed_at: day, ...(detail ? { detail } : {}) };
  return [
    { ...base, metric: 'github_stars', value: stats.stargazerCount },
    { ...base, metric: 'github_forks', value: stats.forkCount },
    { ...base, metric: 'github_watchers', value: stats.watchers },
    { ...base, metric: 'github_open_issues', value: stats.openIssues },
  ];
}

/**
 * Server errors in a row after which GitHub is taken to be failing as a whole,
 * not on one repository: halving a batch further would only repeat the error
 * (with the retry plugin's back-off each time) for every repository.
 */
export const SERVER_ERRORS_IN_A_ROW = 3;

/** Counts server errors since the last answer that worked, across the batches of one run. */
interface ServerErrorStreak {
  count: number;
}

/** Fetches one GraphQL batch; a batch that fails as a whole (bad JSON, 5xx after retries) is split in halves to find the one at fault. */
async function fetchGraphqlBatch(client: GitHubClient, batch: readonly CatalogRepo[], ctx: SourceContext, streak: ServerErrorStreak): Promise<RepoOutcome[]> {
  try {
    const { data, errors } = await client.graphql<Record<string, unknown>>(repositoryStatsDocument(batch.map((r) => r.name)));
    streak.count = 0;
    if (data === null && errors.length > 0) {
      throw new OpenPulseError('SOURCE', `GitHub GraphQL refused the repository stats query: ${errors.map((e) => e.message).join('; ')}`, {
        hint: 'check GITHUB_TOKEN and GITHUB_API_URL',
      });
    }
    return parseStatsAnswer(batch, data, errors);
  } catch (error) {
    const explained = explainGitHubError(error, `GraphQL repository stats for ${batch.length} repositories`, client.baseUrl);
    if (explained instanceof UnreachableError || (explained as Error).name === 'AbortError' || !isSplittable(error)) throw explained;
    const status = statusOf(error);
    if (status !== undefined && status >= 500 && ++streak.count >= SERVER_ERRORS_IN_A_ROW) {
      throw new OpenPulseError('SOURCE', `GitHub GraphQL answered ${status} to ${streak.count} requests in a row (${explained.message}); stopped asking for repository stats this run`, {
        hint: 'GitHub is failing, not one repository: what was stored stays, and the next run asks for the rest',
      });
    }
    if (batch.length === 1) {
      return [{ repo: batch[0]!, kind: 'malformed', message: withHint(explained) }];
    }
    ctx.log.warn(`source=github: a stats batch of ${batch.length} repositories failed (${explained.message}); asking in halves`);
    const half = Math.ceil(batch.length / 2);
    return [...(await fetchGraphqlBatch(client, batch.slice(0, half), ctx, streak)), ...(await fetchGraphqlBatch(client, batch.slice(half), ctx, streak))];
  }
}

/** A failure one repository can cause: an unreadable answer or a server error, not a refusal of the whole token. */
function isSplittable(error: unknown): boolean {
  if (error instanceof OpenPulseError) return error.code === 'BAD_DATA';
  const status = statusOf(error);
  return status !== undefined && status >= 500;
}

async function fetchRest(client: GitHubClient, repo: CatalogRepo): Promise<RepoOutcome> {
  const { owner, name } = splitRepo(repo.name);
  try {
    const { data } = await client.getConditional<unknown>('GET /repos/{owner}/{repo}', { owner, repo: name });
    const parsed = restRepository.safeParse(data);
    if (!parsed.success) {
      return { repo, kind: 'malformed', message: `GitHub answered an unexpected shape for ${repo.name}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`, raw: truncateRaw(typeof data === 'string' ? data : JSON.stringify(data)) };
    }
    const r = parsed.data;
    return {
      repo,
      kind: 'found',
      stats: { nameWithOwner: r.full_name, stargazerCount: r.stargazers_count, forkCount: r.forks_count, watchers: r.subscribers_count, openIssues: r.open_issues_count, createdAt: r.created_at },
    };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 410 || status === 451) {
      return { repo, kind: 'missing', message: `GitHub answered HTTP ${status} for ${repo.name} (deleted, or private to this token)` };
    }
    const explained = explainGitHubError(error, `repository ${repo.name}`, client.baseUrl);
    if (explained instanceof UnreachableError || (explained as Error).name === 'AbortError' || (status !== undefined && status < 500)) throw explained;
    return { repo, kind: 'malformed', message: withHint(explained) };
  }
}

interface MissingRecord {
  since: string;
  runs: number;
  lastChecked: string;
}

const missingKey = (repo: CatalogRepo) => `missing:${repo.name}`;

async function readMissing(ctx: SourceContext, repo: CatalogRepo): Promise<MissingRecord | null> {
  const text = await ctx.state.get(missingKey(repo));
  if (!text) return null;
  try {
    return JSON.parse(text) as MissingRecord;
  } catch {
    return null;
  }
}

/** True when a repository has been missing long enough that this run need not ask again. */
export function shouldSkipMissing(record: MissingRecord | null, today: string, settings: Pick<GitHubSettings, 'missingRunsBeforeSkip' | 'missingRecheckDays'>): boolean {
  if (!record || record.runs < settings.missingRunsBeforeSkip) return false;
  return daysBetween(record.lastChecked, today) < settings.missingRecheckDays;
}

export interface StatsResult {
  found: Map<string, RepoStats>;
  renamed: string[];
  missing: string[];
  skipped: string[];
  failed: string[];
}

/** Collects stats for `repos`, storing each batch as it comes; returns what it found, for star history. */
export async function collectRepositoryStats(ctx: SourceContext, client: GitHubClient, repos: readonly CatalogRepo[], settings: GitHubSettings): Promise<StatsResult> {
  const today = isoDay(ctx.clock.now());
  const result: StatsResult = { found: new Map(), renamed: [], missing: [], skipped: [], failed: [] };
  const asked: CatalogRepo[] = [];
  // every repository's "missing" record in one query, not two a repository
  await ctx.state.prefetch('missing:');
  for (const repo of repos) {
    const record = await readMissing(ctx, repo);
    if (shouldSkipMissing(record, today, settings)) {
      result.skipped.push(repo.name);
      ctx.problem({ subject: `repo:${repo.name}`, message: `missing on GitHub since ${record!.since} (${record!.runs} runs); not asked again until ${settings.missingRecheckDays} days after ${record!.lastChecked}: remove it from the catalog or correct its name` });
    } else {
      asked.push(repo);
    }
  }

  const handle = async (outcomes: RepoOutcome[]) => {
    const rows: Observation[] = [];
    for (const outcome of outcomes) {
      const subject = `repo:${outcome.repo.name}`;
      if (outcome.kind === 'found') {
        rows.push(...statsObservations(outcome.repo, outcome.stats, today));
        result.found.set(outcome.repo.name, outcome.stats);
        const renamed = renamedTo(outcome.repo.name, outcome.stats.nameWithOwner);
        if (renamed) result.renamed.push(`${outcome.repo.name} → ${renamed}`);
        if (await ctx.state.get(missingKey(outcome.repo))) await ctx.state.set(missingKey(outcome.repo), '');
      } else if (outcome.kind === 'missing') {
        const before = await readMissing(ctx, outcome.repo);
        const record: MissingRecord = { since: before?.since ?? today, runs: (before?.runs ?? 0) + 1, lastChecked: today };
        await ctx.state.set(missingKey(outcome.repo), JSON.stringify(record));
        result.missing.push(outcome.repo.name);
        ctx.problem({ subject, message: `${outcome.message}; missing since ${record.since} (${record.runs} run${record.runs === 1 ? '' : 's'}): remove it from the catalog or correct its name` });
      } else {
        result.failed.push(outcome.repo.name);
        ctx.problem({ subject, message: `${outcome.message}; it will be asked again next run`, ...(outcome.raw === undefined ? {} : { raw: outcome.raw }) });
      }
    }
    if (rows.length > 0) await ctx.emit(rows);
  };

  if (client.hasToken) {
    const streak: ServerErrorStreak = { count: 0 };
    for (const batch of chunk(asked, settings.reposPerQuery)) await handle(await fetchGraphqlBatch(client, batch, ctx, streak));
  } else {
    for (const repo of asked) await handle([await fetchRest(client, repo)]);
  }
  return result;
}

export function statsRequests(repos: number, hasToken: boolean, perQuery: number): number {
  return hasToken ? Math.ceil(repos / perQuery) : repos;
}
