// Report rendering pieces without a store: number formats, layout, Markdown to HTML.

import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../charts/escape.ts';
import { formatChange, formatPercentChange, formatPoints, formatShare, formatValue } from '../../charts/format.ts';
import { markdownToHtml } from '../../collector/report/html.ts';
import { answerIntro, answerItems, headlineRows, highlights, queryCommandLine } from '../../collector/report/layout.ts';
import { headlineAnswer } from '../../charts/headline-answer.ts';
import type { HeadlineAnswerRow } from '../../queries/rows.ts';
import { demoteHeadings } from '../../collector/report/markdown.ts';
import type { GrowthRow, MetricSection, ReportModel } from '../../collector/report/model.ts';

describe('number formats', () => {
  it('writes values with thousands separators, signed changes and one-decimal percentages', () => {
    expect([5600, 1234567, 12.345, 0.5, -10].map(formatValue)).toEqual(['5,600', '1,234,567', '12.3', '0.5', '-10']);
    expect([600, -10, 0, -0.01].map(formatChange)).toEqual(['+600', '-10', '0', '0']);
    expect([10.714285714285714, 7.317073170731708, -20, 0, -0.04, 25541.66, null].map(formatPercentChange)).toEqual(['+10.7%', '+7.3%', '-20.0%', '0.0%', '0.0%', '+25,541.7%', 'n/a']);
    expect([0.5769, 1, null].map(formatShare)).toEqual(['57.7%', '100.0%', 'n/a']);
    expect([0.84, -3.25].map(formatPoints)).toEqual(['+0.8 pp', '-3.3 pp']);
  });
});

function row(key: string, series: 'collected' | 'reference', start: number, end: number, openness = 'open-weights-restricted'): GrowthRow {
  return { key, label: key.toUpperCase(), openness, series, start_day: '2024-01-01', start_value: start, end_day: '2024-01-15', end_value: end, change: end - start, pct_change: start === 0 ? null : (100 * (end - start)) / start };
}

const section: MetricSection = {
  metric: 'projects',
  label: 'GitHub projects',
  unit: 'repositories',
  what: 'repositories',
  families: [row('a', 'collected', 10, 20), row('b', 'reference', 5, 6), row('c', 'collected', 100, 90, 'closed')],
  classes: [row('closed', 'collected', 100, 90, 'closed'), row('open', 'collected', 10, 20, 'open')],
  share: [],
  daily: [],
  shareDaily: [],
  breaks: [],
  notes: [],
};

describe('layout', () => {
  it('orders families by end value, collected before reference, then the open and closed totals', () => {
    expect(headlineRows(section).map((r) => [r.cells[0], r.total, r.reference])).toEqual([
      ['C', false, false],
      ['A', false, false],
      ['B †', false, true],
      ['OPEN', true, false],
      ['CLOSED', true, false],
    ]);
    expect(headlineRows(section)[1]!.cells).toEqual(['A', 'open-weights-restricted', '10', '20', '+10', '+100.0%', '2024-01-01 → 2024-01-15']);
  });

  it('highlights the collected series: open first, then the families that moved most; cited figures never as a movement', () => {
    const model = { metrics: [section], citations: [] } as unknown as ReportModel;
    expect(highlights(model)).toEqual([
      'GitHub projects: open models 10 → 20 (+100.0%); closed models 100 → 90 (-10.0%); A 10 → 20 (+100.0%); C 100 → 90 (-10.0%)',
    ]);
  });

  it('writes the command that reruns a query, leaving out defaults', () => {
    expect(queryCommandLine('growth_by_family', { metric: 'stars', series: 'collected', from: '2024-01-01', families: [] })).toBe('openpulse query growth_by_family --param metric=stars --param from=2024-01-01');
    expect(queryCommandLine('open_share', { families: ['llama', 'gpt'] })).toBe('openpulse query open_share --param families=llama,gpt');
  });
});

describe('Markdown of the collectors\' notes', () => {
  const text = '# Title\n\nSome *mention* of `code` and **bold** <script>alert(1)</script>.\n\n- one item\n  continued\n- [a link](https://example.com/x)\n\n```\n# not a heading <b>\n```';

  it('nests under the report by demoting headings, not inside code fences', () => {
    expect(demoteHeadings(text, 3)).toContain('#### Title');
    expect(demoteHeadings(text, 3)).toContain('```\n# not a heading <b>\n```');
  });

  it('becomes HTML with everything escaped', () => {
    expect(markdownToHtml(text, 3)).toBe(
      [
        '<h4>Title</h4>',
        '<p>Some <em>mention</em> of <code>code</code> and <strong>bold</strong> &lt;script&gt;alert(1)&lt;/script&gt;.</p>',
        '<ul><li>one item continued</li><li><a href="https://example.com/x">a link</a></li></ul>',
        '<pre><code># not a heading &lt;b&gt;</code></pre>',
      ].join('\n'),
    );
  });

  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

function answerRow(over: Partial<HeadlineAnswerRow>): HeadlineAnswerRow {
  return {
    signal: 'projects', title: 'new GitHub projects', shape: 'stock',
    now_share: 0.452, now_from: '2026-12-01', now_to: '2026-12-01',
    since_share: 0.234, since_from: '2023-07-18', since_to: '2026-12-01', then_share: 0.25,
    open_value: 234, closed_value: 766, covering: 12, excluded: 2, unclassified: 0,
    source: 'GitHub search', caveat: 'Mentions, not use.',
    ...over,
  };
}

describe('the headline answer in words', () => {
  it('quotes the share since Llama 2 with its days, the share now, and what it counts and leaves out', () => {
    const a = headlineAnswer(answerRow({}), '2023-07-18');
    expect(a).toEqual({
      signal: 'projects',
      title: 'new GitHub projects',
      share: 0.234,
      count: null,
      shareText: '23.4%',
      // the share is of the 12 searches with data on both ends, and the sentence a reader quotes says so
      lead: 'Open models drew 23.4% of new GitHub projects since Llama 2 (2023-07-18 → 2026-12-01), among the 12 of 14 searches with data on both days.',
      now: 'Now: open models hold 45.2% of all repositories counted on 2026-12-01. On 2023-07-18 they held 25.0% (among the searches counted on both days).',
      coverage: '12 of 14 searches counted; 2 start or stop inside the period and are left out. Added: open +234, closed +766 repositories.',
      caveat: 'Mentions, not use.',
      source: 'GitHub search',
    });
    // another date is named as a date, and a later first day says where the data start
    expect(headlineAnswer(answerRow({ since_from: '2024-02-01' }), '2024-01-01').lead).toBe('Open models drew 23.4% of new GitHub projects from 2024-02-01 to 2026-12-01 (the first day with data since 2024-01-01), among the 12 of 14 searches with data on both days.');
  });

  it('says why there is no number, never 0% or n/a', () => {
    const none = { since_share: null, then_share: null };
    const cases: [Partial<HeadlineAnswerRow>, string][] = [
      [{ ...none, now_share: null, now_from: null, now_to: null, since_from: null, since_to: null, open_value: null, closed_value: null, covering: 0, excluded: 0 }, 'No figure for new GitHub projects since Llama 2: no data has been collected yet.'],
      [{ ...none, since_from: null, covering: 0, excluded: 0 }, 'No figure for new GitHub projects since Llama 2: no data on or after 2023-07-18.'],
      [{ ...none, covering: 0, excluded: 3, open_value: 0, closed_value: 0 }, 'No figure for new GitHub projects since Llama 2: no search has a value on both 2023-07-18 and 2026-12-01, so nothing spans the period.'],
      [{ ...none, open_value: 0, closed_value: -5 }, 'No figure for new GitHub projects since Llama 2: the searches counted on both 2023-07-18 and 2026-12-01 show no net growth between them.'],
      [{ ...none, open_value: 0, closed_value: 40 }, 'No figure for new GitHub projects since Llama 2: only open or only closed searches have a value on both 2023-07-18 and 2026-12-01, so there is nothing to compare.'],
    ];
    for (const [over, lead] of cases) {
      const a = headlineAnswer(answerRow(over), '2023-07-18');
      expect(a.lead).toBe(lead);
      expect(a.share).toBeNull();
      expect(a.shareText).toBe('no figure');
      expect(`${a.lead} ${a.now} ${a.coverage}`).not.toMatch(/\b0\.0%|n\/a|NaN/);
    }
    expect(headlineAnswer(answerRow({ ...none, covering: 0, excluded: 0, now_share: null }), '2023-07-18').coverage).toBe('No searches counted.');
  });

  it('a flow reads "now" as the last 7 days; a leaderboard quotes its newest table and sets unclassified models apart', () => {
    const flow = headlineAnswer(answerRow({ signal: 'downloads', title: 'package downloads', shape: 'flow', now_from: '2026-11-25', since_from: '2025-06-04', then_share: null, covering: 1, excluded: 1 }), '2023-07-18');
    expect(flow.lead).toBe("Open models drew 23.4% of package downloads from 2025-06-04 to 2026-12-01 (the first day with data since Llama 2's release on 2023-07-18), among the 1 of 2 packages with data on both days.");
    // every series covering both ends: nothing to qualify
    expect(headlineAnswer(answerRow({ excluded: 0 }), '2023-07-18').lead).toBe('Open models drew 23.4% of new GitHub projects since Llama 2 (2023-07-18 → 2026-12-01).');
    expect(flow.now).toBe('Now: 45.2% of the downloads in the last 7 days (2026-11-25 → 2026-12-01).');
    expect(flow.coverage).toBe('1 of 2 packages counted; 1 starts or stops inside the period and is left out. Counted: open 234, closed 766 downloads.');
    expect(headlineAnswer(answerRow({ shape: 'flow', now_share: null }), '2023-07-18').now).toBe('Now: no figure, as no open and closed searches are both counted on each of the last 7 days (to 2026-12-01).');

    const table = answerRow({ signal: 'leaderboard', title: 'leaderboard models', shape: 'table', now_share: 0.7, now_from: '2026-11-30', now_to: '2026-11-30', since_share: null, since_from: '2023-07-20', since_to: '2026-11-30', then_share: 0.55, open_value: 70, closed_value: 30, covering: 0, excluded: 0, unclassified: 4 });
    expect(headlineAnswer(table, '2023-07-18')).toMatchObject({
      share: 0.7,
      lead: 'Open models are 70.0% of leaderboard models in the newest table (2026-11-30).',
      now: 'In the first table since Llama 2 (2023-07-20): 55.0%.',
      coverage: '70 open and 30 closed models with a classified licence; 4 models with an unclassified licence left out.',
    });
    expect(headlineAnswer({ ...table, now_share: null, now_to: null, since_from: null, then_share: null }, '2023-07-18').lead).toBe('No figure for leaderboard models: no leaderboard table has been collected or imported yet.');
  });

  it('the report asks the question to its last day, for its families', () => {
    const model = {
      filtered: true,
      families: [{ id: 'a', name: 'Alpha', openness: 'open-source', region: 'US' }],
      answer: { since: '2023-07-18', asOf: '2024-01-15', scope: 'text_models', statement: 'Text models only.', rows: [answerRow({})] },
    } as unknown as ReportModel;
    expect(answerIntro(model)).toBe(
      "What share of new GitHub projects, GitHub stars gained, package downloads, routed tokens, leaderboard models and the leaderboard's top 20 is open, now and since Llama 2 (2023-07-18), and how many Hugging Face derivatives do open models have? Answered to 2024-01-15, whatever the report's window. Families: Alpha only.",
    );
    expect(answerItems(model).map((a) => a.shareText)).toEqual(['23.4%']);
  });
});
