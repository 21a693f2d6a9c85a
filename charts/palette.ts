// Colours and line styles, shared by the build (SVG), the browser (hydrated
// charts) and the reports. Open is blue and closed is orange everywhere; besides
// colour, closed lines are dashed and drawn with triangles, open lines solid
// with circles, so the two stay apart in greyscale and for colour-blind readers.
// Nothing here imports ECharts: the browser loads this before any chart code.
// The two classes and their colours are the registry's (registry/openness.ts).

import { OPENNESS_CLASSES, type OpennessClass } from '../registry/openness.ts';

/** One colour each for open and closed, across the site and the reports. */
export const OPENNESS_COLOURS = Object.fromEntries(OPENNESS_CLASSES.map((c) => [c.id, c.colour])) as Record<OpennessClass, string>;

/**
 * Shades of each class, for several series of one class (families, subjects,
 * regions). Each stays in its class' family (blues from cyan to indigo; oranges
 * from amber to vermilion and brown) yet differs from every other shade of the
 * class by a CIEDE2000 distance of 10 or more, and from every shade of the
 * other class by 25 or more, so six lines of a class can be told apart. The
 * first is the class' own colour (registry/openness.ts).
 */
const SHADES = {
  open: ['#1f6fd1', '#2b2f7a', '#1c9fc4', '#7b74d6', '#0d5a73', '#5fa0ee'],
  closed: ['#c2570c', '#7a2604', '#d99214', '#8a5a12', '#e07a6a', '#c8321a'],
} as const;
const DASHES: (string | number[])[] = ['solid', [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 2]];
/** Markers by class: round and square for open, pointed for closed; a third of each for a seventh series and on. */
const MARKERS = {
  open: ['circle', 'rect', 'path://M4,0h2v4h4v2h-4v4h-2v-4h-4v-2h4z'],
  closed: ['triangle', 'diamond', 'path://M0,0L10,0L5,9z'],
} as const;

export type { OpennessClass };

/**
 * Style of the n-th series of a class: colour shade, dash and marker change
 * together. Past the sixth series the colours come round again, but never with
 * the same dash (for n < 36) nor the same marker (for n < 18) as before.
 */
export function seriesStyle(cls: OpennessClass, n = 0): { color: string; lineStyle: { type: string | number[]; width: number }; symbol: string } {
  const shades = SHADES[cls];
  const round = Math.floor(n / shades.length);
  const dashIndex = n + round + (cls === 'closed' ? 1 : 0);
  const markers = MARKERS[cls];
  return {
    color: shades[n % shades.length]!,
    lineStyle: { type: DASHES[dashIndex % DASHES.length]!, width: n === 0 ? 2.5 : 2 },
    symbol: markers[((n % 2) + round) % markers.length]!,
  };
}

/** How many shades a class has: past this many series, colour alone no longer tells them apart. */
export const SHADE_COUNT = SHADES.open.length;

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
  open: ['#6aa6ec', '#9a9cf0', '#4fd0f0', '#d4ceff', '#3fa3b8', '#b5d8ff'],
  closed: ['#f08d4a', '#ffd0ae', '#ffc04d', '#c89a5a', '#ff8f80', '#ff5a3a'],
} as const;

/** Light colour → dark-mode colour, for every colour a chart draws with. */
export function darkColourMap(): [string, string][] {
  const pairs: [string, string][] = [];
  for (const cls of ['open', 'closed'] as const) SHADES[cls].forEach((c, i) => pairs.push([c, DARK_SHADES[cls][i]!]));
  for (const key of Object.keys(INK) as (keyof typeof INK)[]) pairs.push([INK[key], DARK_INK[key]]);
  return pairs;
}
