// Every chart on the site, built once from the snapshot: pages look charts up
// by id, and /charts/<id>.svg|.phone.svg|.csv|.json publish the same specs.
// Components only map columns to series; every number comes from a query.

import type { OpennessClass } from '../../charts/palette.ts';
import { pivotTable, type Cell, type Plot, type PlotEvent, type PlotSeries, type Point, type YFormat } from '../../charts/plot.ts';
import { keys, SITE_METRICS } from '../../collector/snapshot/manifest.ts';
import type {
  FamilyChartFactRow,
  FamilyRow,
  LeaderboardBestOpenClosedRow,
  LeaderboardGapMonthsRow,
  LeaderboardOpennessRow,
  LeaderboardTopShareRow,
  MetricByOpennessRow,
  MetricByRegionRow,
  OpenRouterShareRow,
  OpenShareRow,
  ReferencePointRow,
  ReleaseEventRow,
  SeriesBreakRow,
  SiteMetric,
  CompareSeriesRow,
} from '../../collector/snapshot/site-data.ts';
import { CITED_COLUMNS, citedColumns, citedKey } from '../../charts/cited.ts';
import { formatValue } from '../../charts/format.ts';
import { breakWords, compareFamilies, compareView, type ComparedCitation } from './compare.ts';
import { result, rowsOf, siteData } from './data.ts';
import { newestDataDay } from './freshness.ts';
import { metricTitles } from './metrics.ts';
import { familyName, leaderboardClassName, opennessLabel, regionName, scopeStatement } from './labels.ts';
import { SOURCES as REGISTRY_SOURCES } from '../../registry/sources.ts';
import { FACT_METRICS as REGISTRY_FACT_METRICS, FAMILY_METRICS as REGISTRY_FAMILY_METRICS, factMetric, isShareMetric, type FactMetricEntry, type SiteShareMetric } from '../../registry/metrics.ts';
import { citedPointLabel, subjectPrefix, subjectWord, unbrokenDay } from './family-figures.ts';
import { familyMetricText } from './metrics.ts';
import { vendorName } from './labels.ts';
import { LEADERBOARD_CLASSES as REGISTRY_LEADERBOARD_CLASSES, LEADERBOARD_GROUPS, opennessClass } from '../../registry/openness.ts';
import { formatDay, LANGS, translator, type Lang } from './i18n.ts';
import { releaseLabelIn } from './catalog-text.ts';
import { buildCacheFile, cachedValue, keepValue } from './build-cache.ts';
import { recordsToCsv } from '../../charts/csv.ts';

/** A chart as the site publishes it: its picture (a Plot), the rows it plots (for CSV/JSON downloads) and a table for readers who cannot see the picture. */
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
  /**
   * Whether the table is pivotTable of the plot itself, known where both were made: opening a long
   * table then loads every row from the plot (client/chart-table.ts). Absent where a table was made
   * elsewhere: the chart compares the two (Chart.astro).
   */
  tableFromPlot?: boolean;
  /** Whether a log scale makes sense (positive counts). */
  logScale: boolean;
  /** Why the chart has nothing to draw when its data is there (said instead of how to collect it). */
  emptyReason?: string;
}

/** What each stored metric is, in words (family pages, methodology). */
export const FACT_METRICS: Record<string, { title: string; unit: string; format?: YFormat }> = Object.fromEntries(
  (REGISTRY_FACT_METRICS as readonly FactMetricEntry[]).map((m) => [m.id, { title: m.title, unit: m.unit, ...(m.format === 'rank' ? { format: 'rank' as const } : {}) }]),
);

/** Names of the leaderboard's licence classes as stored and as shown (registry/openness.ts), in English; classNames(lang) in either language. */
export const CLASS_NAMES: Record<string, string> = Object.fromEntries([...REGISTRY_LEADERBOARD_CLASSES, ...LEADERBOARD_GROUPS].map((c) => [c.id, c.title]));
/** The leaderboard's licence classes and groups as shown in a language (labels.ts has the Chinese). */
export function classNames(lang: Lang): Record<string, string> {
  return Object.fromEntries(Object.keys(CLASS_NAMES).map((id) => [id, leaderboardClassName(id, lang)]));
}
/** The open/closed class that colours a leaderboard group, or null for `unknown` (no colour of either side). */
export const CLASS_STYLE: Record<string, OpennessClass | null> = Object.fromEntries(LEADERBOARD_GROUPS.map((g) => [g.id, g.class]));

function subtitle(what: string, lang: Lang = 'en'): string {
  const data = siteData();
  const day = newestDataDay();
  const t = translator(lang);
  return `OpenPulse · ${what}${day ? t(` · data to ${day}`, ` · 数据截至 ${day}`) : ''}${data.simulated ? t(' · SIMULATED DATA', ' · 模拟数据') : ''}`;
}

/** The catalog's releases as a chart's events, labelled in the page's language; on a chart of many families each names its family. */
function releaseEvents(lang: Lang, family?: string): PlotEvent[] {
  const names = family ? new Map<string, string>() : new Map(rowsOf<FamilyRow>(keys.families).map((f) => [f.id, familyName(f, lang)]));
  return rowsOf<ReleaseEventRow>(keys.releaseEvents)
    .filter((e) => !family || e.family === family)
    .map((e) => {
      const label = releaseLabelIn(lang, e);
      const who = names.get(e.family) ?? e.name;
      return { day: e.released_at, label: family ? label : lang === 'zh' ? `${label}（${who}）` : `${label} (${who})` };
    });
}

/**
 * Where series start or stop inside the charted period (series_breaks): marked on the
 * open-vs-closed charts as events, since those sums leave such series out rather than
 * let their arrival read as growth.
 */
function breakEvents(metric: SiteMetric, lang: Lang): PlotEvent[] {
  const byDay = new Map<string, { starts: number; stops: number }>();
  for (const b of rowsOf<SeriesBreakRow>(keys.seriesBreaks(metric, 'all'))) {
    if (b.reason !== 'stops inside the window') {
      const at = byDay.get(b.first_day) ?? { starts: 0, stops: 0 };
      at.starts += 1;
      byDay.set(b.first_day, at);
    }
    if (b.reason !== 'starts inside the window') {
      const at = byDay.get(b.last_day) ?? { starts: 0, stops: 0 };
      at.stops += 1;
      byDay.set(b.last_day, at);
    }
  }
  return [...byDay].map(([day, n]) => ({
    day,
    label: lang === 'zh' ? `断点：${breakWords(n, lang)}（不计入合计）` : `break: ${breakWords(n, lang)} (left out of the sums)`,
  }));
}

/** The caption's sentence on coverage: which series the sums leave out, and where they are listed. */
function coverageNote(metric: SiteMetric, lang: Lang): string {
  const breaks = rowsOf<SeriesBreakRow>(keys.seriesBreaks(metric, 'all'));
  if (breaks.length === 0) return '';
  const key = keys.seriesBreaks(metric, 'all');
  return lang === 'zh'
    ? `只加总覆盖整个时段的序列：有 ${breaks.length} 个序列在时段内开始或停止，未计入合计，并标为断点（列于数据 ${key}）。`
    : ` Only series that cover the whole period are added: ${breaks.length} that start or stop inside it are left out and marked as breaks (listed in the data ${key}).`;
}

/** Groups rows into series by a key, keeping first-seen order. */
function groupPoints<R>(rows: R[], key: (r: R) => string, point: (r: R) => Point): Map<string, Point[]> {
  const out = new Map<string, Point[]>();
  for (const r of rows) {
    const k = key(r);
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(point(r));
  }
  return out;
}

function pick(rows: Record<string, unknown>[], columns: string[]): Record<string, unknown>[] {
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])));
}

/**
 * A chart from its parts. Its table is `table` when given, else pivotTable of `tablePlot` (the plot by
 * default: a chart may lay out fewer series than it draws), one row per x labelled `xLabel`.
 */
function spec(
  args: Omit<ChartSpec, 'table' | 'rows' | 'tableFromPlot'> & { rows: Record<string, unknown>[]; xLabel?: string; table?: ChartSpec['table']; tablePlot?: Plot },
): ChartSpec {
  const tablePlot = args.table ? undefined : (args.tablePlot ?? args.plot);
  return {
    id: args.id,
    title: args.title,
    caption: args.caption,
    source: args.source,
    columns: args.columns,
    rows: pick(args.rows, args.columns),
    plot: args.plot,
    table: args.table ?? pivotTable(tablePlot!, args.xLabel ?? 'day'),
    ...(tablePlot ? { tableFromPlot: tablePlot === args.plot } : {}),
    logScale: args.logScale,
    ...(args.emptyReason ? { emptyReason: args.emptyReason } : {}),
  };
}

const hasPoints = (s: PlotSeries) => s.data.length > 0;

/**
 * Open vs closed per day, collected facts only, from the series that cover the charted period.
 * Cited figures belong to one family each (LLaMA's 5,600+ is LLaMA's): drawn beside that family's
 * series on its page, never here as a class total.
 */
function opennessChart(metric: SiteMetric, lang: Lang): ChartSpec {
  const t = translator(lang);
  const meta = metricTitles(lang)[metric];
  const key = keys.metricByOpenness(metric);
  const rows = rowsOf<MetricByOpennessRow>(key);
  const series: PlotSeries[] = (['open', 'closed'] as const).map((cls) => ({
    name: opennessLabel(cls, lang),
    cls,
    shade: 0,
    kind: 'line',
    data: rows.filter((r) => r.openness === cls).map((r): Point => [r.day, r.value]),
  }));
  return spec({
    // The projects chart keeps the id it has always had, so its CSV, JSON and SVG stay at the same URLs.
    id: metric === 'projects' ? 'projects-by-openness' : `${metric}-by-openness`,
    title: t(`${meta.title}: open vs closed models`, `${meta.title}：开源与闭源模型`),
    caption: t(
      `${meta.title}: ${meta.caption}, summed over open and over closed models; dotted lines mark model releases and series breaks.${coverageNote(metric, lang)} ${scopeStatement(result(key).params.scope, lang)}`,
      `${meta.title}：${meta.caption}，分别按开源与闭源模型加总；虚线标出模型发布与序列断点。${coverageNote(metric, lang)}${scopeStatement(result(key).params.scope, lang)}`,
    ),
    source: { key, query: result(key).query },
    columns: ['day', 'openness', 'value'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: { title: t(`${meta.title}: open vs closed`, `${meta.title}：开源与闭源`), subtitle: subtitle(meta.caption, lang), xType: 'time', yName: meta.unit, yFormat: 'number', series: series.filter(hasPoints), events: [...releaseEvents(lang), ...breakEvents(metric, lang)] },
    xLabel: t('day', '日期'),
    logScale: true,
  });
}

/**
 * Why a share chart over the whole period is empty while the metric has data: no series of one side
 * (or either) covers the period, so no day has both sides from the same series throughout.
 */
function emptyShareReason(metric: SiteMetric, lang: Lang): string | undefined {
  const t = translator(lang);
  const sums = rowsOf<MetricByOpennessRow>(keys.metricByOpenness(metric));
  const breaks = rowsOf<SeriesBreakRow>(keys.seriesBreaks(metric, 'all'));
  if (breaks.length === 0) return undefined;
  const sides = new Set(sums.map((r) => r.openness));
  const missing = (['open', 'closed'] as const).filter((side) => !sides.has(side)).map((side) => opennessLabel(side, lang));
  const key = keys.seriesBreaks(metric, 'all');
  return t(
    `No share over the whole period: no ${missing.join(' or ') || 'open or closed'} series covers it, and a share of series that join or leave would be a step, not a trend. The ${breaks.length} series that start or stop inside it are listed in the data ${key}; the cards above compare the same series over 30 and 365 days.`,
    `整个时段没有份额：没有覆盖整个时段的${missing.join('或') || '开源或闭源'}序列；把中途加入或退出的序列算进份额，得到的是台阶，不是趋势。在时段内开始或停止的 ${breaks.length} 个序列列于数据 ${key}；上方的卡片比较的是 30 天和 365 天内相同的序列。`,
  );
}

/**
 * The open share of routed tokens per day, from openrouter_share: the same share as open_share's (routed
 * tokens take no coverage rule, whole_day_metrics), with what it is a share of beside it (the tokens of each
 * side, the long tail's and the unmapped models' shares of all tokens), as the caption says.
 */
function routedShareChart(lang: Lang): ChartSpec {
  const t = translator(lang);
  const meta = metricTitles(lang).tokens;
  const key = keys.routedShareHistory;
  const rows = rowsOf<OpenRouterShareRow>(key).filter((r) => r.open_share != null);
  return spec({
    id: 'open-share-tokens',
    title: t("Open models' share of routed tokens (OpenRouter)", `${meta.title}：开源模型所占份额`),
    caption: t(
      `Open models' share of the tokens OpenRouter routed each day to the catalog's models on either side (open ÷ (open + closed)). Each day of OpenRouter's rankings is whole (its top 50 models and one row for the rest), so a model entering or leaving the top 50 moves tokens within the day, and the day's share needs no coverage rule. The rest (the long tail, models no catalog entry names) is on neither side: its shares are in the data. ${scopeStatement(result(key).params.scope, lang)}`,
      `OpenRouter 每天路由给目录中开源或闭源模型的 token 里，开源模型所占的份额（开源 ÷（开源 + 闭源））。OpenRouter 排行的每一天都是完整的（前 50 个模型，加上其余模型合为一行），模型进入或离开前 50 只是在当天内部转移 token，所以每天的份额不需要覆盖规则。其余部分（长尾、目录未收录的模型）不属于任何一方，其份额见数据。${scopeStatement(result(key).params.scope, lang)}`,
    ),
    source: { key, query: result(key).query },
    columns: ['period_start', 'open_share', 'open_tokens', 'closed_tokens', 'unknown_share', 'long_tail_share'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: {
      title: t('Open share of routed tokens (OpenRouter)', `${meta.title}：开源份额`),
      subtitle: subtitle(t("tokens routed each day to the catalog's open and closed models", '每天路由给目录中开源与闭源模型的 token'), lang),
      xType: 'time',
      yName: t('open share', '开源份额'),
      yFormat: 'percent',
      series: ([{ name: t('open share', '开源份额'), cls: 'open', shade: 0, kind: 'line', data: rows.map((r): Point => [r.period_start, r.open_share as number]) }] satisfies PlotSeries[]).filter(hasPoints),
      events: releaseEvents(lang),
    },
    xLabel: t('day', '日期'),
    logScale: false,
  });
}

function openShareChart(metric: SiteShareMetric, lang: Lang): ChartSpec {
  if (metric === 'tokens') return routedShareChart(lang);
  const t = translator(lang);
  const meta = metricTitles(lang)[metric];
  const key = keys.openShare(metric);
  const rows = rowsOf<OpenShareRow>(key);
  const emptyReason = rows.length === 0 ? emptyShareReason(metric, lang) : undefined;
  return spec({
    ...(emptyReason ? { emptyReason } : {}),
    id: `open-share-${metric}`,
    title: t(`Open models' share of ${meta.title}`, `${meta.title}：开源模型所占份额`),
    caption: t(
      `Open models' share of all ${meta.unit} (${meta.caption}), on days when both open and closed models have a value.${coverageNote(metric, lang)} ${scopeStatement(result(key).params.scope, lang)}`,
      `开源模型所占的份额（${meta.title}：${meta.caption}），只计开源与闭源模型都有数值的日子。${coverageNote(metric, lang)}${scopeStatement(result(key).params.scope, lang)}`,
    ),
    source: { key, query: result(key).query },
    columns: ['day', 'open_share'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: {
      title: t(`Open share of ${meta.title}`, `${meta.title}：开源份额`),
      subtitle: subtitle(meta.caption, lang),
      xType: 'time',
      yName: t('open share', '开源份额'),
      yFormat: 'percent',
      series: ([{ name: t('open share', '开源份额'), cls: 'open', shade: 0, kind: 'line', data: rows.map((r): Point => [r.day, r.open_share]) }] satisfies PlotSeries[]).filter(hasPoints),
      events: [...releaseEvents(lang), ...breakEvents(metric, lang)],
    },
    xLabel: t('day', '日期'),
    logScale: false,
  });
}

function releasesChart(lang: Lang): ChartSpec {
  const t = translator(lang);
  const key = keys.releaseEvents;
  const rows = rowsOf<ReleaseEventRow>(key);
  const families = rowsOf<FamilyRow>(keys.families).filter((f) => rows.some((r) => r.family === f.id));
  // A family's row on the chart is its name in the page's language (the catalog's Chinese name where it has one).
  const shown = new Map(families.map((f) => [f.id, familyName(f, lang)]));
  const series: PlotSeries[] = (['open', 'closed'] as const).map((cls) => ({
    // each release on its own side: gpt-oss is an open release of a closed family, Muse Spark a closed one of an open family
    name: cls === 'open' ? t('open release', '开源发布') : t('closed release', '闭源发布'),
    cls,
    shade: 0,
    kind: 'scatter',
    labelled: true,
    data: rows.filter((r) => opennessClass(r.openness) === cls).map((r): Point => [r.released_at, shown.get(r.family) ?? r.name, releaseLabelIn(lang, r)]),
  }));
  return spec({
    id: 'release-events',
    title: t('Model releases', '模型发布'),
    caption: t('Releases recorded in the catalog, by family, each coloured by its own openness (a family can ship both): the events marked on every time axis.', '目录记录的各家族模型发布，按每次发布自身的开源与否着色（同一家族可能两者都有），也就是每条时间轴上标出的事件。'),
    source: { key, query: result(key).query },
    columns: ['released_at', 'family', 'name', 'openness', 'label'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: {
      title: t('Model releases', '模型发布'),
      subtitle: subtitle(t('release events from the catalog', '目录中的发布事件'), lang),
      xType: 'time',
      yName: '',
      yFormat: 'number',
      yCategories: families.map((f) => shown.get(f.id) ?? f.name),
      series: series.filter(hasPoints),
      height: 90 + families.length * 24,
    },
    table: {
      columns: [t('day', '日期'), t('family', '家族'), t('release', '发布'), t('openness', '开放程度')],
      rows: rows.map((r) => [r.released_at, shown.get(r.family) ?? r.name, releaseLabelIn(lang, r), lang === 'zh' ? opennessLabel(r.openness, lang) : r.openness]),
    },
    logScale: false,
  });
}

/** The groups charted, open vs proprietary; models of unknown licence are in the page's tables, not on the open/closed axes. */
const LEADERBOARD_CLASSES: { cls: string; style: OpennessClass; shade: number }[] = [
  { cls: 'closed', style: 'closed', shade: 0 },
  { cls: 'open_noncommercial', style: 'open', shade: 2 },
  { cls: 'open', style: 'open', shade: 0 },
];

function leaderboardChart(field: 'best_rank' | 'models', lang: Lang): ChartSpec {
  const t = translator(lang);
  const key = keys.leaderboard;
  const rows = rowsOf<LeaderboardOpennessRow>(key);
  const rank = field === 'best_rank';
  // A table counts every model it lists, the Arena dataset only the models it rates: two ways of counting, so two lines per class, never one line switching between them.
  const kinds = rank
    ? [{ label: '', origins: ['table', 'table+dataset', 'dataset'], shade: 0 }]
    : [
        { label: t(' · tables', ' · 榜单表格'), origins: ['table', 'table+dataset'], shade: 0 },
        { label: t(' · rated (Arena dataset)', ' · 有评分（Arena 数据集）'), origins: ['dataset'], shade: 1 },
      ];
  const names = classNames(lang);
  const series: PlotSeries[] = LEADERBOARD_CLASSES.flatMap(({ cls, style, shade }) => [
    ...kinds.map((k) => ({
      name: `${names[cls]}${k.label}`,
      cls: style,
      shade: shade + k.shade,
      kind: 'line' as const,
      data: rows.filter((r) => r.class === cls && !r.is_reference && r[field] !== null && k.origins.includes(r.origin)).map((r): Point => [r.table_date, r[field]]),
    })),
    { name: `${names[cls]}${t(' · cited', ' · 引用')}`, cls: style, shade, kind: 'scatter' as const, data: rows.filter((r) => r.class === cls && r.is_reference && r[field] !== null).map((r): Point => [r.table_date, r[field]]) },
  ]);
  return spec({
    id: rank ? 'leaderboard-best-rank' : 'leaderboard-models',
    title: rank ? t('Best leaderboard rank: open vs proprietary', '排行榜最佳名次：开源与闭源') : t('Models on the leaderboard: open vs proprietary', '排行榜上的模型数：开源与闭源'),
    caption: rank
      ? t(
          'The best rank any model of each licence class holds on each Chatbot Arena leaderboard publication (1 is the top: the position by rating among the models it rates); points are cited figures.',
          '每一期 Chatbot Arena 排行榜上，各许可类别的模型取得的最佳名次（1 为榜首：在该期有评分的模型中按评分排出的位置）；散点为引用的数字。',
        )
      : t(
          'How many models of each licence class each Chatbot Arena leaderboard table lists ("tables": every model shown, rated or not) and, on the dates no table has, how many the Arena dataset rates ("rated"): two counts, drawn apart. Points are cited figures. Models whose licence string is in no class are counted as unknown in the tables below the charts.',
          '每张 Chatbot Arena 排行榜表格列出的各许可类别模型数（“榜单表格”：表中列出的全部模型，无论有无评分），以及在没有表格的日期，Arena 数据集给出评分的模型数（“有评分”）：两种计数，分开绘制。散点为引用的数字。许可字符串不属于任何类别的模型，在图表下方的表格中计为许可未知。',
        ),
    source: { key, query: result(key).query },
    columns: ['table_date', 'class', field, 'is_reference', 'origin'],
    rows: rows.filter((r) => r[field] !== null) as unknown as Record<string, unknown>[],
    plot: {
      title: rank ? t('Best leaderboard rank by licence class', '各许可类别的排行榜最佳名次') : t('Leaderboard models by licence class', '各许可类别的排行榜模型数'),
      subtitle: subtitle(t('LMSYS / LMArena leaderboard tables', 'LMSYS / LMArena 排行榜表格'), lang),
      xType: 'time',
      yName: rank ? t('best rank', '最佳名次') : t('models', '模型数'),
      yFormat: rank ? 'rank' : 'number',
      yInverse: rank,
      series: series.filter(hasPoints),
    },
    xLabel: t('table date', '榜单日期'),
    logScale: !rank,
  });
}

/** The best open and the best closed model's rating per publication (the Arena's dataset; 2023 tables' Elo where it has no date). */
function leaderboardBestChart(lang: Lang): ChartSpec {
  const t = translator(lang);
  const key = keys.leaderboardBestOpenClosed;
  const rows = rowsOf<LeaderboardBestOpenClosedRow>(key);
  const withInterval = rows.filter((r) => r.gap_lower !== null && r.gap_upper !== null);
  const series: PlotSeries[] = [
    { name: t('closed lead', '闭源领先'), cls: 'closed', shade: 0, kind: 'line', data: rows.map((r): Point => [r.table_date, r.gap]) },
    { name: t('closed lead: interval top', '闭源领先：区间上限'), cls: 'closed', shade: 1, kind: 'line', data: withInterval.map((r): Point => [r.table_date, r.gap_upper]) },
    { name: t('closed lead: interval bottom', '闭源领先：区间下限'), cls: 'closed', shade: 2, kind: 'line', data: withInterval.map((r): Point => [r.table_date, r.gap_lower]) },
  ];
  return spec({
    id: 'leaderboard-best-open-closed',
    title: t('How far the best closed model leads the best open one, in rating points', '最佳闭源模型领先最佳开源模型多少评分点'),
    caption: t(
      'The best closed model\'s rating minus the best open model\'s, per leaderboard publication (below 0: the best open model is rated higher). Open includes non-commercial licences; unknown licences are on neither side. ' +
        'The interval joins the two ratings\' intervals end to end. The data holds both models and their ratings. Points are comparable within a publication, not across publications.',
      '每一期排行榜上，最佳闭源模型的评分减去最佳开源模型的评分（低于 0：最佳开源模型评分更高）。开源包括非商用许可；许可未知的模型不属于任何一方。' +
        '区间由两个评分的区间首尾相接而成。数据中包含这两个模型及其评分。评分点只能在同一期内比较，不能跨期比较。',
    ),
    source: { key, query: result(key).query },
    columns: ['table_date', 'best_open', 'open_rating', 'open_lower', 'open_upper', 'best_closed', 'closed_rating', 'closed_lower', 'closed_upper', 'gap', 'gap_lower', 'gap_upper'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: { title: t('Closed lead over open, rating points', '闭源对开源的领先（评分点）'), subtitle: subtitle(t('Arena leaderboard publications', 'Arena 排行榜各期'), lang), xType: 'time', yName: t('rating points', '评分点'), yFormat: 'number', series: series.filter(hasPoints) },
    xLabel: t('publication', '发布日期'),
    logScale: false,
  });
}

/** The open share of each publication's top 10, 20 and 50 by rating. */
function leaderboardTopShareChart(lang: Lang): ChartSpec {
  const t = translator(lang);
  const key = keys.leaderboardTopShare;
  const rows = rowsOf<LeaderboardTopShareRow>(key);
  const series: PlotSeries[] = [10, 20, 50].map((top, shade) => ({ name: t(`top ${top}`, `前 ${top} 名`), cls: 'open', shade, kind: 'line', data: rows.filter((r) => r.top === top).map((r): Point => [r.table_date, r.open_share]) }));
  return spec({
    id: 'leaderboard-top-share',
    title: t('Open models in the top 10, 20 and 50 of the leaderboard', '排行榜前 10、20、50 名中的开源模型'),
    caption: t(
      'The share of open models (non-commercial licences included) among the top 10, 20 and 50 models by rating of each leaderboard publication; models of unknown licence count in the total, not as open. A publication with fewer models than the top has no point for it.',
      '每一期排行榜按评分排名前 10、20、50 的模型中，开源模型（含非商用许可）所占的份额；许可未知的模型计入总数，但不算开源。某一期的模型数不足该名次数时，没有对应的点。',
    ),
    source: { key, query: result(key).query },
    columns: ['table_date', 'top', 'models', 'open', 'open_noncommercial', 'closed', 'unknown', 'open_share'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: { title: t('Open share of the top of the leaderboard', '排行榜头部的开源份额'), subtitle: subtitle(t('Arena leaderboard publications', 'Arena 排行榜各期'), lang), xType: 'time', yName: t('open share', '开源份额'), yFormat: 'percent', series: series.filter(hasPoints) },
    xLabel: t('publication', '发布日期'),
    logScale: false,
  });
}

/** How many months the best open model trails the closed frontier, on one publication's scale (leaderboard_gap_months). */
function leaderboardGapMonthsChart(lang: Lang): ChartSpec {
  const t = translator(lang);
  const key = keys.leaderboardGapMonths;
  const rows = rowsOf<LeaderboardGapMonthsRow>(key);
  const scale = rows[0]?.scale_date;
  const series: PlotSeries[] = [
    { name: t('months behind', '落后月数'), cls: 'open', shade: 0, kind: 'line', data: rows.map((r): Point => [r.day, r.months]) },
    { name: t('within the intervals: at most', '区间内：最多'), cls: 'open', shade: 1, kind: 'line', data: rows.map((r): Point => [r.day, r.months_high]) },
    { name: t('within the intervals: at least', '区间内：最少'), cls: 'open', shade: 2, kind: 'line', data: rows.map((r): Point => [r.day, r.months_low]) },
  ];
  return spec({
    id: 'leaderboard-gap-months',
    title: t('How far open trails closed, in months', '开源落后闭源几个月'),
    caption: t(
      `For each publication date, how many months earlier a closed model first reached the rating of the best open model listed by then (0: no closed model had), every model rated on ${scale ? `the ${scale} publication's scale` : 'one publication\'s scale'} and dated by its first appearance; ` +
        'the bounds take each rating\'s interval in the closed frontier\'s favour and against it. After Epoch AI\'s open-vs-closed gap; the methodology page says what it misses.',
      `对每个发布日期：当时已上榜的最佳开源模型所达到的评分，闭源模型早在几个月前就已首次达到（0：尚无闭源模型达到）；所有模型都按${scale ? ` ${formatDay(lang, scale)} 那一期` : '同一期'}的评分尺度评分，并以首次上榜的日期为准；` +
        '上下限分别按对闭源前沿有利和不利的方向取各评分的区间。参照 Epoch AI 的开源与闭源差距指标；其局限见方法说明页。',
    ),
    source: { key, query: result(key).query },
    columns: ['day', 'best_open', 'open_rating', 'matched_by', 'matched_on', 'months', 'months_low', 'months_high', 'open_leads', 'rated', 'unrated'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: {
      title: t('Months the best open model trails the closed frontier', '最佳开源模型落后闭源前沿的月数'),
      subtitle: subtitle(t(`Arena ratings of ${scale ?? 'one publication'}`, `Arena 评分（${scale ? formatDay(lang, scale) : '同一期'}）`), lang),
      xType: 'time',
      yName: t('months', '月数'),
      yFormat: 'number',
      series: series.filter(hasPoints),
    },
    xLabel: t('publication', '发布日期'),
    logScale: false,
  });
}

function regionChart(lang: Lang): ChartSpec {
  const t = translator(lang);
  const key = keys.projectsByRegion;
  const rows = rowsOf<MetricByRegionRow>(key);
  // One series per region and class: "US · open" in English, "美国 · 开源" in Chinese.
  const groups = groupPoints(rows, (r) => `${r.region}\u0000${r.openness}`, (r) => [r.day, r.value]);
  const shades = { open: 0, closed: 0 };
  const series: PlotSeries[] = [...groups].map(([group, data]) => {
    const [region = '', openness = ''] = group.split('\u0000');
    const cls: OpennessClass = opennessClass(openness);
    const name = lang === 'zh' ? `${regionName(region, lang)} · ${opennessLabel(cls, lang)}` : `${region} · ${openness}`;
    return { name, cls, shade: shades[cls]++, kind: 'line', data };
  });
  return spec({
    id: 'projects-by-region',
    title: t('GitHub projects by origin region and openness', 'GitHub 项目数：按来源地区与开源/闭源'),
    caption: t(
      `GitHub projects of each family's headline searches (one per side), summed by the family's origin region and each search's own side, open or closed.${coverageNote('projects', lang)} ${scopeStatement(result(key).params.scope, lang)}`,
      `各家族主搜索词（每侧一条）对应的 GitHub 项目数，按家族的来源地区与每条搜索自身的开源/闭源分别加总。${coverageNote('projects', lang)}${scopeStatement(result(key).params.scope, lang)}`,
    ),
    source: { key, query: result(key).query },
    columns: ['day', 'region', 'openness', 'value'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: { title: t('GitHub projects by region and openness', 'GitHub 项目数：按地区与开源/闭源'), subtitle: subtitle(t("families' origin region", '家族来源地区'), lang), xType: 'time', yName: t('projects', '项目数'), yFormat: 'number', series },
    xLabel: t('day', '日期'),
    logScale: true,
  });
}

/** Strips a subject's kind prefix: "repo:THUDM/ChatGLM-6B" → "THUDM/ChatGLM-6B". */
export function subjectName(subject: string): string {
  const at = subject.indexOf(':');
  return at > 0 ? subject.slice(at + 1) : subject;
}

/**
 * The names a family chart gives its subjects' lines: each one's name without its kind prefix, and
 * where two share it (an npm and a PyPI package both called "openai"), each with its registry's
 * name after it, "openai (npm)" and "openai (PyPI)": two lines under one name would be one legend
 * entry and two table columns no reader can tell apart.
 */
export function subjectLabels(subjects: readonly string[]): Map<string, string> {
  const names = subjects.map(subjectName);
  const count = new Map<string, number>();
  for (const name of names) count.set(name, (count.get(name) ?? 0) + 1);
  return new Map(
    subjects.map((subject, i) => {
      const name = names[i]!;
      if (count.get(name)! < 2) return [subject, name];
      const prefix = subjectPrefix(subject);
      const source = REGISTRY_SOURCES.find((s) => (s.subjects as readonly string[]).includes(prefix));
      return [subject, `${name} (${source?.apis[0]?.name ?? prefix})`];
    }),
  );
}

/** At most this many subjects are drawn in one family chart (as many as a class has shades); the others are in the page's table of newest values. */
const FAMILY_CHART_SUBJECTS = 6;
/** A family metric with values on fewer days than this is read from the page's tables of latest values: a chart of a few snapshots is near-empty. */
const FAMILY_CHART_MIN_DAYS = 7;
/** Collected points are marked on their line while each subject has at most this many (as many as a line shows symbols for); a longer run is told from the backfill by a dotted line where collection starts. */
const FAMILY_CHART_MARKS = 40;

/**
 * One chart per family-level metric (the registry's FAMILY_METRICS, each made of its fact
 * metrics), one series per subject. A backfill (registry `backfillOf`) and the metric it
 * reconstructs are one line (where a day has both, the collected value is drawn): a few collected
 * points are marked on it under the same name (one legend entry), a long run of them is parted
 * from the backfill by a dotted line where collection starts. Cited figures are labelled points
 * beside the lines, never joined to them. Point-in-time metrics no family metric is made of
 * (forks, watchers, open issues, likes) and metrics with less than a week of days are left to the
 * page's tables of latest values; of many subjects, the FAMILY_CHART_SUBJECTS with the highest
 * newest value are drawn.
 */
function familyCharts(family: FamilyRow, lang: Lang): ChartSpec[] {
  const t = translator(lang);
  const key = keys.familyChartFacts(family.id);
  const rows = rowsOf<FamilyChartFactRow>(key);
  // Before this day the query keeps one point a week (FAMILY_DAILY_DAYS).
  const dailyFrom = String(result(key).params.daily_from ?? '');
  const name = familyName(family, lang);
  const cls = opennessClass(family.openness);
  const references = new Map(rowsOf<ReferencePointRow>(keys.referencePoints).filter((r) => r.family === family.id).map((r) => [citedKey(r.day, r.metric, r.subject), r]));
  const isBackfill = (metric: string) => factMetric(metric)?.backfillOf !== undefined;
  const charts: ChartSpec[] = [];
  for (const concept of REGISTRY_FAMILY_METRICS) {
    const facts = new Set<string>(concept.facts);
    const mine = rows.filter((r) => facts.has(r.metric));
    const collected = mine.filter((r) => !r.is_reference);
    if (new Set(collected.map((r) => r.day)).size < FAMILY_CHART_MIN_DAYS) continue;
    // Per subject and day one value: the collected one where there is one, else the backfilled one.
    const bySubject = new Map<string, Map<string, FamilyChartFactRow>>();
    for (const r of collected) {
      const days = bySubject.get(r.subject) ?? new Map<string, FamilyChartFactRow>();
      bySubject.set(r.subject, days);
      const there = days.get(r.day);
      if (!there || (isBackfill(there.metric) && !isBackfill(r.metric))) days.set(r.day, r);
    }
    const points = new Map([...bySubject].map(([subject, days]) => [subject, [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))]));
    const newest = (subject: string) => points.get(subject)!.at(-1)!.value;
    const drawn = [...points.keys()].sort((a, b) => newest(b) - newest(a)).slice(0, FAMILY_CHART_SUBJECTS);
    const left = points.size - drawn.length;
    const lines: PlotSeries[] = [];
    const marks: PlotSeries[] = [];
    // The subjects whose line joins backfilled and collected values, with their collected points.
    const joined = new Map(
      drawn
        .map((subject) => [subject, points.get(subject)!.filter((r) => !isBackfill(r.metric))] as const)
        .filter(([subject, snapshots]) => snapshots.length > 0 && snapshots.length < points.get(subject)!.length),
    );
    const marked = [...joined.values()].every((snapshots) => snapshots.length <= FAMILY_CHART_MARKS);
    const collectedFrom = [...joined.values()].map((snapshots) => snapshots[0]!.day).sort()[0];
    const labels = subjectLabels(drawn);
    drawn.forEach((subject, shade) => {
      const data = points.get(subject)!;
      const label = labels.get(subject)!;
      lines.push({ name: label, cls, shade, kind: data.length > 1 ? 'line' : 'scatter', data: data.map((r): Point => [r.day, r.value]) });
      const snapshots = joined.get(subject);
      if (marked && snapshots) marks.push({ name: label, cls, shade, kind: 'scatter', data: snapshots.map((r): Point => [r.day, r.value]) });
    });
    const boundary: PlotEvent[] = !marked && collectedFrom ? [{ day: collectedFrom, label: t('collected from here', '此后为采集值'), labelAt: 'clear' }] : [];
    const weekly = dailyFrom !== '' && collected.some((r) => r.day < dailyFrom);
    // A count per day (downloads, tokens) is drawn before dailyFrom as each week's daily average (registry perDay).
    const averaged = concept.facts.some((f) => factMetric(f)?.perDay === true);
    const citedRows = mine.filter((r) => r.is_reference);
    const cited: PlotSeries[] = citedRows.length
      ? [{
          name: t('cited figures', '引用数据'),
          cls,
          shade: drawn.length,
          kind: 'scatter',
          labelled: true,
          data: citedRows.map((r): Point => {
            const ref = references.get(citedKey(r.day, r.metric, r.subject));
            return [r.day, r.value, ref ? citedPointLabel(ref, subjectName(r.subject), lang) : `${subjectName(r.subject)}: ${formatValue(r.value)}`];
          }),
        }]
      : [];
    const words = familyMetricText(concept.id, lang);
    const one = subjectWord(drawn[0]!, lang);
    const caption =
      lang === 'zh'
        ? `${name}的${words.title}，每个${one}一条线` +
          `${joined.size === 0 ? '' : marked ? '：线为回填重建的历史，OpenPulse 采集的数值以标记点画在同一条线上（同一天两者都有时，画采集值）' : `：线在 ${unbrokenDay(lang, collectedFrom!)}之前为回填重建的历史，此后为 OpenPulse 采集的数值，以标注“此后为采集值”的点线分开（同一天两者都有时，画采集值）`}` +
          `${left ? `。只画出最新数值最高的 ${drawn.length} 个${one}，其余 ${left} 个列在下方的最新数值表中` : ''}` +
          `${weekly ? `。${unbrokenDay(lang, dailyFrom)}之前每周画一个点（${averaged ? '该周有数值各日的日均值，画在其中最后一天：工作日与周末的数值不同' : '该周最后一个有数值的日子'}），此后每天一个点` : ''}` +
          `${cited.length ? '。带标注的点是他人报道的数据，附限定词（“5,600+”表示至少 5,600）与来源，画在序列旁，从不与之相连' : ''}；点线标出该家族的发布。`
        : `${words.title} of ${name}, one line per ${one}` +
          `${joined.size === 0 ? '' : marked ? ': the line is the history reconstructed by backfill, with the values OpenPulse collected marked on it (where a day has both, the collected value is drawn)' : `: the line is the history reconstructed by backfill until ${unbrokenDay(lang, collectedFrom!)} and the values OpenPulse collected from then on, parted by the dotted line "collected from here" (where a day has both, the collected value is drawn)`}` +
          `${left ? `. The ${drawn.length} with the highest newest value are drawn; the other ${left} are in the table of newest values below` : ''}` +
          `${weekly ? `. Before ${unbrokenDay(lang, dailyFrom)} one point a week is drawn (${averaged ? "the average of the week's days with a value, on the last of them: weekdays and weekends differ" : "the week's last day with a value"}), from then on every day` : ''}` +
          `${cited.length ? '. Labelled points are figures reported by others, with their qualifier ("5,600+" is at least 5,600) and source, drawn beside the lines and never joined to them' : ''}; dotted lines mark the family's releases.`;
    const shown = new Set(drawn);
    const out = mine.filter((r) => r.is_reference || shown.has(r.subject));
    const rowsOut = citedRows.length ? out.map((r) => ({ ...r, ...citedColumns(r.is_reference ? references.get(citedKey(r.day, r.metric, r.subject)) : undefined) })) : out;
    const plot: Plot = {
      title: `${name}: ${words.title}`,
      subtitle: subtitle(vendorName(family, lang), lang),
      xType: 'time',
      yName: words.unit,
      yFormat: 'number',
      series: [...lines, ...marks, ...cited],
      events: [...releaseEvents(lang, family.id), ...boundary],
      eventLabels: true,
    };
    charts.push(
      spec({
        id: `family-${family.id}-${concept.id.replace(/_/g, '-')}`,
        title: plot.title,
        caption,
        source: { key, query: result(key).query },
        // days (how many days a point averages) only where a week is averaged: of a count held it is always 1
        columns: ['day', 'metric', 'subject', 'value', 'is_reference', ...(averaged ? ['days'] : []), ...(citedRows.length ? CITED_COLUMNS : [])],
        rows: rowsOut as unknown as Record<string, unknown>[],
        plot,
        // One column per subject (its line: the marks repeat its collected values), and the cited figures.
        tablePlot: marks.length ? { ...plot, series: [...lines, ...cited] } : plot,
        xLabel: t('day', '日期'),
        logScale: true,
      }),
    );
  }
  return charts;
}

/** Families the Compare page starts with: the first three open and first three closed in catalog order. */
export function defaultCompareFamilies(): string[] {
  const families = rowsOf<FamilyRow>(keys.families);
  return [...families.filter((f) => f.is_open).slice(0, 3), ...families.filter((f) => !f.is_open).slice(0, 3)].map((f) => f.id);
}

/** The cited figures the Compare page can draw: those of a family, on a metric the site charts (reference_points). */
export function compareCitations(): ComparedCitation[] {
  return rowsOf<ReferencePointRow>(keys.referencePoints)
    .filter((r) => r.family !== '')
    .map(({ day, family, metric, subject, value, qualifier, derivation, date_basis, date_inferred_from, source_url, source_publisher, source_published, citation }) => ({ day, family, metric, subject, value, qualifier, derivation, date_basis, date_inferred_from, source_url, source_publisher, source_published, citation }));
}

function compareChart(metric: SiteMetric, lang: Lang): ChartSpec {
  const key = keys.compareSeries(metric);
  // The default view, built by the same function the browser builds every other view with: same heading, caption, rows.
  const view = compareView({
    state: { metric, families: defaultCompareFamilies(), align: false, log: false, from: '', to: '' },
    rows: rowsOf<CompareSeriesRow>(key),
    families: compareFamilies(rowsOf<FamilyRow>(keys.families), lang),
    cited: compareCitations(),
    subtitle: subtitle(metricTitles(lang)[metric].caption, lang),
    lang,
  });
  return spec({
    id: `compare-${metric}`,
    title: view.title,
    caption: view.caption,
    source: { key, query: result(key).query },
    columns: view.columns,
    rows: view.rows,
    plot: view.plot,
    table: view.table,
    logScale: true,
  });
}

/**
 * The site-wide charts, once per language: the same numbers, titled and labelled in the page's
 * words. A family's charts are not among them: they are built when a page asks for them and only
 * the last few families' are kept (familyChartsOf), so the build holds the charts of the pages it
 * is rendering, never every family's series at once.
 */
const registries = new Map<Lang, Map<string, ChartSpec>>();

/** Families whose charts stay built (per language): a family's pages (page, pictures, plots, numbers) are rendered near each other. */
const KEPT_FAMILIES = 4;
const familyBuilt = new Map<string, ChartSpec[]>();
/** The same families' plots alone (familyPlotsOf): what a picture or a plot file needs, without the rows and tables. */
const familyPlotsKept = new Map<string, Map<string, Plot>>();
/** And their charts as the family page shows them (familyChartList). */
const familyPagesKept = new Map<string, PageChart[]>();
/** Each family's chart ids, once known (a few bytes each): the static paths, and which family a chart id belongs to. */
let familyIds: Map<string, string[]> | undefined;

/** Sets what every chart of a language shares: ticks and dates in its words ("2024年7月" in Chinese). */
function inLanguage(c: ChartSpec, lang: Lang): ChartSpec {
  c.plot.lang = lang;
  return c;
}

function build(lang: Lang): Map<string, ChartSpec> {
  const built = registries.get(lang);
  if (built) return built;
  const charts = new Map<string, ChartSpec>();
  const add = (c: ChartSpec) => {
    if (charts.has(c.id)) throw new Error(`two charts share the id ${c.id}`);
    charts.set(c.id, inLanguage(c, lang));
  };
  for (const metric of SITE_METRICS) {
    add(opennessChart(metric, lang));
    // Closed models have no derivatives: a metric without an open share has no share chart.
    if (isShareMetric(metric)) add(openShareChart(metric, lang));
    add(compareChart(metric, lang));
  }
  add(releasesChart(lang));
  add(regionChart(lang));
  add(leaderboardChart('best_rank', lang));
  add(leaderboardChart('models', lang));
  add(leaderboardBestChart(lang));
  add(leaderboardTopShareChart(lang));
  add(leaderboardGapMonthsChart(lang));
  registries.set(lang, charts);
  return charts;
}

/** A family's charts in a language, built on first use; the least recently used family's are let go. */
function familyChartsOf(familyId: string, lang: Lang): ChartSpec[] {
  return keptValue(familyBuilt, `${lang}\u0000${familyId}`, KEPT_FAMILIES * LANGS.length, () => {
    const family = rowsOf<FamilyRow>(keys.families).find((f) => f.id === familyId);
    if (!family) return [];
    const list = familyCharts(family, lang).map((c) => inLanguage(c, lang));
    // Built once per build and language (the first route that asks; in English, chartPaths as the
    // build starts), and what the other routes read is written to the build's cache (build-cache.ts)
    // while the charts are at hand: the plots, the page's charts without their rows, and, from the
    // English charts, each chart's published numbers. The whole charts are not kept there: no route
    // reads them again (at 50 M generated facts they were 2.3 MB a family, 63 ms to read back).
    // (Built again after other families pushed it out of memory, what is kept already is not read back.)
    keepValue(familyPlotsFile(familyId, lang), () => plotsById(list));
    keepValue(familyPageFile(familyId, lang), () => withoutRows(list));
    if (lang === 'en') for (const c of list) for (const kind of NUMBER_FILES) keepValue(numbersFile(c.id, kind), () => numbersText(c, kind));
    return list;
  });
}

/** The files that publish a chart's numbers: /charts/<id>.csv and /charts/<id>.json, once for both languages (English words). */
const NUMBER_FILES = ['csv', 'json'] as const;
export type NumberFile = (typeof NUMBER_FILES)[number];

const numbersFile = (id: string, kind: NumberFile) => buildCacheFile(`numbers-${kind}-${id}`);

/** A chart's numbers file: the CSV of exactly the rows it plots, or the JSON of them with where they come from. */
function numbersText(c: ChartSpec, kind: NumberFile): string {
  if (kind === 'csv') return recordsToCsv(c.columns, c.rows);
  const source = result(c.source.key);
  const body = {
    chart: c.id,
    title: c.title,
    caption: c.caption,
    generated_at: siteData().generatedAt,
    simulated: siteData().simulated,
    source: { query: source.query, params: source.params, data: `/data/${c.source.key}/` },
    columns: c.columns,
    rows: c.rows,
  };
  return JSON.stringify(body, null, 1);
}

/**
 * A chart's numbers file (/charts/<id>.csv or .json). A site-wide chart is at hand (build) and its
 * file is asked for once: made here. A family chart's were written when its family's charts were
 * first built (familyChartsOf: every family's, as the build learns their ids), so the route reads
 * text rather than the family's rows (50 M generated facts, Astro alone, old and new in turn: the
 * two routes 16.2 → 9.6 s, the build's start 4 s longer, Astro 75–80 → 72–75 s).
 */
export function chartNumbers(id: string, kind: NumberFile): string {
  const global = build('en').get(id);
  return global ? numbersText(global, kind) : cachedValue(numbersFile(id, kind), () => numbersText(chart(id), kind));
}

const familyPlotsFile = (familyId: string, lang: Lang) => buildCacheFile(`family-plots-${lang}-${familyId}`);
const plotsById = (list: ChartSpec[]) => new Map(list.map((c) => [c.id, c.plot]));
const familyPageFile = (familyId: string, lang: Lang) => buildCacheFile(`family-page-charts-${lang}-${familyId}`);
const withoutRows = (list: ChartSpec[]): PageChart[] => list.map(({ rows: _rows, ...chart }) => chart);

/** A chart as a page shows it: everything but the query's rows (those are in its CSV and JSON files). */
export type PageChart = Omit<ChartSpec, 'rows'>;

/** Takes the value kept under `key` in `kept` (a least-recently-used list of at most `size`), else makes and keeps it. */
function keptValue<T>(kept: Map<string, T>, key: string, size: number, make: () => T): T {
  let value = kept.get(key);
  if (value !== undefined) {
    kept.delete(key);
  } else {
    value = make();
    if (kept.size >= size) kept.delete(kept.keys().next().value!);
  }
  kept.set(key, value);
  return value;
}

/**
 * A family's plots in a language, by chart id. Six routes per chart want only the plot (the two
 * pictures and the plot file, in each language), and a family's whole charts hold its rows and
 * tables too: at 50 M generated facts, 2.3 MB that took 63 ms to read back from the build's cache
 * (or to build again); its plots alone take 4 ms.
 */
export function familyPlotsOf(familyId: string, lang: Lang): Map<string, Plot> {
  return keptValue(familyPlotsKept, `${lang}\u0000${familyId}`, KEPT_FAMILIES * LANGS.length, () =>
    cachedValue(familyPlotsFile(familyId, lang), () => plotsById(familyChartsOf(familyId, lang))),
  );
}

/** Every family's chart ids (the same in every language), building each family's charts once to learn them. */
function familyChartIds(): Map<string, string[]> {
  if (familyIds) return familyIds;
  const seen = new Set(build('en').keys());
  const ids = new Map<string, string[]>();
  for (const family of rowsOf<FamilyRow>(keys.families)) {
    const list = familyChartsOf(family.id, 'en').map((c) => c.id);
    for (const id of list) {
      if (seen.has(id)) throw new Error(`two charts share the id ${id}`);
      seen.add(id);
    }
    ids.set(family.id, list);
  }
  familyIds = ids;
  return ids;
}

/** Every chart's id, as the static paths of the pages that publish one chart each. */
export function chartPaths(): { params: { id: string } }[] {
  return [...build('en').keys(), ...[...familyChartIds().values()].flat()].map((id) => ({ params: { id } }));
}

export function chart(id: string, lang: Lang = 'en'): ChartSpec {
  const global = build(lang).get(id);
  if (global) return global;
  for (const [family, ids] of familyChartIds()) {
    if (ids.includes(id)) return familyChartsOf(family, lang).find((c) => c.id === id)!;
  }
  throw new Error(`no chart "${id}"`);
}

/** A chart's plot alone: the same as chart(id, lang).plot, without reading a family's rows. */
export function chartPlot(id: string, lang: Lang = 'en'): Plot {
  const global = build(lang).get(id);
  if (global) return global.plot;
  for (const [family, ids] of familyChartIds()) {
    if (ids.includes(id)) return familyPlotsOf(family, lang).get(id)!;
  }
  throw new Error(`no chart "${id}"`);
}

/** A family's charts for its page: read back without their rows (at 50 M generated facts, 21 ms a family instead of 63 ms). */
export function familyChartList(familyId: string, lang: Lang = 'en'): PageChart[] {
  return keptValue(familyPagesKept, `${lang}\u0000${familyId}`, KEPT_FAMILIES * LANGS.length, () =>
    cachedValue(familyPageFile(familyId, lang), () => withoutRows(familyChartsOf(familyId, lang))),
  );
}

/**
 * Where a chart's files are: pictures and the interactive plot in the page's language
 * (/zh/charts/… in Chinese), the numbers (CSV, JSON) once for both.
 */
export function chartFiles(id: string, lang: Lang): { svg: string; phoneSvg: string; plot: string; csv: string; json: string } {
  const prefix = lang === 'en' ? '' : `/${lang}`;
  return {
    svg: `${prefix}/charts/${id}.svg`,
    phoneSvg: `${prefix}/charts/phone/${id}.svg`,
    plot: `${prefix}/charts/plot/${id}.json`,
    csv: `/charts/${id}.csv`,
    json: `/charts/${id}.json`,
  };
}

