// A family's figures, for its page and for the families index: the newest value
// of each family-level metric with its day, its change over the past year, where
// it stands among the families (rank, and share of its side's total), its best
// leaderboard position, and the newest value of each of its subjects. The sums
// and changes come from the queries (site_compare_series is family_daily, every
// subject of the day; growth_by_family counts only the series that cover the
// year); here they are only picked by day, ordered and set side by side.

import { citedSourceShort, citedValue, type CitedFigure } from '../../charts/cited.ts';
import { compactNumber, formatValue } from '../../charts/format.ts';
import { FAMILY_FIGURE_METRICS, keys } from '../../collector/snapshot/manifest.ts';
import type { CompareSeriesRow, FamilyMetric, FamilyRow, FamilySubjectLatestRow, GrowthRow, LeaderboardFamilyBestRow } from '../../collector/snapshot/site-data.ts';
import { FACT_METRICS, factMetric, type FactMetricEntry } from '../../registry/metrics.ts';
import { factMetricTitle } from '../../registry/metrics-zh.ts';
import { siteData } from './data.ts';
import { formatDay, LOCALES, tr, type Lang, type Text } from './i18n.ts';

/** A result's rows, or none when this snapshot predates the key (an older build's data). */
function rowsIfAny<T>(key: string): T[] {
  return (siteData().results[key]?.rows ?? []) as T[];
}

/** Short names for the columns of the tables of latest values (the metrics' full titles are the registry's). */
const FACT_COLUMNS: Record<string, Text> = {
  github_projects: { en: 'projects', zh: '项目数' },
  github_projects_existing: { en: 'projects', zh: '项目数' },
  github_stars: { en: 'stars', zh: '星标' },
  github_stars_retained: { en: 'stars', zh: '星标' },
  github_stars_gained: { en: 'stars gained (newest day)', zh: '最近一日新增星标' },
  github_forks: { en: 'forks', zh: '复刻' },
  github_watchers: { en: 'watchers', zh: '关注者' },
  github_open_issues: { en: 'open issues', zh: '未关闭议题' },
  hf_downloads_30d: { en: 'downloads, 30 days', zh: '近 30 天下载' },
  hf_downloads_all_time: { en: 'downloads, all time', zh: '累计下载' },
  hf_likes: { en: 'likes', zh: '点赞' },
  hf_derivatives: { en: 'derivatives', zh: '衍生模型' },
  hf_derivative_downloads_30d: { en: "derivatives' downloads, 30 days", zh: '衍生模型近 30 天下载' },
  npm_downloads: { en: 'downloads a day', zh: '日下载量' },
  pypi_downloads: { en: 'downloads a day', zh: '日下载量' },
  openrouter_tokens: { en: 'tokens a day', zh: '日 token 量' },
  downloads_reported_total: { en: 'reported downloads', zh: '报道的下载量' },
};

/** A fact metric's title in a language ("Stars per repository" / "各仓库星标数"): the registry's. */
export function factTitle(metric: string, lang: Lang): string {
  return factMetricTitle(metric, lang);
}

/**
 * A day for text that cannot hold markup (a chart's caption): formatDay's words joined so that no
 * line breaks inside ("Jan 1, 2024" with no-break spaces, "2024年1月1日" with word joiners).
 */
export function unbrokenDay(lang: Lang, day: string): string {
  const text = formatDay(lang, day);
  return lang === 'zh' ? text.replace(/([年月日])/g, '\u2060$1\u2060').replace(/\u2060$/, '') : text.replace(/ /g, '\u00a0');
}

/** A count for a headline figure: in full below a million, else short ("36B", "360亿"), since the full figure is in the title and the data. */
export function shortCount(value: number, lang: Lang): string {
  const abs = Math.abs(value);
  if (abs < 1e6) return formatValue(value);
  return compactNumber(value, lang);
}

/** "LLaMA: 5,600+ (Huxiu 2023-08)": a cited point's label beside the family's series. */
export function citedPointLabel(f: CitedFigure, who: string, lang: Lang): string {
  return lang === 'zh' ? `${who}：${citedValue(f, lang)}（引用：${citedSourceShort(f, lang)}）` : `${who}: ${citedValue(f, lang)} (cited: ${citedSourceShort(f)})`;
}

export interface MetricFigure {
  metric: FamilyMetric;
  /** The family's newest day with a value, and the value (every subject with a value that day). */
  day: string;
  value: number;
  /** The metric's newest day over every family: only families with a value that day are ranked. */
  newestDay: string;
  /** 1 is the most; null when the family's newest value is older than the metric's. */
  rank: number | null;
  ranked: number;
  sideRank: number | null;
  sideRanked: number;
  /** The family's share of its side's total (open or closed families) and of every family's, on the newest day. */
  sideShare: number | null;
  share: number | null;
  /** The change over the past year among the series that cover it; null when the year holds one day only. */
  growth: GrowthRow | null;
}

export interface LeaderboardFigure {
  /** The newest publication of the leaderboard, and the family's best model in it (null: not in it). */
  newestTable: string;
  newest: LeaderboardFamilyBestRow | null;
  /** The family's newest row, and its best position ever (the earliest publication where it held it). */
  last: LeaderboardFamilyBestRow;
  best: LeaderboardFamilyBestRow;
}

export interface FamilyFigures {
  metrics: MetricFigure[];
  leaderboard: LeaderboardFigure | null;
}

let cached: Map<string, FamilyFigures> | undefined;

/** Every family's figures, worked out once per build. */
export function allFamilyFigures(): Map<string, FamilyFigures> {
  if (cached) return cached;
  const families = rowsIfAny<FamilyRow>(keys.families);
  const isOpen = new Map(families.map((f) => [f.id, f.is_open === 1]));
  const out = new Map<string, FamilyFigures>(families.map((f) => [f.id, { metrics: [], leaderboard: null }]));
  for (const metric of FAMILY_FIGURE_METRICS) {
    const last = new Map<string, CompareSeriesRow>();
    for (const r of rowsIfAny<CompareSeriesRow>(keys.compareSeries(metric))) last.set(r.family, r);
    if (last.size === 0) continue;
    const newestDay = [...last.values()].reduce((d, r) => (r.day > d ? r.day : d), '');
    const onNewest = [...last.values()].filter((r) => r.day === newestDay).sort((a, b) => b.value - a.value);
    const rankIn = (rows: CompareSeriesRow[], family: string) => {
      const row = rows.find((r) => r.family === family);
      // Ties share a rank: one more than the families above.
      return row ? rows.filter((r) => r.value > row.value).length + 1 : null;
    };
    const total = (rows: CompareSeriesRow[]) => rows.reduce((s, r) => s + r.value, 0);
    const growth = new Map(rowsIfAny<GrowthRow>(keys.growthByFamily(metric)).map((g) => [g.family, g]));
    for (const [family, row] of last) {
      const side = onNewest.filter((r) => isOpen.get(r.family) === isOpen.get(family));
      const ranked = row.day === newestDay;
      const g = growth.get(family);
      out.get(family)?.metrics.push({
        metric,
        day: row.day,
        value: row.value,
        newestDay,
        rank: ranked ? rankIn(onNewest, family) : null,
        ranked: onNewest.length,
        sideRank: ranked ? rankIn(side, family) : null,
        sideRanked: side.length,
        sideShare: ranked && total(side) > 0 ? row.value / total(side) : null,
        share: ranked && total(onNewest) > 0 ? row.value / total(onNewest) : null,
        growth: g && g.start_day < g.end_day ? g : null,
      });
    }
  }
  const board = rowsIfAny<LeaderboardFamilyBestRow>(keys.leaderboardFamilyBest);
  const newestTable = board.reduce((d, r) => (r.table_date > d ? r.table_date : d), '');
  for (const [family, figures] of out) {
    const mine = board.filter((r) => r.family === family);
    if (mine.length === 0) continue;
    const best = mine.reduce((b, r) => (r.position < b.position ? r : b));
    figures.leaderboard = { newestTable, newest: mine.find((r) => r.table_date === newestTable) ?? null, last: mine.at(-1)!, best };
  }
  cached = out;
  return out;
}

export function familyFigures(family: string): FamilyFigures {
  return allFamilyFigures().get(family) ?? { metrics: [], leaderboard: null };
}

/** "#2 of 14" / "14 个中第 2". */
export function rankOf(rank: number, of: number, lang: Lang): string {
  return lang === 'zh' ? `${of} 个中第 ${rank}` : `#${rank} of ${of}`;
}

/** A share as a percentage with the language's digits ("12.3%"). */
export function percent(share: number, lang: Lang): string {
  return share.toLocaleString(LOCALES[lang], { style: 'percent', minimumFractionDigits: share < 0.1 ? 1 : 0, maximumFractionDigits: share < 0.1 ? 1 : 0 });
}

/** Subject kinds as the tables of latest values group them (the part of a subject before the colon). */
const SUBJECT_GROUPS: { prefixes: string[]; title: Text; subject: Text }[] = [
  { prefixes: ['repo'], title: { en: 'Repositories', zh: '代码仓库' }, subject: { en: 'repository', zh: '仓库' } },
  { prefixes: ['hf'], title: { en: 'Hugging Face models', zh: 'Hugging Face 模型' }, subject: { en: 'model', zh: '模型' } },
  { prefixes: ['search'], title: { en: 'GitHub searches', zh: 'GitHub 搜索' }, subject: { en: 'search', zh: '搜索词' } },
  { prefixes: ['npm', 'pypi'], title: { en: 'Packages', zh: '软件包' }, subject: { en: 'package', zh: '软件包' } },
  { prefixes: ['openrouter'], title: { en: 'OpenRouter models', zh: 'OpenRouter 模型' }, subject: { en: 'model', zh: '模型' } },
];

/** A subject key's kind: "repo" of "repo:owner/name" ("" for a key without one). */
export function subjectPrefix(subject: string): string {
  return subject.slice(0, Math.max(0, subject.indexOf(':')));
}

/** What one subject of a kind is called ("repository" / "仓库"), from its key ("repo:owner/name"). */
export function subjectWord(subject: string, lang: Lang): string {
  const prefix = subjectPrefix(subject);
  return tr(lang, SUBJECT_GROUPS.find((g) => g.prefixes.includes(prefix))?.subject ?? { en: 'subject', zh: '对象' });
}

export interface SubjectTable {
  title: string;
  subjectLabel: string;
  /** One column per metric; metrics of one name share it (npm's and PyPI's downloads), and a backfill shares its collected metric's. */
  columns: { metrics: string[]; label: string }[];
  rows: { subject: string; cells: (FamilySubjectLatestRow | null)[]; day: string; notes: string }[];
}

/**
 * What a table of latest values says of a fact's detail: the repository's description, a lower
 * bound, a rename. The rest (API route, as-of times, breakdowns) is in the data, not in the table.
 */
function notesOf(detail: string, lang: Lang): string[] {
  if (!detail) return [];
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(detail) as Record<string, unknown>;
  } catch {
    return [detail];
  }
  if (!parsed || typeof parsed !== 'object') return [];
  const out: string[] = [];
  if (typeof parsed.description === 'string' && parsed.description) out.push(parsed.description);
  if (parsed.incomplete_results === true) out.push(tr(lang, { en: 'lower bound (GitHub reported incomplete results)', zh: '下限（GitHub 报告结果不完整）' }));
  if (parsed.lower_bound === true) out.push(tr(lang, { en: 'lower bound', zh: '下限' }));
  if (typeof parsed.renamed_to === 'string') out.push(`${tr(lang, { en: 'renamed to', zh: '已更名为' })} ${parsed.renamed_to}`);
  return out;
}

const metricIndex = (metric: string) => {
  const i = (FACT_METRICS as readonly FactMetricEntry[]).findIndex((m) => m.id === metric);
  return i < 0 ? FACT_METRICS.length : i;
};

/**
 * The newest value of each subject and metric (family_subjects_latest), one table per kind of
 * subject and one row per subject: the point-in-time figures (forks, watchers, open issues,
 * likes) and the subjects no chart draws. A backfilled value stands in for a collected one only
 * where the subject has none (the page marks it).
 */
export function subjectTables(latest: FamilySubjectLatestRow[], lang: Lang): SubjectTable[] {
  const collectedOf = (metric: string) => factMetric(metric)?.backfillOf ?? metric;
  const label = (metric: string) => (FACT_COLUMNS[metric] ? tr(lang, FACT_COLUMNS[metric]!) : factTitle(metric, lang));
  const known = new Set(SUBJECT_GROUPS.flatMap((g) => g.prefixes));
  const groups = [
    ...SUBJECT_GROUPS,
    ...[...new Set(latest.map((r) => subjectPrefix(r.subject)).filter((p) => !known.has(p)))].map((p) => ({ prefixes: [p], title: { en: p, zh: p }, subject: { en: 'subject', zh: '对象' } })),
  ];
  const tables: SubjectTable[] = [];
  for (const g of groups) {
    const rows = latest.filter((r) => g.prefixes.includes(subjectPrefix(r.subject)));
    if (rows.length === 0) continue;
    const metrics = [...new Set(rows.map((r) => collectedOf(r.metric)))].sort((a, b) => metricIndex(a) - metricIndex(b));
    const columns: SubjectTable['columns'] = [];
    for (const m of metrics) {
      const same = columns.find((c) => c.label === label(m));
      if (same) same.metrics.push(m);
      else columns.push({ metrics: [m], label: label(m) });
    }
    const subjects = [...new Set(rows.map((r) => r.subject))];
    const tableRows = subjects.map((subject) => {
      const mine = rows.filter((r) => r.subject === subject);
      // The collected value where there is one, else the backfilled one.
      const cells = columns.map((c) => mine.find((r) => c.metrics.includes(r.metric)) ?? mine.find((r) => c.metrics.includes(collectedOf(r.metric))) ?? null);
      const day = mine.reduce((d, r) => (r.day > d ? r.day : d), '');
      const notes = [...new Set(mine.flatMap((r) => notesOf(r.detail, lang)))].join(lang === 'zh' ? '；' : '; ');
      return { subject, cells, day, notes };
    });
    // Largest first by the table's first column.
    tableRows.sort((a, b) => (b.cells[0]?.value ?? -Infinity) - (a.cells[0]?.value ?? -Infinity));
    tables.push({ title: tr(lang, g.title), subjectLabel: tr(lang, g.subject), columns, rows: tableRows });
  }
  return tables;
}
