// The trend report's content: every number comes from a named query (queries/),
// recorded with its parameters so a reader can rerun it. Renderers (markdown,
// html, csv, json) only lay this model out. Its words (title, labels, notes) are
// in one language, English or Chinese; the numbers are the same in both, so one
// set of query results is written in either (inLanguage).

import type {
  DataFreshnessRow,
  FamilyRow,
  Growth,
  GrowthByOpennessRow,
  GrowthRow as FamilyGrowthRow,
  HeadlineAnswerRow,
  LeaderboardBestOpenClosedRow,
  LeaderboardFamilyBestRow,
  LeaderboardGapMonthsRow,
  LeaderboardTopModelRow,
  LeaderboardTopShareRow,
  MetricByOpennessRow,
  OpenRouterShareRow,
  OpenShareGrowthRow,
  OpenShareRow,
  ReferencePointRow,
  ReleaseEventRow,
  SeriesBreakRow,
} from '../../queries/rows.ts';
import { releaseLabel, type Catalog } from '../catalog.ts';
import type { Store } from '../store/index.ts';
import type { Params } from '../../queries/index.ts';
import { collectionNotes } from './methodology.ts';
import { addDays } from '../days.ts';
import { FAMILY_METRICS, familyMetric, HEADLINE_SINCE, ROUTED_DAYS, type FamilyMetric, type Series } from '../../registry/metrics.ts';
import { familyMetricText } from '../../registry/metrics-zh.ts';
import { HEADLINE_SCOPE, scope as scopeEntry, type Scope } from '../../registry/openness.ts';
import { spanText, type Lang } from './words.ts';

/** Every family-level metric of the registry, in its order. */
export const REPORT_METRICS = FAMILY_METRICS;

export type ReportMetric = FamilyMetric;
export type { Series };

export interface GrowthRow extends Growth {
  /** A family id, or 'open' / 'closed' for a class. */
  key: string;
  label: string;
  /** The family's openness (open-weights, open-source, closed), or the class. */
  openness: string;
  series: Series;
}

export interface ShareChange extends OpenShareGrowthRow {
  series: Series;
}

export interface DailyPoint {
  day: string;
  value: number;
}

export interface MetricSection {
  metric: ReportMetric;
  label: string;
  unit: string;
  what: string;
  families: GrowthRow[];
  classes: GrowthRow[];
  share: ShareChange[];
  /** Per class ('open' / 'closed') and series, the daily values in the window. */
  daily: { openness: 'open' | 'closed'; series: Series; points: DailyPoint[] }[];
  /** The open share per day (collected facts). */
  shareDaily: DailyPoint[];
  /** Series left out of these figures because they start or stop inside the window (series_breaks). */
  breaks: SeriesBreakRow[];
  notes: readonly string[];
}

/** The headline question's answer (headline_answer): per signal, the open share now and since a date. */
export interface HeadlineAnswerSection {
  /** The query's `since` (Llama 2's release) and `as_of` (the report's last day). */
  since: string;
  asOf: string;
  /** Which subjects the shares add, and the registry's statement of it ("Text models only: …"). */
  scope: Scope;
  statement: string;
  rows: HeadlineAnswerRow[];
  /**
   * OpenRouter's routed tokens per day over the ROUTED_DAYS days to the report's last day
   * (openrouter_share): what the routed-token share is of. Empty in a report of some families,
   * whose share is of their models only.
   */
  routed: OpenRouterShareRow[];
}

/**
 * The top of the leaderboard in the window (leaderboard_top_models, leaderboard_best_open_closed,
 * leaderboard_top_share, leaderboard_family_best, leaderboard_gap_months): the newest publication's
 * top 10, shares and families' best models; the best open and closed model and the months open
 * trails closed on the first and the newest publication date.
 */
export interface LeaderboardSection {
  /** The newest publication in the window with ratings, or null when there is none. */
  newest: string | null;
  top: LeaderboardTopModelRow[];
  /** The first and the newest publication's (one row when they are the same). */
  best: LeaderboardBestOpenClosedRow[];
  shares: LeaderboardTopShareRow[];
  families: LeaderboardFamilyBestRow[];
  /** The first and the newest publication date's, on the newest publication's scale. */
  gap: LeaderboardGapMonthsRow[];
}

/** A release marked on the charts, with its label in Chinese where the catalog gives one. */
export type ReportRelease = ReleaseEventRow & { label_zh?: string };

/** A cited reference figure: a row of the reference_points query. */
export type Citation = ReferencePointRow;

/** A source's freshness, as the data_freshness query gives it (less the last run's row count). */
export type FreshnessRow = Omit<DataFreshnessRow, 'last_rows'>;

export interface ReportModel {
  /** The language of its words: the title, labels, units, notes and every renderer's sentences. */
  lang: Lang;
  title: string;
  from: string;
  to: string;
  generatedAt: string;
  /** Which kind of store answered; never its location (a path or server URL), since reports are handed to others. */
  store: { kind: 'embedded' | 'server' };
  simulated: boolean;
  /** The families the report covers, in catalog order, with the catalog's Chinese name ('' where it has none). */
  families: { id: string; name: string; name_zh: string; openness: string; region: string }[];
  /** Whether the report is restricted to some families (--family). */
  filtered: boolean;
  /** The headline question answered to the report's last day: the report's first section. */
  answer: HeadlineAnswerSection;
  /** The scope of the open and closed totals and shares (metric_by_openness, growth_by_openness, open_share…), in the registry's words. */
  classScope: string;
  metrics: MetricSection[];
  /** The top of the leaderboard (absent from models built before it existed). */
  leaderboard?: LeaderboardSection;
  releases: ReportRelease[];
  citations: Citation[];
  freshness: FreshnessRow[];
  /** How each source is collected, in words: how often, and what a missed collection costs. */
  collection: string[];
  /** Every named query the report ran, with its parameters: how to reproduce each number. */
  queries: { query: string; params: Params }[];
}

export interface ReportOptions {
  from: string;
  to: string;
  /** Family ids; empty means every family in the catalog. */
  families: string[];
  now: Date;
  simulated: boolean;
  /** The language of its words (default English). */
  lang?: Lang;
  /** The catalog, for the releases' Chinese labels (the store keeps the English ones); without it they stay as they are. */
  catalog?: Pick<Catalog, 'families'>;
}

/** Just the window's figures of a growth row (the model keeps no other query columns). */
function growthOf({ start_day, start_value, end_day, end_value, change, pct_change }: Growth): Growth {
  return { start_day, start_value, end_day, end_value, change, pct_change };
}

/** Runs the report's named queries and assembles the model. */
export async function buildReport(store: Store, options: ReportOptions): Promise<ReportModel> {
  const queries: ReportModel['queries'] = [];
  const run = async <T>(query: string, params: Params = {}): Promise<T[]> => {
    queries.push({ query, params });
    return store.query<T>(query, params);
  };
  const allFamilies = await run<FamilyRow>('families');
  const chosen = options.families.length ? allFamilies.filter((f) => options.families.includes(f.id)) : allFamilies;
  const period: Params = { from: options.from, to: options.to, families: options.families };
  // The headline question comes first: the open share since Llama 2, to the report's last day.
  const answerParams = { since: HEADLINE_SINCE, as_of: options.to, scope: HEADLINE_SCOPE, families: options.families };
  const answer: HeadlineAnswerSection = {
    since: HEADLINE_SINCE,
    asOf: options.to,
    scope: HEADLINE_SCOPE,
    statement: scopeEntry(HEADLINE_SCOPE).statement,
    rows: await run<HeadlineAnswerRow>('headline_answer', answerParams),
    routed: options.families.length
      ? []
      : await run<OpenRouterShareRow>('openrouter_share', { grain: 'day', from: addDays(options.to, -ROUTED_DAYS), to: options.to, scope: HEADLINE_SCOPE }),
  };

  const metrics: MetricSection[] = [];
  for (const m of REPORT_METRICS) {
    // Cited figures are not summed, compared or grown here: each belongs to its family and is listed
    // with its qualifier and source (citations, below), never as an open or closed total.
    const seriesList: Series[] = ['collected'];
    const families: GrowthRow[] = [];
    const classes: GrowthRow[] = [];
    const share: ShareChange[] = [];
    const daily: MetricSection['daily'] = [];
    for (const series of seriesList) {
      const params = { metric: m.id, series, ...period };
      // Open and closed totals and shares add the headline scope's subjects only (text models with text models).
      const classParams = { ...params, scope: HEADLINE_SCOPE };
      for (const r of await run<FamilyGrowthRow>('growth_by_family', params)) {
        families.push({ key: r.family, label: r.name, openness: r.openness, series, ...growthOf(r) });
      }
      for (const r of await run<GrowthByOpennessRow>('growth_by_openness', classParams)) {
        classes.push({ key: r.openness, label: r.openness, openness: r.openness, series, ...growthOf(r) });
      }
      for (const r of await run<OpenShareGrowthRow>('open_share_growth', classParams)) share.push({ ...r, series });
      const byClass = await run<MetricByOpennessRow>('metric_by_openness', classParams);
      for (const openness of ['open', 'closed'] as const) {
        const points = byClass.filter((r) => r.openness === openness).map((r) => ({ day: r.day, value: r.value }));
        if (points.length) daily.push({ openness, series, points });
      }
    }
    // Routed tokens take no coverage rule (whole_day_metrics): their open_share is each whole day's, openrouter_share's.
    const shareDaily = (await run<OpenShareRow>('open_share', { metric: m.id, ...period, scope: HEADLINE_SCOPE })).map((r) => ({ day: r.day, value: r.open_share }));
    const breaks = await run<SeriesBreakRow>('series_breaks', { metric: m.id, ...period });
    // its words are set by inLanguage, below
    metrics.push({ metric: m.id, label: m.id, unit: '', what: '', families, classes, share, daily, shareDaily, breaks, notes: [] });
  }

  const window = { from: options.from, to: options.to };
  const firstAndLast = <T>(rows: T[]): T[] => (rows.length > 1 ? [rows[0]!, rows.at(-1)!] : rows);
  const top = await run<LeaderboardTopModelRow>('leaderboard_top_models', { ...window, top: 10 });
  const newest = top.at(-1)?.table_date ?? null;
  const shares = await run<LeaderboardTopShareRow>('leaderboard_top_share', window);
  const familyBest = await run<LeaderboardFamilyBestRow>('leaderboard_family_best', { ...window, families: options.families });
  const leaderboard: LeaderboardSection = {
    newest,
    top: top.filter((r) => r.table_date === newest),
    best: firstAndLast(await run<LeaderboardBestOpenClosedRow>('leaderboard_best_open_closed', window)),
    shares: shares.filter((r) => r.table_date === shares.at(-1)?.table_date),
    families: familyBest.filter((r) => r.table_date === familyBest.at(-1)?.table_date),
    gap: firstAndLast(await run<LeaderboardGapMonthsRow>('leaderboard_gap_months', { scale: options.to, ...window })),
  };

  const inWindow = (day: string) => day >= options.from && day <= options.to;
  const chosenIds = new Set(chosen.map((f) => f.id));
  const releases: ReportRelease[] = (await run<ReleaseEventRow>('release_events'))
    .filter((r) => inWindow(r.released_at) && chosenIds.has(r.family))
    .map((r) => (options.catalog ? { ...r, label_zh: releaseLabel(options.catalog, { family: r.family, date: r.released_at, label: r.label }, 'zh') } : r));
  const citations = (await run<Citation>('reference_points')).filter((c) => inWindow(c.day) && (c.family === '' ? !options.families.length : chosenIds.has(c.family)));
  const freshness = await run<FreshnessRow>('data_freshness');

  const filtered = options.families.length > 0;
  const model: ReportModel = {
    lang: 'en',
    title: '',
    from: options.from,
    to: options.to,
    generatedAt: options.now.toISOString(),
    store: { kind: store.kind },
    simulated: options.simulated,
    families: chosen.map(({ id, name, name_zh, openness, region }) => ({ id, name, name_zh, openness, region })),
    filtered,
    answer,
    classScope: '',
    metrics,
    leaderboard,
    releases,
    citations,
    freshness: freshness.map(({ source, newest_day, facts, last_run, last_status, last_message }) => ({ source, newest_day, facts, last_run, last_status, last_message })),
    collection: [],
    queries,
  };
  return inLanguage(model, options.lang ?? 'en');
}

/** A family's name in the report's language: the catalog's Chinese name where it has one, else its own (or `fallback` for a family the report does not list). */
export function familyNameOf(model: Pick<ReportModel, 'lang' | 'families'>, id: string, fallback = id): string {
  const f = model.families?.find((x) => x.id === id);
  if (!f) return fallback;
  return model.lang === 'zh' && f.name_zh ? f.name_zh : f.name;
}

/**
 * The model with its words in a language: the title, the scope statements, each metric's title,
 * unit, what it counts and its caveats (the registry's, registry/metrics-zh.ts in Chinese), the
 * families' and classes' labels and how each source is collected. The numbers stay as they are.
 */
export function inLanguage(model: ReportModel, lang: Lang): ReportModel {
  const named = { ...model, lang };
  const statement = (id: Scope) => (lang === 'zh' ? scopeEntry(id).statement_zh : scopeEntry(id).statement);
  const classLabel = (key: string) => (lang === 'zh' ? (key === 'open' ? '开源模型' : '闭源模型') : key === 'open' ? 'Open models' : 'Closed models');
  return {
    ...named,
    title: lang === 'zh' ? `OpenPulse 趋势报告：${spanText(lang, model.from, model.to)}` : `OpenPulse trend report, ${spanText(lang, model.from, model.to)}`,
    answer: { ...model.answer, statement: statement(model.answer.scope) },
    classScope: statement(HEADLINE_SCOPE),
    metrics: model.metrics.map((section) => {
      const words = familyMetricText(section.metric, lang);
      return {
        ...section,
        label: words.title,
        unit: words.unit,
        what: words.counts,
        notes: words.caveats,
        families: section.families.map((r) => ({ ...r, label: familyNameOf(named, r.key, r.label) })),
        classes: section.classes.map((r) => ({ ...r, label: classLabel(r.key) })),
      };
    }),
    collection: collectionNotes(lang),
  };
}

/** The citations behind a metric's reference rows. */
export function citationsFor(model: ReportModel, metric: ReportMetric): Citation[] {
  const facts: readonly string[] = familyMetric(metric).facts;
  return model.citations.filter((c) => facts.includes(c.metric));
}

