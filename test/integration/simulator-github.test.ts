import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulators/server.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import { tokenFingerprint } from '../../simulators/http-reply.ts';

const TOKEN = 'ghp_simulated_collector_token';
const ADMIN = 'ghp_simulated_admin_token';
const LLAMA = 'llama in:name,description,topics';

let sim: Simulator;
const gh = (path: string, init: RequestInit & { token?: string | null } = {}) => {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? TOKEN : init.token;
  if (token) headers.set('authorization', `token ${token}`);
  return fetch(`${sim.env.GITHUB_API_URL}${path}`, { ...init, headers });
};
const search = (q: string, extra = '') => gh(`/search/repositories?q=${encodeURIComponent(q)}${extra}`);

beforeAll(async () => {
  sim = await startDefaultSimulator({ tokens: { [TOKEN]: {}, [ADMIN]: { admin: ['ggerganov/llama.cpp'] } } });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.limits.reset();
  sim.faults.clear();
  sim.accounting.reset();
});

describe('GitHub search', () => {
  it('answers with total_count, incomplete_results, real item fields and Link paging', async () => {
    const res = await search(LLAMA, '&per_page=5&page=2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as { total_count: number; incomplete_results: boolean; items: Record<string, unknown>[] };
    expect(body.total_count).toBe(sim.world.searchCount(LLAMA));
    expect(body.incomplete_results).toBe(false);
    expect(body.items).toHaveLength(5);
    for (const key of ['id', 'node_id', 'name', 'full_name', 'owner', 'html_url', 'stargazers_count', 'forks_count', 'watchers_count', 'open_issues_count', 'created_at', 'topics', 'score']) {
      expect(body.items[0]).toHaveProperty(key);
    }
    const link = res.headers.get('link')!;
    expect(link).toContain('rel="prev"');
    expect(link).toMatch(/[?&]page=3>; rel="next"/);
    expect(link).toMatch(/[?&]page=200>; rel="last"/); // 1000-result cap / 5 per page
    expect(res.headers.get('x-ratelimit-resource')).toBe('search');
  });

  it('honours created: against each repository creation date, in every form', async () => {
    for (const q of [`${LLAMA} created:2023-01-01..2023-08-01`, 'llama created:<=2023-08-01', 'llama created:>2024-06-30', 'llama created:2023-05-05']) {
      const body = (await (await search(q, '&per_page=1')).json()) as { total_count: number };
      expect(body.total_count).toBe(sim.world.searchCount(q));
    }
    const ranged = (await (await search(`${LLAMA} created:2023-03-01..2023-03-31`, '&per_page=100')).json()) as { items: { created_at: string }[] };
    expect(ranged.items.length).toBeGreaterThan(0);
    for (const item of ranged.items) expect(item.created_at.slice(0, 10) >= '2023-03-01' && item.created_at.slice(0, 10) <= '2023-03-31').toBe(true);
  });

  it('caps items at 1000 while total_count stays true', async () => {
    const page10 = await search(LLAMA, '&per_page=100&page=10');
    const body = (await page10.json()) as { total_count: number; items: unknown[] };
    expect(body.total_count).toBeGreaterThan(1000);
    expect(body.items).toHaveLength(100);
    expect(page10.headers.get('link')).not.toContain('rel="next"');
    const page11 = await search(LLAMA, '&per_page=100&page=11');
    expect(page11.status).toBe(422);
    expect(((await page11.json()) as { message: string }).message).toBe('Only the first 1000 search results are available');
  });

  it('rejects long queries and too many operators with a validation-failed body', async () => {
    for (const q of ['x'.repeat(300), 'a OR b OR c OR d OR e OR f OR g']) {
      const res = await search(q);
      expect(res.status).toBe(422);
      const body = (await res.json()) as { message: string; errors: { resource: string; field: string; code: string; message: string }[]; documentation_url: string };
      expect(body.message).toBe('Validation Failed');
      expect(body.errors[0]).toMatchObject({ resource: 'Search', field: 'q', code: 'invalid' });
      expect(body.documentation_url).toMatch(/^https:\/\/docs\.github\.com\//);
    }
    expect((await gh('/search/repositories')).status).toBe(422);
  });
});

describe('GitHub repositories', () => {
  it('serves a repository with the world truth', async () => {
    const res = await gh('/repos/ggerganov/llama.cpp');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    const truth = sim.world.repo('ggerganov/llama.cpp')!;
    expect(body).toMatchObject({ full_name: 'ggerganov/llama.cpp', stargazers_count: truth.stars, forks_count: truth.forks, subscribers_count: truth.watchers, open_issues_count: truth.openIssues, created_at: truth.createdAt });
    expect(res.headers.get('etag')).toMatch(/^W\/"[0-9a-f]{64}"$/);
  });

  it('redirects a renamed repository with 301 to /repositories/{id} and 404s a deleted one', async () => {
    const world = sim.world;
    const synthetic = (await (await search('rwkv', '&per_page=2')).json()) as { items: { full_name: string; id: number }[] };
    const [first, second] = synthetic.items;
    world.renameRepo(first!.full_name, 'new-owner/renamed-repo');
    const moved = await gh(`/repos/${first!.full_name}`, { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(`${sim.env.GITHUB_API_URL}/repositories/${first!.id}`);
    expect(((await moved.json()) as { message: string }).message).toBe('Moved Permanently');
    const followed = await gh(`/repos/${first!.full_name}`);
    expect(followed.status).toBe(200);
    expect(((await followed.json()) as { full_name: string }).full_name).toBe('new-owner/renamed-repo');
    world.deleteRepo(second!.full_name);
    const gone = await gh(`/repos/${second!.full_name}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ message: 'Not Found', documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com/) });
    expect((await gh(`/repositories/${second!.id}`)).status).toBe(404);
  });

  it('answers 304 to a matching If-None-Match without spending the rate limit', async () => {
    const first = await gh('/repos/openai/openai-python');
    const etag = first.headers.get('etag')!;
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    const second = await gh('/repos/openai/openai-python', { headers: { 'if-none-match': etag } });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(remaining);
    expect(sim.accounting.requests.at(-1)).toMatchObject({ status: 304, cost: 0 });
    const third = await gh('/repos/openai/openai-python');
    expect(Number(third.headers.get('x-ratelimit-remaining'))).toBe(remaining - 1);
  });

  it('refuses unknown tokens when a token list is configured', async () => {
    const res = await gh('/repos/openai/openai-python', { token: 'ghp_not_registered' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toBe('Bad credentials');
  });
});

describe('GitHub stargazers', () => {
  it('refuses the stargazer list to non-admin tokens (403) and anonymous callers (401)', async () => {
    const res = await gh('/repos/ggerganov/llama.cpp/stargazers', { headers: { accept: 'application/vnd.github.star+json' } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(/administrators and collaborators/);
    expect((await gh('/repos/ggerganov/llama.cpp/stargazers', { token: null })).status).toBe(401);
  });

  it('lists {starred_at, user} pages to an admin token with the star media type', async () => {
    const res = await gh('/repos/ggerganov/llama.cpp/stargazers?per_page=100&page=2', { token: ADMIN, headers: { accept: 'application/vnd.github.star+json' } });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { starred_at: string; user: { login: string } }[];
    expect(page).toHaveLength(100);
    expect(page[0]!.starred_at <= page[99]!.starred_at).toBe(true);
    expect(page[0]!.user.login).toMatch(/^user\d+$/);
    expect(res.headers.get('link')).toContain('rel="next"');
    const plain = (await (await gh('/repos/ggerganov/llama.cpp/stargazers?per_page=3', { token: ADMIN })).json()) as Record<string, unknown>[];
    expect(plain[0]).toHaveProperty('login');
  });

  it('serves weekly star history, newest week first, summing to the stargazer count', async () => {
    const truth = sim.world.repo('ggerganov/llama.cpp')!;
    let url: string | null = `${sim.env.GITHUB_API_URL}/repos/ggerganov/llama.cpp/stargazers/history?per_page=50`;
    const weeks: { week: number; total: number; days: number[] }[] = [];
    let pages = 0;
    while (url) {
      const res: Response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      const page = (await res.json()) as typeof weeks;
      if (res.headers.get('link')?.includes('rel="next"')) expect(page).toHaveLength(30); // per_page is capped at 30
      weeks.push(...page);
      pages++;
      url = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
    }
    expect(weeks.length).toBeGreaterThan(30);
    for (let i = 1; i < weeks.length; i++) expect(weeks[i - 1]!.week - weeks[i]!.week).toBe(7 * 86400);
    for (const w of weeks) {
      expect(new Date(w.week * 1000).getUTCDay()).toBe(0);
      expect(w.days).toHaveLength(7);
      expect(w.days.reduce((a, b) => a + b, 0)).toBe(w.total);
    }
    expect(weeks.reduce((a, w) => a + w.total, 0)).toBe(truth.stars);
    expect(sim.accounting.summary().byEndpoint['github.repos.stargazers.history']).toMatchObject({ requests: pages, cost: pages });
    expect((await gh('/repos/ggerganov/llama.cpp/stargazers/history?page=101')).status).toBe(422);
  });
});

describe('GitHub rate limits', () => {
  it('reports /rate_limit in the real shape without charging for it', async () => {
    const body = (await (await gh('/rate_limit')).json()) as { resources: Record<string, { limit: number; used: number; remaining: number; reset: number }>; rate: unknown };
    expect(body.resources.core).toMatchObject({ limit: 5000, used: 0, remaining: 5000 });
    expect(body.resources.search).toMatchObject({ limit: 30 });
    expect(body.resources.graphql).toMatchObject({ limit: 5000 });
    expect(body.rate).toEqual(body.resources.core);
    const anonymous = (await (await gh('/rate_limit', { token: null })).json()) as typeof body;
    expect(anonymous.resources.core!.limit).toBe(60);
    expect(anonymous.resources.search!.limit).toBe(10);
  });

  it('limits search to 30 a minute per token, separately per token, until the simulated clock passes the reset', async () => {
    for (let i = 0; i < 30; i++) expect((await search('qwen', '&per_page=1')).status).toBe(200);
    const refused = await search('qwen', '&per_page=1');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeGreaterThan(sim.clock.now().getTime() / 1000);
    expect(((await refused.json()) as { message: string }).message).toMatch(/^API rate limit exceeded for user ID \d+\./);
    expect((await gh('/search/repositories?q=qwen', { token: ADMIN })).status).toBe(200);
    sim.clock.advance(61_000);
    expect((await search('qwen', '&per_page=1')).status).toBe(200);
    expect(sim.accounting.summary().byToken[tokenFingerprint(TOKEN)]!.statuses['403']).toBe(1);
  });

  it('limits anonymous callers to 10 searches a minute and 60 core requests an hour', async () => {
    for (let i = 0; i < 10; i++) expect((await gh('/search/repositories?q=qwen&per_page=1', { token: null })).status).toBe(200);
    const refused = await gh('/search/repositories?q=qwen', { token: null });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/^API rate limit exceeded for 127\.0\.0\.1\. \(But here's the good news/);
    for (let i = 0; i < 60; i++) expect((await gh('/repos/openai/openai-node', { token: null })).status).toBe(200);
    const core = await gh('/repos/openai/openai-node', { token: null });
    expect(core.status).toBe(403);
    expect(core.headers.get('x-ratelimit-limit')).toBe('60');
    sim.clock.advance(3_601_000);
    expect((await gh('/repos/openai/openai-node', { token: null })).status).toBe(200);
  });

  it('enforces 5,000 core requests an hour per token', async () => {
    sim.limits.charge(tokenFingerprint(TOKEN), true, 'core', 4999);
    expect((await gh('/repos/openai/openai-node')).headers.get('x-ratelimit-remaining')).toBe('0');
    const refused = await gh('/repos/openai/openai-node');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-used')).toBe('5000');
  });

  it('can refuse with 429 instead of 403', async () => {
    const strict = await startDefaultSimulator({ primaryLimitStatus: 429 });
    try {
      strict.limits.charge(tokenFingerprint(TOKEN), true, 'core', 5000);
      const res = await fetch(`${strict.env.GITHUB_API_URL}/repos/openai/openai-node`, { headers: { authorization: `token ${TOKEN}` } });
      expect(res.status).toBe(429);
      expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    } finally {
      await strict.close();
    }
  });
});
