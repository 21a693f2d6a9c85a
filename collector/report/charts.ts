// The report's charts: ECharts options rendered to SVG when the report is
// exported, with the site's colours for open and closed.

import { OPENNESS_COLOURS, renderSvg } from '../../site/lib/charts.ts';
import { formatShare, formatValue } from './format.ts';
import type { MetricSection, ReportModel } from './model.ts';

export interface ReportChart {
  id: string;
  title: string;
  /** Text for readers who cannot see the picture. */
  description: string;
  svg: string;
}

const WIDTH = 800;
const HEIGHT = 360;

interface LineSeries {
  name: string;
  colour: string;
  points: { day: string; value: number }[];
  /** Cited reference figures: markers only, no line. */
  reference?: boolean;
}

function option(title: string, subtitle: string, series: LineSeries[], model: ReportModel, percent: boolean): Record<string, unknown> {
  // every release gets its line; a label only when it is clear of the previous one
  const span = Date.parse(model.to) - Date.parse(model.from) || 1;
  let lastLabelled = -Infinity;
  const releases = model.releases.map((r) => {
    const at = Date.parse(r.released_at);
    const show = (at - lastLabelled) / span >= 0.06;
    if (show) lastLabelled = at;
    return { xAxis: r.released_at, label: show ? { formatter: r.label } : { show: false } };
  });
  return {
    backgroundColor: '#ffffff',
    title: { text: title, subtext: subtitle, left: 'center', textStyle: { fontSize: 15 }, subtextStyle: { fontSize: 11 } },
    grid: { left: 72, right: 32, top: 72, bottom: 64 },
    legend: { bottom: 8 },
    xAxis: { type: 'time', min: model.from, max: model.to },
    yAxis: {
      type: 'value',
      scale: !percent,
      ...(percent ? { min: 0, max: 1 } : {}),
      axisLabel: { formatter: (v: number) => (percent ? formatShare(v) : formatValue(v)) },
    },
    series: series.map((s, i) => ({
      name: s.name,
      type: s.reference ? 'scatter' : 'line',
      symbol: s.reference ? 'diamond' : 'circle',
      symbolSize: s.reference ? 11 : 4,
      showSymbol: s.reference || s.points.length < 40,
      itemStyle: { color: s.colour },
      lineStyle: { color: s.colour, width: 2 },
      data: s.points.map((p) => [p.day, p.value]),
      ...(i === 0 && releases.length
        ? { markLine: { symbol: 'none', silent: true, lineStyle: { color: '#777777', type: 'dashed' }, label: { fontSize: 10, color: '#444444' }, data: releases } }
        : {}),
    })),
  };
}

function describe(series: LineSeries[], percent: boolean): string {
  return series
    .map((s) => {
      const first = s.points[0]!;
      const last = s.points[s.points.length - 1]!;
      const show = (v: number) => (percent ? formatShare(v) : formatValue(v));
      return first === last ? `${s.name}: ${show(first.value)} on ${first.day}` : `${s.name}: ${show(first.value)} on ${first.day} to ${show(last.value)} on ${last.day}`;
    })
    .join('; ');
}

function metricChart(section: MetricSection, model: ReportModel): ReportChart | undefined {
  const series: LineSeries[] = section.daily.map((d) => ({
    name: `${d.openness === 'open' ? 'Open' : 'Closed'}${d.series === 'reference' ? ' (cited reference)' : ''}`,
    colour: OPENNESS_COLOURS[d.openness],
    points: d.points,
    reference: d.series === 'reference',
  }));
  if (series.length === 0) return undefined;
  const title = `${section.label}: open vs closed families`;
  return {
    id: `${section.metric}-by-openness`,
    title,
    description: describe(series, false),
    svg: renderSvg(option(title, `${section.what}, ${model.from} to ${model.to}`, series, model, false), WIDTH, HEIGHT),
  };
}

const SHARE_COLOURS: Record<string, string> = { projects: '#1f6fd1', stars: '#7b3fb5', downloads: '#2a8a4a', hf_downloads_30d: '#8a6d1f' };

function shareChart(model: ReportModel): ReportChart | undefined {
  const series: LineSeries[] = model.metrics
    .filter((m) => m.shareDaily.length > 0)
    .map((m) => ({ name: m.label, colour: SHARE_COLOURS[m.metric] ?? '#333333', points: m.shareDaily }));
  if (series.length === 0) return undefined;
  const title = 'Open families’ share';
  return {
    id: 'open-share',
    title,
    description: describe(series, true),
    svg: renderSvg(option(title, `open / (open + closed), collected facts, ${model.from} to ${model.to}`, series, model, true), WIDTH, HEIGHT),
  };
}

/** Every chart the report has data for: the open share first, then each metric by openness. */
export function reportCharts(model: ReportModel): ReportChart[] {
  return [shareChart(model), ...model.metrics.map((m) => metricChart(m, model))].filter((c): c is ReportChart => c !== undefined);
}
