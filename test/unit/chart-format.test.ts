// Numbers in both languages: the English formatters write what they always
// wrote, byte for byte; in Chinese the digits are the same, a missing value is
// "—" and percentage points are "个百分点", in tables, tooltips and cited labels.

import { describe, expect, it } from 'vitest';
import { citedLabel, citedSourceShort, type CitedFigure } from '../../charts/cited.ts';
import { formatChange, formatFigure, formatPercentChange, formatPoints, formatRank, formatShare, formatShareChange, formatValue, formats, NO_VALUE, shareChangeBeside } from '../../charts/format.ts';
import { pivotTable, tooltipHtml, type Plot } from '../../charts/plot.ts';

const VALUES = [5600, 1234567, 12.345, 0.5, -10, 0, -0.01, 0.84, -3.25, 0.031, 10.714285714285714, null, undefined, Number.NaN];

describe('the English formatters', () => {
  it('write what they wrote before there was a Chinese', () => {
    expect(VALUES.map(formatValue)).toEqual(['5,600', '1,234,567', '12.3', '0.5', '-10', '0', '-0', '0.8', '-3.3', '0', '10.7', 'n/a', 'n/a', 'n/a']);
    expect([0.84, -3.25, 0].map(formatPoints)).toEqual(['+0.8 pp', '-3.3 pp', '0.0 pp']);
    expect([0.031, -0.0125, null].map(formatShareChange)).toEqual(['+3.1 pp', '-1.3 pp', 'n/a']);
    expect(NO_VALUE).toBe('n/a');
  });

  it('are the English set of formats()', () => {
    const en = formats('en');
    expect(formats()).toBe(en);
    expect(en.none).toBe(NO_VALUE);
    for (const v of VALUES) {
      expect(en.value(v)).toBe(formatValue(v));
      expect(en.change(v)).toBe(formatChange(v));
      expect(en.percentChange(v)).toBe(formatPercentChange(v));
      expect(en.share(v)).toBe(formatShare(v));
      expect(en.points(v)).toBe(formatPoints(v));
      expect(en.shareChange(v)).toBe(formatShareChange(v));
      expect(en.rank(v)).toBe(formatRank(v));
      for (const f of ['number', 'percent', 'rank'] as const) expect(en.figure(v, f)).toBe(formatFigure(v, f));
    }
  });
});

describe('a change of a share beside the two shares', () => {
  it('has one decimal where that agrees with the shares as written, two where it would not', () => {
    // 83.94% → 83.96%: written 83.9% and 84.0%, so not "0.0 pp"
    expect(shareChangeBeside(0.0002, 0.8394, 0.8396)).toBe('+0.02 pp');
    // 83.96% → 84.04%: both written 84.0%, so not "+0.1 pp"
    expect(shareChangeBeside(0.0008, 0.8396, 0.8404)).toBe('+0.08 pp');
    expect(shareChangeBeside(-0.0002, 0.8396, 0.8394, 'zh')).toBe('-0.02 个百分点');
    // agreeing: one decimal, as shareChange writes it
    expect(shareChangeBeside(0.013, 0.769, 0.782)).toBe('+1.3 pp');
    expect(shareChangeBeside(0, 0.5, 0.5)).toBe('0.0 pp');
    expect(shareChangeBeside(0.0001, 0.5, 0.5001)).toBe('0.0 pp');
    expect(shareChangeBeside(null, 0.5, 0.6)).toBe('n/a');
    expect(shareChangeBeside(0.1, null, 0.6, 'zh')).toBe('+10.0 个百分点');
  });
});

describe('totals a reader says aloud', () => {
  it('are in full below a million, in millions, billions and trillions above, signed as changes', () => {
    const en = formats('en');
    expect([519_796_959, 12_002_604.4, 999_999, 1_257_127_403_943_732, 2.5e9, -3.25e12, null].map(en.amount)).toEqual(['519.8 million', '12 million', '999,999', '1,257.1 trillion', '2.5 billion', '-3.3 trillion', 'n/a']);
    expect([1.2e10, -4e9, 5600, 0].map(en.amountChange)).toEqual(['+12 billion', '-4 billion', '+5,600', '0']);
  });

  it('in Chinese are in 万 from 10⁴, 亿 from 10⁸ and 万亿 from 10¹²', () => {
    const zh = formats('zh');
    expect([1_257_127_403_943_732, 519_796_959, 12_002_604, 9_999, null].map(zh.amount)).toEqual(['1,257.1万亿', '5.2亿', '1,200.3万', '9,999', '—']);
    expect(zh.amountChange(3e12)).toBe('+3万亿');
  });
});

describe('the Chinese formatters', () => {
  const zh = formats('zh');

  it('write the same digits, "—" for no value and 个百分点 for points', () => {
    expect(zh.value(5600)).toBe('5,600');
    expect(zh.change(600)).toBe('+600');
    expect(zh.percentChange(10.714)).toBe('+10.7%');
    expect(zh.share(0.5769)).toBe('57.7%');
    expect(zh.points(0.84)).toBe('+0.8 个百分点');
    expect(zh.shareChange(-0.031)).toBe('-3.1 个百分点');
    expect(zh.rank(3)).toBe('#3');
    for (const f of [zh.value, zh.change, zh.percentChange, zh.share, zh.points, zh.shareChange, zh.rank]) {
      expect([null, undefined, Number.NaN].map(f)).toEqual(['—', '—', '—']);
    }
    expect(zh.figure(null, 'percent')).toBe('—');
    expect(zh.none).toBe('—');
  });

  it('write a chart tooltip and data table in the plot language', () => {
    const plot = (lang: 'en' | 'zh'): Plot => ({
      title: 't',
      subtitle: 's',
      xType: 'time',
      yName: '',
      yFormat: 'percent',
      series: [{ name: 'Qwen', cls: 'open', shade: 0, kind: 'line', data: [['2024-01-01', 0.25], ['2024-01-02', null]] }],
      lang,
    });
    const params = (y: number | null) => [{ seriesName: 'Qwen', marker: '', value: ['2024-01-02', y] as [string, number | null], axisValue: '2024-01-02' }];
    expect(tooltipHtml(plot('zh'), params(null))).toContain('<strong>—</strong>');
    expect(tooltipHtml(plot('en'), params(null))).toContain('<strong>n/a</strong>');
    expect(tooltipHtml(plot('zh'), params(0.25))).toContain('<strong>25.0%</strong>');
    expect(pivotTable(plot('zh'), '日期').rows).toEqual([['2024-01-01', '25.0%'], ['2024-01-02', null]]);
  });
});

describe('cited figures in Chinese', () => {
  const figure: CitedFigure = {
    day: '2023-07-19',
    subject: 'search:llama',
    value: 5600,
    qualifier: 'at least',
    derivation: '',
    date_basis: 'inferred',
    date_inferred_from: 'two weeks later',
    source_url: '',
    source_publisher: '',
    source_published: '',
  };

  it('label a cited point without English words of OpenPulse', () => {
    expect(citedLabel(figure, 'LLaMA')).toBe('LLaMA (cited, cited source, 2023-07-19 inferred): 5,600+');
    expect(citedLabel(figure, 'LLaMA', 'zh')).toBe('LLaMA（引用，引用来源，2023-07-19，推断日期）：5,600+');
    expect(citedSourceShort({ source_publisher: 'Huxiu (虎嗅)', source_published: '2023-08' }, 'zh')).toBe('Huxiu 2023-08');
    expect(citedLabel({ ...figure, qualifier: 'about', date_basis: 'stated', source_publisher: 'Huxiu', source_published: '2023-08' }, '通义千问', 'zh')).toBe('通义千问（引用，Huxiu 2023-08，2023-07-19）：约 5,600');
  });
});
