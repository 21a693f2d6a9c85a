// The OpenRouter source against the simulated Data API: the whole history in few requests,
// exact on the simulated traffic, slugs mapped to families or kept as unknown, and the
// answers OpenRouter gives when it refuses (401), limits (429) or fails (5xx).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays, eachDay } from '../../collector/days.ts';
import { OpenPulseError } from '../../collector/errors.ts';
import type { Observation } from '../../collector/observation.ts';
import { openrouterMatcher, openrouterSource, OPENROUTER_SPACING_MS } from '../../collector/sources/openrouter.ts';
import { UpstreamError } from '../../collector/sources/http.ts';
import type { MemoryContext } from '../../simulators/memory-context.ts';
import type { Simulator } from '../../simulators/server.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import { simulatorClock, simulatorContext, simulatorPerFile } from '../helpers/simulator-context.ts';

const START = new Date('2026-11-29T12:00:00Z');
const KEY = 'sk-or-v1-0123456789abcdef0123456789abcdef';
const sim = simulatorPerFile({ now: START });

const context = (s: Simulator = sim, options: Parameters<typeof simulatorContext>[1] = {}) =>
  simulatorContext(s, { ...options, config: { openrouterUrl: s.env.OPENROUTER_URL, openrouterApiKey: KEY, ...options.config } });
const rankingRequests = (s: Simulator = sim) => s.accounting.requests.filter((r) => r.endpoint === 'openrouter.rankings-daily');
const key = (r: { subject: string; observed_at: string }) => `${r.subject} ${r.observed_at}`;

/** What the store keeps: the last write of each fact. */
function latest(rows: Observation[]): Map<string, Observation> {
  const out = new Map<string, Observation>();
  for (const r of rows) out.set(key(r), r);
  return out;
}

/** Every stored (slug, day) equals the simulated ranking of that day, and nothing else is stored. */
function expectMatchesTruth(s: Simulator, ctx: MemoryContext, from: string, to: string) {
  const stored = latest(ctx.rows);
  let expected = 0;
  for (const day of eachDay(from, to)) {
    for (const row of s.world.openrouterDay(day)!) {
      const fact = stored.get(`openrouter:${row.model_permaslug} ${day}`);
      expect(fact?.value, `${row.model_permaslug} ${day}`).toBe(Number(row.total_tokens));
      expected++;
    }
  }
  expect([...stored.values()].filter((r) => r.observed_at >= from && r.observed_at <= to)).toHaveLength(expected);
}

describe('OpenRouter rankings (Data API, rankings-daily)', () => {
  it('first collect stores every day since 2025-01-01 as routed, in two requests of at most 366 days, spaced and with the key as a Bearer', async () => {
    const ctx = context();
    const result = await openrouterSource.collect(ctx);
    expect(ctx.problems).toEqual([]);
    const yesterday = addDays(sim.world.today(), -1);
    expectMatchesTruth(sim, ctx, '2025-01-01', yesterday);
    const asked = rankingRequests();
    expect(asked.map((r) => r.path)).toEqual([
      '/openrouter/datasets/rankings-daily?start_date=2025-01-01&end_date=2026-01-01&period=day',
      '/openrouter/datasets/rankings-daily?start_date=2026-01-02&end_date=2026-11-28&period=day',
    ]);
    expect(asked.every((r) => r.status === 200)).toBe(true);
    expect(Date.parse(asked[1]!.at) - Date.parse(asked[0]!.at)).toBeGreaterThanOrEqual(OPENROUTER_SPACING_MS);
    expect(result?.rateLimitLeft).toBe(498);
    // OpenRouter's as-of time and licence go with every figure
    expect(new Set(ctx.rows.map((r) => r.detail?.licence))).toEqual(new Set(['CC BY 4.0']));
    expect(ctx.rows.every((r) => typeof r.detail?.as_of === 'string' && !Number.isNaN(Date.parse(r.detail.as_of as string)))).toBe(true);
    expect(result?.notes?.join('\n')).toMatch(/Source: OpenRouter \(openrouter\.ai\/rankings\), as of 2026-11-29T12:00:0\d\.\d{3}Z\./);
  });

  it('puts each slug in the family of the first catalog entry that matches, and keeps the rest as unknown and the long tail apart, never dropped', async () => {
    const ctx = context();
    const result = await openrouterSource.collect(ctx);
    const day = '2026-11-20';
    // a slug's facts on any day it was in the top 50 (models drop into the long tail as they age)
    const of = (slug: string) => ctx.rows.find((r) => r.subject === `openrouter:${slug}`)!;
    expect(of('openai/gpt-oss-120b')).toMatchObject({ family: 'gpt', detail: { entry: '/^openai\\/gpt-oss/' } });
    expect(of('openai/gpt-5-2025-08-07')).toMatchObject({ family: 'gpt', detail: { entry: '/^openai\\//' } });
    expect(of('deepseek/deepseek-chat-v3-0324:free')).toMatchObject({ family: 'deepseek' });
    expect(of('google/gemma-3-27b-it')).toMatchObject({ family: 'gemma', detail: { entry: '/^google\\/gemma/' } });
    // xAI, Moonshot and NVIDIA have families of their own
    expect(of('x-ai/grok-code-fast-1')).toMatchObject({ family: 'grok' });
    expect(of('moonshotai/kimi-k2')).toMatchObject({ family: 'kimi' });
    expect(of('nvidia/llama-3.1-nemotron-ultra-253b-v1')).toMatchObject({ family: 'nemotron' });
    // a slug of no catalog family is kept, in no family, with no entry
    const orphan = ctx.rows.find((r) => r.subject.startsWith('openrouter:') && r.subject !== 'openrouter:other' && r.family === '')!;
    expect(orphan).toBeDefined();
    expect(orphan.detail?.entry).toBeUndefined();
    expect(ctx.rows.find((r) => r.subject === 'openrouter:other' && r.observed_at === day)).toMatchObject({ family: '', detail: { long_tail: true } });
    // the day's facts add up to OpenRouter's whole day: the top 50 and the rest
    const truth = sim.world.openrouterDay(day)!;
    expect(truth).toHaveLength(51);
    expect(ctx.rows.filter((r) => r.observed_at === day).reduce((s, r) => s + r.value, 0)).toBe(truth.reduce((s, r) => s + Number(r.total_tokens), 0));

    const match = openrouterMatcher(ctx.catalog);
    const unknown = [...new Set(ctx.rows.filter((r) => r.family === '' && r.subject !== 'openrouter:other').map((r) => r.subject.slice('openrouter:'.length)))];
    expect(unknown.length).toBeGreaterThan(5);
    expect(unknown.every((slug) => match(slug) === null)).toBe(true);
    const notes = result!.notes!.join('\n');
    expect(notes).toMatch(new RegExp(`openrouter: ${unknown.length} model slug\\(s\\) match no catalog entry and count as unknown \\(\\d+\\.\\d% of the tokens\\): [a-z0-9-]+/[^ ]+ \\(`));
    expect(notes).toMatch(/openpulse query openrouter_unmapped/);
    expect(ctx.lines.some((l) => /^source=openrouter unknown=\d+ /.test(l))).toBe(true);
  });

  it('a later run reads the last two stored days again and adds each new day, never a duplicate fact', async () => {
    const ctx = context();
    await openrouterSource.collect(ctx);
    const first = ctx.rows.length;
    sim.accounting.reset();
    await openrouterSource.collect(ctx);
    expect(rankingRequests().map((r) => r.path)).toEqual(['/openrouter/datasets/rankings-daily?start_date=2026-11-27&end_date=2026-11-28&period=day']);
    expect(latest(ctx.rows).size).toBe(first);

    sim.clock.advance(86_400_000);
    sim.accounting.reset();
    await openrouterSource.collect(ctx);
    expect(rankingRequests().map((r) => r.path)).toEqual(['/openrouter/datasets/rankings-daily?start_date=2026-11-27&end_date=2026-11-29&period=day']);
    expectMatchesTruth(sim, ctx, '2025-01-01', '2026-11-29');
    expect(JSON.parse(ctx.stateMap.get('cover')!)).toEqual({ from: '2025-01-01', through: '2026-11-29' });
  });

  it('after the catalog\'s entries change, each run names the stored days mapped by the old ones until a backfill maps them again', async () => {
    const ctx = context();
    await openrouterSource.collect(ctx);
    const stale = /the catalog's OpenRouter entries changed after the days (\S+)\.\.(\S+) were stored.*"openpulse backfill openrouter --since (\S+) --until (\S+)" maps them again/;
    // an entry of its own for Qwen3.6-Plus, before the family's catch-all: the stored days still hold the old mapping
    ctx.catalog = {
      ...ctx.catalog,
      families: ctx.catalog.families.map((f) => (f.id === 'qwen' ? { ...f, openrouter: ['qwen/qwen3.6-plus', ...f.openrouter] } : f)),
    };
    sim.clock.advance(86_400_000);
    const after = await openrouterSource.collect(ctx);
    // the run read 2026-11-27..29 again, so only the days before it are stale
    expect(after?.notes?.join('\n')).toMatch(stale);
    expect(stale.exec(after!.notes!.join('\n'))!.slice(1)).toEqual(['2025-01-01', '2026-11-26', '2025-01-01', '2026-11-26']);
    const newest = ctx.rows.findLast((r) => r.subject === 'openrouter:qwen/qwen3.6-plus')!;
    expect(newest.detail?.entry).toBe('qwen/qwen3.6-plus');
    // the next run says it again; a backfill of the first months leaves the rest named
    sim.clock.advance(86_400_000);
    expect((await openrouterSource.collect(ctx))?.notes?.join('\n')).toMatch(stale);
    const part = await openrouterSource.backfill!(ctx, { since: '2025-01-01', until: '2025-12-31' });
    expect(stale.exec(part!.notes!.join('\n'))!.slice(1, 3)).toEqual(['2026-01-01', '2026-11-26']);
    // a backfill of the rest maps every stored day by the entries of now: nothing more is said
    const done = await openrouterSource.backfill!(ctx, { since: '2026-01-01', until: '2026-11-26' });
    expect(done?.notes?.join('\n')).not.toMatch(/entries changed/);
    expect(JSON.parse(ctx.stateMap.get('mapping')!)).not.toHaveProperty('stale');
    expect((await openrouterSource.collect(ctx))?.notes?.join('\n')).not.toMatch(/entries changed/);
  });

  it('backfill reads the window asked for and says where the dataset begins', async () => {
    const ctx = context();
    const result = await openrouterSource.backfill!(ctx, { since: '2024-06-01', until: '2025-02-10' });
    expect(result?.notes?.join('\n')).toMatch(/OpenRouter's rankings begin on 2025-01-01: nothing before it can be backfilled/);
    expect(rankingRequests().map((r) => r.path)).toEqual(['/openrouter/datasets/rankings-daily?start_date=2025-01-01&end_date=2025-02-10&period=day']);
    expectMatchesTruth(sim, ctx, '2025-01-01', '2025-02-10');
    // early in 2025 fewer than 51 models were routed: no long-tail row on those days
    expect(ctx.rows.some((r) => r.subject === 'openrouter:other' && r.observed_at === '2025-01-01')).toBe(sim.world.openrouterDay('2025-01-01')!.some((r) => r.model_permaslug === 'other'));
  });

  it('a key OpenRouter does not know (401) fails the source with what to do, stores nothing and never prints the key', async () => {
    const own = await startDefaultSimulator({ now: START, openrouterKeys: ['sk-or-v1-the-only-valid-key-0000'] });
    try {
      const ctx = context(own);
      const error = await openrouterSource.collect(ctx).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).status).toBe(401);
      expect((error as UpstreamError).message).toMatch(/OpenRouter refused the API key \(HTTP 401: User not found\.\)/);
      expect((error as OpenPulseError).hint).toMatch(/check OPENROUTER_API_KEY/);
      expect(`${(error as Error).message} ${(error as OpenPulseError).hint} ${ctx.lines.join(' ')}`).not.toContain(KEY);
      expect(ctx.rows).toEqual([]);
      expect(rankingRequests(own)).toHaveLength(1); // a 401 is not retried
    } finally {
      await own.close();
    }
  });

  it('a 429 waits until the X-RateLimit-Reset it names, then goes on', async () => {
    const clock = simulatorClock(sim);
    const ctx = context(sim, { clock });
    sim.faults.add({ match: '/openrouter/datasets/rankings-daily', kind: 'primary-limit', retryAfter: 45, times: 1 });
    await openrouterSource.collect(ctx);
    expect(rankingRequests().map((r) => r.status)).toEqual([429, 200, 200]);
    expect(clock.slept).toContain(45_000);
    expectMatchesTruth(sim, ctx, '2025-01-01', '2026-11-28');
  });

  it("OpenRouter's daily limit: what was answered is stored, the source fails naming the limit, and the next day's run goes on from there", async () => {
    const own = await startDefaultSimulator({ now: START });
    try {
      own.world.openrouterQuota.perDay = 1;
      const ctx = context(own);
      const error = await openrouterSource.collect(ctx).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).status).toBe(429);
      expect((error as Error).message).toMatch(/kept answering 429 \(30 requests a minute per key, 500 a day per account\) for 2026-01-02\.\.2026-11-28/);
      expect((error as OpenPulseError).hint).toMatch(/the collection goes on from 2026-01-02/);
      expectMatchesTruth(own, ctx, '2025-01-01', '2026-01-01');
      expect(JSON.parse(ctx.stateMap.get('cover')!)).toEqual({ from: '2025-01-01', through: '2026-01-01' });

      own.clock.advance(86_400_000);
      await openrouterSource.collect(ctx);
      expectMatchesTruth(own, ctx, '2025-01-01', '2026-11-29');
    } finally {
      await own.close();
    }
  });

  it('a 5xx is retried; one that persists fails the source with the status', async () => {
    const ctx = context();
    sim.faults.add({ match: '/openrouter/datasets/rankings-daily', kind: 'status', status: 502, times: 2 });
    await openrouterSource.collect(ctx);
    expect(rankingRequests().map((r) => r.status)).toEqual([502, 502, 200, 200]);
    expectMatchesTruth(sim, ctx, '2025-01-01', '2026-11-28');

    sim.faults.clear();
    sim.faults.add({ match: '/openrouter/datasets/rankings-daily', kind: 'status', status: 500 });
    sim.clock.advance(86_400_000);
    const before = ctx.rows.length;
    await expect(openrouterSource.collect(ctx)).rejects.toThrow(/answered HTTP 500: \{"error":\{"code":500,"message":"Internal Server Error"\}\} 4 time\(s\)/);
    expect(ctx.rows.length).toBe(before);
  });
});

describe('the simulator answers as the documented exchanges do', () => {
  const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/openrouter');
  const fixture = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as {
    request: { path: string; headers: Record<string, string> };
    response: { status: number; headers: Record<string, string>; body: { data?: Record<string, unknown>[]; meta?: Record<string, unknown>; error?: unknown } };
  };
  const ask = (pathAndQuery: string, headers: Record<string, string> = { authorization: `Bearer ${KEY}` }, s: Simulator = sim) =>
    fetch(`${s.env.OPENROUTER_URL}${pathAndQuery.replace(/^\/api\/v1/, '')}`, { headers });

  it('200: rows of {date, model_permaslug, total_tokens as a decimal string}, top 50 a day and `other` last, and meta', async () => {
    const documented = fixture('rankings-daily-200');
    const answer = await ask(documented.request.path);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { data: Record<string, unknown>[]; meta: Record<string, unknown> };
    expect(Object.keys(body).sort()).toEqual(Object.keys(documented.response.body).sort());
    expect(Object.keys(body.meta).sort()).toEqual(Object.keys(documented.response.body.meta!).sort());
    expect(body.meta).toMatchObject({ version: 'v1', start_date: '2026-11-26', end_date: '2026-11-27' });
    for (const row of body.data) {
      expect(Object.keys(row).sort()).toEqual(Object.keys(documented.response.body.data![0]!).sort());
      expect(row.total_tokens).toMatch(/^\d+$/);
    }
    for (const day of ['2026-11-26', '2026-11-27']) {
      const rows = body.data.filter((r) => r.date === day);
      expect(rows).toHaveLength(51);
      expect(rows[50]!.model_permaslug).toBe('other');
      const tokens = rows.slice(0, 50).map((r) => Number(r.total_tokens));
      expect(tokens).toEqual([...tokens].sort((a, b) => b - a));
    }
  });

  it('401 without a key and with a key it does not know; 400 for a span over 366 days; errors as {"error": {code, message}}', async () => {
    const own = await startDefaultSimulator({ now: START, openrouterKeys: [KEY] });
    try {
      for (const name of ['rankings-daily-401-no-key', 'rankings-daily-401-bad-key', 'rankings-daily-400-span']) {
        const documented = fixture(name);
        const headers: Record<string, string> = name.endsWith('no-key') ? {} : { authorization: name.endsWith('bad-key') ? 'Bearer sk-or-v1-revoked' : `Bearer ${KEY}` };
        const answer = await ask(documented.request.path, headers, own);
        expect(answer.status, name).toBe(documented.response.status);
        expect(await answer.json(), name).toEqual(documented.response.body);
      }
    } finally {
      await own.close();
    }
  });

  it('429 past 30 requests a minute, with X-RateLimit-* headers (reset in epoch milliseconds) and no Retry-After; 5xx faults in its error shape', async () => {
    const documented = fixture('rankings-daily-429');
    for (let i = 0; i < 30; i++) expect((await ask('/datasets/rankings-daily?start_date=2026-11-27&end_date=2026-11-27')).status).toBe(200);
    const answer = await ask(documented.request.path);
    expect(answer.status).toBe(429);
    expect(await answer.json()).toEqual(documented.response.body);
    expect(answer.headers.get('retry-after')).toBeNull();
    expect(answer.headers.get('x-ratelimit-limit')).toBe('30');
    expect(answer.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(answer.headers.get('x-ratelimit-reset'))).toBe(Date.parse('2026-11-29T12:01:00Z'));

    sim.faults.add({ match: '/openrouter/*', kind: 'status', status: 500, times: 1 });
    const failed = await ask('/datasets/rankings-daily');
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual(fixture('rankings-daily-500').response.body);
  });
});
