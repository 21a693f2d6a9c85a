// Request accounting: what each caller asked of which endpoint and what it cost, so tests
// and benchmarks can assert "one search call per keyword" or "GraphQL points under 50".

export interface RequestRecord {
  /** Simulated time of the request (ISO 8601). */
  at: string;
  method: string;
  path: string;
  /** A stable endpoint name such as `github.search.repositories` or `npm.downloads.range`. */
  endpoint: string;
  /** Token fingerprint (`tok_…`) or `anonymous`; never the token itself. */
  token: string;
  status: number;
  /** Rate-limit points charged (0 for 304s, faults and services without limits). */
  cost: number;
  /** The GitHub rate-limit resource charged (`core`, `search`, `graphql`), or null. */
  resource: string | null;
  /** The fault that shaped the answer, if any. */
  fault: string | null;
}

export interface Tally {
  requests: number;
  cost: number;
  statuses: Record<string, number>;
}

export interface AccountingSummary {
  total: Tally;
  byEndpoint: Record<string, Tally>;
  byResource: Record<string, Tally>;
  byToken: Record<string, Tally>;
}

export interface Accounting {
  readonly requests: readonly RequestRecord[];
  record(entry: RequestRecord): void;
  summary(): AccountingSummary;
  /** Requests to one endpoint (optionally by one token fingerprint). */
  count(endpoint: string, token?: string): number;
  reset(): void;
}

function emptyTally(): Tally {
  return { requests: 0, cost: 0, statuses: {} };
}

function add(tally: Tally, r: RequestRecord): void {
  tally.requests++;
  tally.cost += r.cost;
  tally.statuses[String(r.status)] = (tally.statuses[String(r.status)] ?? 0) + 1;
}

export function createAccounting(): Accounting {
  const requests: RequestRecord[] = [];
  return {
    requests,
    record: (entry) => {
      requests.push(entry);
    },
    summary: () => {
      const summary: AccountingSummary = { total: emptyTally(), byEndpoint: {}, byResource: {}, byToken: {} };
      for (const r of requests) {
        add(summary.total, r);
        add((summary.byEndpoint[r.endpoint] ??= emptyTally()), r);
        if (r.resource) add((summary.byResource[r.resource] ??= emptyTally()), r);
        add((summary.byToken[r.token] ??= emptyTally()), r);
      }
      return summary;
    },
    count: (endpoint, token) => requests.filter((r) => r.endpoint === endpoint && (token === undefined || r.token === token)).length,
    reset: () => {
      requests.length = 0;
    },
  };
}
