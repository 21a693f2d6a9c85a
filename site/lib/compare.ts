// The Compare page's view: its chart, heading, caption, data table and the
// rows its downloads hold, built from the query's rows by one function (the
// build for the default view, the browser for every other), so the words, the
// picture and the files always describe the same selection. Also: the view in
// the URL, what is wrong with a selection in words, and the per-family data
// files the browser fetches.

import { CITED_COLUMNS, citedColumns, citedLabel, type CitedFigure } from '../../charts/cited.ts';
import { opennessClass } from '../../registry/openness.ts';
import { pivotTable, type Cell, type Plot, type PlotEvent, type PlotSeries, type Point } from '../../charts/plot.ts';
import type { CompareSeriesRow, SiteMetric } from '../../collector/snapshot/site-data.ts';
import { familyMetric, SITE_METRICS } from '../../registry/metrics.ts';
import { formatCount, formatDay, translator, type Lang } from './i18n.ts';
import { familyName } from './labels.ts';
import { metricTitles } from './metrics.ts';

export interface CompareState {
  metric: SiteMetric;
  families: string[];
  /** x is days since each family's first release instead of the calendar. */
  align: boolean;
  log: boolean;
  /** First and last calendar day shown (YYYY-MM-DD), or '' for the data's own. */
  from: string;
  to: string;
}

/** A family as the page offers it: its id, its name in the page's language, its rung of openness. */
export interface CompareFamily {
  id: string;
  name: string;
  openness: string;
}

/** The families of the catalog (the `families` query's rows, in catalog order) as the page names them. */
export function compareFamilies(rows: readonly { id: string; name: string; name_zh?: string; openness: string }[], lang: Lang): CompareFamily[] {
  return rows.map((f) => ({ id: f.id, name: familyName(f, lang), openness: f.openness }));
}

/** A cited figure (a reference_points row) as the Compare page needs it: its provenance, whose it is and which fact metric. */
export type ComparedCitation = CitedFigure & { family: string; metric: string; citation: string };

/** The site metric a cited figure's fact metric feeds (GitHub projects for github_projects), if any: a cited total of another kind is never drawn on a metric's axis. */
export function citedSiteMetric(factMetric: string): SiteMetric | undefined {
  return SITE_METRICS.find((m) => (familyMetric(m).facts as readonly string[]).includes(factMetric));
}

/** The cited figures drawn in a view: the chosen families' own, of the chosen metric, inside the date range. */
export function citedInView(cited: readonly ComparedCitation[], view: { metric: SiteMetric; families: string[]; from?: string; to?: string }): ComparedCitation[] {
  return cited.filter((c) => view.families.includes(c.family) && citedSiteMetric(c.metric) === view.metric && (!view.from || c.day >= view.from) && (!view.to || c.day <= view.to));
}

// ---------------------------------------------------------------------------
// Per-family data files: /data/compare/<metric>/<family>.json

/** The columns of a family's file, each an array (compact: no key repeated per row). */
export const COMPARE_FILE_COLUMNS = ['day', 'value', 'days_since_release'] as const;

/** One family's series of one metric, the site_compare_series rows of that family, by column. */
export interface CompareFamilyFile {
  metric: SiteMetric;
  family: string;
  /** The catalog's name and rung, as the query returns them in every row. */
  name: string;
  openness: string;
  /** The family's first catalogued release, or null when the catalog records none (no day 0). */
  first_release: string | null;
  columns: { day: string[]; value: number[]; days_since_release: (number | null)[] };
  /** The days a series joins or leaves the family's sum (rows with starts or stops), as [day, starts, stops]: few, so not a column. */
  breaks: [day: string, starts: number, stops: number][];
}

/** Where the browser fetches a family's series of a metric. */
export function compareFileHref(metric: SiteMetric, family: string): string {
  return `/data/compare/${encodeURIComponent(metric)}/${encodeURIComponent(family)}.json`;
}

/** A family's file from the query's rows of that family (the family's catalog row when it has none). */
export function compareFamilyFile(metric: SiteMetric, family: { id: string; name: string; openness: string }, rows: readonly CompareSeriesRow[]): CompareFamilyFile {
  return {
    metric,
    family: family.id,
    name: rows[0]?.name ?? family.name,
    openness: rows[0]?.openness ?? family.openness,
    first_release: rows[0]?.first_release ?? null,
    columns: {
      day: rows.map((r) => r.day),
      value: rows.map((r) => r.value),
      days_since_release: rows.map((r) => r.days_since_release),
    },
    breaks: rows.filter((r) => r.starts || r.stops).map((r) => [r.day, r.starts, r.stops]),
  };
}

/** The query's rows back from a family's file. */
export function compareFileRows(file: CompareFamilyFile): CompareSeriesRow[] {
  const { day, value, days_since_release } = file.columns;
  const breaks = new Map(file.breaks.map(([d, starts, stops]) => [d, { starts, stops }]));
  return day.map((d, i) => ({
    day: d,
    family: file.family,
    name: file.name,
    openness: file.openness as CompareSeriesRow['openness'],
    value: value[i]!,
    starts: breaks.get(d)?.starts ?? 0,
    stops: breaks.get(d)?.stops ?? 0,
    first_release: file.first_release,
    days_since_release: days_since_release[i] ?? null,
  }));
}

// ---------------------------------------------------------------------------
// The view

/** Why a chosen family is not drawn. */
export type Absence = { family: string; reason: 'no-data' | 'no-data-in-range' | 'no-release' };

export interface CompareView {
  /** The chart's heading: metric, families and the days drawn. */
  title: string;
  caption: string;
  plot: Plot;
  /** Exactly the rows drawn, in the query's columns (a cited point is a row of its own, with its provenance). */
  columns: string[];
  rows: Record<string, unknown>[];
  /** The same numbers for reading: one row per x, one column per series. */
  table: { columns: string[]; rows: Cell[][] };
  /** Families drawn, in the order chosen. */
  drawn: string[];
  /** Families chosen but not drawn, and why. */
  absent: Absence[];
  /** First and last calendar day drawn. */
  days: { first: string; last: string } | null;
  /** First and last day since release drawn (the aligned axis). */
  sinceRelease: { first: number; last: number } | null;
}

export interface CompareInput {
  state: CompareState;
  /** site_compare_series rows of (at least) the chosen families. */
  rows: readonly CompareSeriesRow[];
  /** Every family of the catalog, in catalog order (the order of the query's rows within a day). */
  families: readonly CompareFamily[];
  cited: readonly ComparedCitation[];
  /** The picture's second line (what and when). */
  subtitle: string;
  lang: Lang;
}

const BASE_COLUMNS = ['day', 'family', 'name', 'openness', 'value', 'starts', 'stops', 'days_since_release'] as const;

/** "A, B and C" / "A、B、C". */
export function listWords(items: readonly string[], lang: Lang): string {
  if (lang === 'zh' || items.length <= 1) return items.join('、');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A name or date set into Chinese text, spaced from the Chinese beside it where it starts or ends in Latin letters or digits ("目录中没有 Falcon 的发布记录", "通义千问没有"). */
function zhWord(text: string): string {
  return `${/^[A-Za-z0-9(“"]/.test(text) ? ' ' : ''}${text}${/[A-Za-z0-9)”"]$/.test(text) ? ' ' : ''}`;
}

/** A day number on the aligned axis: "−54" with a real minus sign. */
function dayNumber(n: number, lang: Lang): string {
  return n < 0 ? `−${formatCount(lang, -n)}` : formatCount(lang, n);
}

/** The days drawn, in words: "from Jan 1, 2023 to Dec 31, 2024" / "2023年1月1日至2024年12月31日". */
function daysWords(days: { first: string; last: string }, lang: Lang): string {
  const t = translator(lang);
  if (days.first === days.last) return t(`on ${formatDay(lang, days.first)}`, `${formatDay(lang, days.first)}`);
  return t(`from ${formatDay(lang, days.first)} to ${formatDay(lang, days.last)}`, `${formatDay(lang, days.first)}至${formatDay(lang, days.last)}`);
}

/** The range chosen, in words, for a family with nothing in it: "between A and B", "from A on", "up to B". */
function rangeWords(state: CompareState, lang: Lang): string {
  const t = translator(lang);
  const from = state.from ? formatDay(lang, state.from) : '';
  const to = state.to ? formatDay(lang, state.to) : '';
  if (from && to) return t(`between ${from} and ${to}`, `在${zhWord(from)}至${zhWord(to)}之间`);
  if (from) return t(`from ${from} on`, `在${zhWord(from)}之后`);
  return t(`up to ${to}`, `在${zhWord(to)}之前`);
}

/**
 * The chart, its words and its rows for one selection. Each family's cited figures (reference_points) are drawn
 * as points of their own beside its line, never joined to it; on the axis of days since each first release they
 * are left out (placing them would be arithmetic on the page), and the page says so. A family with no data for
 * the metric, none in the range, or (on that axis) no release in the catalog is left out and named in `absent`.
 */
export function compareView(input: CompareInput): CompareView {
  const { state, lang } = input;
  const t = translator(lang);
  const meta = metricTitles(lang)[state.metric];
  const catalog = new Map(input.families.map((f, i) => [f.id, { ...f, order: i }]));
  const inRange = (day: string) => (!state.from || day >= state.from) && (!state.to || day <= state.to);
  const cited = state.align ? [] : citedInView(input.cited, state);
  const shades = { open: 0, closed: 0 };
  const series: PlotSeries[] = [];
  const drawnRows: CompareSeriesRow[] = [];
  const citedRows: Record<string, unknown>[] = [];
  const drawn: string[] = [];
  const absent: Absence[] = [];
  for (const id of state.families) {
    const family = catalog.get(id);
    if (!family) continue;
    const all = input.rows.filter((r) => r.family === id);
    if (all.length === 0) {
      absent.push({ family: id, reason: 'no-data' });
      continue;
    }
    if (state.align && all.every((r) => r.days_since_release === null)) {
      absent.push({ family: id, reason: 'no-release' });
      continue;
    }
    const mine = all.filter((r) => inRange(r.day) && (!state.align || r.days_since_release !== null));
    if (mine.length === 0) {
      absent.push({ family: id, reason: 'no-data-in-range' });
      continue;
    }
    drawn.push(id);
    drawnRows.push(...mine);
    const cls = opennessClass(family.openness);
    const shade = shades[cls]++;
    series.push({ name: family.name, cls, shade, kind: 'line', data: mine.map((r): Point => [state.align ? r.days_since_release! : r.day, r.value]) });
    const points = cited.filter((c) => c.family === id);
    if (points.length) {
      // Labelled as on the family pages ("LLaMA (cited, Huxiu 2023-08, 2023-07-19): 5,600+"), in the tooltip only: a family's
      // figures are days apart, so labels drawn on the chart would overlap; the list under the chart gives each in full.
      series.push({ name: `${family.name} · ${t('cited', '引用')}`, cls, shade, kind: 'scatter', data: points.map((c): Point => [c.day, c.value, citedLabel(c, family.name, lang)]) });
      citedRows.push(...points.map((c) => ({ day: c.day, family: id, name: all[0]!.name, openness: all[0]!.openness, value: c.value, days_since_release: null, is_reference: 1, ...citedColumns(c) })));
    }
  }
  // The query's order: by day, then by the family's place in the catalog.
  const order = (family: string) => catalog.get(family)?.order ?? Infinity;
  drawnRows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : order(a.family) - order(b.family)));

  const days = drawnRows.length ? { first: drawnRows[0]!.day, last: drawnRows[drawnRows.length - 1]!.day } : null;
  let sinceRelease: CompareView['sinceRelease'] = null;
  if (state.align && drawnRows.length) {
    sinceRelease = drawnRows.reduce((span, r) => ({ first: Math.min(span.first, r.days_since_release!), last: Math.max(span.last, r.days_since_release!) }), { first: Infinity, last: -Infinity });
  }

  const breaks = breakEvents(drawnRows, lang);

  const names = drawn.map((id) => catalog.get(id)!.name);
  const who = listWords(names, lang);
  const when = days ? daysWords(days, lang) : '';
  const aligned = sinceRelease ? t(`days ${dayNumber(sinceRelease.first, lang)} to ${dayNumber(sinceRelease.last, lang)}`, `第 ${dayNumber(sinceRelease.first, lang)} 至 ${dayNumber(sinceRelease.last, lang)} 天`) : '';
  const title = state.align
    ? t(`${meta.title} since each family's first release: ${who}, ${aligned}`, `${meta.title}（按距各自首次发布的天数）：${who}，${aligned}`)
    : t(`${meta.title}: ${who} ${when}`, `${meta.title}：${who}，${when}`);
  // The picture's title names the families when they fit on its line (about 70 characters), else counts them; its legend names each.
  const span = days ? (days.first === days.last ? formatDay(lang, days.first) : `${formatDay(lang, days.first)} – ${formatDay(lang, days.last)}`) : '';
  const plotTitleOf = (whom: string) =>
    state.align ? t(`${meta.title} since each first release · ${whom}`, `${meta.title}（距各自首次发布）· ${whom}`) : `${meta.title} · ${whom} · ${span}`;
  const named = plotTitleOf(who);
  const plotTitle = named.length <= 70 ? named : plotTitleOf(t(`${drawn.length} families`, `${drawn.length} 个家族`));

  const drawnCited = series.some((s) => s.kind === 'scatter');
  const scale = state.log ? t('a log scale', '对数') : t('a linear scale', '线性');
  const sentences = [
    t(`${meta.title} (${meta.caption}) of ${who}, ${when}, on ${scale}.`, `${meta.title}（${meta.caption}）：${who}，${when}，${scale}刻度。`),
    state.align
      ? t(
          "The x axis counts days since each family's first release in the catalog (day 0; days before it are negative).",
          '横轴为距各家族在目录中首次发布的天数（第 0 天；发布之前为负数）。',
        )
      : '',
    drawnCited
      ? t(
          'Points marked "cited" are figures reported by others, drawn beside their own family\'s line and never joined to it; the tooltip and the list under the chart give each with its qualifier ("5,600+" is at least 5,600) and source.',
          '标为“引用”的点是他人报告的数字，画在其所属家族的线旁，从不与之相连；提示框和图下的列表给出每个数字的限定词（“5,600+”即至少 5,600）与来源。',
        )
      : '',
    breaksCaption(breaks.length, state.align, lang),
    absenceCaption(absent, catalog, state, lang),
  ];
  // With cited points drawn, every row says whether it is one, and carries their provenance columns (empty for collected rows).
  const columns: string[] = [...BASE_COLUMNS, ...(citedRows.length ? ['is_reference', ...CITED_COLUMNS] : [])];
  const collected = drawnRows.map((r) => (citedRows.length ? { ...r, is_reference: 0, ...citedColumns(undefined) } : r) as Record<string, unknown>);
  const pick = (r: Record<string, unknown>) => Object.fromEntries(columns.map((c) => [c, r[c]]));
  const plot: Plot = {
    title: plotTitle,
    subtitle: input.subtitle,
    xType: state.align ? 'value' : 'time',
    ...(state.align ? { xName: t('days since first release', '距首次发布的天数') } : {}),
    yName: meta.unit,
    yFormat: 'number',
    series,
    ...(state.align || breaks.length === 0 ? {} : { events: breaks, eventLabels: true }),
    lang,
  };
  return {
    title: title.trim(),
    caption: sentences.filter(Boolean).join(t(' ', '')),
    plot,
    columns,
    rows: [...collected, ...citedRows].map(pick),
    table: pivotTable(plot, state.align ? t('days since first release', '距首次发布的天数') : t('day', '日期')),
    drawn,
    absent,
    days,
    sinceRelease,
  };
}

/** How many series start and stop on a day, for a break's label: "3 series start, 1 stops", "1 series stops" / "3 个序列开始，1 个序列停止". */
export function breakWords(n: { starts: number; stops: number }, lang: Lang): string {
  if (lang === 'zh') return [n.starts ? `${n.starts} 个序列开始` : '', n.stops ? `${n.stops} 个序列停止` : ''].filter(Boolean).join('，');
  return [n.starts ? `${n.starts} series start${n.starts === 1 ? 's' : ''}` : '', n.stops ? `${n.stops}${n.starts ? '' : ' series'} stop${n.stops === 1 ? 's' : ''}` : ''].filter(Boolean).join(', ');
}

/**
 * The days a series joins or leaves a drawn family's sum (the rows' starts and stops), one event a day with
 * the day's counts over the drawn families ("break: 3 series start, 1 stops"), in day order: a short label,
 * since it is drawn along the line; which family's line steps is in the picture and in the rows.
 */
function breakEvents(rows: readonly CompareSeriesRow[], lang: Lang): PlotEvent[] {
  const byDay = new Map<string, { starts: number; stops: number }>();
  for (const r of rows) {
    if (!r.starts && !r.stops) continue;
    const at = byDay.get(r.day) ?? { starts: 0, stops: 0 };
    at.starts += r.starts;
    at.stops += r.stops;
    byDay.set(r.day, at);
  }
  return [...byDay].map(([day, n]) => ({ day, label: lang === 'zh' ? `断点：${breakWords(n, lang)}` : `break: ${breakWords(n, lang)}` }));
}

/** The caption's sentence on the breaks drawn: what they are, and on the aligned axis that the calendar view marks them. */
function breaksCaption(days: number, aligned: boolean, lang: Lang): string {
  if (days === 0) return '';
  const t = translator(lang);
  const what = t("a series joins or leaves a family's sum (a package whose history begins later, a model launched or retired)", '某个序列加入或离开家族的合计（历史较晚开始的软件包、发布或下线的模型）');
  const data = t("each day's count is in the data (starts, stops)", '每天的数目见数据（starts、stops 列）');
  return aligned
    ? t(
        `On ${days === 1 ? 'one day' : `${days} days`} ${what}, so the line steps there without growing; those breaks are marked on the calendar view, and ${data}.`,
        `有 ${days} 天${what}，线条在这些日子的跳变并非增长；这些断点在日历视图中标出，${data}。`,
      )
    : t(`Dotted lines mark breaks: days ${what}, so a step there is not growth; ${data}.`, `虚线标出断点：某个序列加入或离开家族合计的日子（历史较晚开始的软件包、发布或下线的模型），线条在此处的跳变并非增长；${data}。`);
}

/** The caption's sentence on the chosen families left out, and why. */
function absenceCaption(absent: readonly Absence[], catalog: Map<string, CompareFamily>, state: CompareState, lang: Lang): string {
  const t = translator(lang);
  const named = (reason: Absence['reason']) => listWords(absent.filter((a) => a.reason === reason).map((a) => catalog.get(a.family)?.name ?? a.family), lang);
  const parts = [
    named('no-data') && t(`${named('no-data')} (no data for this metric)`, `${named('no-data')}（此指标无数据）`),
    named('no-data-in-range') && t(`${named('no-data-in-range')} (no data ${rangeWords(state, lang)})`, `${named('no-data-in-range')}（${rangeWords(state, lang)}无数据）`),
    named('no-release') && t(`${named('no-release')} (no release in the catalog, so no day 0)`, `${named('no-release')}（目录中没有发布记录，无法确定第 0 天）`),
  ].filter(Boolean);
  return parts.length ? t(`Left out: ${parts.join('; ')}.`, `未画出：${parts.join('；')}。`) : '';
}

/** The file name of a download of the view: what, whose, which days ("openpulse-compare_stars_llama-qwen-gpt_2023-06-01_2024-06-30.csv"). */
export function compareFileName(state: CompareState, view: Pick<CompareView, 'drawn' | 'days' | 'sinceRelease'>, extension: string): string {
  const days = view.days ? `_${view.days.first}_${view.days.last}` : '';
  const axis = state.align ? '_days-since-release' : '';
  const scale = state.log ? '_log' : '';
  return `openpulse-compare_${state.metric}_${view.drawn.join('-') || 'none'}${days}${axis}${scale}.${extension}`.replace(/[^A-Za-z0-9._-]/g, '-');
}

/** The status line while a view is drawn: "Showing …" with the heading's words, then the dates chosen, if any, in the page's language. */
export function compareStatus(view: CompareView, lang: Lang, state?: Pick<CompareState, 'from' | 'to'>): string {
  const t = translator(lang);
  const chosen = state ? chosenRange(state, lang) : '';
  return t(`Showing ${view.title}.${chosen ? ` Date range chosen: ${chosen}.` : ''}`, `当前显示：${view.title}。${chosen ? `所选日期范围：${chosen}。` : ''}`);
}

/** The dates chosen in the form, in words: "Jun 1, 2023 to Jun 30, 2024", "from Jun 1, 2023"; "2023年6月1日至2024年6月30日", "2023年6月1日起"; '' for none. */
export function chosenRange(state: Pick<CompareState, 'from' | 'to'>, lang: Lang): string {
  const t = translator(lang);
  const from = state.from ? formatDay(lang, state.from) : '';
  const to = state.to ? formatDay(lang, state.to) : '';
  if (from && to) return t(`${from} to ${to}`, `${from}至${to}`);
  if (from) return t(`from ${from}`, `${from}起`);
  if (to) return t(`up to ${to}`, `截至${to}`);
  return '';
}

/**
 * A date field's value as the page's language writes it, shown beside the field: the browser draws
 * the field itself in its own locale ("06/01/2023" in an English browser on a Chinese page).
 */
export function dayReading(field: 'from' | 'to', day: string, lang: Lang): string {
  if (day) return formatDay(lang, day);
  return compareFormWords(lang)[field === 'from' ? 'fromAny' : 'toAny'];
}

// ---------------------------------------------------------------------------
// The form's words, and what is wrong with a selection

/** The form's names for its controls, which the messages below refer to. */
export function compareFormWords(lang: Lang) {
  const t = translator(lang);
  return {
    metric: t('Metric', '指标'),
    scale: t('Scale', '刻度'),
    linear: t('linear', '线性'),
    log: t('log', '对数'),
    axis: t('Time axis', '时间轴'),
    calendar: t('calendar', '日历时间'),
    aligned: t('days since first release', '距首次发布的天数'),
    range: t('Date range', '日期范围'),
    from: t('from', '起'),
    to: t('to', '止'),
    /** What an empty date field means. */
    fromAny: t('first day with data', '最早有数据的一天'),
    toAny: t('newest day with data', '最新有数据的一天'),
    families: t('Families', '模型家族'),
  };
}

/** Something wrong with a selection: in the address (left out, the rest is shown) or in the choice itself (nothing can be drawn). */
export type CompareProblem =
  | { kind: 'unknown-metric'; value: string }
  | { kind: 'unknown-families'; values: string[] }
  | { kind: 'bad-date'; field: 'from' | 'to'; value: string }
  | { kind: 'inverted-range'; from: string; to: string }
  | { kind: 'no-family' }
  | { kind: 'absent'; absent: Absence[]; blocking: boolean }
  | { kind: 'load-failed'; detail: string };

/** Whether a problem leaves nothing to draw. */
export function isBlocking(p: CompareProblem): boolean {
  return p.kind === 'inverted-range' || p.kind === 'no-family' || p.kind === 'load-failed' || (p.kind === 'absent' && p.blocking);
}

/** What cannot be drawn at all, before any data is fetched: a range back to front, no family. */
export function checkCompareState(state: CompareState): CompareProblem[] {
  const problems: CompareProblem[] = [];
  if (state.families.length === 0) problems.push({ kind: 'no-family' });
  if (state.from && state.to && state.from > state.to) problems.push({ kind: 'inverted-range', from: state.from, to: state.to });
  return problems;
}

/** A value from the address, quoted safely short. */
function quoted(value: string, lang: Lang): string {
  const short = value.length > 40 ? `${value.slice(0, 39)}…` : value;
  return translator(lang)(`“${short}”`, `“${short}”`);
}

/** What is wrong, in words, and what to do about it. */
export function problemText(p: CompareProblem, context: { lang: Lang; state: CompareState; families: readonly CompareFamily[] }): string {
  const { lang, state } = context;
  const t = translator(lang);
  const words = compareFormWords(lang);
  const meta = metricTitles(lang)[state.metric];
  const nameOf = (id: string) => context.families.find((f) => f.id === id)?.name ?? id;
  switch (p.kind) {
    case 'unknown-metric':
      return t(
        `The address asks for the metric ${quoted(p.value, lang)}, which Compare does not chart, so it shows ${meta.title}. Pick a metric under “${words.metric}”.`,
        `地址中的指标${quoted(p.value, lang)}不在本页可比较的指标之列，因此显示${zhWord(meta.title)}。请在“${words.metric}”下选择一个指标。`,
      );
    case 'unknown-families':
      return t(
        `The address names ${p.values.length === 1 ? 'a family' : 'families'} this site does not track: ${p.values.map((v) => quoted(v, lang)).join(', ')}. ${p.values.length === 1 ? 'It is' : 'They are'} left out; tick the families you want under “${words.families}”.`,
        `地址中的模型家族${p.values.map((v) => quoted(v, lang)).join('、')}不在本站跟踪之列，已略去；请在“${words.families}”下勾选要比较的家族。`,
      );
    case 'bad-date':
      return t(
        `${quoted(p.value, lang)} in the address is not a date (YYYY-MM-DD), so the range has no ${p.field === 'from' ? 'start' : 'end'}. Pick a date under “${words.range}”.`,
        `地址中的${quoted(p.value, lang)}不是日期（YYYY-MM-DD），因此日期范围没有${p.field === 'from' ? '起点' : '终点'}。请在“${words.range}”下选择日期。`,
      );
    case 'inverted-range':
      return t(
        `The date range is back to front: “${words.from}” (${formatDay(lang, p.from)}) is after “${words.to}” (${formatDay(lang, p.to)}), so no day is in it and nothing is drawn. Swap the two dates, or clear one of them.`,
        `日期范围前后颠倒：“${words.from}”（${formatDay(lang, p.from)}）晚于“${words.to}”（${formatDay(lang, p.to)}），范围内没有任何一天，因此没有绘图。请交换两个日期，或清空其中一个。`,
      );
    case 'no-family':
      return t(
        `No family is chosen, so there is nothing to draw. Tick at least one family under “${words.families}”.`,
        `尚未选择任何模型家族，没有可绘制的内容。请在“${words.families}”下至少勾选一个家族。`,
      );
    case 'load-failed':
      return t(`The data for this view could not be loaded (${p.detail}), so nothing is drawn. Reload the page to try again.`, `无法加载这一视图的数据（${p.detail}），因此没有绘图。请重新加载页面再试。`);
    case 'absent': {
      const of = (reason: Absence['reason']) => p.absent.filter((a) => a.reason === reason).map((a) => nameOf(a.family));
      const lead = p.blocking ? t('Nothing to draw. ', '没有可绘制的内容。') : '';
      const parts: string[] = [];
      const noData = of('no-data');
      if (noData.length) {
        parts.push(
          t(
            `${listWords(noData, lang)} ${noData.length === 1 ? 'has' : 'have'} no ${meta.title} data, so ${noData.length === 1 ? 'it is' : 'they are'} left out of the chart, the table and the downloads. Pick another metric under “${words.metric}” to see ${noData.length === 1 ? 'it' : 'them'}.`,
            `${zhWord(listWords(noData, lang)).trimStart()}没有${zhWord(meta.title)}数据，因此未画入图表、数据表与下载文件。可在“${words.metric}”下换一个指标查看。`,
          ),
        );
      }
      const outside = of('no-data-in-range');
      if (outside.length) {
        parts.push(
          t(
            `${listWords(outside, lang)} ${outside.length === 1 ? 'has' : 'have'} no ${meta.title} data ${rangeWords(state, lang)}, so ${outside.length === 1 ? 'it is' : 'they are'} left out of the chart, the table and the downloads. Widen the range under “${words.range}”.`,
            `${zhWord(listWords(outside, lang)).trimStart()}${rangeWords(state, lang)}没有${zhWord(meta.title)}数据，因此未画入图表、数据表与下载文件。请在“${words.range}”下放宽日期范围。`,
          ),
        );
      }
      const unplaced = of('no-release');
      if (unplaced.length) {
        parts.push(
          t(
            `The catalog records no release of ${listWords(unplaced, lang)}, so ${unplaced.length === 1 ? 'it has' : 'they have'} no day 0 and cannot be placed on days since first release: left out of the chart, the table and the downloads. Switch “${words.axis}” to ${words.calendar} to see ${unplaced.length === 1 ? 'it' : 'them'}.`,
            `目录中没有${zhWord(listWords(unplaced, lang))}的发布记录，无法确定第 0 天，因此不能按距首次发布的天数排列，未画入图表、数据表与下载文件。把“${words.axis}”切换为“${words.calendar}”即可看到。`,
          ),
        );
      }
      return `${lead}${parts.join(t(' ', ''))}`;
    }
  }
}

// ---------------------------------------------------------------------------
// The view in the URL

const METRICS: readonly SiteMetric[] = SITE_METRICS;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads the view from the URL (or the form). A missing value takes the default; a value that names nothing
 * (a metric the page does not chart, a family the site does not track, a date that is not one) takes the
 * default too and is reported, so the page can say what it left out.
 */
export function parseCompareState(search: URLSearchParams, defaults: CompareState, known: readonly string[]): { state: CompareState; problems: CompareProblem[] } {
  const problems: CompareProblem[] = [];
  const metric = search.get('metric');
  if (metric !== null && !METRICS.includes(metric as SiteMetric)) problems.push({ kind: 'unknown-metric', value: metric });
  // Both forms: families=a,b (a shared link) and families=a&families=b (the form without JavaScript).
  const asked = [...new Set(search.getAll('families').flatMap((v) => v.split(',')).map((f) => f.trim()).filter(Boolean))];
  const unknown = asked.filter((f) => !known.includes(f));
  if (unknown.length) problems.push({ kind: 'unknown-families', values: unknown });
  const day = (field: 'from' | 'to') => {
    const value = search.get(field) ?? '';
    if (value && !DAY.test(value)) problems.push({ kind: 'bad-date', field, value });
    return DAY.test(value) ? value : defaults[field];
  };
  const from = day('from');
  const to = day('to');
  return {
    state: {
      metric: metric !== null && METRICS.includes(metric as SiteMetric) ? (metric as SiteMetric) : defaults.metric,
      families: search.has('families') ? asked.filter((f) => known.includes(f)) : defaults.families,
      align: search.has('x') ? search.get('x') === 'aligned' : defaults.align,
      log: search.has('scale') ? search.get('scale') === 'log' : defaults.log,
      from,
      to,
    },
    problems,
  };
}

/** The view as a query string, so it can be shared. */
export function compareSearch(state: CompareState): string {
  const params = new URLSearchParams();
  params.set('metric', state.metric);
  params.set('families', state.families.join(','));
  params.set('scale', state.log ? 'log' : 'linear');
  params.set('x', state.align ? 'aligned' : 'calendar');
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  return `?${params.toString().replace(/%2C/g, ',')}`;
}

/** A download's size in words: "2.3 MB", "480 KB". */
export function sizeWords(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1000))} KB`;
}
