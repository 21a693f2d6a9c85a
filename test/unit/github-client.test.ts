// The Octokit client against a scripted transport (only fetch is replaced): retries,
// rate-limit waits on the run's clock, conditional requests, and no token in errors.

import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../collector/catalog.ts';
import { createGitHubClient } from '../../collector/sources/github/client.ts';
import { resolveSettings } from '../../collector/sources/github/settings.ts';
import { memoryContext } from '../../simulators/memory-context.ts';

const TOKEN = 'ghp_unitTestTokenAbcdefghijklmnopqrstuv';
const START = Date.UTC(2026, 10, 29, 12, 0, 0);

type Scripted = { status: number; body?: unknown; headers?: Record<string, string> };

function scriptedFetch(script: (url: string, init: RequestInit | undefined, n: number) => Scripted) {
  const seen: { url: string; headers: Headers }[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    seen.push({ url, headers: new Headers(init?.headers) });
    const reply = script(url, init, seen.length);
    const body = reply.body === undefined ? null : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    return new Response(reply.status === 304 ? null : body, { status: reply.status, headers: { 'content-type': 'application/json; charset=utf-8', ...reply.headers } });
  }) as typeof fetch;
  return { fetchImpl, seen };
}

function setup(script: Parameters<typeof scriptedFetch>[0], token: string | undefined = TOKEN) {
  let now = START;
  const { fetchImpl, seen } = scriptedFetch(script);
  const ctx = memoryContext({
    catalog: { families: [] } as unknown as Catalog,
    config: { githubApiUrl: 'http://github.test/api', ...(token ? { githubToken: token } : {}) },
    clock: { now: () => new Date(now), advance: (ms) => (now += ms) },
    fetch: fetchImpl,
  });
  const client = createGitHubClient(ctx, resolveSettings({ searchSpacingMs: 0, graphqlSpacingMs: 0, retryBaseMs: 1, retries: 2 }, Boolean(token)));
  return { ctx, client, seen, now: () => now };
}

describe('GitHub client', () => {
  it('retries a 502 a bounded number of times, then fails with its status', async () => {
    const { client, seen } = setup(() => ({ status: 502, body: { message: 'Server Error' } }));
    const error = await client.octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' }).catch((e: unknown) => e);
    expect(seen).toHaveLength(3); // 1 + 2 retries
    expect((error as { status: number }).status).toBe(502);
  });

  it('keeps each retry counter to its own request: a retried request leaves the shared defaults untouched', async () => {
    const { client, seen } = setup((_url, _init, n) => (n === 1 ? { status: 502, body: { message: 'bad gateway' } } : n === 3 ? { status: 502, body: { message: 'bad gateway' } } : { status: 200, body: {} }));
    await client.octokit.request('GET /a'); // 502, then 200
    // plugin-retry writes retryCount into options.request; without a per-request copy that
    // object is the instance's defaults, and the next request starts at retryCount 1.
    const defaults = client.octokit.request.endpoint.DEFAULTS.request as { retryCount?: number };
    expect(defaults.retryCount).toBeUndefined();
    await client.octokit.request('GET /b'); // 502, then 200
    expect(seen.map((s) => new URL(s.url).pathname)).toEqual(['/api/a', '/api/a', '/api/b', '/api/b']);
    expect(defaults.retryCount).toBeUndefined();
  });

  it('waits until x-ratelimit-reset on the run clock after a primary limit, then completes', async () => {
    const reset = Math.floor(START / 1000) + 600;
    const { client, ctx, now } = setup((_url, _init, n): Scripted =>
      n === 1
        ? { status: 403, body: { message: 'API rate limit exceeded for user ID 1.' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': String(reset), 'x-ratelimit-resource': 'core' } }
        : { status: 200, body: { ok: true }, headers: { 'x-ratelimit-remaining': '4999', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': String(reset + 3600) } },
    );
    const response = await client.octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
    expect(response.data).toEqual({ ok: true });
    expect(ctx.sleeps).toEqual([601_000]);
    expect(now()).toBeGreaterThanOrEqual(reset * 1000);
    expect(client.counters.rateLimitWaits).toBe(1);
  });

  it('honours retry-after on a secondary limit, recognised by the body message', async () => {
    const { client, ctx } = setup((_url, _init, n) =>
      n === 1 ? { status: 403, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, headers: { 'retry-after': '7' } } : { status: 200, body: {} },
    );
    await client.octokit.request('GET /search/repositories', { q: 'x' });
    expect(ctx.sleeps).toEqual([7000]);
    expect(client.counters.secondaryLimitWaits).toBe(1);
  });

  it('gives up after rateLimitRetries waits instead of looping forever', async () => {
    const { client, ctx } = setup(() => ({ status: 429, body: { message: 'You have exceeded a secondary rate limit.' }, headers: { 'retry-after': '1' } }));
    const error = await client.octokit.request('GET /x').catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(429);
    expect(ctx.sleeps).toEqual([1000, 1000, 1000]);
  });

  it('sends If-None-Match on a repeated read and reuses the stored answer on 304', async () => {
    const { client, seen } = setup((_url, init) =>
      new Headers(init?.headers).get('if-none-match') === '"v1"' ? { status: 304 } : { status: 200, body: [{ week: 1 }], headers: { etag: '"v1"', link: '<http://github.test/api/x?page=2>; rel="next"' } },
    );
    const first = await client.getConditional<unknown[]>('GET /repos/{owner}/{repo}/stargazers/history', { owner: 'o', repo: 'r', page: 1 });
    const second = await client.getConditional<unknown[]>('GET /repos/{owner}/{repo}/stargazers/history', { owner: 'o', repo: 'r', page: 1 });
    expect(first).toEqual({ data: [{ week: 1 }], next: 'http://github.test/api/x?page=2', notModified: false });
    expect(second).toEqual({ data: [{ week: 1 }], next: 'http://github.test/api/x?page=2', notModified: true });
    expect(seen[1]!.headers.get('if-none-match')).toBe('"v1"');
    expect(client.counters.notModified).toBe(1);
  });

  it('sends the token only in the Authorization header and never shows it in errors or logs', async () => {
    const { client, ctx, seen } = setup(() => ({ status: 401, body: { message: `Bad credentials ${TOKEN}` } }));
    const { explainGitHubError } = await import('../../collector/sources/github/client.ts');
    const error = await client.octokit.request('GET /rate_limit').catch((e: unknown) => explainGitHubError(e, 'rate-limit check', client.baseUrl));
    expect(seen[0]!.headers.get('authorization')).toBe(`token ${TOKEN}`);
    expect(String((error as Error).message)).toMatch(/GitHub rate-limit check failed with HTTP 401/);
    expect(String((error as Error).message)).not.toContain(TOKEN);
    expect(ctx.lines.join('\n')).not.toContain(TOKEN);
  });
});
