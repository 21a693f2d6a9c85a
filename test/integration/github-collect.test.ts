// The GitHub source against the simulator over real HTTP: only the store is faked
// (in-memory rows), every request goes to 127.0.0.1 and is counted there.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../collector/catalog.ts';
import { catalogQueries, catalogRepos, createGitHubSource, type GitHubSettings } from '../../collector/sources/github/index.ts';
import { weeksOfHistory } from '../../collector/sources/github/plan.ts';
import { SERVER_ERRORS_IN_A_ROW } from '../../collector/sources/github/repo-stats.ts';
import { UnreachableError } from '../../collector/sources/types.ts';
import { tokenFingerprint } from '../../simulators/http-reply.ts';
import type { Simulator } from '../../simulators/server.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import { FAST, subsetCatalog } from '../../simulators/github-context.ts';
import { memoryContext, type MemoryContext } from '../../simulators/memory-context.ts';

const TOKEN = 'ghp_integrationTokenAbcdefghijklmnop';
const ADMIN = 'ghp_integrationAdminTokenAbcdefghijkl';
const NOW = new Date('2026-11-29T12:00:00Z');

let sim: Simulator;
let catalog: Catalog;

beforeAll(async () => {
  sim = await startDefaultSimulator({ tokens: { [TOKEN]: {}, [ADMIN]: { admin: ['ggerganov/llama.cpp'] } } });
  catalog = subsetCatalog(sim.world.catalog, ['llama', 'gpt', 'claude']);
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.clock.set(NOW);
  sim.limits.reset();
  sim.faults.clear();
  sim.accounting.reset();
});

/** A simulator of its own, for tests that change the world (renames, deletions) or its tokens. */
async function withFreshSim(tokens: Record<string, { admin?: string[] }>, body: (fresh: Simulator) => Promise<void>): Promise<void> {
  const fresh = await startDefaultSimulator({ tokens });
  try {
    await body(fresh);
  } finally {
    await fresh.close();
  }
}

const REPOS = () => catalog.families.flatMap((f) => f.github.repos);
const QUERIES = () => catalog.families.flatMap((f) => f.github.search);

function context(options: { token?: string | null; state?: Map<string, string>; catalog?: Catalog; apiUrl?: string; sim?: Simulator } = {}): MemoryContext {
  const token = options.token === undefined ? TOKEN : options.token;
  const on = options.sim ?? sim;
  return memoryContext({
    catalog: options.catalog ?? catalog,
    config: { githubApiUrl: options.apiUrl ?? on.env.GITHUB_API_URL, ...(token ? { githubToken: token } : {}) },
    clock: on.clock,
    ...(options.state ? { state: options.state } : {}),
  });
}

async function collect(ctx: MemoryContext, settings: Partial<GitHubSettings> = {}) {
  return createGitHubSource({ ...FAST, ...settings }).collect(ctx);
}

const rowsOf = (ctx: MemoryContext, metric: string, subject?: string) => ctx.rows.filter((r) => r.metric === metric && (subject === undefined || r.subject === subject));
const historyRequests = (name: string, on: Simulator = sim) => on.accounting.requests.filter((r) => r.endpoint === 'github.repos.stargazers.history' && r.path.includes(`/repos/${name}/`));

describe('GitHub collect against the simulator', () => {
  it('stores counts, stats and star history that match the world', async () => {
    const ctx = context();
    const result = await collect(ctx);
    expect(ctx.problems).toEqual([]);
    const today = '2026-11-29';
    for (const query of QUERIES()) {
      const [row] = rowsOf(ctx, 'github_projects', `search:${query}`);
      expect(row).toMatchObject({ value: sim.world.searchCount(query), observed_at: today, detail: { incomplete_results: null, via: 'graphql' } });
    }
    for (const name of REPOS()) {
      const truth = sim.world.repo(name)!;
      const subject = `repo:${name}`;
      expect(rowsOf(ctx, 'github_stars', subject)[0]?.value).toBe(truth.stars);
      expect(rowsOf(ctx, 'github_forks', subject)[0]?.value).toBe(truth.forks);
      expect(rowsOf(ctx, 'github_watchers', subject)[0]?.value).toBe(truth.watchers);
      expect(rowsOf(ctx, 'github_open_issues', subject)[0]?.value).toBe(truth.openIssues);
      const gained = rowsOf(ctx, 'github_stars_gained', subject);
      const retained = rowsOf(ctx, 'github_stars_retained', subject);
      expect(gained.reduce((s, r) => s + r.value, 0)).toBe(truth.stars);
      expect(retained.at(-1)).toMatchObject({ observed_at: today, value: truth.stars });
      for (const [day, n] of truth.starDays) expect(gained.find((r) => r.observed_at === day)?.value).toBe(n);
      // Every page of the history, each once: ceil(W / 30) requests for W weeks.
      expect(historyRequests(name)).toHaveLength(Math.ceil(weeksOfHistory(truth.createdAt, NOW) / 30));
    }
    // Counts batched, stats in one query, one rate-limit check.
    expect(sim.accounting.count('github.graphql')).toBe(2);
    expect(sim.accounting.count('github.rate_limit')).toBe(1);
    expect(sim.accounting.count('github.search.repositories')).toBe(0);
    expect(result?.rateLimitLeft).toBeGreaterThan(4000);
    // Stored per batch as collected, not once at the end.
    expect(ctx.batches.length).toBeGreaterThan(REPOS().length);
  });

  it('waits out a primary limit on the simulated clock until x-ratelimit-reset and completes', async () => {
    const name = 'ggerganov/llama.cpp';
    sim.faults.add({ match: `/github/repos/${name}/stargazers/history*`, kind: 'primary-limit', times: 1 });
    const ctx = context();
    const started = sim.clock.now().getTime();
    await collect(ctx);
    expect(ctx.problems).toEqual([]);
    expect(ctx.sleeps).toHaveLength(1);
    // The core window of this token started with the run: it resets an hour later.
    expect(started + ctx.sleeps[0]!).toBeGreaterThanOrEqual(started + 3_600_000 - 60_000);
    expect(ctx.lines.some((l) => /primary rate limit on core: waiting \d+ s/.test(l))).toBe(true);
    // The hour waited brought new stars: the series still ends at the stargazerCount stored this run.
    expect(rowsOf(ctx, 'github_stars_retained', `repo:${name}`).at(-1)?.value).toBe(rowsOf(ctx, 'github_stars', `repo:${name}`)[0]!.value);
    expect(rowsOf(ctx, 'github_stars_gained', `repo:${name}`).reduce((s, r) => s + r.value, 0)).toBe(sim.world.repo(name)!.stars);
  });

  it('waits out a GraphQL primary limit (200 with RATE_LIMITED) and completes', async () => {
    sim.faults.add({ match: '/github/graphql', kind: 'primary-limit', times: 1, after: 1 });
    const ctx = context();
    await collect(ctx);
    expect(ctx.problems).toEqual([]);
    expect(ctx.sleeps).toHaveLength(1);
    expect(rowsOf(ctx, 'github_stars')).toHaveLength(REPOS().length);
  });

  it('honours retry-after on a secondary limit', async () => {
    sim.faults.add({ match: '/github/graphql', kind: 'secondary-limit', retryAfter: 42, times: 1 });
    const ctx = context();
    await collect(ctx);
    expect(ctx.sleeps).toEqual([42_000]);
    expect(ctx.problems).toEqual([]);
    expect(rowsOf(ctx, 'github_projects')).toHaveLength(QUERIES().length);
  });

  it('retries a 502 burst, and a repository that keeps failing is reported while the rest are stored', async () => {
    sim.faults.add({ match: '/github/graphql', kind: 'status', status: 502, times: 2 });
    const broken = 'openai/openai-node';
    sim.faults.add({ match: `/github/repos/${broken}/stargazers/history*`, kind: 'html-error', status: 502 });
    const ctx = context();
    await collect(ctx);
    const statuses = sim.accounting.summary().byEndpoint['github.graphql']!.statuses;
    expect(statuses['502']).toBe(2);
    expect(rowsOf(ctx, 'github_projects')).toHaveLength(QUERIES().length);
    // 1 try + 3 retries, then reported; never more.
    expect(historyRequests(broken)).toHaveLength(4);
    expect(ctx.problems).toEqual([expect.objectContaining({ subject: `repo:${broken}`, message: expect.stringMatching(/^GitHub star history of openai\/openai-node \(page 1\) failed with HTTP 502: an HTML error page \("Unicorn! · GitHub"\) instead of JSON \(GitHub kept failing after retries; rerun later/) })]);
    for (const name of REPOS().filter((n) => n !== broken)) expect(rowsOf(ctx, 'github_stars_gained', `repo:${name}`).length).toBeGreaterThan(0);
  });

  it('gives up on repository stats after a few server errors in a row instead of halving every batch', async () => {
    sim.faults.add({ match: (req) => req.fullPath === '/github/graphql' && /stargazerCount/.test(req.body), kind: 'status', status: 500 });
    const ctx = context();
    const outcome = await collect(ctx).then(() => 'finished', (error: Error) => error.message);
    const failed = sim.accounting.requests.filter((r) => r.endpoint === 'github.graphql' && r.status === 500).length;
    // SERVER_ERRORS_IN_A_ROW requests (each with its retries), not one per half-batch down to every repository
    expect(failed).toBeLessThanOrEqual(SERVER_ERRORS_IN_A_ROW * 4);
    expect(`${outcome} ${ctx.problems.map((p) => p.message).join(' ')}`).toMatch(/GitHub GraphQL answered 500 to 3 requests in a row .*stopped asking for repository stats this run/);
    expect(rowsOf(ctx, 'github_projects')).toHaveLength(QUERIES().length);
  });

  it('stores a repository renamed mid-run under its catalog name, noting the new name, and reads its history under the new one', async () => {
    await withFreshSim({ [TOKEN]: {} }, async (fresh) => {
      const from = 'meta-llama/llama3';
      const to = 'meta-llama/llama-3';
      fresh.faults.add({ match: (req) => req.path === '/graphql' && req.body.includes('OpenPulseRepositoryStats'), kind: 'mutate', times: 1, run: (w) => w.renameRepo(from, to) });
      const ctx = context({ sim: fresh });
      const result = await collect(ctx);
      expect(ctx.problems).toEqual([]);
      const stars = rowsOf(ctx, 'github_stars', `repo:${from}`);
      expect(stars).toEqual([expect.objectContaining({ value: fresh.world.repo(to)!.stars, detail: { renamed_to: to } })]);
      expect(rowsOf(ctx, 'github_stars_retained', `repo:${from}`).at(-1)).toMatchObject({ value: fresh.world.repo(to)!.stars, detail: { renamed_to: to } });
      expect(historyRequests(to, fresh).length).toBeGreaterThan(0);
      expect(historyRequests(from, fresh)).toEqual([]);
      expect(result?.notes?.join('\n')).toContain(`renamed (stored under the catalog name; update the catalog): ${from} → ${to}`);
    });
  });

  it('reports a repository deleted mid-run, keeps the rest, and stops asking after three runs', async () => {
    await withFreshSim({ [TOKEN]: {} }, async (fresh) => {
      const gone = 'anthropics/anthropic-sdk-typescript';
      fresh.faults.add({ match: (req) => req.path === '/graphql' && req.body.includes('OpenPulseRepositoryStats'), kind: 'mutate', times: 1, run: (w) => w.deleteRepo(gone) });
      const state = new Map<string, string>();
      const bodies: string[] = [];
      const recording: typeof fetch = async (input, init) => {
        if (typeof init?.body === 'string') bodies.push(init.body);
        return fetch(input, init);
      };
      const first = context({ state, sim: fresh });
      first.fetch = recording;
      const result = await collect(first, { phases: ['counts', 'stats'] });
      expect(first.problems).toEqual([expect.objectContaining({ subject: `repo:${gone}`, message: expect.stringMatching(/no repository anthropics\/anthropic-sdk-typescript \(deleted, or private.*missing since 2026-11-29 \(1 run\)/) })]);
      expect(rowsOf(first, 'github_stars')).toHaveLength(REPOS().length - 1);
      expect(result?.notes?.join('\n')).toContain(`missing (deleted or private): ${gone}`);

      for (let run = 2; run <= 3; run += 1) await collect(context({ state, sim: fresh }), { phases: ['stats'] });
      expect(JSON.parse(state.get(`missing:${gone}`)!)).toMatchObject({ since: '2026-11-29', runs: 3 });
      bodies.length = 0;
      const fourth = context({ state, sim: fresh });
      fourth.fetch = recording;
      await collect(fourth, { phases: ['stats'] });
      expect(bodies.some((b) => b.includes('anthropic-sdk-typescript'))).toBe(false);
      expect(bodies.some((b) => b.includes('anthropic-sdk-python'))).toBe(true);
      expect(fourth.problems).toEqual([expect.objectContaining({ subject: `repo:${gone}`, message: expect.stringMatching(/not asked again/) })]);
    });
  });

  it('stores the other repositories when one answers malformed JSON', async () => {
    const bad = 'facebookresearch/llama';
    sim.faults.add({ match: `/github/repos/${bad}/stargazers/history*`, kind: 'malformed-json' });
    const ctx = context();
    await collect(ctx);
    expect(ctx.problems).toEqual([expect.objectContaining({ subject: `repo:${bad}`, metric: 'github_stars_gained', message: expect.stringMatching(/star history of facebookresearch\/llama \(page 1\) is unusable: the answer is not JSON/) })]);
    expect(rowsOf(ctx, 'github_stars_gained', `repo:${bad}`)).toEqual([]);
    expect(rowsOf(ctx, 'github_stars', `repo:${bad}`)).toHaveLength(1);
    for (const name of REPOS().filter((n) => n !== bad)) expect(rowsOf(ctx, 'github_stars_gained', `repo:${name}`).length).toBeGreaterThan(0);
  });

  it('isolates a malformed GraphQL stats answer by asking in halves', async () => {
    sim.faults.add({ match: (req) => req.path === '/graphql' && req.body.includes('OpenPulseRepositoryStats'), kind: 'malformed-json', times: 1 });
    const ctx = context();
    await collect(ctx, { phases: ['stats'] });
    expect(ctx.problems).toEqual([]);
    expect(rowsOf(ctx, 'github_stars')).toHaveLength(REPOS().length);
    expect(ctx.lines.some((l) => /a stats batch of \d+ repositories failed .*not JSON.*asking in halves/.test(l))).toBe(true);
  });

  it('asks an incomplete REST search again and stores the complete count', async () => {
    const query = QUERIES()[0]!;
    sim.faults.add({ match: (req) => req.path === '/search/repositories' && req.query.get('q') === query, kind: 'incomplete-results', times: 1 });
    const ctx = context();
    await collect(ctx, { countsVia: 'rest', phases: ['counts'] });
    expect(ctx.problems).toEqual([]);
    for (const q of QUERIES()) expect(rowsOf(ctx, 'github_projects', `search:${q}`)[0]).toMatchObject({ value: sim.world.searchCount(q), detail: { incomplete_results: false, via: 'rest' } });
    expect(sim.accounting.count('github.search.repositories')).toBe(QUERIES().length + 1);
  });

  it('stores no count for a REST search that stays incomplete, and reports it', async () => {
    const query = QUERIES()[0]!;
    sim.faults.add({ match: (req) => req.path === '/search/repositories' && req.query.get('q') === query, kind: 'incomplete-results' });
    const ctx = context();
    await collect(ctx, { countsVia: 'rest', phases: ['counts'] });
    expect(rowsOf(ctx, 'github_projects', `search:${query}`)).toEqual([]);
    expect(ctx.problems.map((p) => [p.subject, p.message])).toEqual([[`search:${query}`, expect.stringMatching(/partial count \(incomplete_results\); not stored; asked again next run/)]]);
    for (const q of QUERIES().slice(1)) expect(rowsOf(ctx, 'github_projects', `search:${q}`)[0]).toMatchObject({ value: sim.world.searchCount(q), detail: { incomplete_results: false, via: 'rest' } });
    expect(sim.accounting.count('github.search.repositories')).toBe(QUERIES().length + 2);
  });

  it('sends If-None-Match on repeated reads: 304s reuse the stored answers and cost no rate limit', async () => {
    const state = new Map<string, string>();
    const first = context({ state });
    await collect(first, { phases: ['stats', 'stars'] });
    const firstCost = sim.accounting.summary().byResource.core!.cost;
    sim.accounting.reset();
    const second = context({ state });
    await collect(second, { phases: ['stats', 'stars'] });
    const history = sim.accounting.requests.filter((r) => r.endpoint === 'github.repos.stargazers.history');
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((r) => r.status === 304 && r.cost === 0)).toBe(true);
    expect(sim.accounting.summary().byResource.core?.cost ?? 0).toBe(0);
    expect(firstCost).toBe(history.length);
    // The reused answers give the same series: the settled past is not emitted again, today is.
    const key = (r: { subject: string; metric: string; observed_at: string; value: number }) => `${r.subject}|${r.metric}|${r.observed_at}|${r.value}`;
    const today = NOW.toISOString().slice(0, 10);
    expect(rowsOf(second, 'github_stars_gained').map(key)).toEqual(rowsOf(first, 'github_stars_gained').filter((r) => r.observed_at === today).map(key));
  });

  it('emits only the days after the settled past when the past is unchanged, and the whole series again when it changed', async () => {
    await withFreshSim({ [TOKEN]: {} }, async (fresh) => {
      const state = new Map<string, string>();
      const name = 'facebookresearch/llama';
      const subject = `repo:${name}`;
      const first = context({ sim: fresh, state });
      await collect(first, { phases: ['stats', 'stars'] });
      const all = rowsOf(first, 'github_stars_gained', subject).length;
      expect(all).toBeGreaterThan(300);

      // Two days later: the settled past (through the day before the first run) is unchanged.
      fresh.clock.advance(2 * 86_400_000);
      const later = context({ sim: fresh, state });
      await collect(later, { phases: ['stats', 'stars'] });
      const days = (ctx: MemoryContext, metric: string) => rowsOf(ctx, metric, subject).map((r) => r.observed_at);
      expect(days(later, 'github_stars_gained')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
      expect(days(later, 'github_stars_retained')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
      expect(rowsOf(later, 'github_stars_retained', subject).at(-1)!.value).toBe(fresh.world.repo(name)!.stars);

      // A rename changes every stored row's detail: the whole series is emitted again.
      fresh.world.renameRepo(name, 'meta-llama/llama-legacy');
      const renamed = context({ sim: fresh, state });
      await collect(renamed, { phases: ['stats', 'stars'] });
      const again = rowsOf(renamed, 'github_stars_gained', subject);
      expect(again.length).toBeGreaterThanOrEqual(all + 2);
      expect(again.every((r) => (r.detail as { renamed_to?: string } | undefined)?.renamed_to === 'meta-llama/llama-legacy')).toBe(true);
    });
  });

  it('works without a token: says so once, paces REST searches to 10 a minute, and defers what the 60/hour budget cannot cover', async () => {
    const full = sim.world.catalog;
    const queries = catalogQueries(full).length;
    const repos = catalogRepos(full).length;
    expect(queries).toBeGreaterThan(20); // more than two minutes of anonymous searches
    const ctx = context({ token: null, catalog: full });
    const result = await collect(ctx);
    expect(ctx.lines.filter((l) => l.includes('no GITHUB_TOKEN'))).toHaveLength(1);
    expect(sim.accounting.count('github.graphql')).toBe(0);
    expect(rowsOf(ctx, 'github_projects')).toHaveLength(queries);
    expect(rowsOf(ctx, 'github_stars')).toHaveLength(repos);
    // Waited for the search window instead of being refused.
    expect(ctx.sleeps.length).toBe(Math.ceil(queries / 10) - 1);
    expect(sim.accounting.requests.filter((r) => r.status === 403)).toEqual([]);
    // Star history for every repository needs far more than the 60 - repos core requests left.
    expect(result?.notes?.join('\n')).toMatch(/star history deferred to the next run for stars .*: core budget short/);
    expect(sim.accounting.summary().byResource.core!.requests).toBeLessThanOrEqual(60);
  });

  it('plans against /rate_limit: a short budget collects in priority order and names what it left', async () => {
    // Someone else spent most of this token's core hour.
    sim.limits.charge(tokenFingerprint(TOKEN), true, 'core', 5000 - 10);
    const ctx = context();
    const result = await collect(ctx);
    expect(rowsOf(ctx, 'github_projects')).toHaveLength(QUERIES().length);
    expect(rowsOf(ctx, 'github_stars')).toHaveLength(REPOS().length);
    const planLine = ctx.lines.find((l) => l.startsWith('source=github star history plan:'))!;
    expect(planLine).toMatch(/core \d+ requests \d+ points \(10\/5000 left\); deferred to the next run: stars /);
    expect(sim.accounting.summary().byResource.core!.requests).toBeLessThanOrEqual(10);
    expect(result?.notes?.join('\n')).toMatch(/star history deferred to the next run/);
    // The next run starts with the repositories left out.
    sim.limits.reset();
    const collected = new Set(rowsOf(ctx, 'github_stars_gained').map((r) => r.subject));
    const next = context({ state: ctx.stateMap });
    await collect(next, { phases: ['stats', 'stars'] });
    const order = [...new Set(rowsOf(next, 'github_stars_gained').map((r) => r.subject))];
    const uncollected = REPOS().map((n) => `repo:${n}`).filter((s) => !collected.has(s));
    expect(order.slice(0, uncollected.length).sort()).toEqual(uncollected.sort());
  });

  it('a 403 on the stargazer listing never aborts the run; administered repositories are listed with starred_at, up to GitHub\'s 400-page cap', async () => {
    await withFreshSim({ [ADMIN]: { admin: ['facebookresearch/llama', 'ggerganov/llama.cpp'] } }, async (fresh) => {
      const ctx = context({ sim: fresh, token: ADMIN, catalog: subsetCatalog(fresh.world.catalog, ['llama']) });
      await collect(ctx, { starMode: 'listing' });
      // every repository the token does not administer is refused, and one is capped; nothing else
      const administered = ['facebookresearch/llama', 'ggerganov/llama.cpp'];
      const notAdministered = fresh.world.catalog.families.find((f) => f.id === 'llama')!.github.repos.filter((r) => !administered.includes(r));
      const refusals = ctx.problems.filter((p) => /HTTP 403/.test(p.message));
      const capped = ctx.problems.find((p) => /at most 40000 stargazers/.test(p.message));
      expect(ctx.problems).toHaveLength(refusals.length + 1);
      expect(refusals.map((p) => p.subject).sort()).toEqual(notAdministered.map((r) => `repo:${r}`).sort());
      const refused = refusals.find((p) => p.subject === 'repo:meta-llama/llama3');
      expect(refused).toMatchObject({ subject: 'repo:meta-llama/llama3', message: expect.stringMatching(/HTTP 403: since July 2026 only admins and collaborators may list stargazers/) });
      expect(rowsOf(ctx, 'github_stars', 'repo:meta-llama/llama3')).toHaveLength(1);

      const small = fresh.world.repo('facebookresearch/llama')!;
      expect(small.stars).toBeLessThan(40_000);
      expect(rowsOf(ctx, 'github_stars_gained', 'repo:facebookresearch/llama').reduce((s, r) => s + r.value, 0)).toBe(small.stars);
      expect(rowsOf(ctx, 'github_stars_retained', 'repo:facebookresearch/llama').at(-1)).toMatchObject({ observed_at: '2026-11-29', value: small.stars });

      // More stars than GitHub will list: stored only for the whole days the listing covers.
      const big = fresh.world.repo('ggerganov/llama.cpp')!;
      expect(big.stars).toBeGreaterThan(40_000);
      expect(capped).toMatchObject({ subject: 'repo:ggerganov/llama.cpp', message: expect.stringMatching(/at most 40000 stargazers: star history of ggerganov\/llama.cpp stored up to \d{4}-\d{2}-\d{2} \(exclusive\)/) });
      const gained = rowsOf(ctx, 'github_stars_gained', 'repo:ggerganov/llama.cpp');
      const retained = rowsOf(ctx, 'github_stars_retained', 'repo:ggerganov/llama.cpp');
      for (const row of gained) expect(row.value).toBe(big.starDays.get(row.observed_at) ?? 0);
      expect(retained.at(-1)!.value).toBe(gained.reduce((s, r) => s + r.value, 0));
      expect(retained.at(-1)!.observed_at < '2026-11-29').toBe(true);
    });
  });

  it('never lets the token into logs, errors, problems or stored facts', async () => {
    const wrong = 'ghp_wrongTokenThatGitHubRefusesAbcdefgh';
    const ctx = context({ token: wrong });
    const error = await collect(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/GitHub rate-limit check \(GET \/rate_limit\) failed with HTTP 401: Bad credentials/);
    expect((error as { hint?: string }).hint).toMatch(/check GITHUB_TOKEN/);
    const everything = JSON.stringify({ message: (error as Error).message, lines: ctx.lines, problems: ctx.problems, rows: ctx.rows });
    expect(everything).not.toContain(wrong);

    const ok = context();
    await collect(ok, { phases: ['counts', 'stats'] });
    expect(JSON.stringify({ lines: ok.lines, problems: ok.problems, rows: ok.rows, state: [...ok.stateMap] })).not.toContain(TOKEN);
  });

  it('keeps the facts collected so far when GitHub becomes unreachable mid-run, and says where', async () => {
    sim.faults.add({ match: '/github/repos/*/stargazers/history*', kind: 'drop', after: 3 });
    const ctx = context();
    const error = await collect(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).host).toBe(new URL(sim.url).host);
    expect((error as Error).message).toMatch(/star history of .* \(page \d+\)/);
    expect(rowsOf(ctx, 'github_projects')).toHaveLength(QUERIES().length);
    expect(rowsOf(ctx, 'github_stars')).toHaveLength(REPOS().length);
  });

  it('fails with one line naming the host when nothing answers', async () => {
    const closed = await startDefaultSimulator({});
    const deadUrl = closed.env.GITHUB_API_URL;
    await closed.close();
    const ctx = context({ apiUrl: deadUrl });
    const error = await collect(ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).host).toBe(new URL(deadUrl).host);
    expect((error as Error).message).toMatch(/rate-limit check \(GET \/rate_limit\): connection refused/);
    expect(ctx.rows).toEqual([]);
  });
});
