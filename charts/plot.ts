// A chart as data (a Plot) and its ECharts option, for the site and the reports.
// The build renders the option to SVG (render.ts); the browser builds the same
// option, with tooltip, zoom and log scale, when a reader first interacts with
// the chart. Pure: no ECharts import here, so the browser loads it cheaply.

import { escapeHtml } from './escape.ts';
import { formatAxis, formatFigure, type YFormat } from './format.ts';
import { INK, seriesStyle, type OpennessClass } from './palette.ts';

export type { YFormat };
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
  series: PlotSeries[];
  events?: PlotEvent[];
  /** Draw the events' labels (each one clear of the last labelled) or only their lines (many events). */
  eventLabels?: boolean;
  categories?: string[];
  /** A category y axis (a timeline of families), top to bottom. */
  yCategories?: string[];
  /** Height in pixels when the default does not fit (one row per family). */
  height?: number;
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
}

// Loose on purpose: the option goes to ECharts' setOption, whose own types are checked where it is called.
type Option = Record<string, unknown>;

export function buildOption(plot: Plot, settings: OptionSettings): Option {
  const ink = settings.ink ?? INK;
  const recolour = settings.recolour ?? ((c: string) => c);
  const phone = settings.size === 'phone';
  // Legend items flow into rows: estimate how many, so the plot starts below them.
  const legendWidth = SIZES[settings.size].width - 16;
  let legendRows = plot.series.length ? 1 : 0;
  let rowWidth = 0;
  for (const s of plot.series) {
    const item = 40 + 7 * s.name.length;
    if (rowWidth > 0 && rowWidth + item > legendWidth) {
      legendRows++;
      rowWidth = 0;
    }
    rowWidth += item;
  }
  const top = 64 + legendRows * 22 + (plot.yCategories ? 0 : 14);
  const bottom = settings.interactive && plot.xType !== 'category' ? 64 : 28;
  const text = { color: ink.text, fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif' };

  const series = plot.series.map((s, index) => {
    const style = seriesStyle(s.cls, s.shade);
    const colour = recolour(style.color);
    const base: Option = { name: s.name, type: s.kind, data: s.data, color: colour, z: 3 };
    if (s.kind === 'line') {
      Object.assign(base, {
        showSymbol: s.data.length <= 40,
        symbol: style.symbol,
        symbolSize: 7,
        lineStyle: { ...style.lineStyle, color: colour },
        connectNulls: false,
        // Thousands of daily points: draw what the pixels can show; the tooltip still reads every point.
        sampling: 'lttb',
      });
    } else if (s.kind === 'scatter') {
      Object.assign(base, { symbol: style.symbol === 'circle' || style.symbol === 'rect' ? 'circle' : 'triangle', symbolSize: 11, itemStyle: { color: colour, borderColor: ink.text, borderWidth: 1 }, z: 5 });
      if (s.labelled) base.label = { show: !phone, formatter: '{@[2]}', position: 'right', color: ink.muted, fontSize: 11 };
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
        data: eventMarks(plot),
      };
    }
    return base;
  });

  const yFormat = plot.yFormat;
  const option: Option = {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: text,
    title: {
      text: plot.title,
      subtext: plot.subtitle,
      left: 8,
      top: 4,
      textStyle: { color: ink.text, fontSize: phone ? 14 : 16, fontWeight: 600, width: SIZES[settings.size].width - 24, overflow: 'truncate' },
      subtextStyle: { color: ink.muted, fontSize: 11, width: SIZES[settings.size].width - 24, overflow: 'truncate' },
    },
    legend: {
      top: 46,
      left: 8,
      right: 8,
      itemWidth: 26,
      itemGap: phone ? 8 : 14,
      textStyle: { color: ink.text, fontSize: 12 },
      inactiveColor: ink.grid,
    },
    grid: plot.yCategories
      ? { top, left: phone ? 104 : 190, right: phone ? 16 : 90, bottom, outerBoundsMode: 'none' }
      : { top, left: 12, right: phone ? 16 : 28, bottom },
    xAxis: {
      type: plot.xType,
      ...(plot.categories ? { data: plot.categories } : {}),
      ...(plot.xRange ? { min: plot.xRange[0], max: plot.xRange[1] } : {}),
      ...(plot.xName ? { name: plot.xName, nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: ink.muted } } : {}),
      axisLine: { lineStyle: { color: ink.axis } },
      axisTick: { lineStyle: { color: ink.axis } },
      axisLabel: { color: ink.muted, hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: plot.yCategories ? {
      type: 'category',
      data: plot.yCategories,
      inverse: true,
      axisLine: { lineStyle: { color: ink.axis } },
      axisLabel: { color: ink.muted, width: phone ? 96 : 180, overflow: 'truncate', fontSize: 11 },
      splitLine: { show: true, lineStyle: { color: ink.grid } },
    } : {
      type: settings.yLog ? 'log' : 'value',
      name: plot.yName,
      nameTextStyle: { color: ink.muted, align: 'left' },
      inverse: !!plot.yInverse,
      scale: plot.yFormat === 'rank',
      minInterval: plot.yFormat === 'rank' ? 1 : 0,
      axisLabel: { color: ink.muted, formatter: (v: number) => formatAxis(v, yFormat) },
      splitLine: { lineStyle: { color: ink.grid } },
    },
    series,
  };
  if (plot.yFormat === 'percent' && !settings.yLog && !plot.yCategories) (option.yAxis as Option).max = 1;
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
  const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
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
    return `<div class="tip-row" data-series="${escapeHtml(p.seriesName)}" data-x="${escapeHtml(x)}" data-value="${y ?? ''}">${p.marker}${escapeHtml(p.seriesName)}${when}: <strong>${escapeHtml(formatFigure(y, plot.yFormat))}</strong></div>`;
  });
  return `<div class="tip-head">${escapeHtml(head)}</div>${lines.join('')}`;
}

/** The events as mark-line data, in day order; on a time axis a label is left out when it would crowd (within 6% of the axis) the last one drawn. */
function eventMarks(plot: Plot): Option[] {
  const events = [...(plot.events ?? [])].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const marks = events.map((e): Option => ({ xAxis: e.day, name: e.label }));
  if (!plot.eventLabels || plot.xType !== 'time') return marks;
  let first = Infinity;
  let last = -Infinity;
  for (const day of plot.xRange ?? [...events.map((e) => e.day), ...plot.series.flatMap((s) => s.data.map((p) => String(p[0])))]) {
    const t = Date.parse(day);
    if (t < first) first = t;
    if (t > last) last = t;
  }
  const span = last - first || 1;
  let lastLabelled = -Infinity;
  return marks.map((mark, i) => {
    const at = Date.parse(events[i]!.day);
    if ((at - lastLabelled) / span < 0.06) return { ...mark, label: { show: false } };
    lastLabelled = at;
    return mark;
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
      byX.get(key)![column] = y === null ? null : typeof y === 'string' ? y : formatFigure(y, plot.yFormat);
    }
  });
  const keys = [...byX.keys()];
  if (plot.xType === 'category' && plot.categories) keys.sort((a, b) => plot.categories!.indexOf(a) - plot.categories!.indexOf(b));
  else keys.sort((a, b) => (plot.xType === 'value' ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  return { columns: [xLabel, ...names], rows: keys.map((k) => [k, ...byX.get(k)!]) };
}
