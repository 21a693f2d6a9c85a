// Every chart on the site, built once from the snapshot: pages look charts up
// by id, and /charts/<id>.svg|.phone.svg|.csv|.json publish the same specs.
// Components only map columns to series; every number comes from a query.

import { classOf, type OpennessClass } from '../../charts/palette.ts';
import { pivotTable, type Cell, type Plot, type PlotEvent, type PlotSeries, type Point, type YFormat } from '../../charts/plot.ts';
import { keys, SITE_METRICS } from '../../collector/snapshot/manifest.ts';
import type {
  FamilyMetricRow,
  FamilyRow,
  LeaderboardBestOpenClosedRow,
  LeaderboardGapMonthsRow,
  LeaderboardOpennessRow,
  LeaderboardTopShareRow,
  MetricByOpennessRow,
  MetricByRegionRow,
  OpenShareRow,
  ReferencePointRow,
  ReleaseEventRow,
  SeriesBreakRow,
  SiteMetric,
  CompareSeriesRow,
} from '../../collector/snapshot/site-data.ts';
import { CITED_COLUMNS, citedColumns, citedKey, citedLabel } from '../../charts/cited.ts';
import { formatValue } from '../../charts/format.ts';
import { citedInView, comparePlot, type ComparedCitation } from './compare.ts';
import { result, rowsOf, siteData } from './data.ts';
import { newestDataDay } from './freshness.ts';
import { METRIC_TITLES } from './metrics.ts';
import { scopeStatement } from './labels.ts';
import { FACT_METRICS as REGISTRY_FACT_METRICS, type FactMetricEntry } from '../../registry/metrics.ts';
import { LEADERBOARD_CLASSES as REGISTRY_LEADERBOARD_CLASSES, LEADERBOARD_GROUPS } from '../../registry/openness.ts';
import { LANGS, translator, type Lang } from './i18n.ts';

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
  /** Whether a log scale makes sense (positive counts). */
  logScale: boolean;
}

/** What each stored metric is, in words (family pages, methodology). */
export const FACT_METRICS: Record<string, { title: string; unit: string; format?: YFormat }> = Object.fromEntries(
  (REGISTRY_FACT_METRICS as readonly FactMetricEntry[]).map((m) => [m.id, { title: m.title, unit: m.unit, ...(m.format === 'rank' ? { format: 'rank' as const } : {}) }]),
);

/** The per-model leaderboard metrics (subject arena-model:…), left off the family pages' charts. */
const ARENA_MODEL_METRICS = new Set((REGISTRY_FACT_METRICS as readonly FactMetricEntry[]).filter((m) => m.subject === 'arena-model').map((m) => m.id));

/** Names of the leaderboard's licence classes as stored and as shown (registry/openness.ts). */
export const CLASS_NAMES: Record<string, string> = Object.fromEntries([...REGISTRY_LEADERBOARD_CLASSES, ...LEADERBOARD_GROUPS].map((c) => [c.id, c.title]));
/** The open/closed class that colours a leaderboard group, or null for `unknown` (no colour of either side). */
export const CLASS_STYLE: Record<string, OpennessClass | null> = Object.fromEntries(LEADERBOARD_GROUPS.map((g) => [g.id, g.class]));

function subtitle(what: string, lang: Lang = 'en'): string {
  const data = siteData();
  const day = newestDataDay();
  const t = translator(lang);
  return `OpenPulse · ${what}${day ? t(` · data to ${day}`, ` · 数据截至 ${day}`) : ''}${data.simulated ? t(' · SIMULATED DATA', ' · 模拟数据') : ''}`;
}

function releaseEvents(family?: string): PlotEvent[] {
  return rowsOf<ReleaseEventRow>(keys.releaseEvents)
    .filter((e) => !family || e.family === family)
    .map((e) => ({ day: e.released_at, label: family ? e.label : `${e.label} (${e.name})` }));
}

/**
 * Where series start or stop inside the charted period (series_breaks): marked on the
 * open-vs-closed charts as events, since those sums leave such series out rather than
 * let their arrival read as growth.
 */
function breakEvents(metric: SiteMetric): PlotEvent[] {
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
    label: `break: ${[n.starts ? `${n.starts} series start${n.starts === 1 ? 's' : ''}` : '', n.stops ? `${n.stops} stop${n.stops === 1 ? 's' : ''}` : ''].filter(Boolean).join(', ')} (left out of the sums)`,
  }));
}

/** The caption's sentence on coverage: which series the sums leave out, and where they are listed. */
function coverageNote(metric: SiteMetric): string {
  const breaks = rowsOf<SeriesBreakRow>(keys.seriesBreaks(metric, 'all'));
  if (breaks.length === 0) return '';
  return ` Only series that cover the whole period are added: ${breaks.length} that start or stop inside it are left out and marked as breaks (listed in the data ${keys.seriesBreaks(metric, 'all')}).`;
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

function spec(args: Omit<ChartSpec, 'table' | 'rows'> & { rows: Record<string, unknown>[]; xLabel?: string; table?: ChartSpec['table'] }): ChartSpec {
  return {
    id: args.id,
    title: args.title,
    caption: args.caption,
    source: args.source,
    columns: args.columns,
    rows: pick(args.rows, args.columns),
    plot: args.plot,
    table: args.table ?? pivotTable(args.plot, args.xLabel ?? 'day'),
    logScale: args.logScale,
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
  const meta = METRIC_TITLES[metric];
  const key = keys.metricByOpenness(metric);
  const rows = rowsOf<MetricByOpennessRow>(key);
  const series: PlotSeries[] = (['open', 'closed'] as const).map((cls) => ({
    name: cls,
    cls,
    shade: 0,
    kind: 'line',
    data: rows.filter((r) => r.openness === cls).map((r): Point => [r.day, r.value]),
  }));
  return spec({
    // The projects chart keeps the id it has always had, so its CSV, JSON and SVG stay at the same URLs.
    id: metric === 'projects' ? 'projects-by-openness' : `${metric}-by-openness`,
    title: `${meta.title}: open vs closed model families`,
    caption: `${meta.title}: ${meta.caption}, summed over open and over closed models; dotted lines mark model releases and series breaks.${coverageNote(metric)} ${scopeStatement(result(key).params.scope)}`,
    source: { key, query: result(key).query },
    columns: ['day', 'openness', 'value'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: { title: `${meta.title}: open vs closed`, subtitle: subtitle(meta.caption, lang), xType: 'time', yName: meta.unit, yFormat: 'number', series: series.filter(hasPoints), events: [...releaseEvents(), ...breakEvents(metric)] },
    logScale: true,
  });
}

function openShareChart(metric: SiteMetric, lang: Lang): ChartSpec {
  const t = translator(lang);
  const meta = METRIC_TITLES[metric];
  const key = keys.openShare(metric);
  const rows = rowsOf<OpenShareRow>(key);
  return spec({
    id: `open-share-${metric}`,
    title: `Open families' share of ${meta.title}`,
    caption: `Open models' share of all ${meta.unit} (${meta.caption}), on days when both open and closed models have a value.${coverageNote(metric)} ${scopeStatement(result(key).params.scope)}`,
    source: { key, query: result(key).query },
    columns: ['day', 'open_share'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: {
      title: `Open share of ${meta.title}`,
      subtitle: subtitle(meta.caption, lang),
      xType: 'time',
      yName: 'open share',
      yFormat: 'percent',
      series: ([{ name: 'open share', cls: 'open', shade: 0, kind: 'line', data: rows.map((r): Point => [r.day, r.open_share]) }] satisfies PlotSeries[]).filter(hasPoints),
      events: [...releaseEvents(), ...breakEvents(metric)],
    },
    logScale: false,
  });
}

function releasesChart(lang: Lang): ChartSpec {
  const t = translator(lang);
  const key = keys.releaseEvents;
  const rows = rowsOf<ReleaseEventRow>(key);
  const families = rowsOf<FamilyRow>(keys.families).filter((f) => rows.some((r) => r.family === f.id));
  const series: PlotSeries[] = (['open', 'closed'] as const).map((cls) => ({
    name: cls === 'open' ? 'open family' : 'closed family',
    cls,
    shade: 0,
    kind: 'scatter',
    labelled: true,
    data: rows.filter((r) => classOf(r.openness) === cls).map((r): Point => [r.released_at, r.name, r.label]),
  }));
  return spec({
    id: 'release-events',
    title: 'Model releases',
    caption: 'Releases recorded in the catalog, by family: the events marked on every time axis.',
    source: { key, query: result(key).query },
    columns: ['released_at', 'family', 'name', 'openness', 'label'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: {
      title: 'Model releases',
      subtitle: subtitle('release events from the catalog', lang),
      xType: 'time',
      yName: '',
      yFormat: 'number',
      yCategories: families.map((f) => f.name),
      series: series.filter(hasPoints),
      height: 90 + families.length * 24,
    },
    table: { columns: ['day', 'family', 'release', 'openness'], rows: rows.map((r) => [r.released_at, r.name, r.label, r.openness]) },
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
        { label: ' · tables', origins: ['table', 'table+dataset'], shade: 0 },
        { label: ' · rated (Arena dataset)', origins: ['dataset'], shade: 1 },
      ];
  const series: PlotSeries[] = LEADERBOARD_CLASSES.flatMap(({ cls, style, shade }) => [
    ...kinds.map((k) => ({
      name: `${CLASS_NAMES[cls]}${k.label}`,
      cls: style,
      shade: shade + k.shade,
      kind: 'line' as const,
      data: rows.filter((r) => r.class === cls && !r.is_reference && r[field] !== null && k.origins.includes(r.origin)).map((r): Point => [r.table_date, r[field]]),
    })),
    { name: `${CLASS_NAMES[cls]} · cited`, cls: style, shade, kind: 'scatter' as const, data: rows.filter((r) => r.class === cls && r.is_reference && r[field] !== null).map((r): Point => [r.table_date, r[field]]) },
  ]);
  return spec({
    id: rank ? 'leaderboard-best-rank' : 'leaderboard-models',
    title: rank ? 'Best leaderboard rank: open vs proprietary' : 'Models on the leaderboard: open vs proprietary',
    caption: rank
      ? 'The best rank any model of each licence class holds on each Chatbot Arena leaderboard publication (1 is the top: the position by rating among the models it rates); points are cited figures.'
      : 'How many models of each licence class each Chatbot Arena leaderboard table lists ("tables": every model shown, rated or not) and, on the dates no table has, how many the Arena dataset rates ("rated"): two counts, drawn apart. Points are cited figures. Models whose licence string is in no class are counted as unknown in the tables below the charts.',
    source: { key, query: result(key).query },
    columns: ['table_date', 'class', field, 'is_reference', 'origin'],
    rows: rows.filter((r) => r[field] !== null) as unknown as Record<string, unknown>[],
    plot: {
      title: rank ? 'Best leaderboard rank by licence class' : 'Leaderboard models by licence class',
      subtitle: subtitle('LMSYS / LMArena leaderboard tables', lang),
      xType: 'time',
      yName: rank ? 'best rank' : 'models',
      yFormat: rank ? 'rank' : 'number',
      yInverse: rank,
      series: series.filter(hasPoints),
    },
    xLabel: 'table date',
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
    { name: 'closed lead', cls: 'closed', shade: 0, kind: 'line', data: rows.map((r): Point => [r.table_date, r.gap]) },
    { name: 'closed lead: interval top', cls: 'closed', shade: 1, kind: 'line', data: withInterval.map((r): Point => [r.table_date, r.gap_upper]) },
    { name: 'closed lead: interval bottom', cls: 'closed', shade: 2, kind: 'line', data: withInterval.map((r): Point => [r.table_date, r.gap_lower]) },
  ];
  return spec({
    id: 'leaderboard-best-open-closed',
    title: 'How far the best closed model leads the best open one, in rating points',
    caption:
      'The best closed model\'s rating minus the best open model\'s, per leaderboard publication (below 0: the best open model is rated higher). Open includes non-commercial licences; unknown licences are on neither side. ' +
      'The interval joins the two ratings\' intervals end to end. The data holds both models and their ratings. Points are comparable within a publication, not across publications.',
    source: { key, query: result(key).query },
    columns: ['table_date', 'best_open', 'open_rating', 'open_lower', 'open_upper', 'best_closed', 'closed_rating', 'closed_lower', 'closed_upper', 'gap', 'gap_lower', 'gap_upper'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: { title: 'Closed lead over open, rating points', subtitle: subtitle('Arena leaderboard publications', lang), xType: 'time', yName: 'rating points', yFormat: 'number', series: series.filter(hasPoints) },
    xLabel: 'publication',
    logScale: false,
  });
}

/** The open share of each publication's top 10, 20 and 50 by rating. */
function leaderboardTopShareChart(lang: Lang): ChartSpec {
  const t = translator(lang);
  const key = keys.leaderboardTopShare;
  const rows = rowsOf<LeaderboardTopShareRow>(key);
  const series: PlotSeries[] = [10, 20, 50].map((top, shade) => ({ name: `top ${top}`, cls: 'open', shade, kind: 'line', data: rows.filter((r) => r.top === top).map((r): Point => [r.table_date, r.open_share]) }));
  return spec({
    id: 'leaderboard-top-share',
    title: 'Open models in the top 10, 20 and 50 of the leaderboard',
    caption: 'The share of open models (non-commercial licences included) among the top 10, 20 and 50 models by rating of each leaderboard publication; models of unknown licence count in the total, not as open. A publication with fewer models than the top has no point for it.',
    source: { key, query: result(key).query },
    columns: ['table_date', 'top', 'models', 'open', 'open_noncommercial', 'closed', 'unknown', 'open_share'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: { title: 'Open share of the top of the leaderboard', subtitle: subtitle('Arena leaderboard publications', lang), xType: 'time', yName: 'open share', yFormat: 'percent', series: series.filter(hasPoints) },
    xLabel: 'publication',
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
    { name: 'months behind', cls: 'open', shade: 0, kind: 'line', data: rows.map((r): Point => [r.day, r.months]) },
    { name: 'within the intervals: at most', cls: 'open', shade: 1, kind: 'line', data: rows.map((r): Point => [r.day, r.months_high]) },
    { name: 'within the intervals: at least', cls: 'open', shade: 2, kind: 'line', data: rows.map((r): Point => [r.day, r.months_low]) },
  ];
  return spec({
    id: 'leaderboard-gap-months',
    title: 'How far open trails closed, in months',
    caption:
      `For each publication date, how many months earlier a closed model first reached the rating of the best open model listed by then (0: no closed model had), every model rated on ${scale ? `the ${scale} publication's scale` : 'one publication\'s scale'} and dated by its first appearance; ` +
      'the bounds take each rating\'s interval in the closed frontier\'s favour and against it. After Epoch AI\'s open-vs-closed gap; the methodology page says what it misses.',
    source: { key, query: result(key).query },
    columns: ['day', 'best_open', 'open_rating', 'matched_by', 'matched_on', 'months', 'months_low', 'months_high', 'open_leads', 'rated', 'unrated'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: { title: 'Months the best open model trails the closed frontier', subtitle: subtitle(`Arena ratings of ${scale ?? 'one publication'}`, lang), xType: 'time', yName: 'months', yFormat: 'number', series: series.filter(hasPoints) },
    xLabel: 'publication',
    logScale: false,
  });
}

function regionChart(lang: Lang): ChartSpec {
  const t = translator(lang);
  const key = keys.projectsByRegion;
  const rows = rowsOf<MetricByRegionRow>(key);
  const groups = groupPoints(rows, (r) => `${r.region} · ${r.openness}`, (r) => [r.day, r.value]);
  const shades = { open: 0, closed: 0 };
  const series: PlotSeries[] = [...groups].map(([name, data]) => {
    const cls: OpennessClass = name.endsWith('closed') ? 'closed' : 'open';
    return { name, cls, shade: shades[cls]++, kind: 'line', data };
  });
  return spec({
    id: 'projects-by-region',
    title: 'GitHub projects by origin region and openness',
    caption: `GitHub projects of each family's headline search, summed by the family's origin region and openness. ${scopeStatement(result(key).params.scope)}`,
    source: { key, query: result(key).query },
    columns: ['day', 'region', 'openness', 'value'],
    rows: rows as unknown as Record<string, unknown>[],
    plot: { title: 'GitHub projects by region and openness', subtitle: subtitle("families' origin region", lang), xType: 'time', yName: 'projects', yFormat: 'number', series },
    logScale: true,
  });
}

/** Strips a subject's kind prefix: "repo:THUDM/ChatGLM-6B" → "THUDM/ChatGLM-6B". */
export function subjectName(subject: string): string {
  const at = subject.indexOf(':');
  return at > 0 ? subject.slice(at + 1) : subject;
}

/** One chart per metric the family has facts for, one series per subject. */
function familyCharts(family: FamilyRow, lang: Lang): ChartSpec[] {
  const t = translator(lang);
  const key = keys.familyMetrics(family.id);
  const rows = rowsOf<FamilyMetricRow>(key);
  const cls = classOf(family.openness);
  const references = new Map(rowsOf<ReferencePointRow>(keys.referencePoints).filter((r) => r.family === family.id).map((r) => [citedKey(r.day, r.metric, r.subject), r]));
  // Per-model leaderboard facts are summed up per family by leaderboard_family_best (a table on the family page), not one line per model.
  const metrics = [...new Set(rows.map((r) => r.metric))].filter((m) => !ARENA_MODEL_METRICS.has(m)).sort((a, b) => metricOrder(a) - metricOrder(b));
  return metrics.map((metric) => {
    const meta = FACT_METRICS[metric] ?? { title: metric, unit: metric };
    const mine = rows.filter((r) => r.metric === metric);
    const collected = groupPoints(mine.filter((r) => !r.is_reference), (r) => subjectName(r.subject), (r) => [r.day, r.value]);
    // Each cited figure is a point of its own beside the subject's collected series, labelled with its qualifier and source.
    const cited = groupPoints(
      mine.filter((r) => r.is_reference),
      (r) => {
        const ref = references.get(citedKey(r.day, r.metric, r.subject));
        return ref ? citedLabel(ref, subjectName(r.subject)) : `${subjectName(r.subject)} (cited): ${formatValue(r.value)}`;
      },
      (r) => [r.day, r.value],
    );
    let shade = 0;
    const series: PlotSeries[] = [
      ...[...collected].map(([name, data]): PlotSeries => ({ name, cls, shade: shade++, kind: data.length > 1 ? 'line' : 'scatter', data })),
      ...[...cited].map(([name, data]): PlotSeries => ({ name, cls, shade: 0, kind: 'scatter', data })),
    ];
    const columns = ['day', 'metric', 'subject', 'value', 'is_reference', ...(cited.size ? CITED_COLUMNS : [])];
    const rowsOut = cited.size ? mine.map((r) => ({ ...r, ...citedColumns(r.is_reference ? references.get(citedKey(r.day, r.metric, r.subject)) : undefined) })) : mine;
    return spec({
      id: `family-${family.id}-${metric.replace(/_/g, '-')}`,
      title: `${family.name}: ${meta.title}`,
      caption: `${meta.title} of ${family.name}, each subject as collected${cited.size ? '; points labelled "cited" are figures reported by others, with their qualifier ("5,600+" is at least 5,600) and source' : ''}; dotted lines mark the family's releases.`,
      source: { key, query: result(key).query },
      columns,
      rows: rowsOut as unknown as Record<string, unknown>[],
      plot: { title: `${family.name}: ${meta.title}`, subtitle: subtitle(family.vendor, lang), xType: 'time', yName: meta.unit, yFormat: meta.format ?? 'number', yInverse: meta.format === 'rank', series, events: releaseEvents(family.id), eventLabels: true },
      logScale: meta.format !== 'rank',
    });
  });
}

function metricOrder(metric: string): number {
  const order = Object.keys(FACT_METRICS);
  const i = order.indexOf(metric);
  return i < 0 ? order.length : i;
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
  const t = translator(lang);
  const key = keys.compareSeries(metric);
  const families = defaultCompareFamilies();
  const rows = rowsOf<CompareSeriesRow>(key).filter((r) => families.includes(r.family));
  const cited = citedInView(compareCitations(), { metric, families });
  const plot = comparePlot(rows, { metric, families, align: false, subtitle: subtitle(METRIC_TITLES[metric].caption, lang), cited });
  // A cited point is a row of its own, with its provenance (as on the family pages), so the downloads hold what the picture shows.
  const references = new Map(rowsOf<ReferencePointRow>(keys.referencePoints).map((r) => [citedKey(r.day, r.metric, r.subject), r]));
  const rowsOut = cited.length
    ? [
        ...rows.map((r) => ({ ...r, is_reference: 0, ...citedColumns(undefined) })),
        ...cited.map((c) => {
          const first = rows.find((r) => r.family === c.family);
          return { day: c.day, family: c.family, name: first?.name ?? c.family, openness: first?.openness ?? '', value: c.value, days_since_release: null, is_reference: 1, ...citedColumns(references.get(citedKey(c.day, c.metric, c.subject))) };
        }),
      ]
    : rows;
  return spec({
    id: `compare-${metric}`,
    title: `${METRIC_TITLES[metric].title}: six families compared`,
    caption: `${METRIC_TITLES[metric].title} of the first three open and first three closed families in the catalog.${cited.length ? ' Points marked "cited" are figures reported by others, drawn beside their own family\'s line and never joined to it; the tooltip and the list under the chart give each with its qualifier ("5,600+" is at least 5,600) and source.' : ''}`,
    source: { key, query: result(key).query },
    columns: ['day', 'family', 'name', 'openness', 'value', 'days_since_release', ...(cited.length ? ['is_reference', ...CITED_COLUMNS] : [])],
    rows: rowsOut as unknown as Record<string, unknown>[],
    plot,
    logScale: true,
  });
}

/** Every chart, once per language: the same numbers, titled and labelled in the page's words. */
const registries = new Map<Lang, { charts: Map<string, ChartSpec>; byFamily: Map<string, ChartSpec[]> }>();

function build(lang: Lang): { charts: Map<string, ChartSpec>; byFamily: Map<string, ChartSpec[]> } {
  const built = registries.get(lang);
  if (built) return built;
  const charts = new Map<string, ChartSpec>();
  const byFamily = new Map<string, ChartSpec[]>();
  const add = (c: ChartSpec) => {
    if (charts.has(c.id)) throw new Error(`two charts share the id ${c.id}`);
    charts.set(c.id, c);
  };
  for (const metric of SITE_METRICS) {
    add(opennessChart(metric, lang));
    add(openShareChart(metric, lang));
    add(compareChart(metric, lang));
  }
  add(releasesChart(lang));
  add(regionChart(lang));
  add(leaderboardChart('best_rank', lang));
  add(leaderboardChart('models', lang));
  add(leaderboardBestChart(lang));
  add(leaderboardTopShareChart(lang));
  add(leaderboardGapMonthsChart(lang));
  for (const family of rowsOf<FamilyRow>(keys.families)) {
    const list = familyCharts(family, lang);
    list.forEach(add);
    byFamily.set(family.id, list);
  }
  const out = { charts, byFamily };
  registries.set(lang, out);
  return out;
}

export function allCharts(lang: Lang = 'en'): ChartSpec[] {
  return [...build(lang).charts.values()];
}

/** Every chart's id, as the static paths of the pages that publish one chart each. */
export function chartPaths(): { params: { id: string } }[] {
  return allCharts('en').map((c) => ({ params: { id: c.id } }));
}

export function chart(id: string, lang: Lang = 'en'): ChartSpec {
  const c = build(lang).charts.get(id);
  if (!c) throw new Error(`no chart "${id}"`);
  return c;
}

export function familyChartList(family: string, lang: Lang = 'en'): ChartSpec[] {
  return build(lang).byFamily.get(family) ?? [];
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

export { LANGS };
