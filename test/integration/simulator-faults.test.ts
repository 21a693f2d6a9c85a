import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulators/server.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import { tokenFingerprint } from '../../simulators/http-reply.ts';

const TOKEN = 'ghp_fault_token';
let sim: Simulator;
const repo = () => fetch(`${sim.env.GITHUB_API_URL}/repos/ollama/ollama`, { headers: { authorization: `token ${TOKEN}` } });

beforeAll(async () => {
  sim = await startDefaultSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.faults.clear();
  sim.accounting.reset();
  sim.limits.reset();
});

describe('fault injection', () => {
  it('bursts 5xx statuses for a number of requests, then recovers', async () => {
    sim.faults.add({ match: '/github/repos/*', kind: 'status', status: 502, times: 2 });
    expect((await repo()).status).toBe(502);
    const second = await repo();
    expect(second.status).toBe(502);
    expect(((await second.json()) as { message: string }).message).toBe('Bad Gateway');
    expect((await repo()).status).toBe(200);
    expect(sim.accounting.requests.map((r) => r.fault)).toEqual(['status', 'status', null]);
  });

  it('starts after N matching requests and matches by RegExp or predicate', async () => {
    sim.faults.add({ match: /\/npm\/downloads\/range\/.*openai/, kind: 'status', status: 503, after: 1, times: 1 });
    sim.faults.add({ match: (req) => req.fullPath.endsWith('/recent'), kind: 'status', status: 500 });
    const npm = `${sim.env.NPM_DOWNLOADS_URL}/downloads/range/last-week/openai`;
    expect((await fetch(npm)).status).toBe(200);
    expect((await fetch(npm)).status).toBe(503);
    expect((await fetch(npm)).status).toBe(200);
    expect((await fetch(`${sim.env.PYPISTATS_URL}/api/packages/openai/recent`)).status).toBe(500);
  });

  it('adds latency', async () => {
    const handle = sim.faults.add({ match: '/hf/*', kind: 'latency', ms: 30, times: 1 });
    expect((await fetch(`${sim.env.HF_ENDPOINT}/api/models/tiiuae/falcon-7b`)).status).toBe(200);
    expect(handle.fired).toBe(1);
    expect(sim.accounting.requests[0]!.fault).toBe('latency');
  });

  it('hangs until the client gives up (timeout) and drops connections', async () => {
    sim.faults.add({ match: '/github/rate_limit', kind: 'timeout', times: 1 });
    await expect(fetch(`${sim.env.GITHUB_API_URL}/rate_limit`, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    sim.faults.add({ match: '/pypistats/*', kind: 'drop', times: 1 });
    await expect(fetch(`${sim.env.PYPISTATS_URL}/api/packages/openai/recent`)).rejects.toThrow(/fetch failed/);
    expect((await fetch(`${sim.env.PYPISTATS_URL}/api/packages/openai/recent`)).status).toBe(200);
    expect(sim.accounting.requests.filter((r) => r.status === 0).map((r) => r.fault)).toEqual(['timeout', 'drop']);
  });

  it('imitates the primary rate limit with 403 or 429 and the reset header', async () => {
    sim.faults.add({ match: '/github/repos/*', kind: 'primary-limit', times: 1 });
    sim.faults.add({ match: '/github/repos/*', kind: 'primary-limit', status: 429, after: 1, times: 1 });
    const forbidden = await repo();
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(forbidden.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
    expect(((await forbidden.json()) as { message: string }).message).toMatch(/^API rate limit exceeded for user ID/);
    const tooMany = await repo();
    expect(tooMany.status).toBe(429);
    expect(tooMany.headers.get('x-ratelimit-remaining')).toBe('0');
    const npm = sim.faults.add({ match: '/npm/*', kind: 'primary-limit', retryAfter: 5, times: 1 });
    const limited = await fetch(`${sim.env.NPM_DOWNLOADS_URL}/downloads/range/last-week/openai`);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '5']);
    expect(npm.fired).toBe(1);
  });

  it("imitates GitHub's secondary rate limit with retry-after", async () => {
    sim.faults.add({ match: '/github/search/*', kind: 'secondary-limit', retryAfter: 42, times: 1 });
    const res = await fetch(`${sim.env.GITHUB_API_URL}/search/repositories?q=llama`, { headers: { authorization: `token ${TOKEN}` } });
    expect(res.status).toBe(403);
    expect(res.headers.get('retry-after')).toBe('42');
    expect(((await res.json()) as { message: string }).message).toMatch(/^You have exceeded a secondary rate limit/);
  });

  it('corrupts and truncates JSON bodies', async () => {
    sim.faults.add({ match: '/github/repos/*', kind: 'malformed-json', times: 1 });
    sim.faults.add({ match: '/github/repos/*', kind: 'truncated-json', after: 1, times: 1 });
    const malformed = await repo();
    expect(malformed.status).toBe(200);
    expect(malformed.headers.get('content-type')).toBe('application/json; charset=utf-8');
    await expect(malformed.json()).rejects.toThrow(SyntaxError);
    const truncated = await repo();
    const text = await truncated.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(text.startsWith('{"id":')).toBe(true);
  });

  it('serves HTML error pages like GitHub\'s unicorn and a CDN 502', async () => {
    sim.faults.add({ match: '/github/*', kind: 'html-error', times: 1 });
    sim.faults.add({ match: '/hf/*', kind: 'html-error', times: 1 });
    const unicorn = await repo();
    expect(unicorn.status).toBe(503);
    expect(unicorn.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await unicorn.text()).toContain('Unicorn! &middot; GitHub');
    const cdn = await fetch(`${sim.env.HF_ENDPOINT}/api/models/tiiuae/falcon-7b`);
    expect(cdn.status).toBe(502);
    expect(await cdn.text()).toContain('The request could not be satisfied');
  });

  it('drops a day from the middle of npm and pypistats series', async () => {
    sim.faults.add({ match: '/npm/*', kind: 'missing-day', day: '2026-11-10', times: 1 });
    const body = (await (await fetch(`${sim.env.NPM_DOWNLOADS_URL}/downloads/range/2026-11-01:2026-11-20/openai`)).json()) as { downloads: { day: string }[] };
    expect(body.downloads).toHaveLength(19);
    expect(body.downloads.map((d) => d.day)).not.toContain('2026-11-10');
    sim.faults.add({ match: '/pypistats/*', kind: 'missing-day', times: 1 });
    const py = (await (await fetch(`${sim.env.PYPISTATS_URL}/api/packages/openai/overall?mirrors=false`)).json()) as { data: unknown[] };
    expect(py.data).toHaveLength(179);
  });

  it('flags a search as incomplete with a lower-bound count', async () => {
    sim.faults.add({ match: '/github/search/*', kind: 'incomplete-results', times: 1 });
    const body = (await (await fetch(`${sim.env.GITHUB_API_URL}/search/repositories?q=llama`, { headers: { authorization: `token ${TOKEN}` } })).json()) as { total_count: number; incomplete_results: boolean };
    expect(body.incomplete_results).toBe(true);
    expect(body.total_count).toBeLessThan(sim.world.searchCount('llama'));
  });

  it('renames a repository mid-run after N requests', async () => {
    sim.faults.add({ match: '/github/repos/*', kind: 'mutate', after: 2, times: 1, run: (w) => w.renameRepo('ollama/ollama', 'ollama-org/ollama') });
    expect((await repo()).status).toBe(200);
    expect((await repo()).status).toBe(200);
    const moved = await fetch(`${sim.env.GITHUB_API_URL}/repos/ollama/ollama`, { headers: { authorization: `token ${TOKEN}` }, redirect: 'manual' });
    expect(moved.status).toBe(301);
    sim.world.renameRepo('ollama-org/ollama', 'ollama/ollama');
  });

  it('rejects unknown fault kinds', () => {
    expect(() => sim.faults.add({ match: '*', kind: 'explode' as never })).toThrow(/unknown fault kind/);
  });
});

describe('request accounting', () => {
  it('records each request with endpoint, token fingerprint, status, cost and resource, and summarises', async () => {
    await repo();
    await fetch(`${sim.env.GITHUB_API_URL}/search/repositories?q=llama`, { headers: { authorization: `token ${TOKEN}` } });
    await fetch(`${sim.env.GITHUB_API_URL}/graphql`, { method: 'POST', headers: { authorization: `bearer ${TOKEN}` }, body: JSON.stringify({ query: '{ rateLimit { cost } }' }) });
    await fetch(`${sim.env.NPM_DOWNLOADS_URL}/downloads/range/last-week/openai`);
    const fp = tokenFingerprint(TOKEN);
    expect(sim.accounting.requests.map((r) => [r.endpoint, r.token, r.status, r.cost, r.resource])).toEqual([
      ['github.repos.get', fp, 200, 1, 'core'],
      ['github.search.repositories', fp, 200, 1, 'search'],
      ['github.graphql', fp, 200, 1, 'graphql'],
      ['npm.downloads.range', 'anonymous', 200, 0, null],
    ]);
    expect(JSON.stringify(sim.accounting.requests)).not.toContain(TOKEN);
    const summary = sim.accounting.summary();
    expect(summary.total.requests).toBe(4);
    expect(summary.byResource).toMatchObject({ core: { requests: 1, cost: 1 }, search: { requests: 1, cost: 1 }, graphql: { requests: 1, cost: 1 } });
    expect(summary.byEndpoint['npm.downloads.range']).toEqual({ requests: 1, cost: 0, statuses: { '200': 1 } });
    expect(summary.byToken[fp]!.cost).toBe(3);
    expect(sim.accounting.count('github.repos.get', fp)).toBe(1);
    sim.accounting.reset();
    expect(sim.accounting.requests).toHaveLength(0);
  });
});
