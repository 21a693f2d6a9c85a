// The headline answer is of one week (issue 15): sources end on different days (GitHub on
// Wednesday, npm on Tuesday, OpenRouter on Monday, the newest leaderboard table after the
// week), yet every signal is read for the same ISO week, Monday to Sunday, and says its own
// day where that differs. Hugging Face derivatives, which only open models have, are a count
// split by openness rung and never a share.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../collector/catalog.ts';
import { eachDay } from '../../collector/days.ts';
import type { Observation } from '../../collector/observation.ts';
import type { HeadlineAnswerRow } from '../../queries/rows.ts';
import { headlineAnswer, headlineWeek } from '../../charts/headline-answer.ts';
import { catalogYaml, GPT4, LLAMA } from '../helpers/catalogs.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';

const QWEN = { id: 'qwen', name: 'Qwen', vendor: 'Alibaba', openness: 'open-weights-osi', region: 'CN', licence: { name: 'Apache-2.0', commercial_use: 'allowed' } };
const FIRST = '2026-11-02';

/** One fact a day for a subject, from FIRST to `last`, its value growing by `step` a day. */
function daily(source: Observation['source'], subject: string, family: string, metric: Observation['metric'], last: string, start: number, step = 0): Observation[] {
  return eachDay(FIRST, last).map((observed_at, n) => ({ source, subject, family, metric, observed_at, value: start + n * step }));
}

function snapshots(subject: string, family: string, values: Record<string, number>): Observation[] {
  return Object.entries(values).map(([observed_at, value]) => ({ source: 'huggingface', subject, family, metric: 'hf_derivatives', observed_at, value }));
}

function table(day: string, open: number, closed: number): Observation[] {
  return [
    { source: 'leaderboard', subject: 'arena:open', family: '', metric: 'arena_models', observed_at: day, value: open },
    { source: 'leaderboard', subject: 'arena:closed', family: '', metric: 'arena_models', observed_at: day, value: closed },
  ];
}

const FACTS: Observation[] = [
  // GitHub to Wednesday 2026-12-02
  ...daily('github', 'search:llama in:name', 'llama', 'github_projects', '2026-12-02', 1000, 10),
  ...daily('github', 'search:gpt-4 in:name', 'gpt', 'github_projects', '2026-12-02', 3000, 5),
  ...daily('github', 'repo:meta-llama/llama', 'llama', 'github_stars', '2026-12-02', 50_000, 20),
  ...daily('github', 'repo:openai/openai-python', 'gpt', 'github_stars', '2026-12-02', 20_000, 10),
  // npm to Tuesday 2026-12-01
  ...daily('npm', 'npm:llama-js', 'llama', 'npm_downloads', '2026-12-01', 100),
  ...daily('npm', 'npm:openai', 'gpt', 'npm_downloads', '2026-12-01', 300),
  // OpenRouter to Monday 2026-11-30
  ...daily('openrouter', 'openrouter:meta-llama/llama-3.1-8b', 'llama', 'openrouter_tokens', '2026-11-30', 1_000),
  ...daily('openrouter', 'openrouter:openai/gpt-4o', 'gpt', 'openrouter_tokens', '2026-11-30', 3_000),
  // Hugging Face derivatives, weekly snapshots (Wednesdays); the closed family has none
  ...snapshots('hf:meta-llama/Llama-3.1-8B', 'llama', { '2026-11-18': 900, '2026-11-25': 950, '2026-12-02': 1000 }),
  ...snapshots('hf:Qwen/Qwen3-8B', 'qwen', { '2026-11-18': 200, '2026-11-25': 260, '2026-12-02': 300 }),
  // leaderboard tables: one inside the month, one after the week
  ...table('2026-11-20', 6, 4),
  ...table('2026-12-01', 7, 3),
];

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
  const catalog = parseCatalog(
    catalogYaml(
      { ...LLAMA, github: { search: ['llama in:name'], repos: ['meta-llama/llama'] }, npm: ['llama-js'], huggingface: { models: ['meta-llama/Llama-3.1-8B'] } },
      { ...GPT4, github: { search: ['gpt-4 in:name'], repos: ['openai/openai-python'] }, npm: ['openai'] },
      { ...QWEN, huggingface: { models: ['Qwen/Qwen3-8B'] } },
    ),
    'headline-week.yml',
  );
  await t.store.syncCatalog(catalog, new Date('2026-12-02T12:00:00Z'));
  await t.store.insert(FACTS, 'run-1', new Date('2026-12-02T12:00:00Z'));
});
afterAll(async () => t?.cleanup());

const answer = (as_of: string) => t.store.query<HeadlineAnswerRow>('headline_answer', { as_of });
const bySignal = (rows: HeadlineAnswerRow[], signal: string) => rows.find((r) => r.signal === signal)!;

describe('one week for every signal', () => {
  it('the latest whole ISO week every daily count has: GitHub, npm, OpenRouter and the leaderboard are read for 2026-11-23 to 2026-11-29', async () => {
    const rows = await answer('2026-12-02');
    // the same week on every row, though GitHub has Wednesday, npm Tuesday and OpenRouter Monday
    expect(new Set(rows.map((r) => `${r.week_from} ${r.week_to}`))).toEqual(new Set(['2026-11-23 2026-11-29']));
    // stocks: the week's last day
    expect(bySignal(rows, 'projects')).toMatchObject({ now_from: '2026-11-29', now_to: '2026-11-29', since_from: FIRST, since_to: '2026-11-29' });
    expect(bySignal(rows, 'projects').now_share).toBeCloseTo(1270 / (1270 + 3135), 12);
    expect(bySignal(rows, 'stars')).toMatchObject({ now_to: '2026-11-29' });
    // flows: the week's 7 days, each of them counted
    expect(bySignal(rows, 'downloads')).toMatchObject({ now_from: '2026-11-23', now_to: '2026-11-29', open_now: 700, closed_now: 2100, now_share: 0.25 });
    expect(bySignal(rows, 'tokens')).toMatchObject({ now_from: '2026-11-23', now_to: '2026-11-29', open_now: 7000, closed_now: 21000, now_share: 0.25 });
    // the leaderboard: the newest table on or before the week's end, not the one of 2026-12-01
    expect(bySignal(rows, 'leaderboard')).toMatchObject({ now_from: '2026-11-20', now_to: '2026-11-20', now_share: 0.6, open_value: 6, closed_value: 4 });
  });

  it('a week that has not ended by as_of is not used; nor is a day after as_of', async () => {
    // Saturday 2026-11-28: the week of 11-23 is not over, so the answer is of 11-16 to 11-22
    const rows = await answer('2026-11-28');
    expect(new Set(rows.map((r) => `${r.week_from} ${r.week_to}`))).toEqual(new Set(['2026-11-16 2026-11-22']));
    expect(bySignal(rows, 'projects').now_to).toBe('2026-11-22');
    expect(bySignal(rows, 'downloads')).toMatchObject({ now_from: '2026-11-16', now_to: '2026-11-22' });
    expect(bySignal(rows, 'leaderboard').now_to).toBe('2026-11-20');
  });

  it('says the week once, and each figure from another day says so', async () => {
    const rows = await answer('2026-12-02');
    expect(headlineWeek(rows)).toBe(
      'Figures for the week of 2026-11-23 to 2026-11-29 (Monday to Sunday): package downloads and routed tokens over its 7 days, every other signal as of its last day; a figure from another day says so.',
    );
    const words = Object.fromEntries(rows.map((r) => [r.signal, headlineAnswer(r, '2023-07-18')]));
    expect(words.projects!.now).toMatch(/^Now: open models hold 28\.8% of all repositories counted on 2026-11-29\./);
    expect(words.downloads!.now).toBe('Now: 25.0% of the downloads in the week (2026-11-23 → 2026-11-29).');
    expect(words.leaderboard!.lead).toBe("Open models are 60.0% of leaderboard models in the newest table by the week's end (published 2026-11-20).");
    // the derivatives' newest snapshot in the week is Wednesday's
    expect(words.derivatives!.lead).toContain("on 2026-11-25, the week's newest day with data.");
  });
});

describe('Hugging Face derivatives: a count of open models, never a share', () => {
  it('the open models\' derivatives on the week\'s newest snapshot, by rung, and their change; no share, no closed side', async () => {
    const row = bySignal(await answer('2026-12-02'), 'derivatives');
    expect(row).toMatchObject({
      shape: 'count',
      now_to: '2026-11-25',
      open_now: 1210,
      closed_now: 0,
      now_by_rung: { 'open-weights-restricted': 950, 'open-weights-osi': 260 },
      since_from: '2026-11-18',
      since_to: '2026-11-25',
      open_value: 110,
      added_by_rung: { 'open-weights-restricted': 50, 'open-weights-osi': 60 },
      covering: 2,
      excluded: 0,
      // closed models have none by construction: a share would be 100% of nothing to compare, so there is none
      now_share: null,
      since_share: null,
      then_share: null,
    });
    const words = headlineAnswer(row, '2023-07-18');
    expect(words).toMatchObject({
      share: null,
      count: 1210,
      shareText: '1,210',
      lead: "Open models had 1,210 Hugging Face derivatives on 2026-11-25, the week's newest day with data. Closed models publish no weights and so have none: there is no open share to state.",
      now: 'By openness: open weights (restricted) 950; open weights (OSI) 260. Change from 2026-11-18 to 2026-11-25: +110 (open weights (restricted) +50; open weights (OSI) +60), among the models counted on both days.',
      coverage: '2 of 2 models counted.',
    });
    expect(`${words.shareText} ${words.lead} ${words.now} ${words.coverage}`).not.toMatch(/%|no net growth|they held/);
  });

  it('a store whose only snapshot comes after the week gives it with its day, and no change yet', async () => {
    // as of 2026-11-22 the derivatives' first snapshot (11-18) is inside the week of 11-16 to 11-22 …
    const inside = bySignal(await answer('2026-11-22'), 'derivatives');
    expect(inside).toMatchObject({ now_to: '2026-11-18', since_from: '2026-11-18', open_now: 1100, open_value: 0 });
    expect(headlineAnswer(inside, '2023-07-18').now).toContain('One day of data so far (2026-11-18): no change since Llama 2 to state yet.');
    // … and as of 2026-11-21 the week is 11-09 to 11-15, before it: the first snapshot, after the week, says so
    const after = bySignal(await answer('2026-11-21'), 'derivatives');
    expect(after).toMatchObject({ week_to: '2026-11-15', now_to: '2026-11-18', open_now: 1100, now_share: null });
    expect(headlineAnswer(after, '2023-07-18').lead).toContain('on 2026-11-18, the first day with data, after the week.');
  });
});

describe('the derivatives as a site metric', () => {
  it('metric_by_openness has the open side only, split by the catalog; open_share and headline_figures state no share', async () => {
    const window = { metric: 'derivatives', from: '2026-11-18', to: '2026-11-25' };
    const rows = await t.store.query<{ day: string; openness: string; value: number }>('metric_by_openness', window);
    expect(rows.map((r) => `${r.day} ${r.openness} ${r.value}`)).toEqual(['2026-11-18 open 1100', '2026-11-25 open 1210']);
    expect(await t.store.query('open_share', window)).toEqual([]);
    const figures = await t.store.query<{ metric: string }>('headline_figures', { as_of: '2026-12-02' });
    expect(figures.map((f) => f.metric)).not.toContain('derivatives');
    const compare = await t.store.query<{ family: string; day: string; value: number }>('site_compare_series', window);
    expect(compare.filter((r) => r.day === '2026-11-25').map((r) => `${r.family} ${r.value}`).sort()).toEqual(['llama 950', 'qwen 260']);
  });
});

// last: it adds facts to the store
describe('a daily count that misses a day', () => {
  it('holds the week back for every signal: no share of an incomplete week', async () => {
    // OpenRouter has the whole week of 2026-11-30 to 2026-12-06, npm stops on Tuesday 12-01: the answer stays on 11-23 to 11-29
    const week = eachDay('2026-12-01', '2026-12-06').flatMap((observed_at): Observation[] => [
      { source: 'openrouter', subject: 'openrouter:meta-llama/llama-3.1-8b', family: 'llama', metric: 'openrouter_tokens', observed_at, value: 1_000 },
      { source: 'openrouter', subject: 'openrouter:openai/gpt-4o', family: 'gpt', metric: 'openrouter_tokens', observed_at, value: 3_000 },
    ]);
    await t.store.insert(week, 'run-2', new Date('2026-12-07T12:00:00Z'));
    const rows = await answer('2026-12-07');
    expect(new Set(rows.map((r) => r.week_to))).toEqual(new Set(['2026-11-29']));
    expect(bySignal(rows, 'downloads')).toMatchObject({ now_from: '2026-11-23', now_to: '2026-11-29', now_share: 0.25 });
    expect(bySignal(rows, 'tokens')).toMatchObject({ now_from: '2026-11-23', now_to: '2026-11-29' });
    // GitHub's Wednesday is after the week: the week's last day is read
    expect(bySignal(rows, 'projects').now_to).toBe('2026-11-29');
    // with npm's week whole too, the answer moves to it
    await t.store.insert(
      eachDay('2026-12-02', '2026-12-06').flatMap((observed_at): Observation[] => [
        { source: 'npm', subject: 'npm:llama-js', family: 'llama', metric: 'npm_downloads', observed_at, value: 100 },
        { source: 'npm', subject: 'npm:openai', family: 'gpt', metric: 'npm_downloads', observed_at, value: 300 },
      ]),
      'run-3',
      new Date('2026-12-07T12:00:00Z'),
    );
    const later = await answer('2026-12-07');
    expect(new Set(later.map((r) => r.week_to))).toEqual(new Set(['2026-12-06']));
    expect(bySignal(later, 'projects').now_to).toBe('2026-12-02');
    expect(headlineAnswer(bySignal(later, 'projects'), '2023-07-18').now).toContain("counted on 2026-12-02, the week's newest day with data.");
    // the leaderboard's table of 2026-12-01 is now inside the week
    expect(bySignal(later, 'leaderboard')).toMatchObject({ now_to: '2026-12-01', now_share: 0.7 });
  });
});
