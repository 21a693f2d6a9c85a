// A picture drawn at build time hands ECharts each line on a time axis as one array of numbers
// (plot.ts packedLine): the picture must be the one ECharts draws from the points as they are,
// gaps, daily and weekly stretches, events and direct labels included, and the browser's option
// keeps the points themselves (its tooltips read them).

import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import { buildOption, plotSize, type Plot, type Point, type Size } from '../../charts/plot.ts';
import '../../charts/render.ts';

/** Days from `from`, one every `every` days, a value each (null: no value that day). */
function days(from: string, count: number, value: (i: number) => number | null, every = 1): Point[] {
  const start = new Date(`${from}T12:00:00Z`);
  return Array.from({ length: count }, (_, k) => {
    const d = new Date(start);
    d.setUTCDate(d.getUTCDate() + k * every);
    return [d.toISOString().slice(0, 10), value(k)];
  });
}

/** Weekly points for three years, then daily ones for a year, as a family chart draws them; gaps where a series has no value. */
function familyLike(lines: number): Plot {
  return {
    title: 'Downloads',
    subtitle: 'OpenPulse',
    xType: 'time',
    yName: 'downloads',
    yFormat: 'number',
    series: Array.from({ length: lines }, (_, n) => ({
      name: `package ${n}`,
      cls: n % 2 ? ('closed' as const) : ('open' as const),
      shade: n >> 1,
      kind: 'line' as const,
      data: [
        ...days('2022-11-06', 156, (i) => (i > 40 && i < 44 && n === 0 ? null : 1000 * (n + 1) + i * 13 + (i % 5) * 70), 7),
        ...days('2025-11-30', 365, (i) => (i % 7 === 5 ? 400 : 900) * (n + 1) + i),
      ],
    })),
    events: [{ day: '2024-04-18', label: 'Llama 3' }],
  };
}

/** ECharts' SVG of an option, with the ids and class names it numbers per process made equal. */
function drawn(option: Record<string, unknown>, plot: Plot, size: Size): string {
  const { width, height } = plotSize(plot, size);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option as echarts.EChartsCoreOption);
    return chart.renderToSVGString().replace(/zr\d+-/g, 'zr-').replace(/zr-cls-\d+/g, 'zr-cls');
  } finally {
    chart.dispose();
  }
}

describe('packed lines', () => {
  it.each([
    ['desktop', 2],
    ['phone', 2],
    ['desktop', 12],
    ['phone', 12],
  ] as [Size, number][])('at %s width with %i lines: the same picture as from the points themselves', (size, lines) => {
    const plot = familyLike(lines);
    const option = buildOption(plot, { size, interactive: false }) as { series: Record<string, unknown>[] };
    // The plot's lines come first; after them, with many lines, the legend's "+N more" entry.
    expect(option.series.slice(0, lines).every((s) => s.data instanceof Float64Array)).toBe(true);
    const unpacked = { ...option, series: option.series.map((s, i) => (i < lines ? { ...s, data: plot.series[i]!.data, dimensions: undefined } : s)) };
    const packed = drawn(option, plot, size);
    expect(packed).toContain('<path');
    expect(packed).toBe(drawn(unpacked, plot, size));
  });

  it('in a time zone west of UTC too: a day is the same local midnight ECharts reads', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      // Days no other test draws: plot.ts keeps each day's moment once worked out (in this zone).
      const plot: Plot = { ...familyLike(1), events: [], series: [{ name: 'a', cls: 'open', shade: 0, kind: 'line', data: days('2019-03-01', 40, (i) => 50 + ((i * 7) % 11)) }] };
      const option = buildOption(plot, { size: 'desktop', interactive: false }) as { series: Record<string, unknown>[] };
      expect(drawn(option, plot, 'desktop')).toBe(drawn({ ...option, series: [{ ...option.series[0], data: plot.series[0]!.data, dimensions: undefined }] }, plot, 'desktop'));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('a day without a value is a gap in the line, as null is', () => {
    const plot: Plot = { ...familyLike(1), series: [{ name: 'a', cls: 'open', shade: 0, kind: 'line', data: days('2026-01-01', 9, (i) => (i === 4 ? null : 10 + i)) }] };
    const option = buildOption(plot, { size: 'desktop', interactive: false }) as { series: { data: Float64Array }[] };
    expect(Number.isNaN(option.series[0]!.data[9])).toBe(true);
    const svg = drawn(option, plot, 'desktop');
    // The line is the path with the most segments: its eight points in two stretches of four, three segments each, each stretch starting with a move.
    const paths = [...svg.matchAll(/<path d="(M[^"]*)" fill="none"/g)].map((m) => m[1]!).sort((a, b) => b.split('L').length - a.split('L').length);
    expect(paths[0]!.match(/L/g)).toHaveLength(6);
    expect(paths[0]!.match(/M/g)).toHaveLength(2);
  });

  it('the browser keeps the points, and a chart without a time axis is not packed', () => {
    const plot = familyLike(2);
    const browser = buildOption(plot, { size: 'desktop', interactive: true }) as { series: { data: unknown }[] };
    expect(browser.series.map((s) => s.data)).toEqual(plot.series.map((s) => s.data));
    const bars: Plot = { ...plot, xType: 'category', events: [], series: [{ name: 'a', cls: 'open', shade: 0, kind: 'line', data: [['open', 3], ['closed', 4]] }] };
    const option = buildOption(bars, { size: 'desktop', interactive: false }) as { series: { data: unknown }[] };
    expect(Array.isArray(option.series[0]!.data)).toBe(true);
  });
});
