// The headline answer in words (charts/headline-answer.ts) for one common week: the week said
// once, each figure from another day says so, and a count (Hugging Face derivatives, which
// closed models cannot have) is never written as a share. Rows as headline_answer returns them.

import { describe, expect, it } from 'vitest';
import { headlineAnswer, headlineQuestion, headlineWeek } from '../../charts/headline-answer.ts';
import type { HeadlineAnswerRow } from '../../queries/rows.ts';

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
