// A Plot rendered to SVG by ECharts at build time: readable without
// JavaScript, embeddable as an image, the same picture on the site and in
// reports. Build-time only: it loads the whole of ECharts.

import * as echarts from 'echarts';
import { escapeHtml } from './escape.ts';
import { darkColourMap } from './palette.ts';
import { buildOption, fontTextWidth, plotSize, type Plot, type Size } from './plot.ts';

// No canvas here to measure text with: ECharts would guess from Arial's widths
// and lay legends out too tight for the wider fonts readers have (legend text
// ran into the next item's symbol). It measures with plot.ts' wide-side
// estimate instead, the one the plot's layout is planned with.
echarts.setPlatformAPI({ measureText: (text: string, font?: string) => ({ width: fontTextWidth(text, font) }) });

/** A style block that swaps every chart colour for its dark-mode counterpart when the reader's system is dark. */
function darkStyle(): string {
  const rules = darkColourMap()
    .flatMap(([light, dark]) => [`[fill="${light}"]{fill:${dark}}`, `[stroke="${light}"]{stroke:${dark}}`])
    .join('');
  return `<style>@media (prefers-color-scheme: dark){${rules}}</style>`;
}

/** The <svg> element with `attributes` added to its tag and `inside` placed first within it, dark mode built in. */
function plotSvg(plot: Plot, size: Size, attributes: string, inside = ''): string {
  const { width, height } = plotSize(plot, size);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption(buildOption(plot, { size, interactive: false }) as echarts.EChartsCoreOption);
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const open = svg.indexOf('>') + 1;
  return `${svg.slice(0, open).replace('<svg ', `<svg ${attributes} `)}${inside}${darkStyle()}${svg.slice(open)}`;
}

/** The chart as a standalone SVG document (/charts/<id>.svg): title and description for screen readers. */
export function renderPlotSvg(plot: Plot, size: Size): string {
  const named = `<title id="t">${escapeHtml(plot.title)}</title><desc id="d">${escapeHtml(plot.subtitle)}</desc>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${plotSvg(plot, size, 'role="img" aria-labelledby="t d"', named)}`;
}

/**
 * The chart as an element for a document that holds several (a report): named
 * by an aria-label, since title ids would repeat across the charts of one page.
 */
export function inlinePlotSvg(plot: Plot, size: Size, label: string): string {
  return plotSvg(plot, size, `role="img" aria-label="${escapeHtml(label)}"`);
}
