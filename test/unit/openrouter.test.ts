// The OpenRouter source's pure parts and its rate-limit handling, against the documented
// shapes in test/fixtures/openrouter/ (only the transport is faked).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog, parseCatalog } from '../../collector/catalog.ts';
import { redact } from '../../collector/errors.ts';
import {
  formatTokens,
  openrouterCitation,
  openrouterMatcher,
  openrouterSource,
  OPENROUTER_SPACING_MS,
  parseRankings,
  rankingsUrl,
  rateLimitResetWait,
  windows,
  withoutVariant,
} from '../../collector/sources/openrouter.ts';
import { memoryContext, steppingClock } from '../../simulators/memory-context.ts';
import { catalogYaml, GPT4, LLAMA } from '../helpers/catalogs.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/openrouter');
interface Exchange {
  request: { method: string; path: string; headers: Record<string, string> };
  response: { status: number; headers: Record<string, string>; body: unknown };
}
const exchange = (name: string) => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Exchange;
const respond = (e: Exchange) => new Response(JSON.stringify(e.response.body), { status: e.response.status, headers: e.response.headers });

const CATALOG = parseCatalog(
  catalogYaml(
    { ...LLAMA, openrouter: ['meta-llama/llama-3.3-70b-instruct', '/^meta-llama\\//'] },
    { ...GPT4, openrouter: [{ id: '/^openai\\/gpt-oss/', openness: 'open-weights-osi', licence: 'Apache-2.0' }, '/^openai\\//'] },
    { id: 'deepseek', name: 'DeepSeek', vendor: 'DeepSeek', openness: 'open-weights-osi', region: 'CN', licence: { name: 'MIT', commercial_use: 'allowed' }, openrouter: ['deepseek/deepseek-chat-v3-0324'] },
    // a later family whose pattern also catches OpenAI's slugs: the earlier family wins
    { id: 'catch-all', name: 'Everything', vendor: 'various', openness: 'closed', region: 'US', licence: { name: 'n', commercial_use: 'c' }, openrouter: ['/^(openai|anthropic)\\//'] },
  ),
  'openrouter-unit.yml',
);

describe('rankings-daily answers', () => {
  it('reads the documented shape: rows with tokens from decimal strings, and meta', () => {
    const parsed = parseRankings(exchange('rankings-daily-200').response.body)!;
    expect(parsed.malformed).toEqual([]);
    expect(parsed.rows).toHaveLength(14);
    expect(parsed.rows[0]).toEqual({ date: '2026-11-26', slug: 'anthropic/claude-sonnet-4.5-20250929', tokens: 612843120577 });
    expect(parsed.rows.filter((r) => r.slug === 'other').map((r) => r.tokens)).toEqual([311480992330, 305550128914]);
    expect(parsed.meta).toEqual({ as_of: '2026-11-28T02:00:00.000Z', version: 'v1', start_date: '2026-11-26', end_date: '2026-11-27' });
  });

  it('sets aside rows that are not one {date, model_permaslug, total_tokens}, and repeated day-slug pairs', () => {
    const row = { date: '2026-11-26', model_permaslug: 'openai/gpt-5-2025-08-07', total_tokens: '10' };
    const parsed = parseRankings({
      data: [row, { ...row }, { ...row, model_permaslug: '' }, { ...row, model_permaslug: 'a/b', total_tokens: 'lots' }, { ...row, model_permaslug: 'a/c', total_tokens: '-5' }, { date: '2026-11-26' }, null, { ...row, model_permaslug: 'a/d', total_tokens: 7 }],
      meta: { as_of: '2026-11-27T00:00:00Z' },
    })!;
    expect(parsed.rows.map((r) => [r.slug, r.tokens])).toEqual([['openai/gpt-5-2025-08-07', 10], ['a/d', 7]]);
    expect(parsed.malformed).toHaveLength(6);
    expect(parseRankings({ error: { code: 500, message: 'Internal Server Error' } })).toBeNull();
    expect(parseRankings({ data: [] })!.meta).toBeNull();
  });

  it('asks for a window of days at the configured base URL', () => {
    expect(rankingsUrl('https://openrouter.ai/api/v1', '2025-01-01', '2026-01-01')).toBe('https://openrouter.ai/api/v1/datasets/rankings-daily?start_date=2025-01-01&end_date=2026-01-01&period=day');
    expect(rankingsUrl('http://127.0.0.1:4010/openrouter/', '2026-11-01', '2026-11-02')).toBe('http://127.0.0.1:4010/openrouter/datasets/rankings-daily?start_date=2026-11-01&end_date=2026-11-02&period=day');
  });

  it('splits a window into requests of at most 366 days, oldest first', () => {
    expect(windows('2025-01-01', '2026-11-28')).toEqual([
      { start: '2025-01-01', end: '2026-01-01' },
      { start: '2026-01-02', end: '2026-11-28' },
    ]);
    expect(windows('2026-11-27', '2026-11-28')).toEqual([{ start: '2026-11-27', end: '2026-11-28' }]);
    expect(windows('2026-11-29', '2026-11-28')).toEqual([]);
  });

  it('cites OpenRouter as it asks, with the as-of time', () => {
    expect(openrouterCitation('2026-11-28T02:00:00.000Z')).toBe('Source: OpenRouter (openrouter.ai/rankings), as of 2026-11-28T02:00:00.000Z.');
    expect([formatTokens(1_234_000_000_000), formatTokens(340_400_000_000), formatTokens(5_600_000), formatTokens(12)]).toEqual(['1.2T', '340B', '5.6M', '12']);
  });
});

describe('mapping slugs to catalog families', () => {
  const match = openrouterMatcher(CATALOG);

  it('takes the first matching entry: exact slugs (and their variants) and patterns, in catalog order', () => {
    expect(match('meta-llama/llama-3.3-70b-instruct')).toEqual({ family: 'llama', entry: 'meta-llama/llama-3.3-70b-instruct' });
    expect(match('meta-llama/llama-3.3-70b-instruct:free')).toEqual({ family: 'llama', entry: 'meta-llama/llama-3.3-70b-instruct' });
    expect(match('meta-llama/llama-4-maverick-17b-128e-instruct')).toEqual({ family: 'llama', entry: '/^meta-llama\\//' });
    expect(match('openai/gpt-oss-120b')).toEqual({ family: 'gpt', entry: '/^openai\\/gpt-oss/' });
    expect(match('openai/gpt-5-2025-08-07')).toEqual({ family: 'gpt', entry: '/^openai\\//' });
    expect(match('deepseek/deepseek-chat-v3-0324:free')).toEqual({ family: 'deepseek', entry: 'deepseek/deepseek-chat-v3-0324' });
    expect(match('anthropic/claude-sonnet-4.5-20250929')).toEqual({ family: 'catch-all', entry: '/^(openai|anthropic)\\//' });
    expect(match('OpenAI/GPT-5')).toEqual({ family: 'gpt', entry: '/^openai\\//' });
  });

  it('maps nothing else: unknown slugs and the long-tail row are in no family', () => {
    expect(match('x-ai/grok-code-fast-1')).toBeNull();
    expect(match('nvidia/llama-3.1-nemotron-ultra-253b-v1')).toBeNull();
    expect(match('deepseek/deepseek-chat-v3.1')).toBeNull(); // an exact entry is not a prefix
    expect(match('other')).toBeNull();
    expect(withoutVariant('deepseek/deepseek-r1-0528:free')).toBe('deepseek/deepseek-r1-0528');
    expect(withoutVariant('openai/gpt-4o-2024-05-13')).toBe('openai/gpt-4o-2024-05-13');
  });

  it('maps the default catalog as its families say: gpt-oss open in a closed family, Gemma apart from Gemini, NVIDIA and xAI in their own families', async () => {
    const catalog = await loadCatalog(path.resolve(import.meta.dirname, '../../collector/catalog.yml'));
    const m = openrouterMatcher(catalog);
    // the catalog subject of the entry a slug matches: its class
    const subject = (slug: string) => {
      const hit = m(slug);
      return hit ? catalog.families.flatMap((f) => f.subjects).find((s) => s.family === hit.family && s.key === `openrouter:${hit.entry}`)! : null;
    };
    const openness = (slug: string) => subject(slug)?.openness ?? null;
    expect(m('openai/gpt-oss-120b')?.family).toBe('gpt');
    expect(openness('openai/gpt-oss-120b')).toBe('open-weights-osi');
    expect(openness('openai/gpt-5-2025-08-07')).toBe('closed');
    expect(m('google/gemma-3-27b-it')?.family).toBe('gemma');
    expect(openness('google/gemma-3-27b-it')).not.toBe('closed');
    expect(openness('google/gemini-2.5-flash')).toBe('closed');
    expect(openness('qwen/qwen-plus-2025-07-28')).toBe('closed');
    expect(m('meta-llama/llama-3.3-70b-instruct:free')?.family).toBe('llama');
    expect(m('google/gemini-2.5-flash')?.family).toBe('gemini');
    // NVIDIA's Llama derivatives are Nemotron models, not Meta's
    expect(m('nvidia/llama-3.1-nemotron-ultra-253b-v1')?.family).toBe('nemotron');
    expect(m('x-ai/grok-4')?.family).toBe('grok');
    expect(m('moonshotai/kimi-k2')?.family).toBe('kimi');
    // Kimi K3's weights come under a licence of their own, not K2's modified MIT: the same rung, its own terms
    expect([subject('moonshotai/kimi-k3')?.openness, subject('moonshotai/kimi-k3')?.licence]).toEqual(['open-weights-restricted', expect.stringMatching(/^Kimi K3 License/)]);
    expect(subject('moonshotai/kimi-k2.6')?.licence).toMatch(/^Modified MIT/);
    // Mistral: Medium is API-only; Large 2 (2407, 2411) has weights under the Mistral Research License, Large 3 (2512) under Apache-2.0
    expect(openness('mistralai/mistral-medium-3.1')).toBe('closed');
    expect(openness('mistralai/mistral-large-2411')).toBe('open-weights-restricted');
    expect(openness('mistralai/mistral-large-2512')).toBe('open-weights-osi');
    // Qwen3-Max is API-only; Gemma 4 and GLM-5 are Apache-2.0 and MIT
    expect(openness('qwen/qwen3-max')).toBe('closed');
    expect(openness('qwen/qwen3-235b-a22b-2507')).not.toBe('closed');
    expect(openness('google/gemma-4-31b-it')).toBe('open-weights-osi');
    expect(openness('z-ai/glm-5')).toBe('open-weights-osi');
    // facts keep the entry they matched when collected: Qwen3-Max's stays the one its history was stored under
    expect(m('qwen/qwen3-max')?.entry).toBe('/^qwen\\/qwen3?-(max|plus|turbo)/');
    // Qwen's Plus and Max of every version are API-only (slugs as OpenRouter lists them); its open checkpoints are Apache-2.0
    expect(openness('qwen/qwen3.5-plus-02-15')).toBe('closed');
    expect(openness('qwen/qwen3.6-plus')).toBe('closed');
    expect(openness('qwen/qwen3.7-max')).toBe('closed');
    expect(openness('qwen/qwen3.6-35b-a3b')).toBe('open-weights-osi');
    // Qwen3.8's Max-class model has weights (2026-08-12) under a licence with conditions: no longer API-only
    expect(openness('qwen/qwen3.8-max')).toBe('open-weights-restricted');
    expect(openness('qwen/qwen3.8-2.4t-a95b')).toBe('open-weights-restricted');
    expect(openness('qwen/qwen3.8-plus')).toBe('closed');
    // Mistral Medium 3.5 and Devstral 2 have weights under a modified MIT licence with a revenue threshold; Devstral Small 2 is Apache-2.0
    expect(openness('mistralai/mistral-medium-3.5')).toBe('open-weights-restricted');
    expect(openness('mistralai/devstral-2512')).toBe('open-weights-restricted');
    expect(openness('mistralai/devstral-small-2512')).toBe('open-weights-osi');
    // Mistral Large 4 has weights (a custom licence; model-as-a-service needs a commercial one), under a version or a date
    expect(openness('mistralai/mistral-large-2610')).toBe('open-weights-restricted');
    expect(openness('mistralai/mistral-large-4')).toBe('open-weights-restricted');
    // Meta's Muse Spark is closed, whichever prefix it is routed under; Llama stays open
    expect([m('meta/muse-spark-1.3')?.family, openness('meta/muse-spark-1.3')]).toEqual(['llama', 'closed']);
    expect(openness('meta-llama/muse-spark')).toBe('closed');
    expect(openness('meta/muse-glimmer-30b')).toBe('open-weights-osi');
    expect(openness('meta-llama/llama-4-maverick')).toBe('open-weights-restricted');
    // MiniMax M1 is Apache-2.0; M2.7's weights may not be used commercially; M2.5's may, under a modified MIT licence
    expect(openness('minimax/minimax-m1')).toBe('open-weights-osi');
    expect([subject('minimax/minimax-m2.7')?.openness, subject('minimax/minimax-m2.7')?.noncommercial]).toEqual(['open-weights-restricted', true]);
    expect([subject('minimax/minimax-m2.5')?.openness, subject('minimax/minimax-m2.5')?.noncommercial]).toEqual(['open-weights-restricted', false]);
    // Xiaomi: MiMo-V2-Flash and MiMo-V2.5 have MIT weights; MiMo-V2-Pro and MiMo-V2-Omni are API-only
    expect(m('xiaomi/mimo-v2-flash:free')?.family).toBe('mimo');
    expect(openness('xiaomi/mimo-v2-flash')).toBe('open-weights-osi');
    expect(openness('xiaomi/mimo-v2.5-pro')).toBe('open-weights-osi');
    expect(openness('xiaomi/mimo-v2-pro')).toBe('closed');
    expect(openness('xiaomi/mimo-v2-omni')).toBe('closed');
    expect(m('some-lab/unheard-of-model')).toBeNull();
  });
});

describe('rate limits', () => {
  it("reads OpenRouter's X-RateLimit-Reset in epoch milliseconds, epoch seconds or seconds from now", () => {
    const now = new Date('2026-11-28T02:00:30Z');
    const at = (value: string | null) => rateLimitResetWait(new Headers(value === null ? {} : { 'x-ratelimit-reset': value }), now);
    expect(at(String(Date.parse('2026-11-28T02:01:00Z')))).toBe(30_000);
    expect(at(String(Date.parse('2026-11-28T02:01:00Z') / 1000))).toBe(30_000);
    expect(at('12')).toBe(12_000);
    expect(at(String(Date.parse('2026-11-28T01:00:00Z')))).toBe(0);
    expect(at(null)).toBeUndefined();
    expect(at('soon')).toBeUndefined();
  });

  it('waits for the reset a 429 names, then retries and stores the answer', async () => {
    const clock = steppingClock(new Date('2026-11-28T02:00:30Z'));
    const limited = exchange('rankings-daily-429');
    const ok = exchange('rankings-daily-200');
    const asked: { url: string; at: number; authorization: string | null }[] = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      asked.push({ url: String(input), at: clock.now().getTime(), authorization: new Headers(init?.headers).get('authorization') });
      return respond(asked.length === 1 ? limited : ok);
    }) as typeof globalThis.fetch;
    const ctx = memoryContext({ catalog: CATALOG, clock, fetch, config: { openrouterApiKey: 'sk-or-v1-unit0123456789abcdef', openrouterUrl: 'https://openrouter.invalid/api/v1' } });
    await ctx.state.set('cover', JSON.stringify({ from: '2025-01-01', through: '2026-11-27' }));
    const result = await openrouterSource.collect(ctx);
    expect(asked).toHaveLength(2);
    expect(asked[1]!.at).toBe(Number(limited.response.headers['x-ratelimit-reset']));
    expect(asked.every((a) => a.authorization === 'Bearer sk-or-v1-unit0123456789abcdef')).toBe(true);
    expect(asked[0]!.url).toBe('https://openrouter.invalid/api/v1/datasets/rankings-daily?start_date=2026-11-26&end_date=2026-11-27&period=day');
    expect(ctx.rows).toHaveLength(14);
    expect(ctx.problems).toEqual([]);
    expect(result?.rateLimitLeft).toBe(499);
    expect(ctx.lines.join('\n')).toMatch(/status=429 retry=1\/3 wait_ms=30000/);
    expect(redact('key sk-or-v1-unit0123456789abcdef')).toBe('key [REDACTED]');
  });

  it('spaces its own requests two seconds apart (30 a minute), and stops at 500 a day', async () => {
    const clock = steppingClock(new Date('2026-11-28T12:00:00Z'));
    const at: number[] = [];
    const fetch = (async () => {
      at.push(clock.now().getTime());
      return new Response(JSON.stringify({ data: [], meta: { as_of: clock.now().toISOString(), version: 'v1', start_date: '', end_date: '' } }), { status: 200 });
    }) as typeof globalThis.fetch;
    const config = { openrouterApiKey: 'k', openrouterUrl: 'https://openrouter.invalid/api/v1' };
    const ctx = memoryContext({ catalog: CATALOG, clock, fetch, config });
    await openrouterSource.backfill!(ctx, { since: '2025-01-01' });
    expect(at).toHaveLength(2);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(OPENROUTER_SPACING_MS);

    const spent = memoryContext({ catalog: CATALOG, clock, fetch, config });
    await spent.state.set('requests:2026-11-28', '500');
    const result = await openrouterSource.collect(spent);
    expect(at).toHaveLength(2);
    expect(result?.notes?.join('\n')).toMatch(/made 500 Data API requests today, OpenRouter's limit of 500 a day per account/);
    expect(result?.rateLimitLeft).toBe(0);
  });

  it('is off without a key', () => {
    const ctx = memoryContext({ catalog: CATALOG });
    expect(openrouterSource.enabled(CATALOG, ctx.config)).toBe(false);
    expect(openrouterSource.enabled(CATALOG, { ...ctx.config, openrouterApiKey: 'k' })).toBe(true);
  });
});
