// A chart as data (a Plot) and its ECharts option, for the site and the reports.
// The build renders the option to SVG (render.ts); the browser builds the same
// option, with tooltip, zoom and log scale, when a reader first interacts with
// the chart. Pure: no ECharts import here, so the browser loads it cheaply.
//
// The layout is planned here, not left to ECharts: the legend's rows, the time
// axis' ticks (days, weeks, months or years, the year always shown), the value
// axis' extent and the labels at the ends of lines, all from text widths
// estimated on the wide side (textWidth), so nothing overlaps in whichever
// font the reader's system draws. The build measures text with the same
// estimate (render.ts), so the SVG is laid out exactly as planned.

import { escapeHtml } from './escape.ts';
import { formatAxis, formatDateTick, formats, type DateUnit, type Lang, type YFormat } from './format.ts';
import { INK, seriesStyle, type OpennessClass } from './palette.ts';

export type { Lang, YFormat };
export type XType = 'time' | 'value' | 'category';
/** x, y and, for labelled points, the label drawn beside them. */
export type Point = [string | number, number | string | null] | [string | number, number | string | null, string];

export interface PlotSeries {
  name: string;
  cls: OpennessClass;
  /** Which shade/dash/marker of the class this series uses. */
  shade: number;
  kind: 'line' | 'scatter' | 'bar';
  data: Point[];
  /** Scatter points carry a label as their third value; draw it. */
  labelled?: boolean;
}

export interface PlotEvent {
  day: string;
  label: string;
  /**
   * Where its label sits along its line: at the top (default, as releases), the middle, the bottom,
   * or `clear`: the one of those that crosses the fewest labelled points and lines (clearBand).
   */
  labelAt?: 'top' | 'middle' | 'bottom' | 'clear';
}

export interface Plot {
  title: string;
  /** Second line of the picture: what and when, so an embedded SVG explains itself. */
  subtitle: string;
  xType: XType;
  xName?: string;
  /** First and last day a time axis spans (a report's window); default the data's own. */
  xRange?: [string, string];
  yName: string;
  yFormat: YFormat;
  /** Rank axes run downwards: first place on top. */
  yInverse?: boolean;
  /**
   * Start the value axis at zero. Default: yes (counts, shares), except for
   * ratings (a yName of "Elo" or "rating"), whose zero means nothing, and ranks,
   * which start at 1.
   */
  yZero?: boolean;
  series: PlotSeries[];
  events?: PlotEvent[];
  /** Draw the events' labels (each one clear of the last labelled) or only their lines (many events). */
  eventLabels?: boolean;
  categories?: string[];
  /** A category y axis (a timeline of families), top to bottom. */
  yCategories?: string[];
  /** Height in pixels when the default does not fit (one row per family). */
  height?: number;
  /** Language of the chart's own words: the time axis' dates ("Jul 2024", the default, or "2024年7月"), the legend's "+N more" and a missing value ("n/a" or "—"). */
  lang?: Lang;
}

export type Size = 'desktop' | 'phone';
export const SIZES: Record<Size, { width: number; height: number }> = {
  desktop: { width: 800, height: 380 },
  phone: { width: 360, height: 340 },
};

/** Pixel size of a chart's picture. */
export function plotSize(plot: Plot, size: Size): { width: number; height: number } {
  return { width: SIZES[size].width, height: plot.height ?? SIZES[size].height };
}

export interface OptionSettings {
  size: Size;
  /** Interactive adds tooltip, zoom and the formatters the browser needs. */
  interactive: boolean;
  yLog?: boolean;
  /** Colours for text and grid; the browser passes its dark-mode ones. */
  ink?: Record<keyof typeof INK, string>;
  /** Series colours by light colour, for dark mode in the browser. */
  recolour?: (colour: string) => string;
  /** The picture's size in pixels when it is not the size's own (a browser frame narrower than 800); default plotSize(plot, size). */
  pixels?: { width: number; height: number };
  /** The part of the x axis in view when the reader zooms (its own values: milliseconds on a time axis); default all of it. The value axis fits what shows. */
  xWindow?: [number, number];
}

// Loose on purpose: the option goes to ECharts' setOption, whose own types are checked where it is called.
type Option = Record<string, unknown>;

// ---------------------------------------------------------------------------
// Text widths

/**
 * Width of each printable ASCII character, space to "~", in hundredths of the
 * font size: the widest of DejaVu Sans (what Linux draws for system-ui),
 * Liberation Sans (Arial's metrics) and Noto Sans, as a browser measured them.
 */
const ASCII_WIDTHS = [
  32, 40, 47, 84, 64, 95, 78, 28, 39, 39, 50, 84, 32, 36, 32, 39, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 56,
  102, 68, 69, 72, 77, 67, 61, 78, 75, 29, 53, 67, 56, 86, 75, 79, 67, 79, 72, 67, 61, 73, 68, 99, 69, 67, 69, 39, 39, 39, 84, 56,
  61, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
];
/** Bold text is this much wider, with room to spare (DejaVu Sans Bold is 1.10 times Regular on average). */
const BOLD = 1.15;

/**
 * A text's width in pixels, estimated on the wide side: no common sans-serif
 * font draws it wider. Any character beyond ASCII (CJK, "·", "…") counts as a
 * full em, as ECharts counts it.
 */
export function textWidth(text: string, fontSize = 12, bold = false): number {
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    units += code >= 32 && code < 127 ? ASCII_WIDTHS[code - 32]! : 100;
  }
  return (units / 100) * fontSize * (bold ? BOLD : 1);
}

/** textWidth for a CSS font shorthand ("600 16px system-ui, …"), as ECharts asks for it. */
export function fontTextWidth(text: string, font = '12px sans-serif'): number {
  const size = /(\d+(?:\.\d+)?)px/.exec(font);
  return textWidth(text, size ? Number(size[1]) : 12, /\b(bold|bolder|[6-9]00)\b/.test(font));
}

/** The text, cut short with "…" where it would be wider than `maxWidth`. */
export function fitText(text: string, fontSize: number, maxWidth: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  let cut = text.length;
  while (cut > 0 && textWidth(`${text.slice(0, cut).trimEnd()}…`, fontSize) > maxWidth) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}

// ---------------------------------------------------------------------------
// Layout constants (pixels)

/** Legend, axis labels and axis names. */
const FONT = 12;
/** Labels at the ends of lines. */
const LABEL_FONT = 11;
/** One direct label's row: its text and a little air. */
const LABEL_ROW = 14;
const LEGEND = { top: 46, padding: 5, itemWidth: 26, iconGap: 5, itemHeight: 14 } as const;
/** A legend row's height: the icon and its 1px outline above and below. */
const LEGEND_ROW = LEGEND.itemHeight + 2;
/** More legend entries than this and the legend keeps the most prominent few, says "+N more", and the lines are labelled at their ends. */
export const LEGEND_LIMIT = 6;
/** Rows a shortened legend may take, so the plot keeps its height (on a phone above all). */
const LEGEND_SHORT_ROWS = 2;
/** Space between two tick labels of the time axis. */
const TICK_GAP = 14;
/** The time axis' labels sit this far below it: clear of the lowest value label, which is centred on the axis. */
const X_LABEL_MARGIN = 10;
/** The value axis' name sits this far above the plot. */
const Y_NAME_GAP = 10;
/** The value axis' labels sit this far from the axis (ECharts' axisLabel.margin). */
const Y_LABEL_MARGIN = 8;
/** A series drawn only to carry the direct labels; never in a legend or tooltip. */
export const DIRECT_LABELS = '\u200bdirect labels';

const legendGap = (size: Size) => (size === 'phone' ? 8 : 12);

// ---------------------------------------------------------------------------
// Time axis

const DAY = 86_400_000;

/**
 * Each day's moment, once worked out: a chart's points share their days, and a build draws
 * every chart at several sizes (at 50 M generated facts, 4.7 s of the site build's work went
 * to parsing the same few thousand days again).
 */
const dayMoments = new Map<string, number>();

/** A day on a time axis as ECharts reads it: "YYYY-MM-DD" is local midnight. */
export function timeOf(x: string | number): number {
  if (typeof x === 'number') return x;
  const known = dayMoments.get(x);
  if (known !== undefined) return known;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(x);
  if (!day) return Date.parse(x);
  const moment = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3])).getTime();
  dayMoments.set(x, moment);
  return moment;
}

const addDays = (t: number, days: number) => {
  const d = new Date(t);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days).getTime();
};

/** An x axis' extent: its first and last x, and the one day it shows when it has only one (a time axis). */
export interface XExtent {
  from: number;
  to: number;
  single: number | null;
}

/**
 * First and last moment a time axis shows: the report's window, else the
 * data's first and last day. One day alone is shown with three days either
 * side; less than a week with half a day either side, so no point sits on the edge.
 */
export function timeDomain(plot: Plot): XExtent | undefined {
  if (plot.xType !== 'time') return undefined;
  if (plot.xRange) return { from: timeOf(plot.xRange[0]), to: timeOf(plot.xRange[1]), single: null };
  let from = Infinity;
  let to = -Infinity;
  for (const s of plot.series) {
    for (const p of s.data) {
      const t = timeOf(p[0]);
      if (Number.isNaN(t)) continue;
      if (t < from) from = t;
      if (t > to) to = t;
    }
  }
  if (from === Infinity) return undefined;
  if (from === to) return { from: addDays(from, -3), to: addDays(to, 3), single: from };
  if (to - from < 7 * DAY) return { from: from - DAY / 2, to: to + DAY / 2, single: null };
  return { from, to, single: null };
}

/** Where x sits on a numeric axis: milliseconds on a time axis, the number on a value axis. */
function xValue(plot: Plot, x: string | number): number {
  return plot.xType === 'time' ? timeOf(x) : Number(x);
}

/** The x axis' extent: a time axis' (timeDomain), a value axis' least and greatest x; none for categories. */
export function xDomain(plot: Plot): XExtent | undefined {
  if (plot.xType === 'time') return timeDomain(plot);
  if (plot.xType !== 'value') return undefined;
  let from = Infinity;
  let to = -Infinity;
  for (const s of plot.series) {
    for (const p of s.data) {
      const x = Number(p[0]);
      if (!Number.isFinite(x)) continue;
      if (x < from) from = x;
      if (x > to) to = x;
    }
  }
  if (from === Infinity) return undefined;
  return from === to ? { from: from - 1, to: to + 1, single: from } : { from, to, single: null };
}

const inWindow = (plot: Plot, x: string | number, window: [number, number] | undefined) => {
  if (!window) return true;
  const v = xValue(plot, x);
  return v >= window[0] && v <= window[1];
};

interface TickStep {
  unit: DateUnit;
  count: number;
  /** Weeks start on Mondays. */
  week?: boolean;
}

const TICK_STEPS: TickStep[] = [
  { unit: 'day', count: 1 },
  { unit: 'day', count: 2 },
  { unit: 'day', count: 3 },
  { unit: 'day', count: 7, week: true },
  { unit: 'day', count: 14, week: true },
  { unit: 'month', count: 1 },
  { unit: 'month', count: 2 },
  { unit: 'month', count: 3 },
  { unit: 'month', count: 6 },
  { unit: 'year', count: 1 },
  { unit: 'year', count: 2 },
  { unit: 'year', count: 5 },
  { unit: 'year', count: 10 },
  { unit: 'year', count: 25 },
  { unit: 'year', count: 50 },
  { unit: 'year', count: 100 },
];
const STEP_LENGTH: Record<DateUnit, number> = { day: DAY, month: 28 * DAY, year: 365 * DAY };

/** Local midnights of the step's days, month starts or year starts from `from` to `to`. */
function tickTimes(from: number, to: number, step: TickStep): number[] {
  const out: number[] = [];
  const start = new Date(from);
  if (step.unit === 'day') {
    let t = new Date(start.getFullYear(), start.getMonth(), start.getDate()).getTime();
    if (t < from) t = addDays(t, 1);
    if (step.week) while (new Date(t).getDay() !== 1) t = addDays(t, 1);
    for (; t <= to; t = addDays(t, step.count)) out.push(t);
  } else if (step.unit === 'month') {
    const year = start.getFullYear();
    let month = start.getMonth();
    if (new Date(year, month, 1).getTime() < from) month++;
    while (month % step.count !== 0) month++;
    for (let t = new Date(year, month, 1).getTime(); t <= to; month += step.count, t = new Date(year, month, 1).getTime()) out.push(t);
  } else {
    let year = start.getFullYear();
    if (new Date(year, 0, 1).getTime() < from) year++;
    while (year % step.count !== 0) year++;
    for (let t = new Date(year, 0, 1).getTime(); t <= to; year += step.count, t = new Date(year, 0, 1).getTime()) out.push(t);
  }
  return out;
}

/** Labels of the ticks: the first and the first of each new year carry the year. */
function tickLabels(times: number[], unit: DateUnit, lang: Lang): string[] {
  return times.map((t, i) => {
    const d = new Date(t);
    const withYear = i === 0 || new Date(times[i - 1]!).getFullYear() !== d.getFullYear();
    return formatDateTick({ year: d.getFullYear(), month: d.getMonth(), day: d.getDate() }, unit, withYear, lang);
  });
}

export interface TimeTicks {
  /** Tick positions, local midnights in milliseconds. */
  values: number[];
  labels: string[];
  unit: DateUnit;
  /** The first label starts at its tick, the last ends at its tick, where centred they would run off the axis' ends. */
  alignFirst: boolean;
  alignLast: boolean;
}

/**
 * The ticks of a time axis `width` pixels wide, from `from` to `to`: the finest
 * of days, weeks, months or years whose labels keep clear of each other (never
 * hours), with the year on the first label and on the first of each new year.
 * A label may reach `room.left`/`room.right` pixels past the axis' ends; one
 * that would reach further starts (or ends) at its tick instead, or goes.
 */
export function timeTicks(from: number, to: number, width: number, lang: Lang = 'en', room = { left: 0, right: 0 }): TimeTicks {
  const span = Math.max(to - from, 1);
  const at = (t: number) => ((t - from) / span) * width;
  let fallback: TimeTicks | undefined;
  for (const step of TICK_STEPS) {
    // Far too many ticks to fit: skip without listing them.
    if ((span / (STEP_LENGTH[step.unit] * step.count)) * 24 > width * 1.5) continue;
    let values = tickTimes(from, to, step);
    let labels: string[] = [];
    let boxes: { l: number; r: number }[] = [];
    let alignFirst = false;
    let alignLast = false;
    for (;;) {
      labels = tickLabels(values, step.unit, lang);
      boxes = values.map((t, i) => {
        const w = textWidth(labels[i]!, FONT);
        return { l: at(t) - w / 2, r: at(t) + w / 2 };
      });
      const n = values.length;
      alignFirst = n > 0 && boxes[0]!.l < -room.left;
      if (alignFirst) boxes[0] = { l: at(values[0]!), r: at(values[0]!) + textWidth(labels[0]!, FONT) };
      alignLast = n > 1 && boxes[n - 1]!.r > width + room.right;
      if (alignLast) boxes[n - 1] = { l: at(values[n - 1]!) - textWidth(labels[n - 1]!, FONT), r: at(values[n - 1]!) };
      // An edge label that, so aligned, still runs into its neighbour (or off the axis) goes; the next then carries the year.
      if (n > 1 && alignFirst && boxes[0]!.r + TICK_GAP > boxes[1]!.l) values = values.slice(1);
      else if (n > 1 && alignLast && boxes[n - 2]!.r + TICK_GAP > boxes[n - 1]!.l) values = values.slice(0, -1);
      else if (n === 1 && boxes[0]!.r > width + room.right) values = [];
      else break;
    }
    if (values.length === 0) continue;
    if (!boxes.every((b, i) => i === 0 || boxes[i - 1]!.r + TICK_GAP <= b.l)) continue;
    const ticks = { values, labels, unit: step.unit, alignFirst, alignLast };
    if (values.length >= 2) return ticks;
    fallback ??= ticks;
  }
  return fallback ?? { values: [], labels: [], unit: 'year', alignFirst: false, alignLast: false };
}

// ---------------------------------------------------------------------------
// Value axis

export interface ValueScale {
  min: number;
  max: number;
  /** Tick values, as the axis labels them. */
  ticks: number[];
  log: boolean;
  /** Linear axes: the step between ticks. */
  interval?: number;
}

/** 1, 2, 2.5 or 5 times a power of ten, the least not below `raw`. */
function niceStep(raw: number): number {
  const pow = 10 ** Math.floor(Math.log10(raw));
  const f = raw / pow;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * pow;
}

const tidy = (x: number) => Number(x.toPrecision(12));

function numbersOf(plot: Plot, window?: [number, number]): number[] {
  const out: number[] = [];
  for (const s of plot.series) for (const p of s.data) if (typeof p[1] === 'number' && Number.isFinite(p[1]) && inWindow(plot, p[0], window)) out.push(p[1]);
  return out;
}

/** Ratings (Elo) have no meaningful zero; counts and shares do. */
function startsAtZero(plot: Plot): boolean {
  return plot.yZero ?? !/^\s*(elo|ratings?|elo ratings?)\s*$/i.test(plot.yName);
}

/**
 * The value axis' extent and ticks, for the values in `window` (all, if none).
 * Ranks start at #1 and tick only whole places; ratings fit their data; counts
 * start at zero; shares run 0–100%.
 */
export function valueScale(plot: Plot, log = false, window?: [number, number]): ValueScale | undefined {
  if (plot.yCategories) return undefined;
  const values = numbersOf(plot, window);
  if (!values.length) return undefined;
  // A loop, not Math.min(...values): years of daily points would overflow the call's arguments.
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (log) {
    if (low <= 0) return undefined;
    const min = 10 ** Math.floor(Math.log10(low));
    let max = 10 ** Math.ceil(Math.log10(high));
    if (max <= min) max = min * 10;
    const ticks: number[] = [];
    for (let t = min; t <= max * 1.0001; t *= 10) ticks.push(tidy(t));
    return { min, max, ticks, log: true };
  }
  if (plot.yFormat === 'rank') {
    const last = Math.max(2, Math.ceil(high));
    let step = niceStep(last / 6);
    step = step < 1 ? 1 : step === 2.5 ? 2 : Math.round(step);
    const ticks = [1];
    if (step === 1) for (let t = 2; ticks[ticks.length - 1]! < last; t++) ticks.push(t);
    else if (step === 2) for (let t = 3; ticks[ticks.length - 1]! < last; t += 2) ticks.push(t);
    else for (let t = step; ticks[ticks.length - 1]! < last; t += step) ticks.push(t);
    return { min: 1, max: ticks[ticks.length - 1]!, ticks, log: false };
  }
  if (plot.yFormat === 'percent') {
    low = Math.min(0, low);
    high = Math.max(1, high);
  } else if (startsAtZero(plot)) {
    low = Math.min(0, low);
    high = Math.max(0, high);
  }
  if (high === low) {
    const pad = Math.abs(high) * 0.1 || 1;
    high += pad;
    if (low !== 0) low -= pad;
  }
  let step = niceStep((high - low) / 5);
  // Whole things counted: no ticks between them.
  if (values.every(Number.isInteger) && plot.yFormat !== 'percent' && step < 1) step = 1;
  if (values.every(Number.isInteger) && plot.yFormat !== 'percent' && !Number.isInteger(step)) step = Math.floor(step);
  const min = tidy(Math.floor(low / step) * step);
  const max = tidy(Math.ceil(high / step) * step);
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 1e6; t = tidy(t + step)) ticks.push(t);
  return { min, max, ticks, log: false, interval: step };
}

// ---------------------------------------------------------------------------
// Legend

export interface LegendPlan {
  /** Series names in legend order, '' where a new row starts (ECharts' own newline). */
  entries: string[];
  rows: number;
  /** "+N more" when the legend leaves series out; its entry is the last. */
  more: string | null;
  /** Each entry's text, shortened to fit a row. */
  display: Record<string, string>;
  /** y of the legend's last row's bottom edge. */
  bottom: number;
}

/** The series' last value, larger when it stands out more (ranks: nearer #1). */
function prominence(plot: Plot, s: PlotSeries): number {
  for (let i = s.data.length - 1; i >= 0; i--) {
    const y = s.data[i]![1];
    if (typeof y === 'number' && Number.isFinite(y)) return plot.yInverse ? -y : y;
  }
  return -Infinity;
}

function byProminence(plot: Plot, series: PlotSeries[]): PlotSeries[] {
  return series
    .map((s, i) => ({ s, i, p: prominence(plot, s) }))
    .sort((a, b) => b.p - a.p || a.i - b.i)
    .map((x) => x.s);
}

function uniqueSeries(plot: Plot): PlotSeries[] {
  const seen = new Set<string>();
  return plot.series.filter((s) => !seen.has(s.name) && seen.add(s.name));
}

/**
 * The legend's entries and rows: every series up to LEGEND_LIMIT, else the
 * most prominent few and "+N more"; each entry cut to fit a row, and rows
 * broken where the widest reading of the text would not fit.
 */
export function legendPlan(plot: Plot, size: Size, width = SIZES[size].width): LegendPlan {
  const series = uniqueSeries(plot);
  if (series.length <= LEGEND_LIMIT) return legendRows(series.map((s) => s.name), null, size, width);
  // Too many to tell apart by a legend: the most prominent few, in as many rows as LEGEND_SHORT_ROWS, then "+N more".
  const ranked = byProminence(plot, series).map((s) => s.name);
  let plan: LegendPlan | undefined;
  for (let shown = LEGEND_LIMIT - 1; shown >= 1; shown--) {
    const left = series.length - shown;
    plan = legendRows(ranked.slice(0, shown), plot.lang === 'zh' ? `另有 ${left} 项` : `+${left} more`, size, width);
    if (plan.rows <= LEGEND_SHORT_ROWS) break;
  }
  return plan!;
}

/** Entries flowed into rows as ECharts flows them, breaking a row where the next entry (at its widest) would not fit. */
function legendRows(shown: string[], more: string | null, size: Size, width: number): LegendPlan {
  const names = more ? [...shown, more] : shown;
  const maxWidth = width - 16 - 2 * LEGEND.padding;
  const textRoom = maxWidth - LEGEND.itemWidth - LEGEND.iconGap;
  const gap = legendGap(size);
  const display: Record<string, string> = {};
  const entries: string[] = [];
  let rows = names.length ? 1 : 0;
  let x = 0;
  for (const name of names) {
    const text = fitText(name, FONT, textRoom);
    display[name] = text;
    const item = LEGEND.itemWidth + LEGEND.iconGap + textWidth(text, FONT);
    if (x > 0 && x + item > maxWidth) {
      entries.push('');
      rows++;
      x = 0;
    }
    entries.push(name);
    x += item + gap;
  }
  const bottom = LEGEND.top + LEGEND.padding + rows * LEGEND_ROW + Math.max(0, rows - 1) * gap;
  return { entries, rows, more, display, bottom };
}

// ---------------------------------------------------------------------------
// Direct labels

/**
 * Positions for labels that wish to sit at `wishes` (ascending), each at least
 * `gap` from the next, all within [lo, hi], order kept, as near their wishes
 * as can be (groups of touching labels centre on their wishes' mean).
 */
export function spreadLabels(wishes: number[], gap: number, lo: number, hi: number): number[] {
  const groups: { first: number; size: number; sum: number; start: number }[] = [];
  const place = (g: (typeof groups)[number]) => {
    g.start = Math.min(Math.max(g.sum / g.size, lo), hi - (g.size - 1) * gap);
  };
  wishes.forEach((wish, i) => {
    const g = { first: i, size: 1, sum: wish, start: wish };
    place(g);
    groups.push(g);
    for (;;) {
      const last = groups[groups.length - 1]!;
      const prev = groups[groups.length - 2];
      if (!prev || prev.start + prev.size * gap <= last.start + 1e-9) break;
      // Member k of a group wishes its start to be wish_k - k·gap: the merged sum shifts by the earlier group's size.
      prev.sum += last.sum - last.size * prev.size * gap;
      prev.size += last.size;
      place(prev);
      groups.pop();
    }
  });
  const out: number[] = [];
  for (const g of groups) for (let k = 0; k < g.size; k++) out.push(g.start + k * gap);
  return out;
}

interface DirectLabel {
  series: PlotSeries;
  /** The point labelled. */
  x: string | number;
  y: number;
  /** How far the label is moved down (up if negative) from its point, in pixels, clear of the others. */
  dy: number;
  text: string;
}

/** "owner/" shared by every name, to leave out of the labels ("meta-llama/…"). */
function sharedOwner(names: string[]): string {
  const first = names[0] ?? '';
  const slash = first.indexOf('/');
  if (slash <= 0 || first[slash - 1] === ' ') return '';
  const owner = first.slice(0, slash + 1);
  return names.every((n) => n.startsWith(owner) && n.length > owner.length) ? owner : '';
}

/** The series' last point with a value, in the window if there is one. */
function lastPoint(plot: Plot, s: PlotSeries, window?: [number, number]): Point | undefined {
  for (let i = s.data.length - 1; i >= 0; i--) if (typeof s.data[i]![1] === 'number' && inWindow(plot, s.data[i]![0], window)) return s.data[i];
  return undefined;
}

type Range = { from: number; to: number } | undefined;

/** 0 at the start of what shows of the axis (`range`), 1 at its end. */
function axisFraction(plot: Plot, x: string | number, range: Range): number {
  if (plot.xType === 'category' && plot.categories?.length) return plot.categories.indexOf(String(x)) / Math.max(plot.categories.length - 1, 1);
  if (range) return (xValue(plot, x) - range.from) / Math.max(range.to - range.from, 1e-9);
  return 1;
}

/** Labels the lines (or, with no lines, the points) at their last value in view, spread apart so none overlaps another. */
function directLabels(plot: Plot, scale: ValueScale, geometry: { plotWidth: number; plotHeight: number; right: number }, range: Range, window?: [number, number]): DirectLabel[] {
  const candidates = uniqueSeries(plot).filter((s) => !s.labelled && s.kind !== 'bar');
  const lines = candidates.filter((s) => s.kind === 'line');
  const labelled = byProminence(plot, lines.length ? lines : candidates).filter((s) => lastPoint(plot, s, window));
  const gap = LABEL_ROW / geometry.plotHeight;
  const chosen = labelled.slice(0, Math.max(0, Math.floor(1 / gap)));
  if (!chosen.length) return [];
  const owner = sharedOwner(chosen.map((s) => s.name));
  const toUnit = (v: number) => (scale.log ? (Math.log10(v) - Math.log10(scale.min)) / (Math.log10(scale.max) - Math.log10(scale.min)) : (v - scale.min) / (scale.max - scale.min));
  const anchors = chosen
    .map((series) => {
      const point = lastPoint(plot, series, window)!;
      return { series, point, unit: Math.min(1, Math.max(0, toUnit(point[1] as number))) };
    })
    .sort((a, b) => a.unit - b.unit);
  const placed = spreadLabels(anchors.map((a) => a.unit), gap, gap / 2, 1 - gap / 2);
  // Units grow upwards on the screen, unless the axis is inverted (ranks).
  const down = plot.yInverse ? 1 : -1;
  return anchors.map((a, i) => {
    const room = (1 - axisFraction(plot, a.point[0], range)) * geometry.plotWidth + geometry.right - labelDistance(a.series) - 4;
    const dy = down * (placed[i]! - a.unit) * geometry.plotHeight;
    return { series: a.series, x: a.point[0], y: a.point[1] as number, dy: Math.round(dy * 10) / 10, text: fitText(a.series.name.slice(owner.length), LABEL_FONT, room) };
  });
}

const labelDistance = (s: PlotSeries) => (s.kind === 'line' ? 10 : 22);

// ---------------------------------------------------------------------------
// The option

/** What the axis-label formatter shows for each custom tick. */
function tickFormatter(values: number[], labels: string[]): (value: number) => string {
  const byValue = new Map(values.map((v, i) => [v, labels[i]!]));
  return (value: number) => byValue.get(value) ?? '';
}

function timeLabelOption(time: TimeTicks): Option {
  return { customValues: time.values, formatter: tickFormatter(time.values, time.labels), alignMinLabel: time.alignFirst ? 'left' : 'center', alignMaxLabel: time.alignLast ? 'right' : 'center' };
}

interface TimeAxisLayout {
  width: number;
  room: { left: number; right: number };
}

/** The time axis' ticks over the whole domain or a zoomed window of it. */
function timeAxisTicks(plot: Plot, domain: XExtent | undefined, layout: TimeAxisLayout, window?: [number, number]): TimeTicks | undefined {
  if (!domain) return undefined;
  const lang = plot.lang ?? 'en';
  const [from, to] = window ?? [domain.from, domain.to];
  if (domain.single !== null && !window) {
    const d = new Date(domain.single);
    return { values: [domain.single], labels: [formatDateTick({ year: d.getFullYear(), month: d.getMonth(), day: d.getDate() }, 'day', true, lang)], unit: 'day', alignFirst: false, alignLast: false };
  }
  return timeTicks(from, to, layout.width, lang, layout.room);
}

interface Layout {
  width: number;
  height: number;
  top: number;
  left: number;
  right: number;
  bottom: number;
  legend: LegendPlan;
  scale: ValueScale | undefined;
  labels: DirectLabel[];
  /** The x axis' whole extent (xDomain), worked out once for the layout and the option. */
  domain: XExtent | undefined;
  /** What shows of the x axis: the zoomed window, else the whole extent. */
  range: Range;
  time: TimeAxisLayout;
}

/** Where everything goes: legend rows, the plot's margins, direct labels, the time axis' width. */
function layOut(plot: Plot, settings: OptionSettings): Layout {
  const phone = settings.size === 'phone';
  const { width, height } = settings.pixels ?? plotSize(plot, settings.size);
  const legend = legendPlan(plot, settings.size, width);
  const hasName = !plot.yCategories && plot.yName.trim() !== '';
  const top = (legend.rows ? legend.bottom : 46) + (hasName ? Y_NAME_GAP + FONT + 6 : 12);
  const bottom = (settings.interactive && plot.xType !== 'category' ? 64 : 28) + (plot.xName ? 16 : 0);
  const window = settings.xWindow;
  const scale = valueScale(plot, !!settings.yLog, window);
  const yLabels = scale ? scale.ticks.map((t) => formatAxis(t, plot.yFormat, plot.lang)) : ['0000'];
  const left = plot.yCategories ? (phone ? 104 : 190) : Math.max(12, Math.ceil(Math.max(...yLabels.map((l) => textWidth(l, FONT)))) + Y_LABEL_MARGIN + 4);
  let right = plot.yCategories ? (phone ? 16 : 90) : phone ? 16 : 28;
  const domain = xDomain(plot);
  const range = window ? { from: window[0], to: window[1] } : domain;
  let labels: DirectLabel[] = [];
  if (scale && plot.xType !== 'category' && uniqueSeries(plot).length > LEGEND_LIMIT) {
    const plotHeight = height - top - bottom;
    // First at the default margin, to learn which labels end near the right edge and how wide they are.
    const trial = directLabels(plot, scale, { plotWidth: width - left - right, plotHeight, right }, range, window);
    const cap = phone ? 100 : 170;
    const needed = Math.max(0, ...trial.map((l) => textWidth(l.series.name.slice(sharedOwner(trial.map((t) => t.series.name)).length), LABEL_FONT) + labelDistance(l.series) + 6 - (1 - axisFraction(plot, l.x, range)) * (width - left - right)));
    right = Math.max(right, Math.min(cap, Math.ceil(needed)));
    labels = directLabels(plot, scale, { plotWidth: width - left - right, plotHeight, right }, range, window);
  }
  // A first tick label may reach a little way under the value axis' labels (they sit higher), a last one into the right margin.
  return { width, height, top, left, right, bottom, legend, scale, labels, domain, range, time: { width: width - left - right, room: { left: Math.min(left - 2, 20), right: right - 2 } } };
}

/**
 * A line's points on a time axis as one array of numbers (x, y, x, y, …: each day's moment as
 * ECharts reads the day, NaN for no value, which it draws as a gap as it does null), for a picture
 * drawn once at build time. ECharts copies an option's arrays whole and reads each point's day
 * from its text; a packed line it copies in one step and reads as it is. The same picture, byte
 * for byte (every file of the site built from a 50 M-fact snapshot); a fifth less time per
 * family chart (13 → 10.5 ms) and fewer objects for the garbage collector: Astro's part of that
 * build 74–81 s → 64–65 s. Not for the browser's charts, whose tooltips read the points.
 */
function packedLine(data: readonly Point[]): Float64Array {
  const packed = new Float64Array(data.length * 2);
  for (let i = 0; i < data.length; i++) {
    const [x, y] = data[i]!;
    packed[2 * i] = timeOf(x);
    packed[2 * i + 1] = typeof y === 'number' ? y : y === null || y === '' ? NaN : Number(y);
  }
  return packed;
}

export function buildOption(plot: Plot, settings: OptionSettings): Option {
  const ink = settings.ink ?? INK;
  const recolour = settings.recolour ?? ((c: string) => c);
  const phone = settings.size === 'phone';
  const layout = layOut(plot, settings);
  const { legend, scale, domain } = layout;
  const text = { color: ink.text, fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif' };

  const many = uniqueSeries(plot).length > LEGEND_LIMIT;
  const series: Option[] = plot.series.map((s, index) => {
    const packable = !settings.interactive && s.kind === 'line' && plot.xType === 'time' && !plot.yCategories;
    const style = seriesStyle(s.cls, s.shade);
    const colour = recolour(style.color);
    const base: Option = { name: s.name, type: s.kind, data: s.data, color: colour, z: 3 };
    if (packable) Object.assign(base, { data: packedLine(s.data), dimensions: ['x', 'y'] });
    if (s.kind === 'line') {
      Object.assign(base, {
        // Markers tell lines apart where there are few points; with many lines only on short ones, or they bury the lines.
        showSymbol: s.data.length <= (many ? 15 : 40),
        symbol: style.symbol,
        symbolSize: 7,
        lineStyle: { ...style.lineStyle, color: colour },
        connectNulls: false,
        // Thousands of daily points: draw what the pixels can show; the tooltip still reads every point.
        sampling: 'lttb',
      });
    } else if (s.kind === 'scatter') {
      // The marker of the series' line (a family's cited figures look like its line's points); past the class' shades it still differs (palette.ts).
      Object.assign(base, { symbol: style.symbol, symbolSize: 11, itemStyle: { color: colour, borderColor: ink.text, borderWidth: 1 }, z: 5 });
      if (s.labelled) {
        base.label = { show: !phone, formatter: '{@[2]}', position: 'right', color: ink.muted, fontSize: 11 };
        // Each label cut to the room it has before the picture's edge; near the edge, it goes to the point's left.
        base.data = s.data.map((p) => {
          const ahead = (1 - axisFraction(plot, p[0], layout.range)) * layout.time.width + layout.right - 12;
          const left = ahead < 60;
          const text = fitText(String(p[2] ?? ''), 11, left ? Math.min(160, layout.time.width - ahead) : ahead);
          return { value: p, label: { formatter: text.replace(/[{}|]/g, ' '), position: left ? 'left' : 'right' } };
        });
        // Crowded points (releases weeks apart): a label that would run into another is left to the tooltip and the table.
        base.labelLayout = { hideOverlap: true };
      }
    } else {
      Object.assign(base, { itemStyle: { color: colour }, barMaxWidth: 28 });
    }
    if (index === 0 && plot.events?.length) {
      base.markLine = {
        symbol: 'none',
        silent: !settings.interactive,
        animation: false,
        lineStyle: { color: ink.event, type: 'dotted', width: 1 },
        label: {
          show: !!plot.eventLabels && !phone,
          formatter: '{b}',
          position: 'insideEndTop',
          color: ink.muted,
          fontSize: 11,
        },
        emphasis: { label: { show: true, formatter: '{b}', color: ink.text } },
        data: eventMarks(plot, layout.range, layout.scale, layout.time.width, layout.height - layout.top - layout.bottom),
      };
    }
    return base;
  });
  if (legend.more) {
    // The "+N more" entry: a series with nothing to draw, so the legend lays it out in line with the others.
    series.push({ name: legend.more, type: 'line', data: [], color: ink.muted, silent: true, showSymbol: false, lineStyle: { opacity: 0 } });
  }
  if (layout.labels.length) {
    // Each label starts at its point and moves (with a thin guide back to the point) as far as it must to clear the others.
    const shifts = layout.labels.map((l) => l.dy);
    series.push({
      name: DIRECT_LABELS,
      type: 'scatter',
      silent: true,
      symbolSize: 0,
      z: 6,
      itemStyle: { opacity: 1 },
      tooltip: { show: false },
      emphasis: { disabled: true },
      labelLayout: (params: { dataIndex: number }) => ({ dy: shifts[params.dataIndex] ?? 0 }),
      labelLine: { show: true, length2: 0, smooth: false, lineStyle: { width: 1, opacity: 0.7 } },
      data: layout.labels.map((l) => {
        const colour = recolour(seriesStyle(l.series.cls, l.series.shade).color);
        return {
          name: l.text,
          value: [l.x, l.y],
          label: { show: true, position: 'right', distance: labelDistance(l.series), formatter: '{b}', fontSize: LABEL_FONT, color: colour },
          labelLine: { show: Math.abs(l.dy) > 3, lineStyle: { color: colour } },
        };
      }),
    });
  }

  const yFormat = plot.yFormat;
  const time = plot.xType === 'time' ? timeAxisTicks(plot, domain, layout.time, settings.xWindow) : undefined;
  const rankTicks = scale && !scale.log && yFormat === 'rank' ? scale.ticks : undefined;
  const yAxis: Option = plot.yCategories
    ? {
        type: 'category',
        data: plot.yCategories,
        inverse: true,
        axisLine: { lineStyle: { color: ink.axis } },
        axisLabel: { color: ink.muted, width: phone ? 96 : 180, overflow: 'truncate', fontSize: 11 },
        splitLine: { show: true, lineStyle: { color: ink.grid } },
      }
    : {
        type: settings.yLog ? 'log' : 'value',
        name: plot.yName,
        // An inverted axis starts at the top: the name goes where its first value is.
        nameLocation: plot.yInverse ? 'start' : 'end',
        nameGap: Y_NAME_GAP,
        nameTextStyle: { color: ink.muted, align: 'left', fontSize: FONT },
        inverse: !!plot.yInverse,
        // Ranks tick at the places planned (#1, #5, #10…), never #0 or #2.5.
        axisLabel: { color: ink.muted, fontSize: FONT, margin: Y_LABEL_MARGIN, formatter: (v: number) => formatAxis(v, yFormat, plot.lang), ...(rankTicks ? { customValues: rankTicks } : {}) },
        ...(rankTicks ? { axisTick: { customValues: rankTicks } } : {}),
        splitLine: { lineStyle: { color: ink.grid } },
        ...(scale ? { min: scale.min, max: scale.max, ...(scale.interval !== undefined ? { interval: scale.interval } : {}) } : { minInterval: yFormat === 'rank' ? 1 : 0 }),
      };
  const option: Option = {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: text,
    title: {
      text: plot.title,
      subtext: plot.subtitle,
      left: 8,
      top: 4,
      textStyle: { color: ink.text, fontSize: phone ? 14 : 16, fontWeight: 600, width: layout.width - 24, overflow: 'truncate' },
      subtextStyle: { color: ink.muted, fontSize: 11, width: layout.width - 24, overflow: 'truncate' },
    },
    legend: {
      top: LEGEND.top,
      left: 8,
      right: 8,
      padding: LEGEND.padding,
      itemWidth: LEGEND.itemWidth,
      itemHeight: LEGEND.itemHeight,
      itemGap: legendGap(settings.size),
      data: legend.entries.map((name) => (name === legend.more ? { name, icon: 'none', textStyle: { color: ink.muted } } : name)),
      formatter: (name: string) => legend.display[name] ?? name,
      textStyle: { color: ink.text, fontSize: FONT },
      inactiveColor: ink.grid,
    },
    grid: { top: layout.top, left: layout.left, right: layout.right, bottom: layout.bottom, outerBoundsMode: 'none' },
    xAxis: {
      type: plot.xType,
      ...(plot.categories ? { data: plot.categories } : {}),
      ...(domain ? { min: domain.from, max: domain.to } : {}),
      ...(plot.xName ? { name: plot.xName, nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: ink.muted } } : {}),
      axisLine: { lineStyle: { color: ink.axis } },
      axisTick: { lineStyle: { color: ink.axis }, ...(time ? { customValues: time.values } : {}) },
      axisLabel: { color: ink.muted, fontSize: FONT, margin: X_LABEL_MARGIN, hideOverlap: true, ...(time ? timeLabelOption(time) : {}) },
      splitLine: { show: false },
    },
    yAxis,
    series,
  };
  if (settings.interactive) {
    Object.assign(option, {
      tooltip: {
        trigger: plot.xType === 'category' || plot.yCategories ? 'item' : 'axis',
        confine: true,
        className: 'chart-tooltip',
        backgroundColor: settings.ink ? '#1d1d22' : '#ffffff',
        borderColor: ink.axis,
        textStyle: { color: ink.text },
        formatter: (params: unknown) => tooltipHtml(plot, params),
      },
      ...(plot.xType !== 'category'
        ? {
            dataZoom: [
              { type: 'inside', zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false, moveOnMouseMove: true },
              { type: 'slider', height: 18, bottom: 8, borderColor: ink.grid, textStyle: { color: ink.muted }, labelFormatter: (v: number) => xText(plot, v) },
            ],
          }
        : {}),
    });
  }
  return option;
}

/**
 * What changes when the reader zooms to `window` (the browser asks on every
 * zoom), to merge into the chart: the time axis' ticks for the days now in
 * view, the value axis fitted to what shows, the labels at the ends of what
 * shows, and the margin they need. No window: the whole axis again.
 */
export function zoomedOption(plot: Plot, settings: OptionSettings, window?: [number, number]): Option {
  const option = buildOption(plot, { ...settings, xWindow: window });
  return { grid: option.grid, xAxis: option.xAxis, yAxis: option.yAxis, series: option.series };
}

interface TooltipParam {
  seriesName: string;
  value: Point | number;
  name?: string;
  marker: string;
  axisValueLabel?: string;
  axisValue?: string | number;
}

/** ECharts reads "YYYY-MM-DD" as local midnight, so the day is read back in local time too. */
export function localDay(x: string | number): string {
  if (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x)) return x;
  const d = new Date(x);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function xText(plot: Plot, x: string | number): string {
  return plot.xType === 'time' ? localDay(x) : String(x);
}

/** Tooltip body; every value carries its series, x and raw figure as data attributes, so tests can read them. */
export function tooltipHtml(plot: Plot, raw: unknown): string {
  const params = ((Array.isArray(raw) ? raw : [raw]) as TooltipParam[]).filter((p) => p.seriesName !== DIRECT_LABELS);
  const first = params[0];
  if (!first) return '';
  const head = first.axisValue !== undefined ? xText(plot, first.axisValue) : first.name ?? '';
  const lines = params.map((p) => {
    const value = Array.isArray(p.value) ? p.value : [p.name ?? '', p.value];
    const x = xText(plot, value[0] as string | number);
    if (value.length > 2) {
      return `<div class="tip-row" data-series="${escapeHtml(p.seriesName)}" data-x="${escapeHtml(x)}">${p.marker}${escapeHtml(String(value[2]))} · ${escapeHtml(String(value[1]))} <span class="tip-day">(${escapeHtml(x)})</span></div>`;
    }
    const y = value[1] as number | null;
    const when = x !== head ? ` <span class="tip-day">(${escapeHtml(x)})</span>` : '';
    return `<div class="tip-row" data-series="${escapeHtml(p.seriesName)}" data-x="${escapeHtml(x)}" data-value="${y ?? ''}">${p.marker}${escapeHtml(p.seriesName)}${when}: <strong>${escapeHtml(formats(plot.lang).figure(y, plot.yFormat))}</strong></div>`;
  });
  return `<div class="tip-head">${escapeHtml(head)}</div>${lines.join('')}`;
}

/**
 * Where along a vertical line on `day` a label covering `length` of the plot's height is clearest,
 * on the chart's value axis (`scale`, as laid out):
 * top, middle or bottom. A band is worse the more labelled points it crosses (their labels run
 * sideways across the plot: text on text), then the more lines (each line's last value on or
 * before the day); ties go to the one farthest from both, then top, middle, bottom.
 */
export function clearBand(plot: Plot, scale: ValueScale | undefined, day: string, length: number): 'top' | 'middle' | 'bottom' {
  if (!scale || scale.log || scale.max <= scale.min) return 'top';
  const at = (v: number) => (v - scale.min) / (scale.max - scale.min);
  const labelled: number[] = [];
  const lines: number[] = [];
  for (const s of plot.series) {
    if (s.labelled) {
      for (const p of s.data) if (typeof p[1] === 'number') labelled.push(at(p[1]));
    } else if (s.kind === 'line') {
      let last: number | undefined;
      for (const p of s.data) if (String(p[0]) <= day && typeof p[1] === 'number') last = p[1];
      if (last !== undefined) lines.push(at(last));
    }
  }
  const l = Math.min(1, length);
  const bands = [
    ['top', 1 - l, 1],
    ['middle', 0.5 - l / 2, 0.5 + l / 2],
    ['bottom', 0, l],
  ] as const;
  const distance = (y: number, from: number, to: number) => (y < from ? from - y : y > to ? y - to : 0);
  const score = ([, from, to]: (typeof bands)[number]) =>
    labelled.filter((y) => distance(y, from, to) === 0).length * 100 +
    lines.filter((y) => distance(y, from, to) === 0).length -
    Math.min(1, ...[...labelled, ...lines].map((y) => distance(y, from, to)));
  return bands.reduce((best, band) => (score(band) < score(best) ? band : best))[0];
}

/**
 * The events as mark-line data, in day order; on a time axis a label is left
 * out when it would crowd (within 6% of the axis) the last one drawn, is cut
 * to the plot's height (it runs up its line), and goes on the line's right
 * where its left would run into the value axis' labels.
 */
function eventMarks(plot: Plot, range: Range, scale: ValueScale | undefined, plotWidth: number, plotHeight: number): Option[] {
  const events = [...(plot.events ?? [])].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const marks = events.map((e): Option => ({ xAxis: e.day, name: e.label }));
  const domain = plot.xType === 'time' ? range : undefined;
  if (!plot.eventLabels || !domain) return marks;
  const span = domain.to - domain.from || 1;
  let lastLabelled = -Infinity;
  return marks.map((mark, i) => {
    const at = timeOf(events[i]!.day);
    if (at < domain.from || at > domain.to || (at - lastLabelled) / span < 0.06) return { ...mark, label: { show: false } };
    lastLabelled = at;
    const text = fitText(events[i]!.label, 11, plotHeight - 8).replace(/[{}|]/g, ' ');
    const side = ((at - domain.from) / span) * plotWidth < 16 ? 'Bottom' : 'Top';
    const wanted = events[i]!.labelAt ?? 'top';
    const along = { top: 'insideEnd', middle: 'insideMiddle', bottom: 'insideStart' }[wanted === 'clear' ? clearBand(plot, scale, events[i]!.day, textWidth(text, 11) / plotHeight) : wanted];
    return { ...mark, label: { formatter: text, position: `${along}${side}` } };
  });
}

export type Cell = string | number | null;

/** One row per x value, one column per series: the data table behind a chart. */
export function pivotTable(plot: Plot, xLabel: string): { columns: string[]; rows: Cell[][] } {
  const byX = new Map<string, Cell[]>();
  const names = plot.series.map((s) => s.name);
  plot.series.forEach((s, column) => {
    for (const [x, y] of s.data) {
      const key = String(x);
      if (!byX.has(key)) byX.set(key, new Array<Cell>(names.length).fill(null));
      byX.get(key)![column] = y === null ? null : typeof y === 'string' ? y : formats(plot.lang).figure(y, plot.yFormat);
    }
  });
  const keys = [...byX.keys()];
  if (plot.xType === 'category' && plot.categories) keys.sort((a, b) => plot.categories!.indexOf(a) - plot.categories!.indexOf(b));
  else keys.sort((a, b) => (plot.xType === 'value' ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  return { columns: [xLabel, ...names], rows: keys.map((k) => [k, ...byX.get(k)!]) };
}
