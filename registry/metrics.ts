// The metrics' vocabulary, written once: every stored fact metric (what a source
// emits) and every family-level metric (what the site, the reports and the
// named queries show). Titles, units, what a metric counts and its caveats are
// read from here by the site, the reports, the methodology page, the SQL
// parameter type FamilyMetric (queries/index.ts) and the collectors' validation.
//
// This folder imports nothing of the project, so that every part may read it:
// collector/, queries/, charts/ and site/.

import type { SourceName } from './sources.ts';

/** How a value is formatted on an axis: a count, or a rank (1 is best, axis inverted). */
export type MetricFormat = 'number' | 'rank';

export interface FactMetricEntry {
  id: string;
  /** The source whose collector emits it (reference figures may cite any metric). */
  source: SourceName;
  /** Subject prefix of its facts, e.g. repo for repo:owner/name. */
  subject: string;
  title: string;
  unit: string;
  format?: MetricFormat;
  /** A backfill: the collected metric whose past this one reconstructs. Family pages draw the two as one series per subject, the collected points marked on it. */
  backfillOf?: string;
  /**
   * A count per day (a flow: downloads, tokens routed, stars gained that day), not a count held on a
   * day: weekdays and weekends differ, so a chart that draws one point a week of it draws the week's
   * daily average (family_chart_facts), never one day of the week.
   */
  perDay?: true;
}

/** Every metric a fact may carry, in the order family pages show them. */
export const FACT_METRICS = [
  // GitHub search: repositories matching a catalog keyword today
  { id: 'github_projects', source: 'github', subject: 'search', title: 'GitHub projects per search', unit: 'repositories' },
  // GitHub search with created:..DATE: matching repositories existing at a past date (backfill)
  { id: 'github_projects_existing', source: 'github', subject: 'search', title: 'GitHub projects per search, reconstructed (backfill)', unit: 'repositories', backfillOf: 'github_projects' },
  // repository stats; star history: stars given that day and still held, and their running total
  { id: 'github_stars', source: 'github', subject: 'repo', title: 'Stars per repository', unit: 'stars' },
  { id: 'github_stars_retained', source: 'github', subject: 'repo', title: 'Stars per repository, from star history', unit: 'stars', backfillOf: 'github_stars' },
  { id: 'github_stars_gained', source: 'github', subject: 'repo', title: 'Stars gained per day', unit: 'stars a day', perDay: true },
  { id: 'github_forks', source: 'github', subject: 'repo', title: 'Forks per repository', unit: 'forks' },
  { id: 'github_watchers', source: 'github', subject: 'repo', title: 'Watchers per repository', unit: 'watchers' },
  { id: 'github_open_issues', source: 'github', subject: 'repo', title: 'Open issues per repository', unit: 'issues' },
  // Hugging Face (model id as in the catalog or an organisation listing)
  { id: 'hf_downloads_30d', source: 'huggingface', subject: 'hf', title: 'Hugging Face downloads, last 30 days', unit: 'downloads' },
  { id: 'hf_downloads_all_time', source: 'huggingface', subject: 'hf', title: 'Hugging Face downloads, all time', unit: 'downloads' },
  { id: 'hf_likes', source: 'huggingface', subject: 'hf', title: 'Hugging Face likes', unit: 'likes' },
  // Hugging Face derivatives of a catalog model: models naming it as base_model (direct only), and their 30-day downloads
  { id: 'hf_derivatives', source: 'huggingface', subject: 'hf', title: 'Hugging Face derivatives (fine-tunes, quantisations, adapters, merges)', unit: 'models' },
  { id: 'hf_derivative_downloads_30d', source: 'huggingface', subject: 'hf', title: 'Downloads of Hugging Face derivatives, last 30 days', unit: 'downloads' },
  // package registries, one fact per package per day
  { id: 'npm_downloads', source: 'npm', subject: 'npm', title: 'npm downloads per day', unit: 'downloads a day', perDay: true },
  { id: 'pypi_downloads', source: 'pypi', subject: 'pypi', title: 'PyPI downloads per day', unit: 'downloads a day', perDay: true },
  // leaderboard tables: per licence class, and per model
  { id: 'arena_models', source: 'leaderboard', subject: 'arena', title: 'Leaderboard models per class', unit: 'models' },
  { id: 'arena_best_rank', source: 'leaderboard', subject: 'arena', title: 'Best leaderboard rank per class', unit: 'rank', format: 'rank' },
  { id: 'arena_best_elo', source: 'leaderboard', subject: 'arena', title: 'Best leaderboard Elo per class', unit: 'Elo' },
  { id: 'arena_model_rank', source: 'leaderboard', subject: 'arena-model', title: 'Leaderboard rank per model', unit: 'rank', format: 'rank' },
  { id: 'arena_model_elo', source: 'leaderboard', subject: 'arena-model', title: 'Leaderboard Elo per model', unit: 'Elo' },
  // the Arena's leaderboard dataset (source arena) emits arena_model_rank (the Arena's published rank) and
  // arena_model_elo (its rating) too, per publication date, with the rating's interval and the votes behind it
  { id: 'arena_model_rating_lower', source: 'arena', subject: 'arena-model', title: 'Leaderboard rating per model, lower end of its interval', unit: 'Elo' },
  { id: 'arena_model_rating_upper', source: 'arena', subject: 'arena-model', title: 'Leaderboard rating per model, upper end of its interval', unit: 'Elo' },
  { id: 'arena_model_votes', source: 'arena', subject: 'arena-model', title: 'Leaderboard votes per model', unit: 'votes' },
  // OpenRouter's daily rankings: tokens per model (slug) per day, and the long tail as openrouter:other
  { id: 'openrouter_tokens', source: 'openrouter', subject: 'openrouter', title: 'Tokens routed per model per day (OpenRouter)', unit: 'tokens a day', perDay: true },
  // reported totals that no API serves (reference figures only)
  { id: 'downloads_reported_total', source: 'reference', subject: 'downloads', title: 'Reported downloads (cited)', unit: 'downloads' },
] as const satisfies readonly FactMetricEntry[];

export type FactMetric = (typeof FACT_METRICS)[number]['id'];
export const FACT_METRIC_IDS: readonly FactMetric[] = FACT_METRICS.map((m) => m.id);

export function factMetric(id: string): FactMetricEntry | undefined {
  return (FACT_METRICS as readonly FactMetricEntry[]).find((m) => m.id === id);
}

export interface FamilyMetricEntry {
  /** The value of the queries' `metric` parameter and of family_daily.metric. */
  id: string;
  title: string;
  /** What is counted, as a plural noun ("Of the repositories added…", an axis name). */
  unit: string;
  /** What it counts, one clause. */
  counts: string;
  /** The fact metrics it is computed from (queries/schema/002_family_daily.sql). */
  facts: readonly FactMetric[];
  /** What the numbers miss, for reports and the methodology page. */
  caveats: readonly string[];
  /** Whether the site charts it (Hugging Face's 30-day window is shown only on family pages and in reports). */
  onSite: boolean;
  /**
   * Whether an open share of it exists: false where closed models have none by construction (they
   * publish no weights, so they have no Hugging Face downloads or derivatives). Then no figure states a
   * share: charts show the open side only, and the headline answer a count split by rung, never a 100%.
   */
  openShare: boolean;
  /** Whether cited reference figures exist for it. */
  hasReference: boolean;
}

/** The family-level metrics, in the order the site and reports show them. */
export const FAMILY_METRICS = [
  {
    id: 'projects',
    title: 'GitHub projects',
    unit: 'repositories',
    counts: "repositories matching each family's headline GitHub searches, one per side (open, closed)",
    facts: ['github_projects', 'github_projects_existing'],
    caveats: [
      "A family's projects are the repositories GitHub's search finds, in repository names, descriptions and topics, for the family's headline query (its first search in the catalog) and, where the catalog also lists a search on the other side (an open-weights line of a closed family, such as GPT's gpt-oss), for the first search of that side: each counts on its own side, and the family's figure adds the two, so a repository matching both counts twice in it. They count mentions, not use.",
      'Search counts drift: GitHub re-indexes, and a count is a lower bound when GitHub reports incomplete results. Counts for past dates come from `created:<=DATE` searches asked later, which miss repositories deleted, made private or renamed since, so the past is understated, the more the further back.',
      'Where a day has no snapshot the backfilled count stands in for it; the two are close but not the same measurement.',
      'A repository can match the searches of two families (a project using both LLaMA and GPT-4 counts for each).',
      "Cited reference figures come from a publication, for a search that is not the catalog's headline query: each is shown beside its own family's series with its qualifier (5,600+ means at least 5,600; derived and inferred dates are said so) and its source, and never added to collected counts or to an open or closed total.",
    ],
    onSite: true,
    openShare: true,
    hasReference: true,
  },
  {
    id: 'stars',
    title: 'GitHub stars',
    unit: 'stars',
    // Total stars held on the day (github_stars, or the running total of star history), not stars gained that day.
    counts: "total stars held on the day by each family's catalog repositories",
    facts: ['github_stars', 'github_stars_retained'],
    caveats: [
      "A family's stars are the total stars of its catalog repositories on a day (the models' own, their SDKs' and, for some families, tooling built around them such as llama.cpp; the open-vs-closed figures leave the tooling out, as their scope says), summed (not the stars gained that day); a repository without a value on a day is missing from that day's sum, not counted as zero, except before a star history that dates every star: such a repository held nothing before its first star, and counts at zero there.",
      'Past days come from star history, which counts retained stars: stars given on a day and still held today. Stars withdrawn since are not in it, so history understates past totals; it meets the collected count on the day it was fetched.',
    ],
    onSite: true,
    openShare: true,
    hasReference: true,
  },
  {
    id: 'downloads',
    title: 'Package downloads',
    unit: 'downloads a day',
    counts: "daily npm and PyPI downloads of each family's catalog packages",
    facts: ['npm_downloads', 'pypi_downloads'],
    caveats: [
      "Downloads are the npm and PyPI counts of the family's catalog packages for one day (UTC), summed: its models' own, its SDKs and, for some families, runtimes built around them (the open-vs-closed figures leave the runtimes out, as their scope says). A day's figure is final only after UTC midnight; weekdays run higher than weekends, so compare like days.",
      'Package downloads include CI systems and mirrors; they measure installs, not users. PyPI figures exclude mirrors (pypistats `mirrors=false`).',
    ],
    onSite: true,
    openShare: true,
    hasReference: false,
  },
  {
    id: 'hf_downloads_30d',
    title: 'Hugging Face downloads (30-day window)',
    unit: 'downloads in 30 days',
    counts: "Hugging Face's rolling 30-day download count of each family's models",
    facts: ['hf_downloads_30d'],
    caveats: [
      'Hugging Face downloads are a rolling 30-day window reported on the day of the snapshot, not a daily figure and not a total: do not add days together. Hugging Face keeps no history, so the series starts on the first snapshot.',
    ],
    onSite: false,
    openShare: false,
    hasReference: false,
  },
  {
    id: 'tokens',
    title: 'Routed tokens (OpenRouter)',
    unit: 'tokens a day',
    counts: "tokens a day routed through OpenRouter to each family's models (Source: OpenRouter, openrouter.ai/rankings, CC BY 4.0)",
    facts: ['openrouter_tokens'],
    caveats: [
      'Source: OpenRouter (openrouter.ai/rankings), CC BY 4.0; each figure keeps the as-of time OpenRouter gave it (the named query `openrouter_share` returns it with the citation).',
      "OpenRouter is one router's traffic, not the market: requests sent to a vendor's own API, to clouds or to self-hosted open weights never pass through it, and its users lean towards developers trying many models.",
      'Free and promotional models inflate: a `:free` variant or a model offered free for a launch week can carry large volumes that would not exist at a price; a variant is counted under its own slug, in the family its catalog entry names.',
      'Only the top 50 models of each day are named; the rest is one `other` row, counted apart as the long tail and in no family. A model that drops out of the top 50 seems to stop: its tokens move to the long tail, so family lines step where a model enters or leaves it.',
      "Token counts come from each provider's own tokenizer, so a token of one model is not a token of another; OpenRouter counts prompt plus completion tokens, excludes private traffic and caps traffic on users' own keys (BYOK) for some models.",
      'A slug no catalog entry matches is counted as unknown, never dropped, and listed by the named query `openrouter_unmapped`.',
      "A slug takes the side of the first catalog entry it matches: an entry of its own where its licence differs from its family's (gpt-oss in GPT, Qwen's API-only Plus and Max, Mistral Medium 3.5's open weights), else its family's default side. A vendor's new model therefore counts on its family's default side until the catalog names it.",
    ],
    onSite: true,
    openShare: true,
    hasReference: false,
  },
  {
    id: 'derivatives',
    title: 'Hugging Face derivatives',
    unit: 'models',
    counts: "models on Hugging Face whose card names one of the family's catalog models as base_model (fine-tunes, quantisations, adapters, merges)",
    facts: ['hf_derivatives'],
    caveats: [
      "Derivatives are the models whose card names a catalog model as base_model, counted by the Hub's base_model tag: direct derivatives only (a quantisation of a fine-tune counts for the fine-tune, not the original), each counted once even when it names two catalog models. They include abandoned and duplicate uploads: a count of what people built, not of what is used.",
      'Only models with published weights have derivatives: closed models have none by construction, so this is a measure of open models, not an open-vs-closed share. Hugging Face keeps no history: the series starts on the first snapshot.',
    ],
    // charted on the site (overview, Compare, movers) as the open side's count: no share
    onSite: true,
    openShare: false,
    hasReference: false,
  },
  {
    id: 'derivative_downloads_30d',
    title: 'Downloads of Hugging Face derivatives (30-day window)',
    unit: 'downloads in 30 days',
    counts: "Hugging Face's rolling 30-day download count of the family's direct derivatives, summed",
    facts: ['hf_derivative_downloads_30d'],
    caveats: [
      'A rolling 30-day window reported on the day of the snapshot, not a daily figure: do not add days together. A derivative without a download figure counts as none.',
    ],
    onSite: false,
    openShare: false,
    hasReference: false,
  },
] as const satisfies readonly FamilyMetricEntry[];

export type FamilyMetric = (typeof FAMILY_METRICS)[number]['id'];
export const FAMILY_METRIC_IDS: readonly FamilyMetric[] = FAMILY_METRICS.map((m) => m.id);

/** The family-level metrics the site charts, in the order it shows them. */
export type SiteMetric = Extract<(typeof FAMILY_METRICS)[number], { onSite: true }>['id'];
export const SITE_METRICS: readonly SiteMetric[] = FAMILY_METRICS.filter((m): m is Extract<(typeof FAMILY_METRICS)[number], { onSite: true }> => m.onSite).map((m) => m.id);

/** The site metrics an open share exists for (openShare): the overview's share charts and share cards; the others are charted as counts only. */
export type SiteShareMetric = Extract<(typeof FAMILY_METRICS)[number], { onSite: true; openShare: true }>['id'];
export const SITE_SHARE_METRICS: readonly SiteShareMetric[] = FAMILY_METRICS.filter(
  (m): m is Extract<(typeof FAMILY_METRICS)[number], { onSite: true; openShare: true }> => m.onSite && m.openShare,
).map((m) => m.id);

/** Whether a site metric has an open share (SITE_SHARE_METRICS). */
export function isShareMetric(metric: SiteMetric): metric is SiteShareMetric {
  return (SITE_SHARE_METRICS as readonly string[]).includes(metric);
}

export function familyMetric<M extends FamilyMetric>(id: M): Extract<(typeof FAMILY_METRICS)[number], { id: M }> {
  return FAMILY_METRICS.find((m) => m.id === id) as Extract<(typeof FAMILY_METRICS)[number], { id: M }>;
}

/** Whether series of reference figures exist (queries' `series` parameter). */
export const SERIES = ['collected', 'reference'] as const;
export type Series = (typeof SERIES)[number];

/**
 * The headline question: what share of each signal is open, now and since a date
 * (Llama 2's release, 2023-07-18, by default)? One entry per signal, in the order the
 * overview and the report answer it; `shape` says how a share over time is read:
 * a stock (a count held on a day: the share of what was added since), a flow (a count
 * per day: the share of everything counted since), a table (a leaderboard
 * publication: the share of its models, now and in the first table since), or a count
 * (a stock only open models have, such as Hugging Face derivatives: closed models publish
 * no weights, so there is no share to state, only the open models' count, its change
 * and its split by openness rung).
 * Every answer is of one common week (queries/headline_answer.sql): the latest ISO week,
 * Monday to Sunday, that every flow with data has each day of; the other signals are read
 * as of its Sunday, and the leaderboard is its newest table by then.
 */
export const HEADLINE_SIGNALS = [
  {
    id: 'projects',
    title: 'new GitHub projects',
    title_zh: '新增 GitHub 项目',
    shape: 'stock',
    counts: { one: 'search', many: 'searches', amount: 'repositories' },
    source: 'GitHub search',
    caveat: 'Repositories matching each family\'s headline search of each side, open and closed (mentions, not use); "since" is the share of the repositories added between the two days, among the searches counted on both.',
    caveat_zh: '按各模型家族开源、闭源两侧各自的主搜索词统计的仓库数（提及而非使用）；“以来”指两日之间新增仓库中开放模型所占份额，仅计两日都有数据的搜索。',
  },
  {
    id: 'stars',
    title: 'GitHub stars gained',
    title_zh: '新增 GitHub 星标',
    shape: 'stock',
    counts: { one: 'repository', many: 'repositories', amount: 'stars' },
    source: 'GitHub',
    caveat: "Stars held by each family's catalog repositories (the models' own and their SDKs'); \"since\" is the share of the stars gained between the two days, among the repositories counted on both (a repository created in between counts from zero: its star history begins with its first star).",
    caveat_zh: '各家族目录仓库（模型仓库及其 SDK）持有的星标；“以来”指两日之间新增星标中开放模型所占份额，仅计两日都有数据的仓库（其间创建的仓库从零计：其星标历史从第一个星标开始）。',
  },
  {
    id: 'downloads',
    title: 'package downloads',
    title_zh: '软件包下载量',
    shape: 'flow',
    counts: { one: 'package', many: 'packages', amount: 'downloads' },
    source: 'npm and PyPI (pypistats)',
    caveat: 'npm and PyPI downloads of the models\' own packages and SDKs (generic runtimes excluded); "now" is the 7 days of the answer\'s week (Monday to Sunday); pypistats keeps 180 days, so a "since" day older than that counts npm packages only (the packages left out are counted beside the share). Installs, not users.',
    caveat_zh: '模型自有软件包与 SDK 的 npm 与 PyPI 下载量（不含通用运行时）；“当前”为答案所在周（周一至周日）的 7 天；pypistats 只保留 180 天，因此早于此的“以来”日期只计 npm 软件包（未计入的软件包数量列在份额旁）。下载量反映安装而非用户。',
  },
  {
    id: 'tokens',
    title: 'routed tokens',
    title_zh: '路由 token 量',
    shape: 'flow',
    counts: { one: 'model', many: 'models', amount: 'tokens' },
    // The attribution CC BY 4.0 asks for is the source line, written once after the caveat.
    source: 'OpenRouter (openrouter.ai/rankings), CC BY 4.0',
    caveat: 'Tokens routed through OpenRouter to the catalog\'s models (one router\'s traffic, not the market; free and promotional models inflate it; each provider counts with its own tokenizer); "since" adds every model\'s tokens over the period, as each day of OpenRouter\'s rankings is whole (its top 50 and the rest). Data from January 2025 on.',
    caveat_zh: '经 OpenRouter 路由至目录模型的 token 量（仅一家路由商的流量，不代表整个市场；免费与促销模型会抬高数字；各服务商按自己的分词器计数）；“以来”加总期间内每个模型的 token，因为 OpenRouter 排行的每一天都是完整的（前 50 名加其余）。数据自 2025 年 1 月起。',
  },
  {
    id: 'derivatives',
    title: 'Hugging Face derivatives',
    title_zh: 'Hugging Face 衍生模型',
    shape: 'count',
    counts: { one: 'model', many: 'models', amount: 'derivatives' },
    source: 'Hugging Face Hub',
    caveat: 'Models whose card names a catalog model as base_model (fine-tunes, quantisations, adapters, merges; direct only; abandoned uploads included). Closed models publish no weights and so have no derivatives: no open-vs-closed share exists, only the open models\' count. Daily snapshots: the Hub keeps no history.',
    caveat_zh: '模型卡将目录模型列为 base_model 的模型（微调、量化、适配器、合并；仅直接衍生，含废弃上传）。闭源模型不公开权重，因而没有衍生模型：不存在开放与闭源的份额，只有开放模型的数量。每日快照：Hub 不保留历史。',
  },
  {
    id: 'leaderboard',
    title: 'leaderboard models',
    title_zh: '排行榜模型',
    shape: 'table',
    counts: { one: 'model', many: 'models', amount: 'models' },
    source: 'LMSYS / LMArena leaderboard',
    caveat: 'Models in one leaderboard publication by licence class: the models it rates (a table with no ratings: every model it lists); "since" is the first publication on or after the date. Models whose licence is unclassified are left out and counted separately.',
    caveat_zh: '某一期排行榜中各许可类别的模型数：只计该期有评分的模型（没有评分的表格则计其列出的全部模型）；“以来”为该日期当日或之后的第一期。许可未分类的模型不计入，单独列出。',
  },
  {
    id: 'leaderboard_top20',
    title: "the leaderboard's top 20",
    title_zh: '排行榜前 20 名',
    shape: 'table',
    counts: { one: 'model', many: 'models', amount: 'models' },
    source: 'LMArena leaderboard dataset',
    caveat: 'The 20 highest-rated models of one Arena publication (ties share a position) by licence class; "since" is the first rated publication on or after the date. Ratings need votes: a new model enters after its first weeks.',
    caveat_zh: '某一期 Arena 排行榜评分最高的 20 个模型（并列同名次）按许可类别统计；“以来”为该日期当日或之后的第一期有评分的排行榜。评分需要投票积累：新模型在发布数周后才进入。',
  },
] as const;
export type HeadlineSignal = (typeof HEADLINE_SIGNALS)[number]['id'];
/** The default "since" of the headline question: Llama 2's release. */
export const HEADLINE_SINCE = '2023-07-18';
/**
 * Days of OpenRouter's routed tokens, to the last day, that the overview and the reports read beside the
 * headline answer (what its routed-token share is of): enough to hold the answer's week when data lags.
 */
export const ROUTED_DAYS = 70;
