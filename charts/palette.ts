// Colours and line styles, shared by the build (SVG), the browser (hydrated
// charts) and the reports. Open is blue and closed is orange everywhere; besides
// colour, closed lines are dashed and drawn with triangles, open lines solid
// with circles, so the two stay apart in greyscale and for colour-blind readers.
// Nothing here imports ECharts: the browser loads this before any chart code.
// The two classes and their colours are the registry's (registry/openness.ts).

import { OPENNESS_CLASSES, type OpennessClass } from '../registry/openness.ts';

/** One colour each for open and closed, across the site and the reports. */
export const OPENNESS_COLOURS = Object.fromEntries(OPENNESS_CLASSES.map((c) => [c.id, c.colour])) as Record<OpennessClass, string>;

/** Shades of each class, for several series of one class (families, subjects, regions). */
const SHADES = {
  open: ['#1f6fd1', '#0d3f82', '#5b9be6', '#2a5f9e', '#8ab8f0', '#123c6b'],
  closed: ['#c2570c', '#7f3300', '#e08a45', '#a3470a', '#f0ad78', '#5e2700'],
} as const;
const DASHES: (string | number[])[] = ['solid', [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 2]];

export type { OpennessClass };

export function classOf(openness: string): OpennessClass {
  return openness === 'closed' ? 'closed' : 'open';
}

/** Style of the n-th series of a class: colour shade, dash and marker change together. */
export function seriesStyle(cls: OpennessClass, n = 0): { color: string; lineStyle: { type: string | number[]; width: number }; symbol: string } {
  const shades = SHADES[cls];
  const dash = cls === 'closed' ? DASHES[(n + 1) % DASHES.length]! : DASHES[n % DASHES.length]!;
  return {
    color: shades[n % shades.length]!,
    lineStyle: { type: dash, width: n === 0 ? 2.5 : 2 },
    symbol: cls === 'closed' ? (n % 2 ? 'diamond' : 'triangle') : n % 2 ? 'rect' : 'circle',
  };
}

/**
 * Colours the chart text and grid are drawn with. The SVG files carry a dark
 * variant of each (see darkStyle in render.ts) and the page's CSS maps them too,
 * so one render reads well in light and dark mode.
 */
export const INK = {
  text: '#3d3d42',
  muted: '#5c5c63',
  grid: '#d9d9de',
  axis: '#8a8a92',
  event: '#6b6b73',
} as const;

export const DARK_INK: Record<keyof typeof INK, string> = {
  text: '#e6e6ea',
  muted: '#c4c4cc',
  grid: '#3a3a42',
  axis: '#8f8f98',
  event: '#a6a6b0',
};

/** Each series colour's counterpart on a dark background: same hue, lighter where needed. */
const DARK_SHADES = {
  open: ['#6aa6ec', '#a9ccf5', '#3f86dc', '#7fb2ee', '#cfe2fa', '#5b96e0'],
  closed: ['#f08d4a', '#f7c29b', '#d9702a', '#f4a56f', '#fbd9bf', '#e07a36'],
} as const;

/** Light colour → dark-mode colour, for every colour a chart draws with. */
export function darkColourMap(): [string, string][] {
  const pairs: [string, string][] = [];
  for (const cls of ['open', 'closed'] as const) SHADES[cls].forEach((c, i) => pairs.push([c, DARK_SHADES[cls][i]!]));
  for (const key of Object.keys(INK) as (keyof typeof INK)[]) pairs.push([INK[key], DARK_INK[key]]);
  return pairs;
}
