// The report's charts: the site's plot model (charts/), drawn over the
// report's window with its releases marked, rendered to SVG when the report is
// exported; titles, legends and axis dates in the report's language.

import { formatShare, formatValue } from '../../charts/format.ts';
import type { Plot, PlotSeries, Point } from '../../charts/plot.ts';
import { inlinePlotSvg } from '../../charts/render.ts';
import type { DailyPoint, MetricSection, ReportModel } from './model.ts';
import { dayText, langOf, spanText, type Lang } from './words.ts';

export interface ReportChart {
  id: string;
  title: string;
  /** Text for readers who cannot see the picture. */
  description: string;
  svg: string;
}

function describe(series: PlotSeries[], show: (value: number) => string, lang: Lang): string {
  return series
    .map(({ name, data }) => {
      const [firstDay, first] = data[0]!;
      const [lastDay, last] = data[data.length - 1]!;
      if (lang === 'zh') {
        const at = (day: string | number, value: unknown) => `${dayText(lang, String(day))}为 ${show(value as number)}`;
        return data.length === 1 ? `${name}：${at(firstDay, first)}` : `${name}：${at(firstDay, first)}，${at(lastDay, last)}`;
      }
      const at = (day: string | number, value: unknown) => `${show(value as number)} on ${day}`;
      return data.length === 1 ? `${name}: ${at(firstDay, first)}` : `${name}: ${at(firstDay, first)} to ${at(lastDay, last)}`;
    })
    .join(lang === 'zh' ? '；' : '; ');
}

const points = (daily: DailyPoint[]): Point[] => daily.map((p) => [p.day, p.value]);

function chart(id: string, plot: Omit<Plot, 'xType' | 'xRange' | 'events' | 'eventLabels' | 'lang'>, model: ReportModel): ReportChart | undefined {
  if (plot.series.length === 0) return undefined;
  const lang = langOf(model);
  const description = describe(plot.series, plot.yFormat === 'percent' ? formatShare : formatValue, lang);
  const drawn: Plot = { ...plot, xType: 'time', xRange: [model.from, model.to], events: model.releases.map((r) => ({ day: r.released_at, label: lang === 'zh' ? (r.label_zh ?? r.label) : r.label })), eventLabels: true, lang };
  return { id, title: plot.title, description, svg: inlinePlotSvg(drawn, 'desktop', `${plot.title}${lang === 'zh' ? '。' : '. '}${description}`) };
}

function metricChart(section: MetricSection, model: ReportModel): ReportChart | undefined {
  const zh = langOf(model) === 'zh';
  const series = section.daily.map(({ openness, series, points: daily }): PlotSeries => {
    const reference = series === 'reference';
    const name = zh ? `${openness === 'open' ? '开源' : '闭源'}${reference ? '（引用的参考数字）' : ''}` : `${openness === 'open' ? 'Open' : 'Closed'}${reference ? ' (cited reference)' : ''}`;
    return { name, cls: openness, shade: 0, kind: reference ? 'scatter' : 'line', data: points(daily) };
  });
  const title = zh ? `${section.label}：开源与闭源模型` : `${section.label}: open vs closed models`;
  const subtitle = zh ? `${section.what}，${spanText('zh', model.from, model.to)}` : `${section.what}, ${model.from} to ${model.to}`;
  return chart(`${section.metric}-by-openness`, { title, subtitle, yName: section.unit, yFormat: 'number', series }, model);
}

function shareChart(model: ReportModel): ReportChart | undefined {
  // One open-share line per metric: shades of the open colour, told apart by dash and marker too.
  const series = model.metrics
    .filter((m) => m.shareDaily.length > 0)
    .map((m, shade): PlotSeries => ({ name: m.label, cls: 'open', shade, kind: 'line', data: points(m.shareDaily) }));
  if (langOf(model) === 'zh') {
    const subtitle = `开源 ÷（开源 + 闭源），采集的数据，${spanText('zh', model.from, model.to)}`;
    return chart('open-share', { title: '开源模型的份额', subtitle, yName: '开源份额', yFormat: 'percent', series }, model);
  }
  const subtitle = `open / (open + closed), collected facts, ${model.from} to ${model.to}`;
  return chart('open-share', { title: 'Open models’ share', subtitle, yName: 'open share', yFormat: 'percent', series }, model);
}

/** Every chart the report has data for: the open share first, then each metric by openness. */
export function reportCharts(model: ReportModel): ReportChart[] {
  return [shareChart(model), ...model.metrics.map((m) => metricChart(m, model))].filter((c): c is ReportChart => c !== undefined);
}
