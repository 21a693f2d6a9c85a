// The GitHub service as a whole: token checks, per-token primary rate limits on the
// simulated clock, ETags with free 304s, and GitHub's response headers, around the REST
// and GraphQL handlers.

import { createHash } from 'node:crypto';
import { createGithubGraphql } from './github-graphql.ts';
import { createGithubRest, notFound, type Routed } from './github-rest.ts';
import { ownerId } from './github-json.ts';
import { etagOf, ifNoneMatchHits, json, serialise, type Reply, type SimRequest } from './http-reply.ts';
import type { GithubResource, RateLimits, RateWindow } from './rate-limits.ts';
import type { World } from './world.ts';

export interface TokenOptions {
  /** Repositories (owner/name) this token administers: it may list their stargazers. */
  admin?: string[];
}

export interface GithubServiceOptions {
  world: World;
  limits: RateLimits;
  /** When given, only these tokens are accepted (others get 401 Bad credentials); otherwise any token is. */
  tokens?: Record<string, TokenOptions>;
  /** Status of a primary-limit refusal: 403 (GitHub's usual answer) or 429. */
  primaryLimitStatus: 403 | 429;
}

export interface GithubAnswer {
  endpoint: string;
  reply: Reply;
  cost: number;
  resource: GithubResource | null;
}

const EXPOSE = 'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset';

export function requestId(req: SimRequest, n: number): string {
  const h = createHash('sha1').update(`${req.fullPath}${n}`).digest('hex').toUpperCase();
  return `${h.slice(0, 4)}:${h.slice(4, 9)}:${h.slice(9, 16)}:${h.slice(16, 23)}:${h.slice(23, 31)}`;
}

export function rateHeaders(w: RateWindow, resource: GithubResource): Record<string, string> {
  return {
    'x-ratelimit-limit': String(w.limit),
    'x-ratelimit-remaining': String(w.remaining),
    'x-ratelimit-reset': String(w.reset),
    'x-ratelimit-used': String(w.used),
    'x-ratelimit-resource': resource,
  };
}

export function createGithubService(opts: GithubServiceOptions) {
  const { world, limits } = opts;
  const api = (req: SimRequest) => `${req.origin}/github`;
  const authenticated = (req: SimRequest) => req.token !== null;
  let served = 0;

  const isAdmin = (req: SimRequest, fullName: string, originalName: string) => {
    const admin = req.token ? opts.tokens?.[req.token]?.admin ?? [] : [];
    return admin.some((name) => name.toLowerCase() === fullName.toLowerCase() || name.toLowerCase() === originalName.toLowerCase());
  };

  const restFor = new Map<string, ReturnType<typeof createGithubRest>>();
  const rest = (req: SimRequest) => {
    const base = api(req);
    let handler = restFor.get(base);
    if (!handler) {
      handler = createGithubRest({
        world,
        api: base,
        isAdmin,
        rateSnapshot: (r) => ({
          core: limits.peek(r.tokenId, authenticated(r), 'core'),
          search: limits.peek(r.tokenId, authenticated(r), 'search'),
          graphql: limits.peek(r.tokenId, authenticated(r), 'graphql'),
        }),
      });
      restFor.set(base, handler);
    }
    return handler(req);
  };
  const graphql = createGithubGraphql({
    world,
    isAdmin,
    windowAfter: (req, cost) => {
      const w = limits.peek(req.tokenId, true, 'graphql');
      return { ...w, used: w.used + cost, remaining: Math.max(0, w.remaining - cost) };
    },
    viewerLogin: (req) => `sim-user-${req.tokenId.slice(4)}`,
  });

  const route = (req: SimRequest): Routed => {
    if (req.path === '/graphql' && req.method === 'POST') return { endpoint: 'github.graphql', resource: 'graphql', handle: () => graphql(req) };
    return rest(req) ?? { endpoint: 'github.other', resource: 'core', handle: () => ({ reply: notFound(`https://docs.github.com/rest`) }) };
  };

  /** The refusal GitHub sends when the primary limit is used up. */
  const primaryLimitReply = (req: SimRequest, resource: GithubResource, status: number): Reply => {
    const w = { ...limits.peek(req.tokenId, authenticated(req), resource) };
    w.remaining = 0;
    const who = req.token ? `user ID ${ownerId(world.seed, req.tokenId)}` : '127.0.0.1';
    const message = req.token
      ? `API rate limit exceeded for ${who}. If you reach out to GitHub Support for help, please include the request ID ${requestId(req, served)}.`
      : `API rate limit exceeded for ${who}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.) If you reach out to GitHub Support for help, please include the request ID ${requestId(req, served)}.`;
    if (resource === 'graphql') {
      // GraphQL answers 200 with a RATE_LIMITED error, as GitHub documents.
      return json(200, { errors: [{ type: 'RATE_LIMITED', code: 'graphql_rate_limit', message: `API rate limit already exceeded for ${who}.` }] }, rateHeaders(w, resource));
    }
    return json(status, { message, documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', status: String(status) }, rateHeaders(w, resource));
  };

  const secondaryLimitReply = (req: SimRequest, status: number, retryAfter: number): Reply => {
    const routed = route(req);
    const resource = routed.resource ?? 'core';
    return json(
      status,
      {
        message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId(req, served)}.`,
        documentation_url: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        status: String(status),
      },
      { ...rateHeaders(limits.peek(req.tokenId, authenticated(req), resource), resource), 'retry-after': String(retryAfter) },
    );
  };

  /** Headers every GitHub answer carries. */
  const decorate = (req: SimRequest, reply: Reply): Reply => {
    reply.headers = {
      server: 'github.com',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'access-control-expose-headers': EXPOSE,
      'access-control-allow-origin': '*',
      'strict-transport-security': 'max-age=31536000; includeSubdomains; preload',
      'x-frame-options': 'deny',
      'x-content-type-options': 'nosniff',
      'x-xss-protection': '0',
      'referrer-policy': 'origin-when-cross-origin, strict-origin-when-cross-origin',
      'content-security-policy': "default-src 'none'",
      vary: 'Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding, Accept, X-Requested-With',
      'x-github-request-id': requestId(req, served),
      ...reply.headers,
    };
    return reply;
  };

  return {
    endpointOf: (req: SimRequest) => route(req),
    primaryLimitReply: (req: SimRequest, status?: number) => {
      const routed = route(req);
      return decorate(req, primaryLimitReply(req, routed.resource ?? 'core', status ?? opts.primaryLimitStatus));
    },
    secondaryLimitReply: (req: SimRequest, status = 403, retryAfter = 60) => decorate(req, secondaryLimitReply(req, status, retryAfter)),
    handle(req: SimRequest): GithubAnswer {
      served++;
      const routed = route(req);
      const resource = routed.resource;
      if (req.token !== null && opts.tokens && !(req.token in opts.tokens)) {
        return { endpoint: routed.endpoint, resource, cost: 0, reply: decorate(req, json(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' })) };
      }
      if (resource && routed.endpoint !== 'github.rate_limit' && !(resource === 'graphql' && req.token === null)) {
        if (limits.peek(req.tokenId, authenticated(req), resource).remaining <= 0) {
          return { endpoint: routed.endpoint, resource, cost: 0, reply: decorate(req, primaryLimitReply(req, resource, opts.primaryLimitStatus)) };
        }
      }
      const { reply, cost: handlerCost } = routed.handle();
      let cost = resource ? handlerCost ?? 1 : 0;
      if (resource === 'graphql' && reply.status === 200 && cost > limits.peek(req.tokenId, true, 'graphql').remaining) {
        return { endpoint: routed.endpoint, resource, cost: 0, reply: decorate(req, primaryLimitReply(req, 'graphql', 200)) };
      }
      if (reply.status === 200 && req.method === 'GET') {
        const etag = etagOf(serialise(reply));
        reply.headers.etag = etag;
        if (ifNoneMatchHits(req.headers, etag)) {
          // A conditional request answered 304 costs nothing against the limit.
          cost = 0;
          reply.status = 304;
          reply.body = undefined;
        }
      }
      if (resource && !(resource === 'graphql' && req.token === null)) {
        const w = cost > 0 ? limits.charge(req.tokenId, authenticated(req), resource, cost) : limits.peek(req.tokenId, authenticated(req), resource);
        Object.assign(reply.headers, rateHeaders(w, resource));
      }
      return { endpoint: routed.endpoint, resource, cost, reply: decorate(req, reply) };
    },
  };
}

export type GithubService = ReturnType<typeof createGithubService>;
