// What every report format shows, as text: the headline rows, the highlights
// and the open-share sentence. Renderers differ only in markup. Each sentence is
// written in English and in Chinese side by side (the model's lang picks), so a
// change to one is a change to both; the fixed words are in words.ts.

import { formatChange, formats, formatShare, formatValue, shareChangeBeside } from '../../charts/format.ts';
import { DATA_SOURCES } from './methodology.ts';
import { citedDay, citedValue } from '../../charts/cited.ts';
import { headlineAnswer, headlineQuestion, headlineWeek, type HeadlineAnswer } from '../../charts/headline-answer.ts';
import { factMetricTitle } from '../../registry/metrics-zh.ts';
import { LEADERBOARD_GROUPS, OPENNESS_CLASSES, OPENNESS_LADDER } from '../../registry/openness.ts';
import { runStatusName, sourceApiText } from '../../registry/sources-zh.ts';
import { citationsFor, familyNameOf, type GrowthRow, type MetricSection, type ReportModel, type ShareChange } from './model.ts';
import { dayText, langOf, minuteText, plainText, quote, spanText, type Lang, type Run } from './words.ts';

/** Which headline columns hold numbers (right-aligned). */
export const HEADLINE_NUMERIC = [false, false, true, true, true, true, false];

export interface HeadlineRow {
  cells: string[];
  /** A class total (open / closed families) rather than one family. */
  total: boolean;
  reference: boolean;
}

/** The reference mark after a name: a dagger, explained under the table. */
export const REFERENCE_MARK = '†';

/** A Latin word or number at either end of a phrase inside Chinese text gets a space on that side ("新增的 30 天下载次数中"). */
function spaced(text: string): string {
  return `${/^[A-Za-z0-9]/.test(text) ? ' ' : ''}${afterLatin(text)}`;
}

/** A phrase that opens a Chinese sentence, with a space after it where it ends in a Latin word ("Llama 的引用数字"). */
function afterLatin(text: string): string {
  return /[A-Za-z0-9]$/.test(text) ? `${text} ` : text;
}

/** A rung or class in a few words in Chinese (the registry's); in English the id, as the catalog writes it. */
function opennessText(openness: string, lang: Lang): string {
  if (lang !== 'zh') return openness;
  return OPENNESS_CLASSES.find((c) => c.id === openness)?.title_zh ?? OPENNESS_LADDER.find((o) => o.id === openness)?.short_zh ?? openness;
}

function days(row: GrowthRow, lang: Lang): string {
  if (row.start_day === row.end_day) return dayText(lang, row.start_day);
  return lang === 'zh' ? spanText(lang, row.start_day, row.end_day) : `${row.start_day} → ${row.end_day}`;
}

function cells(row: GrowthRow, lang: Lang): string[] {
  const label = row.series === 'reference' ? `${row.label} ${REFERENCE_MARK}` : row.label;
  const f = formats(lang);
  return [label, opennessText(row.openness, lang), f.value(row.start_value), f.value(row.end_value), f.change(row.change), f.percentChange(row.pct_change), days(row, lang)];
}

/** Families by value at the end (largest first), collected before reference; then the open and closed totals. */
export function headlineRows(section: MetricSection, lang: Lang = 'en'): HeadlineRow[] {
  const order = (a: GrowthRow, b: GrowthRow) => (a.series === b.series ? b.end_value - a.end_value : a.series === 'collected' ? -1 : 1);
  return [
    ...[...section.families].sort(order).map((r) => ({ cells: cells(r, lang), total: false, reference: r.series === 'reference' })),
    ...[...section.classes].sort((a, b) => (a.series === b.series ? (a.key === 'open' ? -1 : 1) : a.series === 'collected' ? -1 : 1)).map((r) => ({ cells: cells(r, lang), total: true, reference: r.series === 'reference' })),
  ];
}

/** "5,600 → 6,200 (+10.7%)", in Chinese "5,600 → 6,200（+10.7%）". */
export function movement(row: GrowthRow, lang: Lang = 'en'): string {
  const f = formats(lang);
  const values = `${f.value(row.start_value)} → ${f.value(row.end_value)}`;
  return lang === 'zh' ? `${values}（${f.percentChange(row.pct_change)}）` : `${values} (${f.percentChange(row.pct_change)})`;
}

/** The change in points as the two shares written beside it read (shareChangeBeside: "+0.04 pp" between 83.9% and 84.0%). */
const pointsBeside = (share: ShareChange, lang: Lang) => shareChangeBeside(share.change_points / 100, share.start_share, share.end_share, lang);

export function shareSentence(section: MetricSection, share: ShareChange, lang: Lang = 'en'): string {
  if (lang === 'zh') {
    const what = share.series === 'reference' ? '按引用的参考数字，开源模型的份额' : '开源模型的份额';
    const added =
      share.new_open_share === null
        ? ''
        : `时间窗口内新增的${spaced(section.unit)}中，开源模型占 ${formatShare(share.new_open_share)}（开源 ${formatChange(share.open_added)}，闭源 ${formatChange(share.closed_added)}）。`;
    return `${what}：${dayText(lang, share.start_day)}为 ${formatShare(share.start_share)}，${dayText(lang, share.end_day)}为 ${formatShare(share.end_share)}（${pointsBeside(share, lang)}）。${added}`;
  }
  const what = share.series === 'reference' ? 'By the cited reference figures, open' : 'Open';
  const added =
    share.new_open_share === null
      ? ''
      : ` Of the ${section.unit} added in the window, ${formatShare(share.new_open_share)} were open models' (open ${formatChange(share.open_added)}, closed ${formatChange(share.closed_added)}).`;
  return `${what} models' share: ${formatShare(share.start_share)} on ${share.start_day} → ${formatShare(share.end_share)} on ${share.end_day} (${pointsBeside(share, lang)}).${added}`;
}

/** One line per metric with data: the classes, then the three families that moved most; then the cited figures, each a source's words kept as they are. */
export function highlightRuns(model: ReportModel): Run[][] {
  const lang = langOf(model);
  const lines: Run[][] = [];
  for (const section of model.metrics) {
    if (section.families.length === 0 && section.classes.length === 0) continue;
    // Collected series only: cited figures are listed below, each with its family, never as a movement or a class total.
    const classes = section.classes.filter((r) => r.series === 'collected').sort((a, b) => (a.key === 'open' ? -1 : b.key === 'open' ? 1 : 0));
    const families = section.families.filter((r) => r.series === 'collected').sort((a, b) => Math.abs(b.change) - Math.abs(a.change)).slice(0, 3);
    if (classes.length === 0 && families.length === 0) continue;
    const moves = [...classes.map((r) => (lang === 'zh' ? `${r.label} ${movement(r, lang)}` : `${r.key} models ${movement(r)}`)), ...families.map((r) => `${r.label} ${movement(r, lang)}`)];
    lines.push([lang === 'zh' ? `${section.label}：${moves.join('；')}` : `${section.label}: ${moves.join('; ')}`]);
  }
  // Cited figures: each with its family, as reported (qualifier, inferred dates), never as a class total.
  for (const g of citedGroups(model)) {
    const figures = g.lines.flatMap((l, i) => [...(i > 0 ? [lang === 'zh' ? '；' : '; '] : []), ...l.text]);
    lines.push(lang === 'zh' ? [`${afterLatin(g.family || '排行榜各类别')}的引用数字：`, ...figures] : [`Cited for ${g.family || 'the leaderboard classes'}: `, ...figures]);
  }
  return lines;
}

/** The highlights as plain text. */
export function highlights(model: ReportModel): string[] {
  return highlightRuns(model).map(plainText);
}

/** The note under a metric's table when series start or stop inside the window: they are left out, and named. */
export function breaksNote(model: Pick<ReportModel, 'lang' | 'families'>, section: MetricSection): string | undefined {
  if (section.breaks.length === 0) return undefined;
  const lang = langOf(model);
  const zh = lang === 'zh';
  const shown = section.breaks.slice(0, 8).map((b) => {
    const name = familyNameOf(model, b.family, b.name);
    if (zh) {
      const when = b.reason === 'stops inside the window' ? `${dayText(lang, b.last_day)}止` : b.reason === 'starts inside the window' ? `${dayText(lang, b.first_day)}起` : spanText(lang, b.first_day, b.last_day);
      return `${b.subject}（${name}，${when}）`;
    }
    return `${b.subject} (${name}, ${b.reason === 'stops inside the window' ? `until ${b.last_day}` : b.reason === 'starts inside the window' ? `from ${b.first_day}` : `${b.first_day} to ${b.last_day}`})`;
  });
  const left = section.breaks.length - shown.length;
  if (zh) return `只比较覆盖整个时间窗口的序列，因此在窗口内开始或停止的序列不计入，不会被当作增长或下降：${shown.join('；')}${left > 0 ? `；另有 ${left} 个` : ''}。`;
  return `Only series that cover the whole window are compared, so a series that starts or stops inside it is left out rather than read as growth or loss: ${shown.join(', ')}${left > 0 ? `, and ${left} more` : ''}.`;
}

/** The note under a metric's table when cited figures exist for it: they are listed apart, never added. */
export function referenceNote(model: ReportModel, section: MetricSection): string | undefined {
  if (citationsFor(model, section.metric).length === 0) return undefined;
  if (langOf(model) === 'zh') return `${afterLatin(section.label)}的引用数字按家族列在“引用数字”之下，保留报告时的原样（附限定词与来源）；从不计入这些数值，也不计入开源与闭源的合计。`;
  return `Cited figures for ${section.label} are listed per family under "Cited figures", as reported (with their qualifier and source); they are never added to these values or to the open and closed totals.`;
}

export interface CitedGroup {
  /** The family's name, or '' for figures of no family (e.g. leaderboard classes). */
  family: string;
  /** Each figure in words, and its source (the citation, and whether its URL was verified). */
  lines: { text: Run[]; url: string; source: Run[] }[];
}

/**
 * The window's cited figures, by the family they belong to: "LLaMA: GitHub projects 5,600+ on 2023-07-19 (Huxiu 2023-08)".
 * In Chinese the source's own words (a note, why a date is inferred, the citation) stay in English, marked as such.
 */
export function citedGroups(model: ReportModel): CitedGroup[] {
  const lang = langOf(model);
  const groups = new Map<string, CitedGroup>();
  for (const c of model.citations) {
    const key = c.family ? familyNameOf(model, c.family, c.family_name || c.family) : c.family_name;
    if (!groups.has(key)) groups.set(key, { family: key, lines: [] });
    const metric = factMetricTitle(c.metric, lang);
    let text: Run[];
    if (lang === 'zh') {
      const inferred = c.date_basis !== 'inferred' ? [] : c.date_inferred_from ? ['（推断日期，依据“', quote(lang, c.date_inferred_from), '”）'] : ['（推断日期）'];
      text = [`${subjectName(c.subject, lang)}，${metric}：${citedValue(c, lang)}，${dayText(lang, c.day)}`, ...inferred, ...(c.note ? ['（', quote(lang, c.note), '）'] : [])];
    } else {
      text = [`${subjectName(c.subject, lang)}, ${metric}: ${citedValue(c)} on ${citedDay(c)}${c.note ? ` (${c.note})` : ''}`];
    }
    const unverified = c.source_url ? [] : [lang === 'zh' ? '（来源网址未经核实）' : ' (source URL not verified)'];
    groups.get(key)!.lines.push({ text, url: c.source_url, source: [quote(lang, c.citation), ...unverified] });
  }
  return [...groups.values()];
}

/** What a cited figure is of: the subject without its kind; in Chinese a leaderboard class by its name. */
function subjectName(subject: string, lang: Lang): string {
  const at = subject.indexOf(':');
  const name = at > 0 ? subject.slice(at + 1) : subject;
  if (lang === 'zh' && subject.startsWith('arena:')) return LEADERBOARD_GROUPS.find((g) => g.id === name)?.title_zh ?? name;
  return name;
}

/** The question, the day it is answered to and the week its figures are of (and for which families, when the report is restricted). */
export function answerIntro(model: ReportModel): string {
  const lang = langOf(model);
  const names = model.families.map((f) => familyNameOf(model, f.id, f.name));
  const week = headlineWeek(model.answer.rows, lang);
  if (lang === 'zh') {
    const families = model.filtered ? `只含以下家族：${names.join('、')}。` : '';
    return `${headlineQuestion(model.answer.since, lang)}答案截至${dayText(lang, model.answer.asOf)}，与报告的时间窗口无关。${week}${families}`;
  }
  const families = model.filtered ? ` Families: ${names.join(', ')} only.` : '';
  return `${headlineQuestion(model.answer.since)} Answered to ${model.answer.asOf}, whatever the report's window.${week ? ` ${week}` : ''}${families}`;
}

/** Per signal, the answer in words (charts/headline-answer.ts: the same words as the overview). */
export function answerItems(model: ReportModel): HeadlineAnswer[] {
  return model.answer.rows.map((r) => headlineAnswer(r, model.answer.since, langOf(model), model.answer.routed));
}

/** "Caveat. Source: GitHub search." */
export function answerNote(a: HeadlineAnswer, lang: Lang = 'en'): string {
  return lang === 'zh' ? `${a.caveat}来源：${a.source}。` : `${a.caveat} Source: ${a.source}.`;
}

/** What the open and closed totals and shares add; family rows count everything tracked for the family. */
export function classScopeNote(model: ReportModel): string {
  if (langOf(model) === 'zh') return `${model.classScope}这适用于开源与闭源的合计与份额；各家族自己的一行计入为该家族追踪的全部对象。`;
  return `${model.classScope} This holds for the open and closed totals and shares; each family's own row counts everything tracked for it.`;
}

export function scopeLine(model: ReportModel): string {
  const names = model.families.map((f) => familyNameOf(model, f.id, f.name));
  if (langOf(model) === 'zh') return `家族：${model.filtered ? names.join('、') : `目录中全部 ${model.families.length} 个家族`}。`;
  return `Families: ${model.filtered ? names.join(', ') : `all ${model.families.length} families in the catalog`}.`;
}

export function provenanceLine(model: ReportModel): string {
  const lang = langOf(model);
  if (lang === 'zh') return `由 OpenPulse 于 ${minuteText(lang, model.generatedAt)} 根据其${model.store.kind === 'server' ? '服务器' : '嵌入式'} ClickHouse 存储生成。`;
  return `Generated ${minuteText(lang, model.generatedAt)} by OpenPulse from its ${model.store.kind} ClickHouse store.`;
}

export const SOURCE_NUMERIC = [false, false, false, true, false];

/** Each data source, where it is documented, and its cells after the name: what it gives and how fresh the store's facts are. */
export function sourceRows(model: ReportModel): { name: string; url: string; cells: string[] }[] {
  const lang = langOf(model);
  const zh = lang === 'zh';
  const bySource = new Map(model.freshness.map((f) => [f.source, f]));
  return DATA_SOURCES.map((s) => {
    const fresh = s.sources.map((id) => bySource.get(id)).find((f) => f !== undefined);
    const words = sourceApiText(s, lang);
    const newest = fresh?.newest_day ? dayText(lang, fresh.newest_day) : zh ? '无数据' : 'no facts';
    const run = !fresh?.last_run ? (zh ? '从未运行' : 'never') : zh ? `${minuteText(lang, fresh.last_run)}（${runStatusName(fresh.last_status, lang)}）` : `${minuteText(lang, fresh.last_run)} (${fresh.last_status})`;
    return { name: words.name, url: s.url, cells: [words.what, newest, fresh ? formatValue(fresh.facts) : '0', run] };
  });
}

/** The command line that reruns one of the report's queries. */
export function queryCommandLine(query: string, params: Record<string, unknown>): string {
  const args = Object.entries(params)
    .filter(([k, v]) => !(Array.isArray(v) && v.length === 0) && !(k === 'series' && v === 'collected'))
    .map(([k, v]) => `--param ${k}=${Array.isArray(v) ? v.join(',') : String(v)}`);
  return ['openpulse query', query, ...args].join(' ');
}

/** The queries behind the headline figures, as commands to rerun (the JSON report lists every query). */
export const HEADLINE_QUERIES = ['headline_answer', 'growth_by_family', 'growth_by_openness', 'open_share_growth', 'open_share'];

export function reproduceLines(model: ReportModel): string[] {
  return [...new Set(model.queries.filter((q) => HEADLINE_QUERIES.includes(q.query)).map((q) => queryCommandLine(q.query, q.params)))];
}

export const LEADERBOARD_TOP_NUMERIC = [true, false, false, false, true, false, true];

/** The newest publication's top 10, one row of cells each. */
export function leaderboardTopRows(model: ReportModel): string[][] {
  const lang = langOf(model);
  const f = formats(lang);
  return (model.leaderboard?.top ?? []).map((r) => {
    const group = LEADERBOARD_GROUPS.find((g) => g.id === r.class);
    return [
      String(r.position), r.model, r.organization, (lang === 'zh' ? group?.title_zh : group?.title) ?? r.class, f.value(r.rating),
      r.rating_lower === null || r.rating_upper === null ? '' : `${f.value(r.rating_lower)}–${f.value(r.rating_upper)}`, f.value(r.votes),
    ];
  });
}

/** What the leaderboard says in the window, in sentences: the best open and closed model, the top's open share, the months open trails closed, the families. */
export function leaderboardLines(model: ReportModel): string[] {
  const lb = model.leaderboard;
  if (!lb || lb.newest === null) return [];
  return langOf(model) === 'zh' ? leaderboardLinesZh(model) : leaderboardLinesEn(model);
}

function leaderboardLinesEn(model: ReportModel): string[] {
  const lb = model.leaderboard!;
  const lines: string[] = [];
  for (const b of lb.best) {
    const lead = b.gap >= 0 ? `the best closed model, ${b.best_closed} (${formatValue(b.closed_rating)}), leads the best open one, ${b.best_open} (${formatValue(b.open_rating)}, position ${b.open_position}), by ${formatValue(b.gap)} points` : `the best open model, ${b.best_open} (${formatValue(b.open_rating)}), leads the best closed one, ${b.best_closed} (${formatValue(b.closed_rating)}), by ${formatValue(-b.gap)} points`;
    const interval =
      b.gap_lower === null || b.gap_upper === null
        ? ''
        : b.gap >= 0
          ? ` (closed lead between ${formatValue(b.gap_lower)} and ${formatValue(b.gap_upper)} points within the ratings' intervals)`
          : ` (open lead between ${formatValue(-b.gap_upper)} and ${formatValue(-b.gap_lower)} points within the ratings' intervals)`;
    lines.push(`${b.table_date}: ${lead}${interval}.`);
  }
  if (lb.shares.length) {
    lines.push(`Open models in the top of the ${lb.shares[0]!.table_date} publication: ${lb.shares.map((r) => `top ${r.top}: ${r.open} of ${r.models} (${formatShare(r.open_share)})${r.unknown ? `, ${r.unknown} of unknown licence` : ''}`).join('; ')}.`);
  }
  for (const g of lb.gap) {
    lines.push(
      g.open_leads
        ? `${g.day}: the best open model, ${g.best_open}, was rated above every closed model listed by then (on the ${g.scale_date} scale): open led.`
        : `${g.day}: the best open model, ${g.best_open}, was at a level ${g.matched_by} first reached on ${g.matched_on}: ${g.months.toFixed(1)} months earlier (${g.months_low.toFixed(1)} to ${g.months_high.toFixed(1)} within the intervals; ratings of ${g.scale_date}).`,
    );
  }
  if (lb.families.length) {
    lines.push(`Each family's best model on ${lb.families[0]!.table_date}: ${lb.families.map((f) => `${f.name} ${f.best_model} (${f.position})`).join(', ')}.`);
  }
  return lines;
}

function leaderboardLinesZh(model: ReportModel): string[] {
  const lb = model.leaderboard!;
  const day = (d: string | null) => (d ? dayText('zh', d) : '');
  const lines: string[] = [];
  for (const b of lb.best) {
    const lead = b.gap >= 0
      ? `最佳闭源模型 ${b.best_closed}（${formatValue(b.closed_rating)}）领先最佳开源模型 ${b.best_open}（${formatValue(b.open_rating)}，第 ${b.open_position} 名）${formatValue(b.gap)} 分`
      : `最佳开源模型 ${b.best_open}（${formatValue(b.open_rating)}）领先最佳闭源模型 ${b.best_closed}（${formatValue(b.closed_rating)}）${formatValue(-b.gap)} 分`;
    const interval =
      b.gap_lower === null || b.gap_upper === null
        ? ''
        : b.gap >= 0
          ? `（在评分区间内，闭源领先 ${formatValue(b.gap_lower)} 至 ${formatValue(b.gap_upper)} 分）`
          : `（在评分区间内，开源领先 ${formatValue(-b.gap_upper)} 至 ${formatValue(-b.gap_lower)} 分）`;
    lines.push(`${day(b.table_date)}：${lead}${interval}。`);
  }
  if (lb.shares.length) {
    const tops = lb.shares.map((r) => `前 ${r.top} 名中，${r.models} 个模型有 ${r.open} 个开源（${formatShare(r.open_share)}）${r.unknown ? `，${r.unknown} 个许可未知` : ''}`);
    lines.push(`${day(lb.shares[0]!.table_date)}一期榜单前列的开源模型：${tops.join('；')}。`);
  }
  for (const g of lb.gap) {
    lines.push(
      g.open_leads
        ? `${day(g.day)}：最佳开源模型 ${g.best_open} 的评分高于当时已上榜的所有闭源模型（按${day(g.scale_date)}一期的评分尺度）：开源领先。`
        : `${day(g.day)}：最佳开源模型 ${g.best_open} 的水平，${g.matched_by} 在${day(g.matched_on)}就已达到：落后 ${g.months.toFixed(1)} 个月（在评分区间内为 ${g.months_low.toFixed(1)} 至 ${g.months_high.toFixed(1)} 个月；按${day(g.scale_date)}一期的评分）。`,
    );
  }
  if (lb.families.length) {
    const best = lb.families.map((f) => `${familyNameOf(model, f.family, f.name)} ${f.best_model}（第 ${f.position} 名）`);
    lines.push(`${day(lb.families[0]!.table_date)}各家族的最佳模型：${best.join('；')}。`);
  }
  return lines;
}
