// Report rendering pieces without a store: number formats, layout, Markdown to HTML.

import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../charts/escape.ts';
import { formatChange, formatPercentChange, formatPoints, formatShare, formatValue } from '../../charts/format.ts';
import { markdownToHtml } from '../../collector/report/html.ts';
import { headlineRows, highlights, queryCommandLine } from '../../collector/report/layout.ts';
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

function row(key: string, series: 'collected' | 'reference', start: number, end: number, openness = 'open-weights'): GrowthRow {
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
    expect(headlineRows(section)[1]!.cells).toEqual(['A', 'open-weights', '10', '20', '+10', '+100.0%', '2024-01-01 → 2024-01-15']);
  });

  it('highlights the collected series: open first, then the families that moved most; cited figures never as a movement', () => {
    const model = { metrics: [section], citations: [] } as unknown as ReportModel;
    expect(highlights(model)).toEqual([
      'GitHub projects: open families 10 → 20 (+100.0%); closed families 100 → 90 (-10.0%); A 10 → 20 (+100.0%); C 100 → 90 (-10.0%)',
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
