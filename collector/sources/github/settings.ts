// The GitHub source's tunables, each default written beside its declaration.
// Production uses the defaults; tests and the benchmark shorten the timings so a
// run against the simulator is not paced like one against api.github.com.

export interface GitHubSettings {
  /** Minimum spacing between two search requests (plugin-throttling's search group). Default 2000 ms with a token (30/min), 6000 ms without (10/min). */
  searchSpacingMs: number;
  /** Minimum spacing between two GraphQL requests (plugin-throttling's write group). Default 1000 ms. */
  graphqlSpacingMs: number;
  /** Base of plugin-retry's backoff: the n-th retry waits base × n². Default 1000 ms. */
  retryBaseMs: number;
  /** How many times a 5xx or network failure is retried before the request fails. Default 3. */
  retries: number;
  /** How many times one request waits out a primary or secondary rate limit before it fails. Default 3. */
  rateLimitRetries: number;
  /** The longest wait for a rate limit to reset; a longer one fails the request instead. Default 3 660 000 ms (an hour and a minute). */
  maxRateLimitWaitMs: number;
  /** Repositories per GraphQL stats query. GitHub allows up to 100 aliased repositories. Default 100. */
  reposPerQuery: number;
  /** Search counts per GraphQL query (aliased `search(…) { repositoryCount }`). Default 10. */
  searchesPerQuery: number;
  /** How project counts are read: GraphQL aliased searches, REST `/search/repositories`, or auto (GraphQL with a token, REST without). Default auto. */
  countsVia: 'graphql' | 'rest' | 'auto';
  /** Weeks per star-history page (the endpoint's maximum). Default 30. */
  starWeeksPerPage: number;
  /** Consecutive runs a repository may be missing (deleted or private) before it is no longer asked for. Default 3. */
  missingRunsBeforeSkip: number;
  /** Days after which a skipped missing repository is asked for once more. Default 30. */
  missingRecheckDays: number;
  /** Where star history comes from: the weekly history endpoint, the `starred_at` listing, or auto (history; the listing where the endpoint does not exist, as on older GitHub Enterprise Server). Default auto. */
  starMode: 'history' | 'listing' | 'auto';
  /** What `collect` gathers, in priority order. Default all three. */
  phases: readonly ('counts' | 'stats' | 'stars')[];
}

export const DEFAULT_SETTINGS: GitHubSettings = {
  searchSpacingMs: 2000,
  graphqlSpacingMs: 1000,
  retryBaseMs: 1000,
  retries: 3,
  rateLimitRetries: 3,
  maxRateLimitWaitMs: 3_660_000,
  reposPerQuery: 100,
  searchesPerQuery: 10,
  countsVia: 'auto',
  starWeeksPerPage: 30,
  missingRunsBeforeSkip: 3,
  missingRecheckDays: 30,
  starMode: 'auto',
  phases: ['counts', 'stats', 'stars'],
};

/** Search spacing GitHub's own limits imply: 30 searches a minute with a token, 10 without. */
export const SEARCH_SPACING_WITHOUT_TOKEN_MS = 6000;

export function resolveSettings(overrides: Partial<GitHubSettings> | undefined, hasToken: boolean): GitHubSettings {
  const base = { ...DEFAULT_SETTINGS, ...(hasToken ? {} : { searchSpacingMs: SEARCH_SPACING_WITHOUT_TOKEN_MS }) };
  return { ...base, ...(overrides ?? {}) };
}
