// Legends, labels and colours as a reader sees them in the build's SVG: no
// text runs into other text, a legend item or the plot, at desktop and phone
// width; many series get a short legend and labels at their lines' ends; the
// shades of a class can be told apart, in light and dark mode.

import { describe, expect, it } from 'vitest';
import { darkColourMap, DARK_INK, INK, OPENNESS_COLOURS, seriesStyle } from '../../charts/palette.ts';
import { buildOption, DIRECT_LABELS, LEGEND_LIMIT, legendPlan, SIZES, spreadLabels, textWidth, type Plot, type PlotSeries, type Point, type Size } from '../../charts/plot.ts';
import { renderPlotSvg } from '../../charts/render.ts';
import { inside, legendItems, overlaps, svgGrid, svgSize, svgTexts, type Box, type SvgText } from './chart-svg.ts';

const SIZE_NAMES: Size[] = ['desktop', 'phone'];

function days(from: string, count: number, value: (i: number) => number, every = 1): Point[] {
  const start = new Date(`${from}T12:00:00Z`);
  return Array.from({ length: Math.ceil(count / every) }, (_, k) => {
    const d = new Date(start);
    d.setUTCDate(d.getUTCDate() + k * every);
    return [d.toISOString().slice(0, 10), value(k * every)];
  });
}

const line = (name: string, cls: 'open' | 'closed', shade: number, data: Point[]): PlotSeries => ({ name, cls, shade, kind: 'line', data });
const dot = (name: string, cls: 'open' | 'closed', shade: number, data: Point[]): PlotSeries => ({ name, cls, shade, kind: 'scatter', data });

const HF_NAMES = ['Llama-2-7b-hf', 'Llama-2-13b-chat-hf', 'Llama-3.1-8B-Instruct', 'Llama-3.3-70B-Instruct', 'Llama-4-Scout-17B-16E-Instruct', 'Meta-Llama-3-8B-Instruct', 'Llama-3.2-1B', 'Llama-3.2-3B-Instruct', 'Llama-Guard-3-8B', 'CodeLlama-7b-hf', 'Llama-2-70b-hf', 'Llama-3.1-405B', 'Llama-3.2-11B-Vision', 'Prompt-Guard-86M', 'Llama-3.1-70B-Instruct', 'llama'];

const PLOTS: Record<string, Plot> = {
  // The Hugging Face chart of one day: sixteen repositories, most of them near zero.
  'one day, sixteen repositories': {
    title: 'LLaMA / Llama 2 / Llama 3 / Llama 4: Hugging Face likes',
    subtitle: 'OpenPulse · Meta · data to 2026-12-02 · SIMULATED DATA',
    xType: 'time',
    yName: 'likes',
    yFormat: 'number',
    series: HF_NAMES.map((n, i) => dot(`meta-llama/${n}`, 'open', i, [['2026-12-02', i < 4 ? 6000 - i * 900 : 40 * i]])),
  },
  // The regression from the issue: legend text ran into the next item's symbol.
  'five repositories with long names': {
    title: 'LLaMA: GitHub stars',
    subtitle: 'OpenPulse · Meta',
    xType: 'time',
    yName: 'stars',
    yFormat: 'number',
    series: ['facebookresearch/llama', 'facebookresearch/llama-recipes', 'meta-llama/llama-models', 'meta-llama/llama-stack', 'meta-llama/codellama'].map((n, i) => line(n, 'open', i, days('2024-01-01', 400, (d) => 1000 * (i + 1) + d * 5, 7))),
  },
  'six families and their cited figures': {
    title: 'GitHub stars: compared',
    subtitle: "OpenPulse · total stars held on the day by each family's catalog repositories",
    xType: 'time',
    yName: 'stars',
    yFormat: 'number',
    series: [
      line('LLaMA / Llama 2 / Llama 3 / Llama 4', 'open', 0, days('2023-02-24', 1300, (d) => 50_000 + d * 50, 7)),
      dot('LLaMA / Llama 2 / Llama 3 / Llama 4 · cited', 'open', 0, [['2023-07-19', 30_000]]),
      line('ChatGLM / GLM', 'open', 1, days('2023-03-14', 1280, (d) => 48_000 + d * 50, 7)),
      dot('ChatGLM / GLM · cited', 'open', 1, [['2023-07-19', 32_000]]),
      line('Qwen (Tongyi Qianwen)', 'open', 2, days('2023-08-03', 1200, (d) => 20_000 + d * 20, 7)),
      line('GPT-4 / GPT-3.5 / ChatGPT / o-series / GPT-5 / gpt-oss', 'closed', 0, days('2022-11-30', 1460, (d) => 60_000 + d * 60, 7)),
      line('Claude', 'closed', 1, days('2023-03-14', 1280, (d) => 45_000 + d * 48, 7)),
      line('PaLM / Gemini', 'closed', 2, days('2023-05-10', 1300, (d) => 10_000 + d * 15, 7)),
    ],
  },
  'best rank by licence class': {
    title: 'Best leaderboard rank by licence class',
    subtitle: 'OpenPulse · LMSYS / LMArena leaderboard tables',
    xType: 'time',
    yName: 'best rank',
    yFormat: 'rank',
    yInverse: true,
    series: [
      line('proprietary', 'closed', 0, days('2023-05-08', 1290, () => 1, 14)),
      dot('proprietary · cited', 'closed', 0, [['2023-08-01', 1]]),
      line('open, non-commercial', 'open', 2, days('2023-05-08', 1290, (d) => 5 + Math.floor(d / 60), 14)),
      dot('open, non-commercial · cited', 'open', 2, [['2023-08-01', 6]]),
      line('open', 'open', 0, days('2023-05-08', 1290, (d) => Math.max(2, 16 - Math.floor(d / 40)), 14)),
    ],
  },
  'six regions': {
    title: 'GitHub projects by region and openness',
    subtitle: "OpenPulse · families' origin region",
    xType: 'time',
    yName: 'projects',
    yFormat: 'number',
    series: ['AE · open', 'CN · closed', 'CN · open', 'EU · open', 'US · closed', 'US · open'].map((n, i) => line(n, n.endsWith('closed') ? 'closed' : 'open', i, days('2023-02-01', 1400, (d) => (i + 1) * d * 4, 7))),
  },
  'sixteen lines of one owner': {
    title: 'Downloads per repository',
    subtitle: 'OpenPulse',
    xType: 'time',
    yName: 'downloads a day',
    yFormat: 'number',
    series: HF_NAMES.map((n, i) => line(`meta-llama/${n}`, i % 3 ? 'open' : 'closed', i, days('2024-01-01', 300, (d) => (i + 1) * 100 + d * (i % 4), 10))),
  },
  // A report's chart: its window, not the data's, and the releases in it marked and named.
  "a report's window with its releases": {
    title: 'GitHub stars: open vs closed families',
    subtitle: 'stars held on the day, 2024-03-01 to 2024-05-31',
    xType: 'time',
    xRange: ['2024-03-01', '2024-05-31'],
    yName: 'stars',
    yFormat: 'number',
    events: [
      { day: '2024-03-01', label: 'Claude 3 (Opus and Sonnet), the first of the window' },
      { day: '2024-04-18', label: 'Llama 3' },
      { day: '2024-04-20', label: 'too close to Llama 3 to be named' },
      { day: '2024-05-13', label: 'GPT-4o' },
    ],
    eventLabels: true,
    series: [line('Open', 'open', 0, days('2024-03-01', 92, (d) => 5000 + d * 20)), line('Closed', 'closed', 0, days('2024-03-01', 92, (d) => 4000 + d * 30)), dot('Open (cited reference)', 'open', 0, [['2024-04-01', 6000]])],
  },
  // A family's chart: backfilled history, collected values from a day near the end on, and a cited figure that day near the top (its label goes left, over the boundary's line).
  "a family's history, its collected values and a cited figure": {
    title: 'LLaMA: GitHub projects',
    subtitle: 'OpenPulse · Meta',
    xType: 'time',
    yName: 'repositories',
    yFormat: 'number',
    events: [{ day: '2026-11-01', label: '此后为采集值', labelAt: 'clear' }],
    eventLabels: true,
    series: [
      line('llama', 'open', 0, days('2023-02-24', 1370, (d) => 100 + d * 4.4, 7)),
      { name: '引用数据', cls: 'open', shade: 1, kind: 'scatter', labelled: true, data: [['2026-11-01', 6200, 'llama: 6,200+ (GitHub)']] },
    ],
  },
  'releases on a timeline': {
    title: 'Model releases',
    subtitle: 'OpenPulse · release events from the catalog',
    xType: 'time',
    yName: '',
    yFormat: 'number',
    yCategories: ['LLaMA / Llama 2 / Llama 3 / Llama 4', 'Claude', 'Qwen (Tongyi Qianwen)'],
    height: 200,
    series: [
      { name: 'open family', cls: 'open', shade: 0, kind: 'scatter', labelled: true, data: [['2023-02-24', 'LLaMA / Llama 2 / Llama 3 / Llama 4', 'LLaMA'], ['2023-07-18', 'LLaMA / Llama 2 / Llama 3 / Llama 4', 'Llama 2'], ['2023-08-01', 'LLaMA / Llama 2 / Llama 3 / Llama 4', 'Llama 2 Long'], ['2025-04-05', 'LLaMA / Llama 2 / Llama 3 / Llama 4', 'Llama 4 Scout and Maverick'], ['2023-08-03', 'Qwen (Tongyi Qianwen)', 'Qwen-7B'], ['2026-11-20', 'Qwen (Tongyi Qianwen)', 'Qwen3.5 with a long release name']] },
      { name: 'closed family', cls: 'closed', shade: 0, kind: 'scatter', labelled: true, data: [['2023-03-14', 'Claude', 'Claude'], ['2023-07-11', 'Claude', 'Claude 2'], ['2023-07-20', 'Claude', 'Claude 2.0 again'], ['2026-11-25', 'Claude', 'Claude Opus 4.5 and more']] },
    ],
  },
};

const key = (t: SvgText) => `${t.text}@${t.tx},${t.ty}`;

describe.each(Object.entries(PLOTS))('the SVG of "%s"', (_name, plot) => {
  it.each(SIZE_NAMES)('at %s width: no text runs into other text, a legend item or the plot, and none leaves the picture', (size) => {
    const svg = renderPlotSvg(plot, size);
    const texts = svgTexts(svg);
    const grid = svgGrid(svg);
    const canvas: Box = { x0: 0, y0: 0, x1: svgSize(svg).width, y1: svgSize(svg).height };
    expect(svgSize(svg)).toEqual({ width: SIZES[size].width, height: plot.height ?? SIZES[size].height });
    const items = legendItems(texts);
    const legend = new Set(items.map(key));
    expect(items.length).toBeGreaterThan(0);

    const problems: string[] = [];
    for (const t of texts) if (!inside(t, canvas)) problems.push(`"${t.text}" leaves the picture`);
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        if (overlaps(texts[i]!, texts[j]!)) problems.push(`"${texts[i]!.text}" overlaps "${texts[j]!.text}"`);
      }
    }
    for (let i = 0; i < items.length; i++) {
      const a = items[i]!;
      if (overlaps(a.item, grid)) problems.push(`legend item "${a.text}" overlaps the plot`);
      if (!inside(a.item, canvas)) problems.push(`legend item "${a.text}" leaves the picture`);
      for (let j = i + 1; j < items.length; j++) if (overlaps(a.item, items[j]!.item)) problems.push(`legend items "${a.text}" and "${items[j]!.text}" overlap`);
      for (const t of texts) if (!legend.has(key(t)) && overlaps(a.item, t)) problems.push(`legend item "${a.text}" overlaps "${t.text}"`);
    }
    // Title, subtitle and the value axis' name sit above the plot.
    for (const t of texts.filter((t) => t.text === plot.yName || t.y1 < grid.y0 - 20)) {
      if (overlaps(t, grid)) problems.push(`"${t.text}" overlaps the plot`);
    }
    expect(problems).toEqual([]);
  });
});

describe('many series', () => {
  const plot = PLOTS['sixteen lines of one owner']!;

  it.each(SIZE_NAMES)('at %s width: the legend keeps the most prominent few and says how many more there are', (size) => {
    const texts = legendItems(svgTexts(renderPlotSvg(plot, size))).map((t) => t.text);
    const shown = texts.filter((t) => !t.startsWith('+'));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(LEGEND_LIMIT);
    expect(texts).toContain(`+${plot.series.length - shown.length} more`);
    // The most prominent: the highest last values first.
    const byLast = [...plot.series].sort((a, b) => (b.data.at(-1)![1] as number) - (a.data.at(-1)![1] as number)).map((s) => s.name);
    expect(shown.map((t) => t.replace(/…$/, ''))).toEqual(byLast.slice(0, shown.length).map((n, i) => n.slice(0, shown[i]!.replace(/…$/, '').length)));
  });

  it.each(SIZE_NAMES)('at %s width: lines are labelled at their ends, in their own colour, without the shared "owner/"', (size) => {
    const svg = renderPlotSvg(plot, size);
    const grid = svgGrid(svg);
    const labels = svgTexts(svg).filter((t) => t.fontSize === 11 && t.x0 > grid.x1 - 2);
    expect(labels.length).toBeGreaterThanOrEqual(LEGEND_LIMIT);
    for (const label of labels) {
      const stem = label.text.replace(/…$/, '');
      const series = plot.series.find((s) => s.name.startsWith(`meta-llama/${stem}`));
      expect(series, label.text).toBeDefined();
      expect(label.text.startsWith('meta-llama/')).toBe(false);
      expect(label.fill).toBe(seriesStyle(series!.cls, series!.shade).color);
    }
  });

  it('a legend of six or fewer shows every series, and no labels at line ends', () => {
    const plot = PLOTS['six regions']!;
    const svg = renderPlotSvg(plot, 'desktop');
    expect(legendItems(svgTexts(svg)).map((t) => t.text)).toEqual(plot.series.map((s) => s.name));
    const option = buildOption(plot, { size: 'desktop', interactive: false }) as { series: { name: string }[] };
    expect(option.series.map((s) => s.name)).not.toContain(DIRECT_LABELS);
  });

  it('the labels series never shows in a tooltip', () => {
    const option = buildOption(plot, { size: 'desktop', interactive: true }) as { series: { name: string }[]; tooltip: { formatter: (p: unknown) => string } };
    expect(option.series.map((s) => s.name)).toContain(DIRECT_LABELS);
    const html = option.tooltip.formatter([
      { seriesName: plot.series[0]!.name, value: ['2024-01-01', 100], marker: '', axisValue: '2024-01-01' },
      { seriesName: DIRECT_LABELS, value: ['2024-01-01', 100], marker: '', axisValue: '2024-01-01' },
    ]);
    expect(html).toContain(`data-series="${plot.series[0]!.name}"`);
    expect(html).not.toContain('direct labels');
  });
});

describe('legend rows', () => {
  it('break where the next entry would not fit, so the plot starts below the last row', () => {
    const plot = PLOTS['five repositories with long names']!;
    const desktop = legendPlan(plot, 'desktop');
    const phone = legendPlan(plot, 'phone');
    expect(phone.rows).toBeGreaterThan(desktop.rows);
    expect(phone.entries.filter((e) => e === '').length).toBe(phone.rows - 1);
    const option = buildOption(plot, { size: 'phone', interactive: false }) as { grid: { top: number } };
    expect(option.grid.top).toBeGreaterThan(phone.bottom);
  });

  it('cut a name too long for a phone row short with "…"', () => {
    const plot: Plot = { ...PLOTS['six regions']!, series: [line('GPT-4 / GPT-3.5 / ChatGPT / o-series / GPT-5 / gpt-oss / and a good many more', 'closed', 0, days('2024-01-01', 30, (d) => d))] };
    const name = legendPlan(plot, 'phone').display[plot.series[0]!.name]!;
    expect(name.endsWith('…')).toBe(true);
    expect(textWidth(name, 12)).toBeLessThanOrEqual(SIZES.phone.width - 16 - 10 - 31);
  });
});

describe('spreadLabels', () => {
  it('keeps labels that are apart where they wish to be', () => {
    expect(spreadLabels([0.1, 0.5, 0.9], 0.1, 0, 1)).toEqual([0.1, 0.5, 0.9]);
  });
  it('spreads a cluster around its middle, keeps the order, and stays within bounds', () => {
    const placed = spreadLabels([0, 0.01, 0.02, 0.03], 0.1, 0.05, 0.95);
    expect(placed[0]).toBeCloseTo(0.05);
    for (let i = 1; i < placed.length; i++) expect(placed[i]! - placed[i - 1]!).toBeGreaterThanOrEqual(0.1 - 1e-9);
    const middle = spreadLabels([0.5, 0.5, 0.5], 0.1, 0, 1);
    expect(middle.map((p) => Number(p.toFixed(6)))).toEqual([0.4, 0.5, 0.6]);
  });
});

describe('text widths', () => {
  // Widths measured in a browser at 12px: DejaVu Sans (what Linux draws for system-ui) and Liberation Sans (Arial's metrics).
  it.each([
    ['facebookresearch/llama', 144.2, 127.8],
    ['meta-llama/Llama-3.3-70B-Instruct', 210.4, 185.2],
    ['GPT-4 / GPT-3.5 / ChatGPT / o-series / GPT-5 / gpt-oss', 320.5, 299.0],
  ])('never fall short of what a reader\'s font draws: "%s"', (text, dejaVu, arial) => {
    expect(textWidth(text, 12)).toBeGreaterThanOrEqual(dejaVu - 0.5);
    expect(textWidth(text, 12)).toBeGreaterThanOrEqual(arial);
  });
  it('count CJK characters a full em', () => {
    expect(textWidth('2024年7月', 12)).toBeGreaterThanOrEqual(2 * 12 + 5 * 0.6 * 12);
  });
});

// ---------------------------------------------------------------------------
// Colour

function channel(c: number): number {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}
function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => channel(parseInt(hex.slice(i, i + 2), 16))) as [number, number, number];
}
function luminance(hex: string): number {
  const [r, g, b] = rgb(hex);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
function lab(hex: string): [number, number, number] {
  const [r, g, b] = rgb(hex);
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
/** CIEDE2000 colour difference: about 2 is just noticeable, 10 plainly different. */
function deltaE(a: string, b: string): number {
  const [L1, a1, b1] = lab(a);
  const [L2, a2, b2] = lab(b);
  const rad = Math.PI / 180;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cb = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cb ** 7 / (Cb ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const h1p = ((Math.atan2(b1, a1p) / rad) + 360) % 360;
  const h2p = ((Math.atan2(b2, a2p) / rad) + 360) % 360;
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) dhp = Math.abs(h2p - h1p) <= 180 ? h2p - h1p : h2p - h1p > 180 ? h2p - h1p - 360 : h2p - h1p + 360;
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * rad);
  const Lbp = (L1 + L2) / 2;
  const Cbp = (C1p + C2p) / 2;
  const hbp = C1p * C2p === 0 ? h1p + h2p : Math.abs(h1p - h2p) <= 180 ? (h1p + h2p) / 2 : h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  const T = 1 - 0.17 * Math.cos((hbp - 30) * rad) + 0.24 * Math.cos(2 * hbp * rad) + 0.32 * Math.cos((3 * hbp + 6) * rad) - 0.2 * Math.cos((4 * hbp - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hbp - 275) / 25) ** 2));
  const Rc = 2 * Math.sqrt(Cbp ** 7 / (Cbp ** 7 + 25 ** 7));
  const Sl = 1 + (0.015 * (Lbp - 50) ** 2) / Math.sqrt(20 + (Lbp - 50) ** 2);
  const Sc = 1 + 0.045 * Cbp;
  const Sh = 1 + 0.015 * Cbp * T;
  const Rt = -Math.sin(2 * dTheta * rad) * Rc;
  return Math.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2 + Rt * (dCp / Sc) * (dHp / Sh));
}

const pairs = <T>(xs: T[]): [T, T][] => xs.flatMap((a, i) => xs.slice(i + 1).map((b): [T, T] => [a, b]));
const shades = (cls: 'open' | 'closed') => Array.from({ length: 6 }, (_, n) => seriesStyle(cls, n).color);
const dark = new Map(darkColourMap());
const LIGHT_BACKGROUND = '#ffffff';
const DARK_BACKGROUND = '#121216';

describe('the palette', () => {
  it('keeps each class\'s own colour first', () => {
    expect(seriesStyle('open', 0).color).toBe(OPENNESS_COLOURS.open);
    expect(seriesStyle('closed', 0).color).toBe(OPENNESS_COLOURS.closed);
  });

  it.each(['open', 'closed'] as const)('gives the six %s shades plainly different colours, light and dark', (cls) => {
    for (const [a, b] of pairs(shades(cls))) expect(deltaE(a, b), `${a} ${b}`).toBeGreaterThanOrEqual(10);
    for (const [a, b] of pairs(shades(cls).map((c) => dark.get(c)!))) expect(deltaE(a, b), `${a} ${b}`).toBeGreaterThanOrEqual(10);
  });

  it('keeps open blue and closed orange: every open shade far from every closed one, and in its hue family', () => {
    for (const o of shades('open')) for (const c of shades('closed')) expect(deltaE(o, c), `${o} ${c}`).toBeGreaterThanOrEqual(25);
    const hue = (hex: string) => ((Math.atan2(lab(hex)[2], lab(hex)[1]) * 180) / Math.PI + 360) % 360;
    for (const c of shades('open')) expect(hue(c), c).toBeGreaterThan(200);
    for (const c of shades('open')) expect(hue(c), c).toBeLessThan(310);
    for (const c of shades('closed')) expect(hue(c), c).toBeGreaterThan(25);
    for (const c of shades('closed')) expect(hue(c), c).toBeLessThan(80);
  });

  it('draws lines visible on white and, mapped, on the dark background', () => {
    for (const c of [...shades('open'), ...shades('closed')]) {
      expect(contrast(c, LIGHT_BACKGROUND), c).toBeGreaterThanOrEqual(2.5);
      expect(dark.has(c), c).toBe(true);
      expect(contrast(dark.get(c)!, DARK_BACKGROUND), dark.get(c)).toBeGreaterThanOrEqual(3);
    }
  });

  it('maps the ink to its dark counterpart too, and no dark colour is also a light one', () => {
    for (const key of Object.keys(INK) as (keyof typeof INK)[]) expect(dark.get(INK[key])).toBe(DARK_INK[key]);
    const light = new Set(dark.keys());
    for (const d of dark.values()) expect(light.has(d), d).toBe(false);
  });

  it.each(['open', 'closed'] as const)('past six %s series, colour, dash and marker together still tell each apart', (cls) => {
    const styles = Array.from({ length: 36 }, (_, n) => seriesStyle(cls, n));
    const dashed = new Set(styles.map((s) => `${s.color} ${JSON.stringify(s.lineStyle.type)}`));
    expect(dashed.size).toBe(36);
    const marked = new Set(styles.slice(0, 18).map((s) => `${s.color} ${s.symbol}`));
    expect(marked.size).toBe(18);
  });

  it('keeps the class in the marker: round or square for open, pointed for closed', () => {
    for (let n = 0; n < 2; n++) {
      expect(['circle', 'rect']).toContain(seriesStyle('open', n).symbol);
      expect(['triangle', 'diamond']).toContain(seriesStyle('closed', n).symbol);
    }
    expect(seriesStyle('open', 0).lineStyle.type).toBe('solid');
    expect(seriesStyle('closed', 0).lineStyle.type).not.toBe('solid');
  });
});
