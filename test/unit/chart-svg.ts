// Reads a rendered chart SVG (ECharts' SSR output) back into boxes, so tests
// can check what a reader sees: where each text sits and how wide it is at
// most, where the plot's grid is, where the legend's items are.

import { textWidth } from '../../charts/plot.ts';
import { INK } from '../../charts/palette.ts';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface SvgText extends Box {
  text: string;
  fontSize: number;
  bold: boolean;
  anchor: 'start' | 'middle' | 'end';
  fill: string;
  /** The text's own x offset inside its group (a legend item's text sits 31px right of its icon). */
  dx: number;
  /** The group's origin (translate). */
  tx: number;
  ty: number;
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Every <text> with its box: widths by the wide-side estimate, height 1.2 em around its vertical centre. */
export function svgTexts(svg: string): SvgText[] {
  const out: SvgText[] = [];
  for (const match of svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
    const tag = match[1]!;
    const text = unescape(match[2]!);
    if (!text.trim()) continue;
    const style = attr(tag, 'style') ?? '';
    const fontSize = Number(/font-size:\s*(\d+(?:\.\d+)?)px/.exec(style)?.[1] ?? /(\d+(?:\.\d+)?)px/.exec(style)?.[1] ?? 12);
    const bold = /font-weight:\s*(bold|[6-9]00)/.test(style) || /font:\s*(bold|[6-9]00)/.test(style);
    const transform = attr(tag, 'transform') ?? '';
    // translate(e f), or matrix(a b c d e f) for a turned text (an event's label runs up its line).
    const numbers = (/(?:translate|matrix)\(([^)]*)\)/.exec(transform)?.[1] ?? '').split(/[ ,]+/).filter(Boolean).map(Number);
    const [a, b, c, d, tx, ty] = /matrix/.test(transform) ? numbers : [1, 0, 0, 1, numbers[0] ?? 0, numbers[1] ?? 0];
    const dx = Number(attr(tag, 'x') ?? 0);
    const dy = Number(attr(tag, 'y') ?? 0);
    const anchor = (attr(tag, 'text-anchor') ?? 'start') as SvgText['anchor'];
    const baseline = attr(tag, 'dominant-baseline') ?? 'alphabetic';
    // ECharts writes every text with a central baseline; anything else would need its own reading.
    if (baseline !== 'central') throw new Error(`text with baseline ${baseline}: ${text}`);
    const width = textWidth(text, fontSize, bold);
    const left = anchor === 'middle' ? dx - width / 2 : anchor === 'end' ? dx - width : dx;
    const half = (fontSize * 1.2) / 2;
    // The text's own box, then through the transform: the page box is the corners' bounds.
    const corners = [[left, dy - half], [left + width, dy - half], [left, dy + half], [left + width, dy + half]].map(([x, y]) => [a! * x! + c! * y! + tx!, b! * x! + d! * y! + ty!]);
    const xs = corners.map((p) => p[0]!);
    const ys = corners.map((p) => p[1]!);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    out.push({ text, fontSize, bold, anchor, fill: attr(tag, 'fill') ?? '', dx, tx: tx!, ty: ty!, x0, x1, y0, y1 });
  }
  return out;
}

/** The plot's grid: the box around its grid lines and axis lines (ticks included). */
export function svgGrid(svg: string): Box {
  const box: Box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const match of svg.matchAll(/<path d="M([-\d.]+) ([-\d.]+)L([-\d.]+) ([-\d.]+)"[^>]*stroke="([^"]+)"/g)) {
    const [, ax, ay, bx, by, stroke] = match;
    if (stroke !== INK.grid && stroke !== INK.axis) continue;
    const xs = [Number(ax), Number(bx)];
    const ys = [Number(ay), Number(by)];
    // Only straight axis-parallel lines: the grid and the axes, not a series drawn in grey.
    if (xs[0] !== xs[1] && ys[0] !== ys[1]) continue;
    box.x0 = Math.min(box.x0, ...xs);
    box.x1 = Math.max(box.x1, ...xs);
    box.y0 = Math.min(box.y0, ...ys);
    box.y1 = Math.max(box.y1, ...ys);
  }
  if (box.x0 === Infinity) throw new Error('no grid lines in the SVG');
  return box;
}

/** The SVG's own width and height. */
export function svgSize(svg: string): { width: number; height: number } {
  const tag = /<svg[^>]*>/.exec(svg)![0];
  return { width: Number(attr(tag, 'width')), height: Number(attr(tag, 'height')) };
}

/**
 * Legend items: from the icon's left edge to the end of the text, icon height
 * and its outline (ECharts puts the text 31px, icon width + 5, right of the
 * item's origin, the 14px icon at the origin).
 */
export function legendItems(texts: SvgText[]): (SvgText & { item: Box })[] {
  return texts
    .filter((t) => t.dx === 31 && t.anchor === 'start')
    .map((t) => ({ ...t, item: { x0: t.tx, y0: t.ty - 1, x1: t.x1, y1: t.ty + 15 } }));
}

export function overlaps(a: Box, b: Box, tolerance = 0.5): boolean {
  return a.x0 < b.x1 - tolerance && b.x0 < a.x1 - tolerance && a.y0 < b.y1 - tolerance && b.y0 < a.y1 - tolerance;
}

export function inside(inner: Box, outer: Box, tolerance = 0.5): boolean {
  return inner.x0 >= outer.x0 - tolerance && inner.y0 >= outer.y0 - tolerance && inner.x1 <= outer.x1 + tolerance && inner.y1 <= outer.y1 + tolerance;
}
