// What every report format shows, as text: the headline rows, the highlights
// and the open-share sentence. Renderers differ only in markup.

import { formatChange, formatMinute, formatPercentChange, formatPoints, formatShare, formatValue } from '../../charts/format.ts';
import { DATA_SOURCES } from './methodology.ts';
import { citedDay, citedValue } from '../../charts/cited.ts';
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
export const HEADLINE_QUERIES = ['growth_by_family', 'growth_by_openness', 'open_share_growth', 'open_share'];

export function reproduceLines(model: ReportModel): string[] {
  return [...new Set(model.queries.filter((q) => HEADLINE_QUERIES.includes(q.query)).map((q) => queryCommandLine(q.query, q.params)))];
}
