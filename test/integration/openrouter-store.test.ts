// OpenRouter's tokens in the store: a collection run against the simulator into embedded
// ClickHouse, then the named queries openrouter_share and openrouter_unmapped compared with
// the simulated traffic, each slug on the side of the catalog entry that matched it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog, type Catalog } from '../../collector/catalog.ts';
import { addDays, eachDay } from '../../collector/days.ts';
import { silentLogger } from '../../collector/log.ts';
import { runSources } from '../../collector/run.ts';
import { openrouterMatcher, openrouterSource } from '../../collector/sources/openrouter.ts';
import type { OpenRouterShareRow } from '../../queries/rows.ts';
import { opennessClass, scope, type Scope } from '../../registry/openness.ts';
import type { Simulator } from '../../simulators/server.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import { simulatorClock } from '../helpers/simulator-context.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const START = new Date('2026-11-29T12:00:00Z');
const KEY = 'sk-or-v1-store0123456789abcdef0123';

type ShareRow = OpenRouterShareRow;
type Sides = Pick<ShareRow, 'open_tokens' | 'closed_tokens' | 'unknown_tokens' | 'long_tail_tokens' | 'out_of_scope_tokens' | 'total_tokens'>;

let sim: Simulator;
let t: TestStore;
let asOf: string;

/** The day's tokens per side, from the simulated ranking and the catalog's classes. */
function truth(catalog: Catalog, day: string, scopeId: Scope = 'text_models'): Sides {
  const match = openrouterMatcher(catalog);
  const subjects = new Map(catalog.families.flatMap((f) => f.subjects).map((s) => [`${s.family} ${s.key}`, s]));
  const { kinds, modalities } = scope(scopeId);
  const out: Sides = { open_tokens: 0, closed_tokens: 0, unknown_tokens: 0, long_tail_tokens: 0, out_of_scope_tokens: 0, total_tokens: 0 };
  for (const row of sim.world.openrouterDay(day)!) {
    const n = Number(row.total_tokens);
    out.total_tokens += n;
    if (row.model_permaslug === 'other') {
      out.long_tail_tokens += n;
      continue;
    }
    const hit = match(row.model_permaslug);
    if (!hit) {
      out.unknown_tokens += n;
      continue;
    }
    const s = subjects.get(`${hit.family} openrouter:${hit.entry}`)!;
    if (!(kinds as readonly string[]).includes(s.kind) || !(modalities as readonly string[]).includes(s.modality)) out.out_of_scope_tokens += n;
    else if (opennessClass(s.openness) === 'open') out.open_tokens += n;
    else out.closed_tokens += n;
  }
  return out;
}

const sidesOf = (r: ShareRow): Sides => ({
  open_tokens: r.open_tokens,
  closed_tokens: r.closed_tokens,
  unknown_tokens: r.unknown_tokens,
  long_tail_tokens: r.long_tail_tokens,
  out_of_scope_tokens: r.out_of_scope_tokens,
  total_tokens: r.total_tokens,
});

beforeAll(async () => {
  sim = await startDefaultSimulator({ now: START });
  t = await openTestStore({ openrouterUrl: sim.env.OPENROUTER_URL, openrouterApiKey: KEY });
  await t.store.syncCatalog(sim.world.catalog, START);
  const outcomes = await runSources(
    { store: t.store, catalog: sim.world.catalog, config: t.config, clock: simulatorClock(sim), log: silentLogger(), fetch, signal: new AbortController().signal },
    [openrouterSource],
    { runId: 'openrouter-store', job: 'collect' },
  );
  expect(outcomes).toEqual([expect.objectContaining({ source: 'openrouter', status: 'ok', rateLimitLeft: 498 })]);
  asOf = (await t.store.rows<{ as_of: string }>("SELECT max(JSONExtractString(detail, 'as_of')) AS as_of FROM facts WHERE source = 'openrouter'"))[0]!.as_of;
});
afterAll(async () => {
  await t?.cleanup();
  await sim?.close();
});

describe('openrouter_share', () => {
  it('per day: open, closed, unknown and long-tail tokens exactly as routed, each slug on its catalog entry\'s side', async () => {
    const rows = await t.store.query<ShareRow>('openrouter_share', {});
    const days = eachDay('2025-01-01', addDays(sim.world.today(), -1));
    expect(rows.map((r) => r.period_start)).toEqual(days);
    for (const r of rows) {
      const want = truth(sim.world.catalog, r.period_start);
      expect(sidesOf(r), r.period_start).toEqual(want);
      expect(r.days).toBe(1);
      expect(r.open_share).toBeCloseTo(want.open_tokens / (want.open_tokens + want.closed_tokens), 12);
      expect(r.unknown_share).toBeCloseTo(want.unknown_tokens / want.total_tokens, 12);
    }
    // the open side holds open weights from closed vendors' families too (gpt-oss, Gemma)
    const late = rows.find((r) => r.period_start === '2026-11-20')!;
    expect(late.unknown_tokens).toBeGreaterThan(0);
    expect(late.long_tail_tokens).toBeGreaterThan(0);
    expect(late.out_of_scope_tokens).toBe(0);
  });

  it("per ISO week (from Monday), each with OpenRouter's as-of time, its licence and the citation it asks for", async () => {
    const rows = await t.store.query<ShareRow>('openrouter_share', { grain: 'week', from: '2026-11-02', to: '2026-11-28' });
    expect(rows.map((r) => [r.period_start, r.days])).toEqual([['2026-11-02', 7], ['2026-11-09', 7], ['2026-11-16', 7], ['2026-11-23', 6]]);
    for (const r of rows) {
      const week = eachDay(r.period_start, addDays(r.period_start, r.days - 1)).map((d) => truth(sim.world.catalog, d));
      const want = week.reduce((a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof Sides] + b[k as keyof Sides]])) as unknown as Sides);
      expect(sidesOf(r), r.period_start).toEqual(want);
      expect(r.as_of).toBe(asOf);
      expect(r.licence).toBe('CC BY 4.0');
      expect(r.citation).toBe(`Source: OpenRouter (openrouter.ai/rankings), as of ${asOf}. Licensed under CC BY 4.0.`);
    }
    await expect(t.store.query('openrouter_share', { grain: 'month' })).rejects.toThrow(/grain must be day or week/);
  });

  it('a scope leaves the mapped models it does not take out of both sides, never the unknown', async () => {
    const [row] = await t.store.query<ShareRow>('openrouter_share', { from: '2026-11-20', to: '2026-11-20', scope: 'image_models' });
    const text = truth(sim.world.catalog, '2026-11-20');
    expect(row).toMatchObject({ open_tokens: 0, closed_tokens: 0, open_share: null, unknown_tokens: text.unknown_tokens, out_of_scope_tokens: text.open_tokens + text.closed_tokens, total_tokens: text.total_tokens });
  });

  it('classes follow the catalog at the next sync without recollecting: gpt-oss marked closed moves to the closed side', async () => {
    const file = sim.world.catalog.file;
    const text = readFileSync(file, 'utf8').replace("{id: '/^openai\\/gpt-oss/', openness: open-weights-osi, licence: Apache 2.0}", "{id: '/^openai\\/gpt-oss/', openness: closed, licence: Proprietary API terms}");
    const edited = parseCatalog(text, path.basename(file));
    expect(edited.families.flatMap((f) => f.subjects).find((s) => s.key === 'openrouter:/^openai\\/gpt-oss/')?.openness).toBe('closed');
    try {
      await t.store.syncCatalog(edited, START);
      const [row] = await t.store.query<ShareRow>('openrouter_share', { from: '2026-11-20', to: '2026-11-20' });
      expect(sidesOf(row!)).toEqual(truth(edited, '2026-11-20'));
      expect(row!.open_tokens).toBeLessThan(truth(sim.world.catalog, '2026-11-20').open_tokens);
    } finally {
      await t.store.syncCatalog(sim.world.catalog, START);
    }
  });
});

describe('openrouter_unmapped and the family-level metric', () => {
  it('lists every slug no catalog entry maps, with its tokens exactly as routed', async () => {
    const rows = await t.store.query<{ slug: string; tokens: number; share: number; days: number; first_day: string; last_day: string; reason: string; as_of: string }>('openrouter_unmapped', { from: '2026-11-01', to: '2026-11-28' });
    const match = openrouterMatcher(sim.world.catalog);
    const want = new Map<string, number>();
    let total = 0;
    for (const day of eachDay('2026-11-01', '2026-11-28')) {
      for (const r of sim.world.openrouterDay(day)!) {
        total += Number(r.total_tokens);
        if (r.model_permaslug !== 'other' && !match(r.model_permaslug)) want.set(r.model_permaslug, (want.get(r.model_permaslug) ?? 0) + Number(r.total_tokens));
      }
    }
    expect(new Map(rows.map((r) => [r.slug, r.tokens]))).toEqual(want);
    expect(rows.map((r) => r.tokens)).toEqual([...rows.map((r) => r.tokens)].sort((a, b) => b - a));
    expect(rows.length).toBeGreaterThan(3);
    // xAI's and Moonshot's models have families of their own in the catalog: mapped, not unknown
    expect(rows.map((r) => r.slug).filter((slug) => /^(x-ai|moonshotai)\//.test(slug))).toEqual([]);
    expect(rows.map((r) => r.slug)).not.toContain('other');
    expect(rows.every((r) => r.reason === 'no catalog entry matches' && r.as_of === asOf)).toBe(true);
    expect(rows[0]!.share).toBeCloseTo(rows[0]!.tokens / total, 12);
  });

  it('`tokens` is a family-level metric: per family and side, and among the headline figures', async () => {
    const byOpenness = await t.store.query<{ day: string; openness: string; value: number }>('metric_by_openness', { metric: 'tokens', from: '2026-11-20', to: '2026-11-20' });
    const want = truth(sim.world.catalog, '2026-11-20');
    const sum = (o: string) => byOpenness.filter((r) => r.openness === o).reduce((s, r) => s + r.value, 0);
    expect(sum('open') + sum('closed')).toBe(want.open_tokens + want.closed_tokens);
    const headline = await t.store.query<{ metric: string; open_share: number }>('headline_figures', { as_of: '2026-11-28' });
    expect(headline.map((h) => h.metric)).toContain('tokens');
  });

  it('every day is whole: over any window each model counts on the days it is routed, with no coverage rule and no break', async () => {
    // models enter and leave the top 50 every week: the coverage rule would keep almost none over the two years
    const whole = { from: '2025-01-01', to: '2026-11-28' };
    const share = new Map((await t.store.query<ShareRow>('openrouter_share', whole)).map((r) => [r.period_start, r]));
    const byOpenness = await t.store.query<{ day: string; openness: string; value: number }>('metric_by_openness', { metric: 'tokens', ...whole, scope: 'text_models' });
    expect(new Set(byOpenness.map((r) => r.day)).size).toBe(share.size);
    for (const r of byOpenness) {
      const day = share.get(r.day)!;
      expect(r.value, `${r.day} ${r.openness}`).toBe(r.openness === 'open' ? day.open_tokens : day.closed_tokens);
    }
    expect(await t.store.query('series_breaks', { metric: 'tokens', ...whole, scope: 'text_models' })).toEqual([]);
    // the headline's 365-day change compares the two whole days' shares, not those of the models on both
    const [tokens] = (await t.store.query<{ metric: string; open_share: number; open_share_365d_ago: number; change_365d: number; as_of_day: string; day_365d_ago: string; excluded_365d: number }>('headline_figures', { as_of: '2026-11-28' })).filter((h) => h.metric === 'tokens');
    expect(tokens).toMatchObject({ as_of_day: '2026-11-28', day_365d_ago: addDays('2026-11-28', -365), excluded_365d: 0 });
    expect(tokens!.open_share_365d_ago).toBeCloseTo(share.get(tokens!.day_365d_ago)!.open_share!, 12);
    expect(tokens!.change_365d).toBeCloseTo(share.get('2026-11-28')!.open_share! - share.get(tokens!.day_365d_ago)!.open_share!, 12);
  });
});
