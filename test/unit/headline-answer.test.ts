// The headline answer in words (charts/headline-answer.ts) for one common week: the week said
// once, each figure from another day says so, and a count (Hugging Face derivatives, which
// closed models cannot have) is never written as a share. Rows as headline_answer returns them.

import { describe, expect, it } from 'vitest';
import { headlineAnswer, headlineQuestion, headlineWeek } from '../../charts/headline-answer.ts';
import type { HeadlineAnswerRow, OpenRouterShareRow } from '../../queries/rows.ts';

const WEEK = { week_from: '2026-11-23', week_to: '2026-11-29' };

function row(over: Partial<HeadlineAnswerRow>): HeadlineAnswerRow {
  return {
    signal: 'projects', title: 'new GitHub projects', shape: 'stock', ...WEEK,
    now_share: 0.452, now_from: '2026-11-29', now_to: '2026-11-29',
    since_share: 0.234, since_from: '2023-07-18', since_to: '2026-11-29', then_share: 0.25,
    open_value: 234, closed_value: 766, open_now: 452, closed_now: 548, now_by_rung: {}, added_by_rung: {},
    covering: 12, excluded: 2, unclassified: 0,
    source: 'GitHub search', caveat: 'Mentions, not use.',
    ...over,
  };
}

const derivatives = (over: Partial<HeadlineAnswerRow> = {}) =>
  row({
    signal: 'derivatives', title: 'Hugging Face derivatives', shape: 'count',
    now_share: null, since_share: null, then_share: null,
    now_from: '2026-11-29', now_to: '2026-11-29', since_from: '2026-10-05', since_to: '2026-11-29',
    open_value: 3200, closed_value: 0, open_now: 54_300, closed_now: 0,
    now_by_rung: { 'open-weights-restricted': 41_200, 'open-weights-osi': 12_300, 'open-source': 800 },
    added_by_rung: { 'open-weights-restricted': 2000, 'open-weights-osi': 1200 },
    covering: 58, excluded: 3,
    source: 'Hugging Face Hub', caveat: 'Closed models have none.',
    ...over,
  });

describe('the question and the week', () => {
  it('asks a share of every signal with two sides, and a count of the derivatives', () => {
    const q = headlineQuestion('2023-07-18');
    expect(q).toBe(
      "What share of new GitHub projects, GitHub stars gained, package downloads, routed tokens, leaderboard models and the leaderboard's top 20 is open, now and since Llama 2 (2023-07-18), and how many Hugging Face derivatives do open models have?",
    );
    expect(q).not.toMatch(/share of[^?]*derivatives[^?]*is open/);
  });

  it('says the week once, from the rows; says when there is none', () => {
    expect(headlineWeek([row({}), derivatives()])).toBe(
      'Figures for the week of 2026-11-23 to 2026-11-29 (Monday to Sunday): package downloads and routed tokens over its 7 days, every other signal as of its last day; a figure from another day says so.',
    );
    const none = { week_from: null, week_to: null, now_from: null, now_to: null };
    expect(headlineWeek([row(none)])).toBe('No figures yet: no signal has data.');
    // only a leaderboard table: no week, and the table says its own day
    expect(headlineWeek([row(none), row({ ...none, signal: 'leaderboard', shape: 'table', now_from: '2026-11-20', now_to: '2026-11-20' })])).toBe(
      "No week to align on: only leaderboard models and the leaderboard's top 20 have data yet, and each figure says its own day.",
    );
    // rows from before the week was a column: nothing to say
    expect(headlineWeek([row({ week_from: undefined, week_to: undefined })])).toBe('');
  });
});

describe('each figure says its own day where it is not the week\'s', () => {
  it('a stock on the week\'s last day says the day only; on another day, which day it is', () => {
    expect(headlineAnswer(row({}), '2023-07-18').now).toBe('Now: open models hold 45.2% of all repositories counted on 2026-11-29. On 2023-07-18 they held 25.0% (among the searches counted on both days).');
    expect(headlineAnswer(row({ now_from: '2026-11-25', now_to: '2026-11-25' }), '2023-07-18').now).toMatch(/^Now: open models hold 45\.2% of all repositories counted on 2026-11-25, the week's newest day with data\./);
    expect(headlineAnswer(row({ now_from: '2026-10-31', now_to: '2026-10-31' }), '2023-07-18').now).toMatch(/counted on 2026-10-31, the newest day with data by the week's end\./);
    expect(headlineAnswer(row({ now_from: '2026-12-02', now_to: '2026-12-02' }), '2023-07-18').now).toMatch(/counted on 2026-12-02, the first day with data, after the week\./);
  });

  it('a flow is the week\'s 7 days, or says which 7 days it is', () => {
    const flow = { signal: 'downloads' as const, title: 'package downloads', shape: 'flow' as const, now_from: '2026-11-23', then_share: null };
    expect(headlineAnswer(row(flow), '2023-07-18').now).toBe('Now: 45.2% of the downloads in the week (2026-11-23 → 2026-11-29).');
    expect(headlineAnswer(row({ ...flow, now_from: '2026-11-16', now_to: '2026-11-22' }), '2023-07-18').now).toBe("Now: 45.2% of the downloads in 2026-11-16 → 2026-11-22, the newest 7 days with data by the week's end.");
    expect(headlineAnswer(row({ ...flow, now_share: null }), '2023-07-18').now).toBe('Now: no figure, as open and closed packages are not both counted on each day of the week (2026-11-23 → 2026-11-29).');
  });

  it('a leaderboard names the newest table by the week\'s end and its date', () => {
    const table = row({ signal: 'leaderboard', title: 'leaderboard models', shape: 'table', now_share: 0.7, now_from: '2026-11-20', now_to: '2026-11-20', since_share: null, since_from: '2023-07-20', then_share: 0.55, open_value: 70, closed_value: 30 });
    expect(headlineAnswer(table, '2023-07-18').lead).toBe("Open models are 70.0% of leaderboard models in the newest table by the week's end (published 2026-11-20).");
  });
});

describe('a count is never a share', () => {
  it('quotes the open models\' count with its day, its split by rung and its change; says closed models have none', () => {
    const a = headlineAnswer(derivatives(), '2023-07-18');
    expect(a).toEqual({
      signal: 'derivatives',
      title: 'Hugging Face derivatives',
      share: null,
      count: 54_300,
      shareText: '54,300',
      lead: 'Open models had 54,300 Hugging Face derivatives on 2026-11-29. Closed models publish no weights and so have none: there is no open share to state.',
      now: 'By openness: open weights (restricted) 41,200; open weights (OSI) 12,300; open source 800. Change from 2026-10-05 to 2026-11-29: +3,200 (open weights (restricted) +2,000; open weights (OSI) +1,200), among the models counted on both days.',
      coverage: '58 of 61 models counted; 3 start or stop inside the period and are left out of the change.',
      caveat: 'Closed models have none.',
      source: 'Hugging Face Hub',
    });
  });

  it('never writes a share or the words of one, whatever the row says', () => {
    const cases: Partial<HeadlineAnswerRow>[] = [
      {},
      // a share the query should never give a count is not written either
      { now_share: 1, since_share: 1, then_share: 1 },
      { since_from: '2026-11-29', open_value: 0, added_by_rung: {} },
      { now_from: '2026-12-02', now_to: '2026-12-02', since_from: '2026-12-02', since_to: '2026-12-02', open_value: 0, covering: 61, excluded: 0 },
      { since_from: null, covering: 0, excluded: 0 },
      { covering: 0, excluded: 4 },
      { open_now: null, now_to: null, now_from: null, since_from: null, since_to: null, open_value: null, closed_value: null, now_by_rung: {}, covering: 0, excluded: 0 },
    ];
    for (const over of cases) {
      const a = headlineAnswer(derivatives(over), '2023-07-18');
      const text = `${a.shareText} ${a.lead} ${a.now} ${a.coverage}`;
      expect(a.share, JSON.stringify(over)).toBeNull();
      expect(text, JSON.stringify(over)).not.toMatch(/%|no net growth|they held|n\/a|NaN/);
      expect(a.lead).toContain('there is no open share to state');
    }
  });

  it('says why there is no change yet, and where the day is', () => {
    const one = headlineAnswer(derivatives({ now_from: '2026-12-02', now_to: '2026-12-02', since_from: '2026-12-02', since_to: '2026-12-02', open_value: 0, added_by_rung: {}, covering: 61, excluded: 0 }), '2023-07-18');
    expect(one.lead).toBe('Open models had 54,300 Hugging Face derivatives on 2026-12-02, the first day with data, after the week. Closed models publish no weights and so have none: there is no open share to state.');
    expect(one.now).toBe('By openness: open weights (restricted) 41,200; open weights (OSI) 12,300; open source 800. One day of data so far (2026-12-02): no change since Llama 2 to state yet.');
    expect(headlineAnswer(derivatives({ open_now: null, now_to: null }), '2023-07-18')).toMatchObject({ count: null, shareText: 'no figure', now: '' });
  });

  it('derivatives of models classed closed are said, never added', () => {
    const a = headlineAnswer(derivatives({ closed_now: 12 }), '2023-07-18');
    expect(a.count).toBe(54_300);
    expect(a.coverage).toContain('12 derivatives of models classed closed are not added to any figure.');
  });
});

describe('routed tokens say what their share is of', () => {
  const tokens = (over: Partial<HeadlineAnswerRow> = {}) =>
    row({
      signal: 'tokens', title: 'routed tokens', shape: 'flow', now_share: 0.384, now_from: '2026-11-23', now_to: '2026-11-29',
      since_from: '2025-01-01', since_to: '2026-11-29', then_share: null, covering: 4, excluded: 43,
      source: 'OpenRouter', caveat: 'One router.', ...over,
    });
  // openrouter_share's daily rows: 900 tokens on a side, 70 long tail, 30 unmapped a day (1,000 in all)
  const day = (d: string, over: Partial<OpenRouterShareRow> = {}): OpenRouterShareRow => ({
    period_start: d, days: 1, open_tokens: 300, closed_tokens: 600, unknown_tokens: 30, long_tail_tokens: 70, out_of_scope_tokens: 0,
    total_tokens: 1000, open_share: 1 / 3, unknown_share: 0.03, long_tail_share: 0.07, as_of: '', licence: '', citation: '', ...over,
  });
  const week = ['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'].map((d) => day(d));

  it("adds the catalog models' part of all of OpenRouter's tokens over the figure's own days, and what is on neither side", () => {
    // the days outside 11-23..11-29 are not added: 11-22 has 10,000 tokens on a side, which would move every part
    const rows = week.map((r) => (r.period_start === '2026-11-22' ? day('2026-11-22', { open_tokens: 10_000, total_tokens: 10_700 }) : r));
    expect(headlineAnswer(tokens(), '2023-07-18', 'en', rows).coverage).toBe(
      "4 of 47 models counted; 43 start or stop inside the period and are left out. Counted: open 234, closed 766 tokens. Of all the tokens OpenRouter ranked from 2026-11-23 to 2026-11-29, the catalog's models on either side took 90.0%; the rest is on neither side: 7.0% in the long tail beyond each day's top 50, 3.0% for models no catalog entry names.",
    );
    expect(headlineAnswer(tokens(), '2023-07-18', 'zh', rows).coverage).toContain(
      '2026年11月23日至2026年11月29日 OpenRouter 统计的全部 token 中，目录中计入开源或闭源一侧的模型占 90.0%；其余不计入任何一方：每日前 50 名之外的长尾占 7.0%，目录未收录的模型占 3.0%。',
    );
    // catalog models outside the scope (an image model routed through OpenRouter) are named when there are any
    const withImages = week.map((r) => ({ ...r, out_of_scope_tokens: 100, total_tokens: 1100 }));
    expect(headlineAnswer(tokens(), '2023-07-18', 'en', withImages).coverage).toMatch(/took 81\.8%; .*: 6\.4% in the long tail .*, 2\.7% for models no catalog entry names, 9\.1% for the catalog's models outside the scope\.$/);
  });

  it('writes totals of trillions in words, in both languages', () => {
    const big = tokens({ open_value: 1_257_127_403_943_732, closed_value: 1_405_314_997_157_065 });
    expect(headlineAnswer(big, '2023-07-18', 'en').coverage).toContain('Counted: open 1,257.1 trillion, closed 1,405.3 trillion tokens.');
    expect(headlineAnswer(big, '2023-07-18', 'zh').coverage).toContain('开源 1,257.1万亿，闭源 1,405.3万亿。');
  });

  it('says nothing of it without every day of the span, for another signal, or without the rows', () => {
    const gap = week.filter((r) => r.period_start !== '2026-11-25');
    expect(headlineAnswer(tokens(), '2023-07-18', 'en', gap).coverage).not.toMatch(/OpenRouter ranked/);
    expect(headlineAnswer(tokens(), '2023-07-18', 'en').coverage).not.toMatch(/OpenRouter ranked/);
    expect(headlineAnswer(row({}), '2023-07-18', 'en', week).coverage).not.toMatch(/OpenRouter ranked/);
    // a week's row (grain week) is not a day: not added
    expect(headlineAnswer(tokens(), '2023-07-18', 'en', [day('2026-11-23', { days: 7, total_tokens: 7000 })]).coverage).not.toMatch(/OpenRouter ranked/);
  });
});
