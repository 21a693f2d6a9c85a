// Charts are ECharts options rendered to SVG at build time (readable without
// JavaScript, embeddable as an image). Each chart is a ChartSpec: its picture
// (a Plot), the rows it plots (for CSV/JSON downloads) and a table for readers
// who cannot see the picture.

import * as echarts from 'echarts';
import { darkColourMap } from './palette.ts';
import { buildOption, formatValue, plotSize, type Plot, type Size } from './plot.ts';

export { OPENNESS_COLOURS } from './palette.ts';

export function renderSvg(option: echarts.EChartsCoreOption, width = 800, height = 360): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A style block that swaps every chart colour for its dark-mode counterpart when the reader's system is dark. */
function darkStyle(): string {
  const rules = darkColourMap()
    .flatMap(([light, dark]) => [`[fill="${light}"]{fill:${dark}}`, `[stroke="${light}"]{stroke:${dark}}`])
    .join('');
  return `<style>@media (prefers-color-scheme: dark){${rules}}</style>`;
}

/** The chart as a standalone SVG document: title and description for screen readers, dark mode built in. */
export function renderPlotSvg(plot: Plot, size: Size): string {
  const { width, height } = plotSize(plot, size);
  const svg = renderSvg(buildOption(plot, { size, interactive: false }) as echarts.EChartsCoreOption, width, height);
  const open = svg.indexOf('>') + 1;
  const head = svg
    .slice(0, open)
    .replace('<svg ', `<svg role="img" aria-labelledby="t d" `);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}<title id="t">${escapeXml(plot.title)}</title><desc id="d">${escapeXml(plot.subtitle)}</desc>${darkStyle()}${svg.slice(open)}`;
}

export type Cell = string | number | null;

export interface ChartSpec {
  /** Stable, URL-safe: /charts/<id>.svg, .phone.svg, .csv, .json. */
  id: string;
  title: string;
  /** What the chart shows and where the numbers come from. */
  caption: string;
  /** The snapshot result the rows come from (its key on the Data page) and its named query. */
  source: { key: string; query: string };
  /** Exactly the numbers the chart plots: the query's rows, in the query's columns. */
  columns: string[];
  rows: Record<string, unknown>[];
  plot: Plot;
  /** The same numbers laid out for reading: one row per x, one column per series. */
  table: { columns: string[]; rows: Cell[][] };
  /** Whether a log scale makes sense (positive counts). */
  logScale: boolean;
}

/** One row per x value, one column per series: the data table behind a chart. */
export function pivotTable(plot: Plot, xLabel: string): ChartSpec['table'] {
  const byX = new Map<string, Cell[]>();
  const names = plot.series.map((s) => s.name);
  plot.series.forEach((s, column) => {
    for (const [x, y] of s.data) {
      const key = String(x);
      if (!byX.has(key)) byX.set(key, new Array<Cell>(names.length).fill(null));
      byX.get(key)![column] = y === null ? null : typeof y === 'string' ? y : formatValue(y, plot.yFormat);
    }
  });
  const keys = [...byX.keys()];
  if (plot.xType === 'category' && plot.categories) keys.sort((a, b) => plot.categories!.indexOf(a) - plot.categories!.indexOf(b));
  else keys.sort((a, b) => (plot.xType === 'value' ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  return { columns: [xLabel, ...names], rows: keys.map((k) => [k, ...byX.get(k)!]) };
}
