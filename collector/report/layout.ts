// What every report format shows, as text: the headline rows, the highlights
// and the open-share sentence. Renderers differ only in markup.

import { formatChange, formatMinute, formatPercentChange, formatPoints, formatShare, formatValue } from '../../charts/format.ts';
import { DATA_SOURCES } from './methodology.ts';
import { citedDay, citedValue } from '../../charts/cited.ts';
import { headlineAnswer, headlineQuestion, headlineWeek, type HeadlineAnswer } from '../../charts/headline-answer.ts';
import { FACT_METRICS } from '../../registry/metrics.ts';

const FACT_METRIC_TITLES = new Map<string, string>(FACT_METRICS.map((m) => [m.id, m.title]));
import { citationsFor, type GrowthRow, type MetricSection, type ReportModel, type ShareChange } from './model.ts';

export const HEADLINE_COLUMNS = ['Family', 'Openness', 'Start', 'End', 'Change', '% change', 'Days'] as const;
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

function days(row: GrowthRow): string {
  return row.start_day === row.end_day ? row.start_day : `${row.start_day} → ${row.end_day}`;
}

function cells(row: GrowthRow): string[] {
  const label = row.series === 'reference' ? `${row.label} ${REFERENCE_MARK}` : row.label;
  return [label, row.openness, formatValue(row.start_value), formatValue(row.end_value), formatChange(row.change), formatPercentChange(row.pct_change), days(row)];
}

/** Families by value at the end (largest first), collected before reference; then the open and closed totals. */
export function headlineRows(section: MetricSection): HeadlineRow[] {
  const order = (a: GrowthRow, b: GrowthRow) => (a.series === b.series ? b.end_value - a.end_value : a.series === 'collected' ? -1 : 1);
  return [
    ...[...section.families].sort(order).map((r) => ({ cells: cells(r), total: false, reference: r.series === 'reference' })),
    ...[...section.classes].sort((a, b) => (a.series === b.series ? (a.key === 'open' ? -1 : 1) : a.series === 'collected' ? -1 : 1)).map((r) => ({ cells: cells(r), total: true, reference: r.series === 'reference' })),
  ];
}

/** "5,600 → 6,200 (+10.7%)" */
export function movement(row: GrowthRow): string {
  return `${formatValue(row.start_value)} → ${formatValue(row.end_value)} (${formatPercentChange(row.pct_change)})`;
}

export function shareSentence(section: MetricSection, share: ShareChange): string {
  const what = share.series === 'reference' ? 'By the cited reference figures, open' : 'Open';
  const added =
    share.new_open_share === null
      ? ''
      : ` Of the ${section.unit} added in the window, ${formatShare(share.new_open_share)} were open families' (open ${formatChange(share.open_added)}, closed ${formatChange(share.closed_added)}).`;
  return `${what} families' share: ${formatShare(share.start_share)} on ${share.start_day} → ${formatShare(share.end_share)} on ${share.end_day} (${formatPoints(share.change_points)}).${added}`;
}

/** One line per metric with data: the classes, then the three families that moved most. */
export function highlights(model: ReportModel): string[] {
  const lines: string[] = [];
  for (const section of model.metrics) {
    if (section.families.length === 0 && section.classes.length === 0) continue;
    // Collected series only: cited figures are listed below, each with its family, never as a movement or a class total.
    const classes = section.classes.filter((r) => r.series === 'collected').sort((a, b) => (a.key === 'open' ? -1 : b.key === 'open' ? 1 : 0));
    const families = section.families.filter((r) => r.series === 'collected').sort((a, b) => Math.abs(b.change) - Math.abs(a.change)).slice(0, 3);
    if (classes.length === 0 && families.length === 0) continue;
    lines.push(`${section.label}: ${[...classes.map((r) => `${r.key} families ${movement(r)}`), ...families.map((r) => `${r.label} ${movement(r)}`)].join('; ')}`);
  }
  // Cited figures: each with its family, as reported (qualifier, inferred dates), never as a class total.
  for (const g of citedGroups(model)) lines.push(`Cited for ${g.family || 'the leaderboard classes'}: ${g.lines.map((l) => l.text).join('; ')}`);
  return lines;
}

/** The note under a metric's table when series start or stop inside the window: they are left out, and named. */
export function breaksNote(section: MetricSection): string | undefined {
  if (section.breaks.length === 0) return undefined;
  const shown = section.breaks.slice(0, 8).map((b) => `${b.subject} (${b.name}, ${b.reason === 'stops inside the window' ? `until ${b.last_day}` : b.reason === 'starts inside the window' ? `from ${b.first_day}` : `${b.first_day} to ${b.last_day}`})`);
  const more = section.breaks.length > shown.length ? `, and ${section.breaks.length - shown.length} more` : '';
  return `Only series that cover the whole window are compared, so a series that starts or stops inside it is left out rather than read as growth or loss: ${shown.join(', ')}${more}.`;
}

/** The note under a metric's table when cited figures exist for it: they are listed apart, never added. */
export function referenceNote(model: ReportModel, section: MetricSection): string | undefined {
  if (citationsFor(model, section.metric).length === 0) return undefined;
  return `Cited figures for ${section.label} are listed per family under "Cited figures", as reported (with their qualifier and source); they are never added to these values or to the open and closed totals.`;
}

export interface CitedGroup {
  /** The family's name, or '' for figures of no family (e.g. leaderboard classes). */
  family: string;
  lines: { text: string; url: string; source: string }[];
}

/** The window's cited figures, by the family they belong to: "LLaMA: GitHub projects 5,600+ on 2023-07-19 (Huxiu 2023-08)". */
export function citedGroups(model: ReportModel): CitedGroup[] {
  const groups = new Map<string, CitedGroup>();
  for (const c of model.citations) {
    const key = c.family_name || c.family;
    if (!groups.has(key)) groups.set(key, { family: key, lines: [] });
    const metric = FACT_METRIC_TITLES.get(c.metric) ?? c.metric;
    const text = `${subjectName(c.subject)}, ${metric}: ${citedValue(c)} on ${citedDay(c)}${c.note ? ` (${c.note})` : ''}`;
    const source = `${c.citation}${c.source_url ? '' : ' (source URL not verified)'}`;
    groups.get(key)!.lines.push({ text, url: c.source_url, source });
  }
  return [...groups.values()];
}

function subjectName(subject: string): string {
  const at = subject.indexOf(':');
  return at > 0 ? subject.slice(at + 1) : subject;
}

/** The headline section's title. */
export const ANSWER_HEADING = 'The headline answer';

/** The question, the day it is answered to and the week its figures are of (and for which families, when the report is restricted). */
export function answerIntro(model: ReportModel): string {
  const families = model.filtered ? ` Families: ${model.families.map((f) => f.name).join(', ')} only.` : '';
  const week = headlineWeek(model.answer.rows);
  return `${headlineQuestion(model.answer.since)} Answered to ${model.answer.asOf}, whatever the report's window.${week ? ` ${week}` : ''}${families}`;
}

/** Per signal, the answer in words (charts/headline-answer.ts: the same words as the overview). */
export function answerItems(model: ReportModel): HeadlineAnswer[] {
  return model.answer.rows.map((r) => headlineAnswer(r, model.answer.since));
}

/** "Caveat. Source: GitHub search." */
export function answerNote(a: HeadlineAnswer): string {
  return `${a.caveat} Source: ${a.source}.`;
}

/** What the open and closed totals and shares add; family rows count everything tracked for the family. */
export function classScopeNote(model: ReportModel): string {
  return `${model.classScope} This holds for the open and closed totals and shares; each family's own row counts everything tracked for it.`;
}

export function scopeLine(model: ReportModel): string {
  const families = model.filtered ? model.families.map((f) => f.name).join(', ') : `all ${model.families.length} families in the catalog`;
  return `Families: ${families}.`;
}

export function provenanceLine(model: ReportModel): string {
  return `Generated ${formatMinute(model.generatedAt)} by OpenPulse from its ${model.store.kind} ClickHouse store.`;
}

export const SOURCE_COLUMNS = ['Source', 'What', 'Newest day', 'Facts', 'Last run'] as const;
export const SOURCE_NUMERIC = [false, false, false, true, false];

/** Each data source, where it is documented, and its cells after the name: what it gives and how fresh the store's facts are. */
export function sourceRows(model: ReportModel): { name: string; url: string; cells: string[] }[] {
  const bySource = new Map(model.freshness.map((f) => [f.source, f]));
  return DATA_SOURCES.map((s) => {
    const fresh = s.sources.map((id) => bySource.get(id)).find((f) => f !== undefined);
    return {
      name: s.name,
      url: s.url,
      cells: [s.what, fresh?.newest_day ?? 'no facts', fresh ? formatValue(fresh.facts) : '0', fresh?.last_run ? `${fresh.last_run} (${fresh.last_status})` : 'never'],
    };
  });
}

export const SIMULATED_WARNING = 'These figures come from SIMULATED data (the OpenPulse demo), not from GitHub, npm, PyPI or Hugging Face.';

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

export const LEADERBOARD_HEADING = 'Leaderboard: the top of the table';
export const LEADERBOARD_TOP_COLUMNS = ['Position', 'Model', 'Organisation', 'Licence class', 'Rating', 'Interval', 'Votes'] as const;
export const LEADERBOARD_TOP_NUMERIC = [true, false, false, false, true, false, true];
const GROUP_TITLES: Record<string, string> = { closed: 'proprietary', open_noncommercial: 'open, non-commercial', open: 'open', unknown: 'unknown licence' };

/** The newest publication's top 10, one row of cells each. */
export function leaderboardTopRows(model: ReportModel): string[][] {
  return (model.leaderboard?.top ?? []).map((r) => [
    String(r.position), r.model, r.organization, GROUP_TITLES[r.class] ?? r.class, formatValue(r.rating),
    r.rating_lower === null || r.rating_upper === null ? '' : `${formatValue(r.rating_lower)}–${formatValue(r.rating_upper)}`, formatValue(r.votes),
  ]);
}

/** What the leaderboard says in the window, in sentences: the best open and closed model, the top's open share, the months open trails closed, the families. */
export function leaderboardLines(model: ReportModel): string[] {
  const lb = model.leaderboard;
  if (!lb || lb.newest === null) return [];
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

export const LEADERBOARD_NOTE =
  "Ratings from the Arena's leaderboard dataset (lmarena-ai/leaderboard-dataset, CC BY 4.0). Position is 1 + the models rated higher; open includes non-commercial licences; models of unknown licence are on neither side. " +
  'The months open trails closed rate every model on one publication\'s scale and date it by its first appearance (after Epoch AI\'s open-vs-closed gap); see the methodology.';
