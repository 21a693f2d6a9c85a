// Count history from created: ranges against the simulator: values, resumption after an
// interruption (no duplicate, no gap), and progress with a rate-limit-aware ETA.

import { simulatorPerFile } from '../helpers/simulator-context.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../collector/catalog.ts';
import { OpenPulseError } from '../../collector/errors.ts';
import { createGitHubSource, type GitHubBackfillOptions, type GitHubSettings } from '../../collector/sources/github/index.ts';
import { periodEnds } from '../../collector/sources/github/queries.ts';
import { UnreachableError } from '../../collector/sources/types.ts';
import { FAST, subsetCatalog } from '../../simulators/github-context.ts';
import { memoryContext, type MemoryContext } from '../../simulators/memory-context.ts';

const TOKEN = 'ghp_backfillTokenAbcdefghijklmnopqrs';
const NOW = new Date('2026-11-29T12:00:00Z');

const sim = simulatorPerFile({ now: NOW, tokens: { [TOKEN]: {} } });
let catalog: Catalog;

beforeAll(() => {
  catalog = subsetCatalog(sim.world.catalog, ['llama', 'gpt', 'claude']);
});

const QUERIES = () => catalog.families.flatMap((f) => f.github.search);

function context(options: { token?: string | null; state?: Map<string, string>; onEmit?: (batch: unknown[], ctx: MemoryContext) => void } = {}): MemoryContext {
  const token = options.token === undefined ? TOKEN : options.token;
  return memoryContext({
    catalog,
    config: { githubApiUrl: sim.env.GITHUB_API_URL, ...(token ? { githubToken: token } : {}) },
    clock: sim.clock,
    ...(options.state ? { state: options.state } : {}),
    ...(options.onEmit ? { onEmit: options.onEmit } : {}),
  });
}

function backfill(ctx: MemoryContext, options: GitHubBackfillOptions, settings: Partial<GitHubSettings> = {}) {
  return createGitHubSource({ ...FAST, ...settings }).backfill!(ctx, options);
}

const keys = (ctx: MemoryContext) => ctx.rows.map((r) => `${r.subject}|${r.observed_at}`);

describe('GitHub count backfill against the simulator', () => {
  it('stores, for every query, how many matching repositories existed at the end of each month', async () => {
    const ctx = context();
    const result = await backfill(ctx, { since: '2022-11-01', what: 'github-counts' });
    const ends = periodEnds('2022-11-01', '2026-11-29', 'month');
    expect(ends).toHaveLength(49);
    expect(ctx.problems).toEqual([]);
    expect(ctx.rows).toHaveLength(QUERIES().length * ends.length);
    for (const row of ctx.rows) {
      expect(row.metric).toBe('github_projects_existing');
      const query = row.subject.slice('search:'.length);
      expect(row.value).toBe(sim.world.searchCount(query, row.observed_at));
    }
    // Growth over time, as the created: ranges imply.
    const llama = ctx.rows.filter((r) => r.subject === `search:${QUERIES()[0]}`);
    expect(llama.at(-1)!.value).toBeGreaterThan(llama[0]!.value);
    // Aliased GraphQL searches, ten a request.
    expect(sim.accounting.count('github.graphql')).toBe(Math.ceil((QUERIES().length * ends.length) / 10));
    expect(result?.notes?.[0]).toBe(`backfilled ${ctx.rows.length} counts (monthly, 2022-11-01..2026-11-29)`);
  });

  it('backfills by week when asked', async () => {
    const ctx = context();
    await backfill(ctx, { since: '2026-10-01', until: '2026-10-31', what: 'github-counts', granularity: 'week' });
    expect([...new Set(ctx.rows.map((r) => r.observed_at))]).toEqual(['2026-10-03', '2026-10-10', '2026-10-17', '2026-10-24', '2026-10-31']);
    for (const row of ctx.rows) expect(row.value).toBe(sim.world.searchCount(row.subject.slice(7), row.observed_at));
  });

  it('resumes an interrupted backfill with no duplicate and no gap', async () => {
    const state = new Map<string, string>();
    const options = { since: '2023-01-01', until: '2024-12-31', what: 'github-counts' };
    // Interrupted (as by Ctrl-C) after the third batch was stored.
    const first = context({ state, onEmit: (_batch, ctx) => ctx.batches.length === 3 && ctx.abort() });
    const firstResult = await backfill(first, options);
    expect(firstResult?.notes?.join('\n')).toMatch(/interrupted; rerun the same backfill to resume/);
    expect(first.rows).toHaveLength(30);

    const second = context({ state });
    await backfill(second, options);
    const all = [...keys(first), ...keys(second)];
    expect(new Set(all).size).toBe(all.length); // nothing asked or stored twice
    const expected = QUERIES().flatMap((q) => periodEnds('2023-01-01', '2024-12-31', 'month').map((d) => `search:${q}|${d}`));
    expect(all.sort()).toEqual(expected.sort()); // nothing missing
    expect(second.lines.some((l) => l.includes('(30 already stored)'))).toBe(true);
  });

  it('resumes after the network fails mid-backfill, from the last period stored', async () => {
    const state = new Map<string, string>();
    const options = { since: '2024-01-01', until: '2024-12-31', what: 'github-counts' };
    sim.faults.add({ match: '/github/graphql', kind: 'drop', after: 2 });
    const first = context({ state });
    const error = await backfill(first, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
    expect(first.rows).toHaveLength(20);
    sim.faults.clear();
    const second = context({ state });
    await backfill(second, options);
    const all = [...keys(first), ...keys(second)];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(QUERIES().length * 12);
  });

  it('extends an earlier backfill back in time: asks only the periods before it, and remembers the whole interval', async () => {
    const state = new Map<string, string>();
    const first = context({ state });
    await backfill(first, { since: '2024-07-01', until: '2024-12-31', what: 'github-counts' });
    const second = context({ state });
    await backfill(second, { since: '2024-01-01', until: '2024-12-31', what: 'github-counts' });
    expect(second.problems).toEqual([]);
    expect(second.lines.some((l) => l.includes(`${QUERIES().length * 6} counts to ask (${QUERIES().length * 6} already stored)`))).toBe(true);
    const all = [...keys(first), ...keys(second)];
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(QUERIES().flatMap((q) => periodEnds('2024-01-01', '2024-12-31', 'month').map((d) => `search:${q}|${d}`)).sort());
    for (const row of second.rows) expect(row.value).toBe(sim.world.searchCount(row.subject.slice(7), row.observed_at));
    const third = context({ state });
    await backfill(third, { since: '2024-01-01', until: '2024-12-31', what: 'github-counts' });
    expect(third.rows).toEqual([]);
  });

  it('reads the marker of an older version (the last period stored) and asks the earlier periods again', async () => {
    const state = new Map<string, string>();
    const key = (q: string) => `backfill:github-counts:month:${q}`;
    const first = context({ state });
    await backfill(first, { since: '2024-07-01', until: '2024-12-31', what: 'github-counts' });
    for (const q of QUERIES()) state.set(key(q), '2024-12-31');
    const second = context({ state });
    await backfill(second, { since: '2024-01-01', until: '2024-12-31', what: 'github-counts' });
    expect(second.problems).toEqual([]);
    expect(keys(second).sort()).toEqual(QUERIES().flatMap((q) => periodEnds('2024-01-01', '2024-11-30', 'month').map((d) => `search:${q}|${d}`)).sort());
    for (const q of QUERIES()) expect(JSON.parse(state.get(key(q))!)).toEqual({ from: '2024-01-31', through: '2024-12-31' });
  });

  it('through REST search, stores no incomplete count: the period is asked again by the rerun', async () => {
    const state = new Map<string, string>();
    const query = QUERIES()[0]!;
    const options = { since: '2026-06-01', until: '2026-08-31', what: 'github-counts' };
    const incomplete = sim.faults.add({ match: (req) => req.path === '/search/repositories' && req.query.get('q') === `${query} created:<=2026-07-31`, kind: 'incomplete-results' });
    const first = context({ state });
    await backfill(first, options, { countsVia: 'rest' });
    incomplete.remove();
    expect(keys(first).filter((k) => k.startsWith(`search:${query}|`))).toEqual([`search:${query}|2026-06-30`]);
    expect(first.problems.map((p) => p.message)).toEqual([expect.stringMatching(/incomplete_results\); not stored; asked again next run \(period ending 2026-07-31\)/)]);
    const second = context({ state });
    await backfill(second, options, { countsVia: 'rest' });
    expect(second.problems).toEqual([]);
    expect(keys(second)).toEqual([`search:${query}|2026-07-31`, `search:${query}|2026-08-31`]);
    for (const row of second.rows) expect(row.value).toBe(sim.world.searchCount(query, row.observed_at));
  });

  it('through REST search, paces to the search limit and shows progress with an ETA that counts the waits', async () => {
    const ctx = context();
    await backfill(ctx, { since: '2026-01-01', until: '2026-10-31', what: 'github-counts' }, { countsVia: 'rest' });
    const searches = QUERIES().length * 10;
    expect(ctx.rows).toHaveLength(searches);
    expect(sim.accounting.count('github.search.repositories')).toBe(searches);
    expect(sim.accounting.requests.filter((r) => r.status === 403)).toEqual([]);
    // 30 searches a minute: one wait for the window to reset after each 30.
    const waits = Math.ceil(searches / 30) - 1;
    expect(ctx.sleeps).toHaveLength(waits);
    const plan = ctx.lines.find((l) => l.startsWith('source=github backfill github-counts:'))!;
    expect(plan).toContain(`${searches} counts to ask (0 already stored) in ${searches} search requests; 30/30 search left; about ${waits}m00s`);
    expect(ctx.progress.at(-1)).toMatchObject({ label: 'github backfill counts', done: searches, total: searches });
    // Early on, the ETA includes waiting for the next search window.
    const early = ctx.progress[0]!;
    expect(early.extra).toMatch(new RegExp(`^eta≈${waits}m0\\ds \\(${searches - 1} search requests left, 29/30 search left, resets 12:01:0\\dZ\\)$`));
    // After the wait, a fresh window: the rest go at once.
    expect(ctx.progress.at(-2)!.extra).toMatch(/^eta≈0s \(1 search requests left, \d+\/30 search left/);
  });

  it('refuses what it cannot backfill and dates it cannot read, saying what to pass', async () => {
    const ctx = context();
    await expect(backfill(ctx, { since: '2022-11-01', what: 'github-forks' })).rejects.toThrow(/cannot backfill "github-forks"/);
    const error = await backfill(ctx, { since: '2022-13-01', what: 'github-counts' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenPulseError);
    expect((error as OpenPulseError).code).toBe('USAGE');
    expect((error as Error).message).toBe('backfill github-counts --since "2022-13-01": expected a date written YYYY-MM-DD');
    expect(sim.accounting.requests).toEqual([]);
  });

  it('backfills star history on request (github-stars)', async () => {
    const ctx = context();
    await backfill(ctx, { since: '2022-11-01', what: 'github-stars' });
    const name = catalog.families[0]!.github.repos[0]!;
    const gained = ctx.rows.filter((r) => r.metric === 'github_stars_gained' && r.subject === `repo:${name}`);
    expect(gained.reduce((s, r) => s + r.value, 0)).toBe(sim.world.repo(name)!.stars);
    expect(ctx.rows.some((r) => r.metric === 'github_projects')).toBe(false);
  });
});
