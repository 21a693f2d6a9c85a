// The Arena's leaderboard dataset end to end: the simulator answers as the Hub and its dataset
// viewer do (shapes recorded in test/fixtures/arena/), the arena source reads every
// publication once and then only newer ones, `import leaderboard` takes viewer URLs and files,
// and the named queries answer the top of the table and the months open trails closed on
// what was stored, the 2023-07-20 table's counts unchanged.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../collector/config.ts';
import { arenaSource } from '../../collector/sources/arena.ts';
import { importLeaderboards } from '../../collector/sources/leaderboard.ts';
import { ARENA_DATES, arenaSplitRows } from '../../simulators/arena-data.ts';
import { simulatorContext, simulatorPerFile } from '../helpers/simulator-context.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';
import type { MemoryContext } from '../../simulators/memory-context.ts';

const NOW = new Date('2026-11-29T12:00:00Z');
const sim = simulatorPerFile({ now: NOW });
const DATASET = 'lmarena-ai/leaderboard-dataset';
const fixture = async (name: string) => JSON.parse(await readFile(path.join(PROJECT_ROOT, 'test', 'fixtures', 'arena', name), 'utf8')) as Record<string, unknown>;
const arenaContext = (options: Parameters<typeof simulatorContext>[1] = {}) =>
  simulatorContext(sim, { ...options, config: { arenaDataset: DATASET, hfDatasetsServerUrl: sim.env.HF_DATASETS_SERVER_URL, ...options.config } });
const requests = (endpoint: string) => sim.accounting.requests.filter((r) => r.endpoint === endpoint);
const MONTH_DAYS = 30.436875;
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

describe('the simulated Hub and dataset viewer answer as the real ones', () => {
  it('the dataset\'s info, file tree, card and (stand-in) Parquet files', async () => {
    const info = (await (await fetch(`${sim.env.HF_ENDPOINT}/api/datasets/${DATASET}`)).json()) as Record<string, unknown>;
    const recorded = await fixture('hub-dataset-info.json');
    expect(Object.keys(info).sort()).toEqual(Object.keys(recorded).sort());
    expect((info.cardData as { configs: { config_name: string }[] }).configs.map((c) => c.config_name)).toContain('text');
    expect(info.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(info.lastModified).toBe('2026-11-20T03:02:16.000Z');

    const tree = (await (await fetch(`${sim.env.HF_ENDPOINT}/api/datasets/${DATASET}/tree/main/text`)).json()) as Record<string, unknown>[];
    const recordedTree = (await fixture('hub-tree-main-image_edit.json')) as unknown as Record<string, unknown>[];
    expect(tree.map((e) => e.path)).toEqual(['text/latest-00000-of-00001.parquet', 'text/full-00000-of-00001.parquet']);
    expect(Object.keys(tree[0]!).sort()).toEqual(Object.keys(recordedTree[0]!).sort());
    const readme = await (await fetch(`${sim.env.HF_ENDPOINT}/datasets/${DATASET}/resolve/main/README.md`)).text();
    expect(readme).toMatch(/^---\nlicense: cc-by-4.0\nconfigs:\n- config_name: text\n/);
    const parquet = await fetch(`${sim.env.HF_ENDPOINT}/datasets/${DATASET}/resolve/main/text/full-00000-of-00001.parquet`);
    expect((await parquet.text()).slice(0, 4)).toBe('PAR1');
    // without a token the Hub cannot tell private from absent
    expect((await fetch(`${sim.env.HF_ENDPOINT}/api/datasets/nobody/nothing`)).status).toBe(401);
  });

  it('/filter and /rows: the recorded answer\'s shape, 100 rows a page, the where predicates, and refusals', async () => {
    const where = encodeURIComponent(`"category"='overall' AND "leaderboard_publish_date">'2026-09-20'`);
    const answer = (await (await fetch(`${sim.env.HF_DATASETS_SERVER_URL}/filter?dataset=${DATASET}&config=text&split=full&where=${where}&offset=0&length=100`)).json()) as Record<string, unknown>;
    const recorded = await fixture('viewer-filter-text-overall.json');
    expect(Object.keys(answer).sort()).toEqual(Object.keys(recorded).sort());
    expect(answer.features).toEqual(recorded.features);
    const rows = answer.rows as { row_idx: number; row: Record<string, unknown>; truncated_cells: string[] }[];
    expect(Object.keys(rows[0]!).sort()).toEqual(['row', 'row_idx', 'truncated_cells']);
    expect(Object.keys(rows[0]!.row)).toEqual(Object.keys((recorded.rows as { row: Record<string, unknown> }[])[0]!.row));
    const truth = arenaSplitRows('text', 'full', '2026-11-29').filter((r) => r.category === 'overall' && r.leaderboard_publish_date > '2026-09-20');
    expect(answer.num_rows_total).toBe(truth.length);
    expect(new Set(rows.map((r) => r.row.leaderboard_publish_date))).toEqual(new Set(['2026-10-20', '2026-11-20']));
    expect(rows.map((r) => r.row)).toEqual(truth.slice(0, 100));

    const page = (await (await fetch(`${sim.env.HF_DATASETS_SERVER_URL}/rows?dataset=${DATASET}&config=text&split=full&offset=100&length=100`)).json()) as { rows: { row_idx: number }[]; num_rows_total: number };
    expect(page.rows.map((r) => r.row_idx)).toEqual(Array.from({ length: 100 }, (_, i) => 100 + i));
    expect(page.num_rows_total).toBe(arenaSplitRows('text', 'full', '2026-11-29').length);
    const viewer = (query: string) => fetch(`${sim.env.HF_DATASETS_SERVER_URL}${query}`);
    expect((await viewer(`/rows?dataset=${DATASET}&config=text&split=full&offset=0&length=101`)).status).toBe(422);
    expect((await viewer(`/filter?dataset=${DATASET}&config=text&split=full&where=${encodeURIComponent('category = overall')}`)).status).toBe(400);
    expect((await viewer(`/rows?dataset=${DATASET}&config=nope&split=full`)).status).toBe(404);
    expect((await viewer(`/rows?dataset=nobody/nothing&config=text&split=full`)).status).toBe(404);
  });
});

describe('the arena source', () => {
  it('reads every publication of the text subset\'s overall category once, then only newer ones', async () => {
    sim.clock.set(new Date('2026-10-25T12:00:00Z'));
    const ctx = arenaContext();
    await arenaSource.collect(ctx);
    expect(ctx.problems).toEqual([]);
    const dates = ARENA_DATES.filter((d) => d <= '2026-10-25');
    expect(dates).toHaveLength(53);
    const elo = ctx.rows.filter((r) => r.metric === 'arena_model_elo');
    expect(new Set(elo.map((r) => r.observed_at))).toEqual(new Set(dates));
    expect(elo).toHaveLength(arenaSplitRows('text', 'full', '2026-10-25').filter((r) => r.category === 'overall').length);
    expect(elo.filter((r) => r.observed_at === '2023-07-20')).toHaveLength(23);
    expect(ctx.rows.every((r) => r.source === 'arena')).toBe(true);
    // one question to the Hub, then the viewer's pages of 100 rows
    expect(requests('hf.other')).toHaveLength(1);
    expect(requests('datasets-server.filter')).toHaveLength(Math.ceil(elo.length / 100));
    expect(ctx.stateMap.get('cursor:text/overall')).toBe('2026-10-20');

    // unchanged: one question to the Hub, no rows read
    sim.accounting.reset();
    const again = arenaContext({ state: ctx.stateMap });
    await arenaSource.collect(again);
    expect(again.rows).toEqual([]);
    expect(requests('datasets-server.filter')).toHaveLength(0);

    // a month later: only the new publication
    sim.clock.set(NOW);
    sim.accounting.reset();
    const later = arenaContext({ state: ctx.stateMap });
    await arenaSource.collect(later);
    expect(new Set(later.rows.map((r) => r.observed_at))).toEqual(new Set(['2026-11-20']));
    expect(requests('datasets-server.filter')).toHaveLength(1);
    expect(ctx.stateMap.get('cursor:text/overall')).toBe('2026-11-20');
  });

  it('a read cut short by the viewer resumes at its next page: nothing read twice, nothing missed', async () => {
    // the viewer answers 503 from the sixth page on: four attempts each, then the run stops
    sim.faults.add({ match: '/datasets-server/filter', kind: 'status', status: 503, after: 5 });
    const first = arenaContext();
    await expect(arenaSource.collect(first)).rejects.toThrow(/the dataset viewer|HTTP 503/);
    const stopped = JSON.parse(first.stateMap.get('resume:text/overall')!) as { offset: number; after: string };
    expect(stopped).toMatchObject({ offset: 500, after: '' });
    expect(first.stateMap.get('cursor:text/overall')).toBeUndefined();
    sim.faults.clear();
    sim.accounting.reset();
    const second = arenaContext({ state: first.stateMap });
    await arenaSource.collect(second);
    const all = arenaSplitRows('text', 'full', '2026-11-29').filter((r) => r.category === 'overall');
    expect(requests('datasets-server.filter')).toHaveLength(Math.ceil(all.length / 100) - 5);
    const read = [...first.rows, ...second.rows].filter((r) => r.metric === 'arena_model_elo');
    expect(read).toHaveLength(all.length);
    expect(new Set(read.map((r) => `${r.subject} ${r.observed_at}`)).size).toBe(all.length);
    expect(second.stateMap.get('cursor:text/overall')).toBe('2026-11-20');
    expect(second.stateMap.get('resume:text/overall')).toBe('');
  });

  it('says which subsets exist when the one asked for is not one', async () => {
    const ctx = arenaContext({ config: { arenaSubset: 'texts' } });
    await expect(arenaSource.collect(ctx)).rejects.toThrow(/the dataset lmarena-ai\/leaderboard-dataset has no subset "texts"/);
  });

  it('is off until ARENA_DATASET is set', () => {
    expect(arenaSource.enabled(sim.world.catalog, simulatorContext(sim).config)).toBe(false);
    expect(arenaSource.enabled(sim.world.catalog, arenaContext().config)).toBe(true);
  });
});

describe('import leaderboard: viewer URLs and files of the dataset\'s rows', () => {
  it('pages through a viewer URL; takes JSON Lines and CSV files; refuses Parquet by name', async () => {
    const ctx = arenaContext();
    const where = encodeURIComponent(`"category"='overall' AND "leaderboard_publish_date"<='2023-12-31'`);
    const fixtures = path.join(PROJECT_ROOT, 'test', 'fixtures', 'arena');
    const result = await importLeaderboards(ctx, [
      `${sim.env.HF_DATASETS_SERVER_URL}/filter?dataset=${DATASET}&config=text&split=full&where=${where}`,
      path.join(fixtures, 'text-overall-2024.jsonl'),
      path.join(fixtures, 'score-columns.csv'),
      `${sim.env.HF_ENDPOINT}/datasets/${DATASET}/resolve/main/text/full-00000-of-00001.parquet`,
    ]);
    expect(result.files).toBe(3);
    const dates = (from: string, to: string) => new Set(ctx.rows.filter((r) => r.metric === 'arena_model_elo' && r.observed_at >= from && r.observed_at <= to).map((r) => r.observed_at));
    expect(dates('2023-01-01', '2023-12-31')).toEqual(new Set(ARENA_DATES.filter((d) => d <= '2023-12-31')));
    expect(dates('2024-08-01', '2024-09-30')).toEqual(new Set(['2024-08-26', '2024-09-17']));
    expect(dates('2026-04-22', '2026-04-22')).toEqual(new Set(['2026-04-22']));
    expect(result.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/row 12: rating "-" of "yi-lightning" on 2024-09-17 is not a rating/),
      expect.stringMatching(/row 13: the interval 1270–1275 of "llama-3\.1-405b-instruct"/),
      expect.stringMatching(/full-00000-of-00001\.parquet: a Parquet file is not read here/),
    ]);
    expect(result.notices).toHaveLength(1);
  });
});

describe('the leaderboard queries on the simulated Arena', () => {
  let t: TestStore;
  let ctx: MemoryContext;
  beforeAll(async () => {
    t = await openTestStore();
    await t.store.syncCatalog(sim.world.catalog, NOW);
    ctx = arenaContext();
    await importLeaderboards(ctx, [`${sim.env.LEADERBOARD_URL}/leaderboard_table_20230720.csv`]);
    await arenaSource.collect(ctx);
    await t.store.insert(ctx.rows, 'run-arena', NOW);
  });
  afterAll(async () => t?.cleanup());

  it('the 2023-07-20 table still counts 40 models: 6 proprietary, 15 open non-commercial, 19 open; the dataset rates 23 of them', async () => {
    const rows = await t.store.query<{ class: string; models: number; best_rank: number; origin: string }>('leaderboard_openness', { from: '2023-07-20', to: '2023-07-20' });
    expect(rows.map((r) => `${r.class} ${r.models} ${r.best_rank} ${r.origin}`)).toEqual(['closed 6 1 table', 'open_noncommercial 15 6 table', 'open 19 16 table', 'unknown 0 null table']);
    const top = await t.store.query<{ position: number; model: string; class: string; rating: number; models: number }>('leaderboard_top_models', { from: '2023-07-20', to: '2023-07-20', top: 6 });
    expect(top.map((r) => `${r.position} ${r.model} ${r.class} ${r.rating}`)).toEqual([
      '1 gpt-4 closed 1206', '2 claude-1 closed 1166', '3 claude-instant-1 closed 1138', '4 gpt-3.5-turbo closed 1130', '5 claude-2 closed 1124', '6 vicuna-33b open_noncommercial 1096',
    ]);
    expect(top[0]!.models).toBe(23);
  });

  it('the newest publication: 2026 models on top, Kimi K3 the best open model at position 5, Claude Opus 4.7 the best closed', async () => {
    const share = await t.store.query<Record<string, unknown>>('leaderboard_top_share', { from: '2026-11-20', to: '2026-11-20' });
    // the top 50 holds one model whose licence string ("NexusFlow") is in no class: counted in the total, not as open
    expect(share.map((r) => `${r.top} ${r.models} ${r.open} ${r.closed} ${r.unknown} ${r.open_share}`)).toEqual(['10 10 1 9 0 0.1', '20 20 4 16 0 0.2', '50 50 21 28 1 0.42']);
    const top = await t.store.query<{ position: number; model: string; class: string; family: string }>('leaderboard_top_models', { from: '2026-11-20', to: '2026-11-20', top: 5 });
    expect(top.map((r) => `${r.position} ${r.model} ${r.class} ${r.family}`)).toEqual([
      '1 claude-opus-4-7-high closed claude', '2 claude-opus-4-6-thinking closed claude', '3 gemini-3.1-pro-preview closed gemini', '4 gemini-3-pro closed gemini', '5 kimi-k3-max open kimi',
    ]);
    const [gap] = await t.store.query<{ best_open: string; best_closed: string; gap: number; gap_lower: number; gap_upper: number; open_position: number }>('leaderboard_best_open_closed', { from: '2026-11-20', to: '2026-11-20' });
    expect(gap).toMatchObject({ best_open: 'kimi-k3-max', best_closed: 'claude-opus-4-7-high', open_position: 5 });
    expect(gap!.gap_lower).toBeLessThan(gap!.gap);
    expect(gap!.gap).toBeLessThan(gap!.gap_upper);
    // the Arena's 2026 key shapes reach their families: a variant in parentheses, NVIDIA's Llama fine-tune
    const best = await t.store.query<{ family: string; best_model: string; class: string }>('leaderboard_family_best', { from: '2026-11-20', to: '2026-11-20', families: ['llama', 'mimo', 'nemotron'] });
    expect(best.map((r) => `${r.family} ${r.best_model} ${r.class}`).sort()).toEqual([
      'llama llama-4-maverick-17b-128e-instruct open', 'mimo mimo-v2-flash (non-thinking) open', 'nemotron nvidia-llama-3.3-nemotron-super-49b-v1.5 open',
    ]);
  });

  it('headline_answer counts the rated models of the newest publication and of the first since Llama 2 alike, not the 2023 table\'s unrated ones', async () => {
    const rows = await t.store.query<Record<string, unknown>>('headline_answer', { as_of: '2026-11-20' });
    const leaderboard = rows.find((r) => r.signal === 'leaderboard')!;
    const rated = async (day: string) => {
      const sides = await t.store.rows<{ side: string; n: number }>('SELECT side, count() AS n FROM leaderboard_models WHERE table_date = {day:Date} GROUP BY side ORDER BY side', { day });
      return (side: string) => Number(sides.find((x) => x.side === side)?.n ?? 0);
    };
    // the newest publication is the dataset's 2026-11-20 one (no table that day): its rated models by side
    const n = await rated('2026-11-20');
    expect(leaderboard).toMatchObject({ now_from: '2026-11-20', open_value: n('open'), closed_value: n('closed'), unclassified: n('unknown') });
    expect(leaderboard.now_share).toBeCloseTo(n('open') / (n('open') + n('closed')), 12);
    // the first publication since 2023-07-18 is 2023-07-20: its rated models too, not the table's 40 listed (34 open)
    const then = await rated('2023-07-20');
    expect(leaderboard).toMatchObject({ since_from: '2023-07-20' });
    expect(then('open') + then('closed')).toBeGreaterThan(0);
    expect(then('open') + then('closed')).toBeLessThan(40);
    expect(leaderboard.then_share).toBeCloseTo(then('open') / (then('open') + then('closed')), 12);
    // the top 20 of the newest publication: 4 open, 16 closed (as leaderboard_top_share says)
    const top20 = rows.find((r) => r.signal === 'leaderboard_top20')!;
    expect(top20).toMatchObject({ shape: 'table', now_from: '2026-11-20', open_value: 4, closed_value: 16, now_share: 0.2 });
  });

  it('leaderboard_gap_months: open led when DeepSeek-R1 arrived; Gemini 2.0 Pro caught up a month later; from November 2025 open trails Gemini 3 Pro', async () => {
    const rows = await t.store.query<Record<string, unknown>>('leaderboard_gap_months');
    const on = (day: string) => rows.find((r) => r.day === day)!;
    expect(rows[0]!.scale_date).toBe('2026-11-20');
    expect(on('2025-01-20')).toMatchObject({ best_open: 'deepseek-r1', closed_best: 'gpt-4o-2024-05-13', open_leads: 1, months: 0, matched_on: null });
    expect(on('2025-02-20')).toMatchObject({ best_open: 'deepseek-r1', matched_by: 'gemini-2.0-pro-exp', matched_on: '2025-02-20', open_leads: 0, months: 0 });
    expect(on('2025-05-20')).toMatchObject({ best_open: 'qwen3-235b-a22b', open_first_seen: '2025-05-20', matched_by: 'gemini-2.0-pro-exp', matched_on: '2025-02-20', months: expect.closeTo(days('2025-02-20', '2025-05-20') / MONTH_DAYS, 9) });
    // each open model that took the lead reached a closed model's past level: Kimi K2 Thinking and GLM-4.7 Gemini 2.5 Pro's (April 2025), Kimi K3 Gemini 3 Pro's (November 2025)
    expect(on('2025-11-20')).toMatchObject({ best_open: 'kimi-k2-thinking-turbo', matched_by: 'gemini-2.5-pro', matched_on: '2025-04-10' });
    expect(on('2026-01-20')).toMatchObject({ best_open: 'glm-4.7', matched_by: 'gemini-2.5-pro', matched_on: '2025-04-10', months: expect.closeTo(days('2025-04-10', '2026-01-20') / MONTH_DAYS, 9) });
    expect(on('2026-11-20')).toMatchObject({ best_open: 'kimi-k3-max', open_first_seen: '2026-08-03', matched_by: 'gemini-3-pro', matched_on: '2025-11-20', open_leads: 0, months: expect.closeTo(days('2025-11-20', '2026-11-20') / MONTH_DAYS, 9) });
    expect(on('2026-11-20').months_low as number).toBeLessThan(on('2026-11-20').months as number);
    for (const r of rows) {
      expect(r.months_low as number).toBeLessThanOrEqual(r.months as number);
      expect(r.months as number).toBeLessThanOrEqual(r.months_high as number);
    }
    // the experimental Llama 4 ("N/A") and models no longer listed have no rating on the newest scale
    expect(on('2025-04-20').unrated).toBeGreaterThan(on('2025-03-20').unrated as number);
  });
});
