// The one place an Octokit is built: REST and GraphQL over ctx.fetch, with
// plugin-throttling (rate limits waited out on ctx.clock) and plugin-retry
// (5xx retried a bounded number of times), conditional requests through ctx.state,
// and a record of every rate-limit header GitHub sent.

import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { graphqlUrl } from '../../config.ts';
import { OpenPulseError, redact, registerSecret } from '../../errors.ts';
import { UnreachableError, announcedWait, isNetworkFailure, networkReason, type SourceContext } from '../types.ts';
import type { GitHubSettings } from './settings.ts';
import { nextLink } from '../http.ts';

export type RateResource = 'core' | 'search' | 'graphql';

export interface ObservedLimit {
  limit: number;
  remaining: number;
  /** Unix seconds at which the window resets. */
  reset: number;
  used: number;
}

/** What the run cost, as counted by the client itself (the simulator counts too). */
export interface RequestCounters {
  requests: number;
  byResource: Record<RateResource, number>;
  /** Answers 304 Not Modified: no rate limit spent. */
  notModified: number;
  rateLimitWaits: number;
  secondaryLimitWaits: number;
  /** GraphQL points GitHub reported spending (rateLimit { cost }). */
  graphqlPoints: number;
}

export interface GraphqlAnswer<T> {
  data: T | null;
  errors: GraphqlError[];
}

export interface GraphqlError {
  type?: string;
  path?: (string | number)[];
  message: string;
}

export interface GitHubClient {
  octokit: InstanceType<typeof GitHubOctokit>;
  hasToken: boolean;
  baseUrl: string;
  counters: RequestCounters;
  /** Last rate-limit headers seen per resource. */
  observed: Partial<Record<RateResource, ObservedLimit>>;
  /** POST a GraphQL query; partial data comes back with its errors instead of throwing. */
  graphql<T>(query: string, variables?: Record<string, unknown>): Promise<GraphqlAnswer<T>>;
  /**
   * GET a REST route with If-None-Match from ctx.state; a 304 returns the stored answer at no rate-limit cost.
   * Only an answer that passes `validate` (default: a JSON object or array) is stored with its ETag.
   */
  getConditional<T>(route: string, params: Record<string, string | number>, options?: ConditionalOptions): Promise<ConditionalAnswer<T>>;
  /** Reads the stored answers (ETags) of every request to a route at once, before many of them are made. */
  prefetchConditional(route: string): Promise<void>;
}

export interface ConditionalOptions {
  accept?: string;
  /** Whether an answer is usable and may be stored; a stored answer that fails it is dropped and fetched again. */
  validate?: (data: unknown) => boolean;
}

/** Octokit hands a body it could not parse as JSON through as a string: never worth keeping. */
const isJson = (data: unknown) => typeof data === 'object' && data !== null;

export interface ConditionalAnswer<T> {
  data: T;
  /** The URL of the next page, when GitHub sent Link: rel="next". */
  next: string | null;
  notModified: boolean;
}

const GitHubOctokit = Octokit.plugin(throttling, retry);

export function resourceOfUrl(url: string): RateResource {
  const { pathname } = new URL(url, 'http://github.invalid');
  if (/\/graphql\/?$/.test(pathname)) return 'graphql';
  if (/\/search\//.test(pathname)) return 'search';
  return 'core';
}

export function createGitHubClient(ctx: SourceContext, settings: GitHubSettings): GitHubClient {
  const token = ctx.config.githubToken;
  registerSecret(token);
  const baseUrl = ctx.config.githubApiUrl.replace(/\/+$/, '');
  const counters: RequestCounters = {
    requests: 0,
    byResource: { core: 0, search: 0, graphql: 0 },
    notModified: 0,
    rateLimitWaits: 0,
    secondaryLimitWaits: 0,
    graphqlPoints: 0,
  };
  const observed: Partial<Record<RateResource, ObservedLimit>> = {};

  // When GitHub already said a window is used up, wait for its reset instead of
  // spending a request on a refusal (search's window is a minute: this is its pacing).
  const waitIfExhausted = async (resource: RateResource) => {
    const window = observed[resource];
    if (!window || window.remaining > 0) return;
    const waitMs = window.reset * 1000 - ctx.clock.now().getTime() + 1000;
    if (waitMs <= 0 || waitMs > settings.maxRateLimitWaitMs) return; // the throttle decides on a refusal
    counters.rateLimitWaits += 1;
    await announcedWait(ctx, waitMs, () => ctx.log.info(`source=github: ${resource} rate limit used up: waiting ${Math.round(waitMs / 1000)} s for its reset`));
    delete observed[resource];
  };

  // Every request goes through ctx.fetch (tests replace only the transport); here we
  // also bound each request in time and read the rate-limit headers GitHub sends.
  const instrumentedFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const signals = [AbortSignal.timeout(ctx.config.requestTimeoutMs)];
    if (ctx.signal) signals.push(ctx.signal);
    if (init?.signal) signals.push(init.signal);
    if (!url.endsWith('/rate_limit')) await waitIfExhausted(resourceOfUrl(url));
    counters.requests += 1;
    const response = await ctx.fetch(input, { ...init, signal: AbortSignal.any(signals) });
    const resource = (response.headers.get('x-ratelimit-resource') as RateResource | null) ?? resourceOfUrl(url);
    if (response.status === 304) counters.notModified += 1;
    else if (url.endsWith('/rate_limit') === false) counters.byResource[resource === 'core' || resource === 'search' || resource === 'graphql' ? resource : 'core'] += 1;
    const remaining = response.headers.get('x-ratelimit-remaining');
    const reset = response.headers.get('x-ratelimit-reset');
    if (remaining !== null && reset !== null && !url.endsWith('/rate_limit')) {
      observed[resource] = {
        limit: Number(response.headers.get('x-ratelimit-limit') ?? 0),
        remaining: Number(remaining),
        reset: Number(reset),
        used: Number(response.headers.get('x-ratelimit-used') ?? 0),
      };
    }
    return response;
  };

  const waitForLimit = async (kind: 'primary' | 'secondary', retryAfterSeconds: number, url: string, retryCount: number): Promise<boolean> => {
    const resource = resourceOfUrl(url);
    let waitMs: number;
    if (kind === 'primary') {
      // plugin-throttling computes its retryAfter from Date.now(); the reset time is on
      // GitHub's clock, which is ctx.clock in tests, so recompute it here.
      const reset = observed[resource]?.reset;
      waitMs = reset ? Math.max(0, reset * 1000 - ctx.clock.now().getTime()) + 1000 : retryAfterSeconds * 1000;
    } else {
      waitMs = retryAfterSeconds * 1000;
    }
    if (retryCount >= settings.rateLimitRetries) {
      ctx.log.warn(`source=github: ${kind} rate limit on ${resource} hit ${retryCount + 1} times for one request; giving up on it`);
      return false;
    }
    if (waitMs > settings.maxRateLimitWaitMs) {
      ctx.log.warn(`source=github: ${kind} rate limit on ${resource} resets in ${Math.round(waitMs / 1000)} s, longer than the ${Math.round(settings.maxRateLimitWaitMs / 1000)} s allowed; giving up on the request`);
      return false;
    }
    if (kind === 'primary') counters.rateLimitWaits += 1;
    else counters.secondaryLimitWaits += 1;
    try {
      await announcedWait(ctx, waitMs, () => ctx.log.info(`source=github: ${kind} rate limit on ${resource}: waiting ${Math.round(waitMs / 1000)} s, then retrying`));
    } catch (error) {
      // Stopping (SIGTERM): give the request up. Thrown here, the throttling plugin would only log it.
      if (ctx.signal?.aborted) return false;
      throw error;
    }
    return true;
  };

  const group = (maxConcurrent: number, minTime: number) => new Bottleneck.Group({ maxConcurrent, minTime });
  const throttle = {
    id: `openpulse-${ctx.runId}`,
    // The waits happen in waitForLimit on ctx.clock, so the plugin itself must not sleep again.
    retryAfterBaseValue: 0,
    fallbackSecondaryRateRetryAfter: 60,
    global: group(10, 0),
    auth: group(1, 0),
    write: group(1, settings.graphqlSpacingMs),
    search: group(1, settings.searchSpacingMs),
    notifications: group(1, 0),
    onRateLimit: (retryAfter: number, options: { url: string }, _octokit: unknown, retryCount: number) =>
      waitForLimit('primary', retryAfter, options.url, retryCount),
    onSecondaryRateLimit: (retryAfter: number, options: { url: string }, _octokit: unknown, retryCount: number) =>
      waitForLimit('secondary', retryAfter, options.url, retryCount),
  };

  const octokit = new GitHubOctokit({
    ...(token ? { auth: token } : {}),
    baseUrl,
    userAgent: 'openpulse',
    request: { fetch: instrumentedFetch },
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => ctx.log.warn(`source=github: ${redact(message)}`),
      // plugin-request-log reports every failed attempt ("GET /x - 500 with id … in 3ms"); the
      // runner's one line per source says how the request finally ended, so those are left out.
      error: (message: string) => {
        if (!/^[A-Z]+ \S+ - \d{3} with id \S+ in \d+ms$/.test(message)) ctx.log.warn(`source=github: ${redact(message)}`);
      },
    },
    throttle,
    retry: { retries: settings.retries, retryAfterBaseValue: settings.retryBaseMs, doNotRetry: [304, 400, 401, 403, 404, 410, 422, 451] },
  });

  // plugin-retry writes its counter into options.request, an object every request of an
  // instance shares: one retried request would make the next one start at retryCount 1
  // (longer backoff, fewer retries). Each request gets its own copy, counting from 0.
  octokit.hook.before('request', (options) => {
    options.request = { ...options.request, retryCount: 0 } as typeof options.request;
  });

  const configuredGraphql = graphqlUrl(ctx.config);
  const derivedGraphql = baseUrl.endsWith('/api/v3') ? `${baseUrl.slice(0, -'/v3'.length)}/graphql` : `${baseUrl}/graphql`;
  // Relative when it is where Octokit would look anyway, so the plugins recognise it as GraphQL.
  const graphqlRoute = configuredGraphql === derivedGraphql ? '/graphql' : configuredGraphql;

  return {
    octokit,
    hasToken: Boolean(token),
    baseUrl,
    counters,
    observed,
    async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer<T>> {
      const response = await octokit.request(`POST ${graphqlRoute}`, { query, variables });
      const body = response.data as unknown;
      if (typeof body !== 'object' || body === null) {
        throw new OpenPulseError('BAD_DATA', `GitHub GraphQL at ${configuredGraphql} answered something that is not JSON: ${describeBody(body)}`, {
          hint: 'a proxy or GitHub outage may be answering; rerun later',
        });
      }
      const { data, errors } = body as { data?: T | null; errors?: GraphqlError[] };
      const cost = (data as { rateLimit?: { cost?: number } } | null | undefined)?.rateLimit?.cost;
      if (typeof cost === 'number') counters.graphqlPoints += cost;
      return { data: data ?? null, errors: Array.isArray(errors) ? errors : [] };
    },
    prefetchConditional: (route: string) => ctx.state.prefetch(`etag:${route}?`),
    async getConditional<T>(route: string, params: Record<string, string | number>, options: ConditionalOptions = {}): Promise<ConditionalAnswer<T>> {
      const key = `etag:${route}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}${options.accept ? `#${options.accept}` : ''}`;
      const usable = options.validate ?? isJson;
      let stored = await readStored(ctx, key);
      if (stored && !usable(stored.data)) {
        // Stored before answers were checked: a corrupt body kept beside a good ETag would
        // come back on every 304, so it is dropped and this request asks unconditionally.
        await ctx.state.set(key, '');
        stored = null;
      }
      const headers: Record<string, string> = {};
      if (options.accept) headers.accept = options.accept;
      if (stored) headers['if-none-match'] = stored.etag;
      try {
        const response = await octokit.request(route, { ...params, headers });
        const next = nextLink(response.headers.link);
        const etag = response.headers.etag;
        // The ETag names the body GitHub meant to send; a proxy may have broken what arrived.
        // Stored only when usable, so the next run asks again instead of reusing it forever.
        if (etag && usable(response.data)) await ctx.state.set(key, JSON.stringify({ etag, data: response.data, next } satisfies StoredAnswer));
        else if (stored) await ctx.state.set(key, '');
        return { data: response.data as T, next, notModified: false };
      } catch (error) {
        if ((error as { status?: number }).status === 304 && stored) {
          return { data: stored.data as T, next: stored.next, notModified: true };
        }
        throw error;
      }
    },
  };
}

interface StoredAnswer {
  etag: string;
  data: unknown;
  next: string | null;
}

async function readStored(ctx: SourceContext, key: string): Promise<StoredAnswer | null> {
  const text = await ctx.state.get(key);
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as StoredAnswer;
    return typeof parsed.etag === 'string' ? parsed : null;
  } catch {
    return null; // a damaged stored answer just means an unconditional request
  }
}

function describeBody(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body) ?? String(body);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** The HTTP status of an Octokit error, when it has one. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Walks an error's causes for a network failure (Octokit wraps fetch's TypeError in a RequestError with status 500). */
export function networkFailureOf(error: unknown): unknown {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const e = current as { code?: string; name?: string; message?: string; cause?: unknown };
    if (isNetworkFailure({ code: e.code, name: e.name, message: e.message })) return current;
    current = e.cause;
  }
  return null;
}

/**
 * Turns whatever a GitHub call threw into an error that says what failed, where and what
 * to do, never with the token. Network failures become UnreachableError.
 */
export function explainGitHubError(error: unknown, what: string, baseUrl: string): Error {
  if (error instanceof OpenPulseError || error instanceof UnreachableError) return error;
  if ((error as Error | null)?.name === 'AbortError') return error as Error;
  const network = networkFailureOf(error);
  if (network) return new UnreachableError(new URL(baseUrl).host, `${what}: ${networkReason(network)}`, { cause: error });
  const status = statusOf(error);
  const message = conciseMessage(redact((error as Error | null)?.message ?? String(error)));
  const hint =
    status === 401
      ? 'GitHub refused the token: check GITHUB_TOKEN (or unset it to run with the lower anonymous limits)'
      : status === 403 || status === 429
        ? 'the rate limit did not reset in time; rerun later, or set GITHUB_TOKEN for higher limits'
        : status !== undefined && status >= 500
          ? `GitHub kept failing after retries; rerun later (${baseUrl})`
          : `check GITHUB_API_URL (${baseUrl}) and the catalog entry`;
  return new OpenPulseError('SOURCE', `GitHub ${what} failed${status ? ` with HTTP ${status}` : ''}: ${message}`, { cause: error, hint });
}

/** An HTML error page (GitHub's unicorn, a proxy's) shortened to its title; other text to one line. */
export function conciseMessage(message: string): string {
  if (/^\s*<(!doctype|html)/i.test(message)) {
    const title = /<title>([^<]*)<\/title>/i.exec(message)?.[1]?.replace(/&middot;/g, '·').trim();
    return `an HTML error page${title ? ` ("${title}")` : ''} instead of JSON`;
  }
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** The message and what to do, in one line for the run log. */
export function withHint(error: Error): string {
  const hint = (error as { hint?: string }).hint;
  return hint ? `${error.message} (${hint})` : error.message;
}
