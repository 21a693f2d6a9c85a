// Pure builders for what the GitHub source asks: aliased GraphQL documents, search
// queries with created: ranges, and the calendar of backfill periods.

import { githubQueryProblem } from '../../catalog.ts';

/** A GraphQL string literal (JSON escaping is valid GraphQL string escaping). */
export function graphqlString(value: string): string {
  return JSON.stringify(value);
}

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, not ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const RATE_LIMIT_FIELDS = 'rateLimit { cost remaining resetAt limit }';

/** One request that counts several searches: `s0: search(query: "…", type: REPOSITORY, first: 0) { repositoryCount }`. */
export function searchCountsDocument(queries: readonly string[]): string {
  if (queries.length === 0) throw new RangeError('searchCountsDocument needs at least one query');
  const fields = queries.map((q, i) => `  s${i}: search(query: ${graphqlString(q)}, type: REPOSITORY, first: 0) { repositoryCount }`);
  return `query OpenPulseSearchCounts {\n${fields.join('\n')}\n  ${RATE_LIMIT_FIELDS}\n}`;
}

export interface RepoRef {
  owner: string;
  name: string;
}

export function splitRepo(fullName: string): RepoRef {
  const slash = fullName.indexOf('/');
  if (slash <= 0 || slash === fullName.length - 1) throw new RangeError(`${JSON.stringify(fullName)} is not written owner/name`);
  return { owner: fullName.slice(0, slash), name: fullName.slice(slash + 1) };
}

export const REPOSITORY_FIELDS = 'nameWithOwner stargazerCount forkCount createdAt watchers { totalCount } issues(states: OPEN) { totalCount }';

/** One request for up to 100 repositories: `r0: repository(owner: "…", name: "…") { … }`. */
export function repositoryStatsDocument(repos: readonly string[]): string {
  if (repos.length === 0) throw new RangeError('repositoryStatsDocument needs at least one repository');
  const fields = repos.map((full, i) => {
    const { owner, name } = splitRepo(full);
    return `  r${i}: repository(owner: ${graphqlString(owner)}, name: ${graphqlString(name)}) { ${REPOSITORY_FIELDS} }`;
  });
  return `query OpenPulseRepositoryStats {\n${fields.join('\n')}\n  ${RATE_LIMIT_FIELDS}\n}`;
}

/** The catalog query restricted to repositories created on or before `day` (YYYY-MM-DD). */
export function createdUpTo(query: string, day: string): string {
  return `${query} created:<=${day}`;
}

/** Why a backfill query would be rejected by GitHub (the created: qualifier adds characters), or null. */
export function backfillQueryProblem(query: string, day: string): string | null {
  return githubQueryProblem(createdUpTo(query, day));
}

export type Granularity = 'week' | 'month';

/**
 * The last day of every period from `since` to `until` (inclusive, YYYY-MM-DD), in order.
 * Weeks end on Saturday (GitHub's weeks start on Sunday); months on their last day.
 * A period that has not ended by `until` ends at `until` (today's partial period).
 */
export function periodEnds(since: string, until: string, granularity: Granularity): string[] {
  const start = parseDay(since);
  const end = parseDay(until);
  if (start > end) return [];
  const out: string[] = [];
  let cursor = start;
  while (cursor <= end) {
    const periodEnd = granularity === 'week' ? endOfWeek(cursor) : endOfMonth(cursor);
    const capped = periodEnd > end ? end : periodEnd;
    out.push(formatDay(capped));
    cursor = capped + DAY_MS;
  }
  return out;
}

// Day arithmetic lives in collector/days.ts; these names stay importable from here for the GitHub modules.
export { DAY_MS, formatDay, parseDay } from '../../days.ts';
import { DAY_MS, formatDay, parseDay } from '../../days.ts';

function endOfWeek(ms: number): number {
  const weekday = new Date(ms).getUTCDay(); // 0 = Sunday
  return ms + (6 - weekday) * DAY_MS;
}

function endOfMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
}
