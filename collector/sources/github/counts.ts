// Project counts: how many repositories match a search query. Two ways to ask, one
// answer shape: REST `/search/repositories` (one search request per query, with
// `incomplete_results`) or GraphQL aliased `search { repositoryCount }` (several
// queries per request; GraphQL has no incomplete flag, so it is unknown there). A REST
// answer GitHub flags incomplete is asked again, and never stored as a count.

import { explainGitHubError, statusOf, type GitHubClient } from './client.ts';
import { chunk, searchCountsDocument } from './queries.ts';

export type CountMethod = 'graphql' | 'rest';

export interface CountAnswer {
  count: number;
  /** GitHub's `incomplete_results` (always false: an incomplete REST answer is not a count); null when the method cannot tell (GraphQL). */
  incomplete: boolean | null;
}

export type CountOutcome = { query: string; ok: true; answer: CountAnswer } | { query: string; ok: false; message: string; raw?: unknown };

/** How many times an incomplete REST search (GitHub timed out on its side) is asked again before giving up on it. */
export const INCOMPLETE_RETRIES = 2;

export const INCOMPLETE_MESSAGE = "GitHub's search timed out and returned a partial count (incomplete_results); not stored; asked again next run";

/** A search answer worth keeping under its ETag: JSON, and not a partial count. */
const completeSearch = (data: unknown) => typeof data === 'object' && data !== null && (data as { incomplete_results?: unknown }).incomplete_results !== true;

/**
 * Counts one query through REST: `GET /search/repositories?q=…&per_page=1`. An answer with
 * `incomplete_results: true` is a lower bound, not the count: it is asked again up to
 * INCOMPLETE_RETRIES times, never kept under its ETag, and if it stays incomplete the
 * outcome fails (so nothing partial is stored).
 */
export async function countViaRest(client: GitHubClient, query: string): Promise<CountOutcome> {
  try {
    for (let attempt = 0; ; attempt++) {
      const { data } = await client.getConditional<unknown>('GET /search/repositories', { q: query, per_page: 1 }, { validate: completeSearch });
      const body = data as { total_count?: unknown; incomplete_results?: unknown } | null;
      if (typeof body !== 'object' || body === null || !isCount(body.total_count)) {
        return { query, ok: false, message: `GitHub search answered without a usable total_count for ${JSON.stringify(query)}`, raw: truncateRaw(data) };
      }
      if (body.incomplete_results === true) {
        if (attempt < INCOMPLETE_RETRIES) continue;
        return { query, ok: false, message: INCOMPLETE_MESSAGE, raw: { total_count: body.total_count, incomplete_results: true, tries: attempt + 1 } };
      }
      return { query, ok: true, answer: { count: body.total_count, incomplete: false } };
    }
  } catch (error) {
    const status = statusOf(error);
    // 422: GitHub rejects this one query (syntax); the others still count.
    if (status === 422) {
      return { query, ok: false, message: `GitHub rejected the search query ${JSON.stringify(query)} (HTTP 422); fix it in the catalog` };
    }
    throw explainGitHubError(error, `search for ${JSON.stringify(query)}`, client.baseUrl);
  }
}

/** Counts several queries in one GraphQL request; an alias that errors fails only its own query. */
export async function countViaGraphql(client: GitHubClient, queries: readonly string[]): Promise<CountOutcome[]> {
  let answer;
  try {
    answer = await client.graphql<Record<string, { repositoryCount?: unknown } | null>>(searchCountsDocument(queries));
  } catch (error) {
    throw explainGitHubError(error, `GraphQL search counts for ${queries.length} queries`, client.baseUrl);
  }
  const { data, errors } = answer;
  if (data === null && errors.length > 0) {
    // A document-level error (e.g. the token may not use GraphQL): nothing to keep.
    throw explainGitHubError(new Error(errors.map((e) => e.message).join('; ')), `GraphQL search counts for ${queries.length} queries`, client.baseUrl);
  }
  return queries.map((query, i): CountOutcome => {
    const alias = `s${i}`;
    const value = data?.[alias];
    const count = value?.repositoryCount;
    if (isCount(count)) return { query, ok: true, answer: { count, incomplete: null } };
    const error = errors.find((e) => e.path?.[0] === alias);
    return {
      query,
      ok: false,
      message: error ? `GitHub GraphQL refused the search ${JSON.stringify(query)}: ${error.message}` : `GitHub GraphQL answered no repositoryCount for ${JSON.stringify(query)}`,
      raw: truncateRaw(value),
    };
  });
}

/**
 * Counts every query by the chosen method, handing each finished batch to `onBatch`
 * (so facts are stored as they come). REST counts one query per batch.
 */
export async function countQueries(
  client: GitHubClient,
  queries: readonly string[],
  method: CountMethod,
  perRequest: number,
  onBatch: (outcomes: CountOutcome[]) => Promise<void>,
): Promise<void> {
  if (method === 'rest') {
    for (const query of queries) await onBatch([await countViaRest(client, query)]);
    return;
  }
  for (const batch of chunk(queries, perRequest)) await onBatch(await countViaGraphql(client, batch));
}

/** Requests a method needs to count `queries` queries. */
export function countRequests(queries: number, method: CountMethod, perRequest: number): number {
  return method === 'rest' ? queries : Math.ceil(queries / perRequest);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function truncateRaw(value: unknown): unknown {
  if (typeof value === 'string' && value.length > 200) return `${value.slice(0, 200)}…`;
  return value;
}
