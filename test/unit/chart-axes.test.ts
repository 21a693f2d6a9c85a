// Axes as a reader sees them: the time axis ticks days, weeks, months or years
// to suit the span (never hours), always says the year, and labels one day
// alone with its date; value axes fit what they show (ranks from #1, ratings
// around their data, counts from 0); Chinese dates where the plot says zh.

import { describe, expect, it } from 'vitest';
import { compactNumber, formatDateTick } from '../../charts/format.ts';
import { buildOption, SIZES, textWidth, timeDomain, timeTicks, valueScale, zoomedOption, type Plot, type Point, type Size } from '../../charts/plot.ts';
import { renderPlotSvg } from '../../charts/render.ts';
import { svgGrid, svgTexts, type SvgText } from './chart-svg.ts';

const SIZE_NAMES: Size[] = ['desktop', 'phone'];

function days(from: string, count: number, value: (i: number) => number, every = 1): Point[] {
  const start = new Date(`${from}T12:00:00Z`);
  return Array.from({ length: Math.ceil(count / every) }, (_, k) => {
    const d = new Date(start);
    d.setUTCDate(d.getUTCDate() + k * every);
    return [d.toISOString().slice(0, 10), value(k * every)];
  });
}

function daily(title: string, from: string, count: number, extra: Partial<Plot> = {}): Plot {
  return {
    title,
    subtitle: 'OpenPulse',
    xType: 'time',
    yName: 'stars',
    yFormat: 'number',
    series: [
      { name: 'open', cls: 'open', shade: 0, kind: 'line', data: days(from, count, (i) => 1000 + i * 3) },
      { name: 'closed', cls: 'closed', shade: 0, kind: 'line', data: days(from, count, (i) => 900 + i * 4) },
    ],
    ...extra,
  };
}

/** The time axis' tick labels in the SVG, left to right. */
function xTicks(svg: string): SvgText[] {
  const grid = svgGrid(svg);
  return svgTexts(svg)
    .filter((t) => t.fontSize === 12 && t.y0 > grid.y1 - 6)
    .sort((a, b) => a.x0 - b.x0);
}

/** The value axis' labels in the SVG, top to bottom. */
function yLabels(svg: string): SvgText[] {
  const grid = svgGrid(svg);
  return svgTexts(svg)
    .filter((t) => t.anchor === 'end' && t.x1 <= grid.x0 + 1)
    .sort((a, b) => a.y0 - b.y0);
}

const local = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
};

describe('time ticks', () => {
  const spans: [string, string, string][] = [
    ['three days', '2024-12-30', '2025-01-01'],
    ['ten days', '2024-12-26', '2025-01-04'],
    ['two months', '2024-06-10', '2024-08-10'],
    ['half a year', '2023-07-01', '2023-12-31'],
    ['a year and a bit', '2023-11-15', '2025-01-20'],
    ['three years', '2023-01-01', '2026-01-01'],
    ['twelve years', '2014-03-01', '2026-03-01'],
  ];
  const widths = [SIZES.desktop.width - 80, SIZES.phone.width - 60];

  it.each(spans.flatMap(([name, from, to]) => widths.map((w): [string, string, string, number] => [name, from, to, w])))('%s (%s to %s) over %ipx: midnights only, the year on the first label and each new year, labels clear of each other', (_name, from, to, width) => {
    const ticks = timeTicks(local(from), local(to), width);
    expect(ticks.values.length).toBeGreaterThanOrEqual(2);
    for (const [i, t] of ticks.values.entries()) {
      const d = new Date(t);
      expect(d.getHours() * 60 + d.getMinutes(), `tick ${i} is not at midnight`).toBe(0);
      expect(ticks.labels[i]).not.toMatch(/:/);
      const newYear = i === 0 || new Date(ticks.values[i - 1]!).getFullYear() !== d.getFullYear();
      if (newYear) expect(ticks.labels[i]).toContain(String(d.getFullYear()));
    }
    // Each label's box, centred on its tick or, at the ends, starting or ending there: in order, apart, on the axis.
    const at = (t: number) => ((t - local(from)) / (local(to) - local(from))) * width;
    const boxes = ticks.values.map((t, i) => {
      const w = textWidth(ticks.labels[i]!);
      const align = i === 0 && ticks.alignFirst ? 'left' : i === ticks.values.length - 1 && ticks.alignLast ? 'right' : 'center';
      const l = align === 'left' ? at(t) : align === 'right' ? at(t) - w : at(t) - w / 2;
      return { l, r: l + w };
    });
    expect(boxes[0]!.l).toBeGreaterThanOrEqual(-0.01);
    expect(boxes.at(-1)!.r).toBeLessThanOrEqual(width + 0.01);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.l - boxes[i - 1]!.r).toBeGreaterThanOrEqual(8);
  });

  it('ticks days for days, months for months, years for many years', () => {
    expect(timeTicks(local('2024-12-30'), local('2025-01-02'), 700).unit).toBe('day');
    expect(timeTicks(local('2023-07-01'), local('2023-12-31'), 700).unit).toBe('month');
    expect(timeTicks(local('2014-03-01'), local('2026-03-01'), 700).unit).toBe('year');
    expect(timeTicks(local('2023-07-01'), local('2023-12-31'), 700).labels.slice(0, 2)).toEqual(['Jul 2023', 'Aug']);
  });

  it('writes Chinese dates for zh', () => {
    expect(timeTicks(local('2023-07-01'), local('2023-12-31'), 700, 'zh').labels.slice(0, 2)).toEqual(['2023年7月', '8月']);
    expect(timeTicks(local('2014-03-01'), local('2026-03-01'), 700, 'zh').labels[0]).toMatch(/^\d{4}年$/);
  });
});

describe('formatDateTick', () => {
  const date = { year: 2024, month: 6, day: 3 };
  it.each([
    ['day', true, 'en', '3 Jul 2024'],
    ['day', false, 'en', '3 Jul'],
    ['month', true, 'en', 'Jul 2024'],
    ['month', false, 'en', 'Jul'],
    ['year', true, 'en', '2024'],
    ['day', true, 'zh', '2024年7月3日'],
    ['day', false, 'zh', '7月3日'],
    ['month', true, 'zh', '2024年7月'],
    ['month', false, 'zh', '7月'],
    ['year', false, 'zh', '2024年'],
  ] as const)('%s, with year %s, %s: %s', (unit, withYear, lang, expected) => {
    expect(formatDateTick(date, unit, withYear, lang)).toBe(expected);
  });
});

describe('the time axis in the SVG', () => {
  it.each(SIZE_NAMES)('at %s width: daily data over three days ticks days, never hours', (size) => {
    const labels = xTicks(renderPlotSvg(daily('Three days', '2024-07-02', 3), size)).map((t) => t.text);
    expect(labels.length).toBeGreaterThanOrEqual(1);
    expect(labels[0]).toMatch(/^\d{1,2} Jul 2024$/);
    for (const label of labels) expect(label).not.toMatch(/:|^\d\d$/);
  });

  it.each(SIZE_NAMES)('at %s width: July to December of 2023 and of 2026 read differently', (size) => {
    const of2023 = xTicks(renderPlotSvg(daily('2023', '2023-07-01', 184), size)).map((t) => t.text);
    const of2026 = xTicks(renderPlotSvg(daily('2026', '2026-07-01', 184), size)).map((t) => t.text);
    expect(of2023[0]).toMatch(/2023$/);
    expect(of2026[0]).toMatch(/2026$/);
    expect(of2023.join(' ')).not.toContain('2026');
  });

  it.each(SIZE_NAMES)('at %s width: three years tick by month or year, each year named', (size) => {
    const labels = xTicks(renderPlotSvg(daily('Three years', '2023-01-01', 1096), size)).map((t) => t.text);
    for (const year of ['2024', '2025']) expect(labels.some((l) => l.includes(year)), `${year} in ${labels.join(', ')}`).toBe(true);
    expect(labels.every((l) => /^(\w{3}( \d{4})?|\d{4})$/.test(l)), labels.join(', ')).toBe(true);
  });

  it.each(SIZE_NAMES)('at %s width: one day alone is the one tick, with its year, in a padded range', (size) => {
    const plot: Plot = { ...daily('One day', '2024-08-02', 1), series: [{ name: 'repo', cls: 'open', shade: 0, kind: 'scatter', data: [['2024-08-02', 120]] }] };
    expect(xTicks(renderPlotSvg(plot, size)).map((t) => t.text)).toEqual(['2 Aug 2024']);
    const domain = timeDomain(plot)!;
    expect(domain.from).toBeLessThan(local('2024-08-02'));
    expect(domain.to).toBeGreaterThan(local('2024-08-02'));
    expect(xTicks(renderPlotSvg({ ...plot, lang: 'zh' }, size)).map((t) => t.text)).toEqual(['2024年8月2日']);
  });

  it.each(SIZE_NAMES)('at %s width: lang zh writes the dates in Chinese and the same numbers in Chinese units', (size) => {
    const plot = daily('Chinese', '2023-07-01', 400);
    const en = renderPlotSvg(plot, size);
    const zh = renderPlotSvg({ ...plot, lang: 'zh' }, size);
    expect(xTicks(zh).map((t) => t.text).every((t) => /^(\d{4}年)?(\d{1,2}月)?$/.test(t) && /年|月/.test(t))).toBe(true);
    expect(xTicks(zh)[0]!.text).toMatch(/^\d{4}年/);
    expect(xTicks(en).map((t) => t.text).join(' ')).not.toMatch(/年|月/);
    // The same ticks, counted as Chinese counts: 万 (10⁴) and 亿 (10⁸), never k, M or B.
    const amount = (text: string) => {
      const [, n, unit] = /^(-?[\d.]+)(k|M|B|万|亿)?$/.exec(text)!;
      return Number(n) * ({ k: 1e3, M: 1e6, B: 1e9, 万: 1e4, 亿: 1e8 }[unit ?? ''] ?? 1);
    };
    const zhLabels = yLabels(zh).map((t) => t.text);
    expect(zhLabels.join(' ')).not.toMatch(/[kMB]/);
    expect(zhLabels.map(amount)).toEqual(yLabels(en).map((t) => amount(t.text)));
  });

  it('counts large values in 万 and 亿 in Chinese', () => {
    expect(compactNumber(15_000, 'zh')).toBe('1.5万');
    expect(compactNumber(9_999, 'zh')).toBe('9999');
    expect(compactNumber(360e8, 'zh')).toBe('360亿');
    expect(compactNumber(15_000)).toBe('15k');
  });

  it('counts trillions as T and 万亿: a day of routed tokens is not "1800B"', () => {
    expect(compactNumber(1.8e12)).toBe('1.8T');
    expect(compactNumber(999e9)).toBe('999B');
    expect(compactNumber(1.8e12, 'zh')).toBe('1.8万亿');
    expect(compactNumber(9_999e8, 'zh')).toBe('9999亿');
  });

  it('the browser\'s option ticks the same way, in the plot\'s language, and retics a zoomed window in days', () => {
    const plot: Plot = { ...daily('Three years', '2023-01-01', 1096), lang: 'zh' };
    const option = buildOption(plot, { size: 'desktop', interactive: true }) as { xAxis: { axisLabel: { customValues: number[]; formatter: (v: number) => string } } };
    const { customValues, formatter } = option.xAxis.axisLabel;
    expect(customValues.length).toBeGreaterThanOrEqual(3);
    expect(formatter(customValues[0]!)).toMatch(/^\d{4}年/);
    const zoomed = zoomedOption(plot, { size: 'desktop', interactive: true }, [local('2024-03-01'), local('2024-03-10')]) as { xAxis: { axisLabel: { customValues: number[]; formatter: (v: number) => string } }; yAxis: { min: number; max: number } };
    const labels = zoomed.xAxis.axisLabel.customValues.map(zoomed.xAxis.axisLabel.formatter);
    expect(labels[0]).toMatch(/^2024年3月\d+日$/);
    expect(labels.length).toBeGreaterThanOrEqual(3);
  });

  it('fits the value axis to the zoomed window', () => {
    // Ratings rising from 1100 to about 1350 over three years: the first ten days span a few points.
    const plot: Plot = { ...daily('Elo', '2023-01-01', 1096), yName: 'Elo' };
    plot.series = plot.series.map((s) => ({ ...s, data: days('2023-01-01', 1096, (d) => 1100 + d * 0.25) }));
    const whole = valueScale(plot)!;
    const zoomed = (zoomedOption(plot, { size: 'desktop', interactive: true }, [local('2023-01-01'), local('2023-01-10')]) as { yAxis: { min: number; max: number } }).yAxis;
    expect(zoomed.max - zoomed.min).toBeLessThan((whole.max - whole.min) / 4);
    expect(zoomed.min).toBeLessThanOrEqual(1100);
    expect(zoomed.max).toBeGreaterThanOrEqual(1102);
  });

  it('plans the ticks for the frame the browser draws in, not only the build\'s width', () => {
    const plot = daily('Ten days', '2024-12-26', 10);
    const ticks = (width: number) => (buildOption(plot, { size: 'desktop', interactive: true, pixels: { width, height: 380 } }) as { xAxis: { axisLabel: { customValues: number[] } } }).xAxis.axisLabel.customValues.length;
    expect(ticks(560)).toBeLessThan(ticks(800));
  });
});

describe('value axes', () => {
  const rank: Plot = {
    title: 'Best rank',
    subtitle: 'OpenPulse',
    xType: 'time',
    yName: 'best rank',
    yFormat: 'rank',
    yInverse: true,
    series: [
      { name: 'closed', cls: 'closed', shade: 0, kind: 'line', data: days('2023-05-08', 700, () => 1, 14) },
      { name: 'open', cls: 'open', shade: 0, kind: 'line', data: days('2023-05-08', 700, (d) => 27 - Math.floor(d / 30), 14) },
    ],
  };

  it.each(SIZE_NAMES)('at %s width: ranks run from #1 at the top, whole places only, the name above the plot', (size) => {
    const svg = renderPlotSvg(rank, size);
    const labels = yLabels(svg).map((t) => t.text);
    expect(labels[0]).toBe('#1');
    expect(labels).not.toContain('#0');
    for (const label of labels) expect(label).toMatch(/^#[1-9]\d*$/);
    expect(Number(labels.at(-1)!.slice(1))).toBeGreaterThanOrEqual(27);
    const name = svgTexts(svg).find((t) => t.text === 'best rank')!;
    expect(name.y1).toBeLessThanOrEqual(svgGrid(svg).y0);
  });

  it('few ranks tick every place', () => {
    expect(valueScale({ ...rank, series: [{ ...rank.series[0]!, data: [['2024-01-01', 1], ['2024-02-01', 3]] }] })!.ticks).toEqual([1, 2, 3]);
    expect(valueScale({ ...rank, series: [{ ...rank.series[0]!, data: [['2024-01-01', 1]] }] })!.ticks).toEqual([1, 2]);
  });

  it.each(SIZE_NAMES)('at %s width: Elo ratings fit their data instead of starting at 0', (size) => {
    const elo: Plot = { ...daily('Best Elo', '2023-05-01', 700), yName: 'Elo' };
    elo.series = elo.series.map((s, i) => ({ ...s, data: days('2023-05-01', 700, (d) => 1100 + i * 80 + d * 0.35, 14) }));
    const values = yLabels(renderPlotSvg(elo, size)).map((t) => t.text);
    expect(values).not.toContain('0');
    const lowest = valueScale(elo)!.min;
    expect(lowest).toBeGreaterThanOrEqual(1000);
    expect(lowest).toBeLessThanOrEqual(1100);
    expect(valueScale(elo)!.max).toBeGreaterThanOrEqual(1100 + 80 + 700 * 0.35);
  });

  it('counts start at 0, differences keep their zero, shares run to 100%', () => {
    const counts = daily('Stars', '2024-01-01', 300);
    expect(valueScale(counts)!.min).toBe(0);
    expect(yLabels(renderPlotSvg(counts, 'desktop')).at(-1)!.text).toBe('0');
    const gap: Plot = { ...counts, yName: 'rating points', series: [{ ...counts.series[0]!, data: [['2024-01-01', 60], ['2024-02-01', 80]] }] };
    expect(valueScale(gap)!.min).toBe(0);
    const negative: Plot = { ...gap, series: [{ ...gap.series[0]!, data: [['2024-01-01', -105], ['2024-02-01', 190]] }] };
    expect(valueScale(negative)!.min).toBeLessThanOrEqual(-105);
    expect(valueScale(negative)!.ticks).toContain(0);
    const share: Plot = { ...counts, yFormat: 'percent', series: [{ ...counts.series[0]!, data: [['2024-01-01', 0.2], ['2024-02-01', 0.35]] }] };
    expect([valueScale(share)!.min, valueScale(share)!.max]).toEqual([0, 1]);
  });

  it('a few whole things are not ticked in halves', () => {
    const few: Plot = { ...daily('Repositories', '2024-01-01', 30), series: [{ name: 'open', cls: 'open', shade: 0, kind: 'line', data: [['2024-01-01', 1], ['2024-01-05', 3]] }] };
    expect(valueScale(few)!.ticks.every(Number.isInteger)).toBe(true);
  });

  it('a log axis runs between powers of ten around the data', () => {
    const scale = valueScale(daily('Stars', '2024-01-01', 300), true)!;
    expect(scale.log).toBe(true);
    expect(scale.ticks).toEqual([100, 1000, 10000]);
  });
});
