// The Data page for readers: every named query the site runs, grouped under the
// question it helps answer, with a plain title and description in both languages.
// The queries' own headers (queries/<name>.sql) speak to developers; these words
// speak to readers. Written once here, so the Data page, each result's page and
// the test that no query is left without a question read the same map.

import type { QueryResult } from '../../collector/snapshot/site-data.ts';
import type { FamilyMetric } from '../../registry/metrics.ts';
import { siteData } from './data.ts';
import { formatDay, type Lang, type Text } from './i18n.ts';
import { familyName } from './labels.ts';
import { familyMetricText } from './metrics.ts';

export interface DataQuestion {
  /** Stable, URL-safe: the Data page's #q-<id>. */
  id: string;
  question: Text;
  /** One sentence on what the results below tell. */
  intro: Text;
}

/** The questions, in the order the Data page asks them; how fresh the data is comes last. */
export const DATA_QUESTIONS = [
  {
    id: 'share',
    question: { en: 'How much of AI is open?', zh: '开源在 AI 中占多大比重？' },
    intro: {
      en: 'The headline numbers: the open share of each signal now and since Llama 2, and the open share day by day.',
      zh: '头条数字：各项信号中开源目前所占的份额、自 Llama 2 以来的份额，以及开源份额的逐日变化。',
    },
  },
  {
    id: 'size',
    question: { en: 'How big is open vs closed?', zh: '开源与闭源各有多大？' },
    intro: {
      en: 'Open and closed models added up per day (each search, repository, package or routed model on its own side), on GitHub, in package downloads and in routed tokens, and by where the families come from.',
      zh: '开源与闭源模型每天的合计（每条搜索、每个仓库、软件包或路由模型计入自己的一侧）：GitHub、软件包下载量和路由 Token 量，以及按家族来源地区的划分。',
    },
  },
  {
    id: 'leaderboard',
    question: { en: 'Who leads the leaderboard?', zh: '谁在排行榜上领先？' },
    intro: {
      en: 'The Chatbot Arena leaderboard: its top models, the best open and the best closed model, and how far open trails closed.',
      zh: 'Chatbot Arena 排行榜：排名最高的模型、最好的开源与闭源模型，以及开源落后闭源多久。',
    },
  },
  {
    id: 'growth',
    question: { en: 'Which families grow fastest?', zh: '哪些家族增长最快？' },
    intro: {
      en: 'Each family on its own: its series day by day, its change over the past year, and the families that moved most.',
      zh: '逐个家族来看：每个家族的逐日序列、过去一年的变化，以及变化最大的家族。',
    },
  },
  {
    id: 'families',
    question: { en: 'What is counted for each family?', zh: '每个家族统计了哪些内容？' },
    intro: {
      en: 'The catalog of model families, what OpenPulse measures for each (searches, repositories, models, packages), every figure collected, and the releases marked on the charts.',
      zh: '模型家族目录、OpenPulse 为每个家族测量的对象（搜索、仓库、模型、软件包）、采集到的每个数字，以及图表上标出的发布。',
    },
  },
  {
    id: 'cited',
    question: { en: 'Which figures come from others?', zh: '哪些数字来自他人的报道？' },
    intro: {
      en: 'Figures reported before OpenPulse collected its own, each with its source; drawn beside the series, never added to them.',
      zh: 'OpenPulse 自行采集之前由他人报道的数字，每个都附有来源；画在序列旁边，从不计入序列。',
    },
  },
  {
    id: 'freshness',
    question: { en: 'How fresh is the data?', zh: '数据有多新？' },
    intro: {
      en: 'When each source was last collected and the newest day it has data for.',
      zh: '每个数据源最近一次采集的时间，以及它有数据的最新日期。',
    },
  },
] as const satisfies readonly DataQuestion[];

export type QuestionId = (typeof DATA_QUESTIONS)[number]['id'];

export interface QueryText {
  question: QuestionId;
  title: Text;
  description: Text;
}

/** Every query the site runs, under its question, in the order the question lists them. */
export const QUERY_TEXTS: Record<string, QueryText> = {
  headline_answer: {
    question: 'share',
    title: { en: 'The headline answer', zh: '头条答案' },
    description: {
      en: 'For each signal (new GitHub projects, stars gained, package downloads, routed tokens, leaderboard models, the leaderboard’s top 20): the open share in the latest week and since Llama 2, how many series it covers, and the signal’s main caveat. Hugging Face derivatives are a count: closed models have none.',
      zh: '每项信号（新 GitHub 项目、新增星标、软件包下载量、路由 Token 量、排行榜模型、排行榜前 20 名）中开源在最近一周和自 Llama 2 以来所占的份额、覆盖的序列数，以及该信号的主要注意事项。Hugging Face 衍生模型是计数：闭源模型没有衍生模型。',
    },
  },
  openrouter_share: {
    question: 'share',
    title: { en: 'Routed tokens: open, closed and neither', zh: '路由 token：开源、闭源与两者之外' },
    description: {
      en: 'OpenRouter’s routed tokens per day of the past ten weeks: the catalog’s text models on each side (open, closed), and the tokens on neither side (the long tail beyond each day’s top 50, models no catalog entry names), so the headline’s routed-token share can be read against all of OpenRouter’s traffic.',
      zh: '过去十周每天经 OpenRouter 路由的 token：目录中文本模型在开源、闭源两侧各自的数量，以及不计入任何一方的 token（每日前 50 名之外的长尾、目录未收录的模型），以便把头条中的路由 token 份额与 OpenRouter 的全部流量对照。',
    },
  },
  headline_figures: {
    question: 'share',
    title: { en: 'Open share now, and its change', zh: '当前开源份额及其变化' },
    description: {
      en: 'The open share of each metric that has one (projects, stars, package downloads, routed tokens) on the newest day, and how it changed over 30 and 365 days among the series that have a value on both days. Hugging Face downloads and derivatives have no share: closed models have none.',
      zh: '各个有开源份额的指标（项目、星标、软件包下载量、路由 Token 量）在最新一天的开源份额，以及在两端都有数值的序列中，它在 30 天和 365 天内的变化。Hugging Face 下载量和衍生模型没有份额：闭源模型没有这些数据。',
    },
  },
  open_share: {
    question: 'share',
    title: { en: 'Open share, day by day', zh: '开源份额，逐日' },
    description: {
      en: 'The open side’s share of a metric (each subject on its own side) on each day that both sides have a value.',
      zh: '在开源与闭源两侧都有数值的每一天，开源一侧在某项指标中所占的份额（每个对象计入自己的一侧）。',
    },
  },
  metric_by_openness: {
    question: 'size',
    title: { en: 'Open vs closed, day by day', zh: '开源与闭源，逐日' },
    description: {
      en: 'A metric added up over the open and over the closed subjects, each on its own side (a family that ships both adds to both), per day. Only series that cover the whole period are added, so a newly tracked package does not read as growth.',
      zh: '某项指标在开源与闭源对象中分别加总（每个对象计入自己的一侧，同时发布两类的家族两侧都有份），逐日列出。只加总覆盖整个时段的序列，因此新纳入统计的软件包不会被当作增长。',
    },
  },
  growth_by_openness: {
    question: 'size',
    title: { en: 'Open vs closed over the past year', zh: '开源与闭源，过去一年' },
    description: {
      en: 'The open and closed sides’ totals (each subject on its own side) at the start and end of the past 365 days, and the change.',
      zh: '开源与闭源两侧（每个对象计入自己的一侧）在过去 365 天起点和终点的合计，以及变化。',
    },
  },
  metric_by_region: {
    question: 'size',
    title: { en: 'By region of origin', zh: '按来源地区' },
    description: {
      en: 'GitHub projects added up by the region the families come from, open and closed apart, per day.',
      zh: 'GitHub 项目数按家族的来源地区加总，开源与闭源分开，逐日列出。',
    },
  },
  series_breaks: {
    question: 'size',
    title: { en: 'Series left out of the totals', zh: '未计入合计的序列' },
    description: {
      en: 'The searches, repositories, packages and models whose series start or stop inside a period: they are left out of its totals, shares and growth, and marked as breaks on the charts.',
      zh: '在某个时段内开始或停止的搜索、仓库、软件包和模型序列：它们不计入该时段的合计、份额和增长，并在图表上标为断点。',
    },
  },
  leaderboard_top_models: {
    question: 'leaderboard',
    title: { en: 'The top of each publication', zh: '每次发布的前几名' },
    description: {
      en: 'Per leaderboard publication, its ten highest-rated models, with licence class, rating and interval, votes and family.',
      zh: '每次排行榜发布中评分最高的十个模型，附许可类别、评分及其区间、票数和所属家族。',
    },
  },
  leaderboard_best_open_closed: {
    question: 'leaderboard',
    title: { en: 'Best open vs best closed model', zh: '最佳开源模型与最佳闭源模型' },
    description: {
      en: 'Per publication, the best open and the best closed model by rating, and how many rating points the closed one leads by.',
      zh: '每次发布中评分最高的开源模型和闭源模型，以及闭源模型领先多少评分点。',
    },
  },
  leaderboard_gap_months: {
    question: 'leaderboard',
    title: { en: 'How many months open trails closed', zh: '开源落后闭源几个月' },
    description: {
      en: 'Per publication date, how many months earlier a closed model had first reached the rating of the best open model so far (0 when none had).',
      zh: '在每个发布日期，闭源模型最早在多少个月前达到了迄今最佳开源模型的评分（若没有则为 0）。',
    },
  },
  leaderboard_top_share: {
    question: 'leaderboard',
    title: { en: 'Open share of the top 10, 20 and 50', zh: '前 10、20、50 名中的开源份额' },
    description: {
      en: 'Per publication, how many of the highest-rated 10, 20 and 50 models are open, closed or of unknown licence.',
      zh: '每次发布中评分最高的 10、20、50 个模型里，开源、闭源和许可未知的各有多少。',
    },
  },
  leaderboard_openness: {
    question: 'leaderboard',
    title: { en: 'Models and best rank per licence class', zh: '各许可类别的模型数与最佳名次' },
    description: {
      en: 'Per leaderboard publication, how many models each licence class has, and its best rank and Elo rating.',
      zh: '每次排行榜发布中各许可类别的模型数，以及该类别的最佳名次和 Elo 评分。',
    },
  },
  leaderboard_family_best: {
    question: 'leaderboard',
    title: { en: 'Each family’s best model', zh: '各家族的最佳模型' },
    description: {
      en: 'Per publication and family, the family’s best-rated model, its position and licence class, and how many of the family’s models are rated.',
      zh: '每次发布中每个家族评分最高的模型、它的名次和许可类别，以及该家族有多少模型获得评分。',
    },
  },
  leaderboard_unknown_licences: {
    question: 'leaderboard',
    title: { en: 'Licences counted as unknown', zh: '计为未知的许可' },
    description: {
      en: 'Licence strings on the leaderboard that fit no licence class, with how many model rows carry each.',
      zh: '排行榜上不属于任何许可类别的许可字符串，以及每个字符串出现在多少行模型记录中。',
    },
  },
  top_movers: {
    question: 'growth',
    title: { en: 'The families that moved most', zh: '变化最大的家族' },
    description: {
      en: 'The families whose metric changed most, up or down, between the start and the end of a period: one row per family and side (a family’s subjects on the other side from its own are a row of their own), text models only, series that cover the period only.',
      zh: '在某个时段的起点和终点之间，指标变化（增加或减少）最大的家族：每个家族每一侧一行（家族中与其自身类别相反的对象单独成行），只计文本模型，只计覆盖整个时段的序列。',
    },
  },
  growth_by_family: {
    question: 'growth',
    title: { en: 'Each family over the past year', zh: '各家族过去一年的变化' },
    description: {
      en: 'Each family’s first and last value of a metric in the past 365 days, and the change, in numbers and in percent.',
      zh: '每个家族某项指标在过去 365 天内的第一个和最后一个数值，以及变化量和变化百分比。',
    },
  },
  metric_by_family: {
    question: 'growth',
    title: { en: 'Each family, day by day', zh: '各家族，逐日' },
    description: {
      en: 'A metric per family per day, added up over the series that cover the family’s whole period.',
      zh: '每个家族每天的某项指标，加总覆盖该家族整个时段的序列。',
    },
  },
  site_compare_series: {
    question: 'growth',
    title: { en: 'Families side by side (the Compare page)', zh: '家族并列比较（比较页）' },
    description: {
      en: 'A metric per family per day (every series with a value that day), the days on which a series joins or leaves the family’s sum (starts, stops: breaks, not growth), and the days since each family’s first release, for comparing families on the calendar or from their launch.',
      zh: '每个家族每天的某项指标（当天有数值的全部序列之和）、某个序列加入或离开家族合计的日子（starts、stops：断点，并非增长），以及自该家族首次发布以来的天数，用于按日历或从发布起比较家族。',
    },
  },
  project_counts_by_family: {
    question: 'growth',
    title: { en: 'GitHub projects per family', zh: '各家族的 GitHub 项目数' },
    description: {
      en: 'GitHub projects per family per day: the sum of the family’s headline searches (its first search of each side, open or closed, it has) over those with a value that day (searches), the days on which a search joins or leaves that sum (starts, stops: breaks, not growth); cited figures are flagged.',
      zh: '每个家族每天的 GitHub 项目数：该家族各侧（开源、闭源）第一条搜索即主搜索词之和，只计当天有数值的搜索（searches），以及某条搜索加入或离开该合计的日子（starts、stops：断点，并非增长）；引用的数字另作标记。',
    },
  },
  families: {
    question: 'families',
    title: { en: 'The model families', zh: '模型家族' },
    description: {
      en: 'Every family in the catalog, in catalog order, with whether it is open, where it comes from and its licence.',
      zh: '目录中的每个家族（按目录顺序），附开放程度、来源地区和许可。',
    },
  },
  family_items: {
    question: 'families',
    title: { en: 'What is measured for a family', zh: '为家族测量的对象' },
    description: {
      en: 'The GitHub searches, repositories, Hugging Face models and packages OpenPulse measures for one family.',
      zh: 'OpenPulse 为某个家族测量的 GitHub 搜索、仓库、Hugging Face 模型和软件包。',
    },
  },
  family_subjects_latest: {
    question: 'families',
    title: { en: 'A family’s newest values', zh: '家族的最新数值' },
    description: {
      en: 'The newest collected value of everything measured for one family, with its notes.',
      zh: '为某个家族测量的每个对象最新采集到的数值，附说明。',
    },
  },
  family_metrics: {
    question: 'families',
    title: { en: 'Every figure of a family', zh: '家族的全部数字' },
    description: {
      en: 'Every figure collected for one family in the period, as collected, day by day; cited figures are flagged.',
      zh: '该时段内为某个家族采集到的每个数字，按原样逐日列出；引用的数字另作标记。',
    },
  },
  family_chart_facts: {
    question: 'families',
    title: { en: 'What a family’s charts draw', zh: '家族图表所画的数字' },
    description: {
      en: 'Each subject’s figures of the metrics a family page charts: every day of the past year, one a week before it (the week’s last day with a value; of a count per day, such as downloads, the average of the week’s days with a value, the column days saying how many); cited figures all.',
      zh: '家族页面图表所用指标中每个对象的数字：过去一年每天一个，此前每周一个（该周最后一个有数值的日子；下载量等按日计数的指标取该周有数值各日的日均值，days 列给出天数）；引用的数字全部列出。',
    },
  },
  release_events: {
    question: 'families',
    title: { en: 'Model releases', zh: '模型发布' },
    description: {
      en: 'The releases marked on the charts’ time axes, each with its openness, licence and the page that gives its date.',
      zh: '图表时间轴上标出的模型发布，每个都附开放程度、许可以及给出其日期的网页。',
    },
  },
  reference_points: {
    question: 'cited',
    title: { en: 'Cited figures', zh: '引用的数字' },
    description: {
      en: 'Figures reported by others before OpenPulse existed, each with its family, what it counts, its qualifier and its source.',
      zh: 'OpenPulse 出现之前由他人报道的数字，每个都附所属家族、统计对象、限定词和来源。',
    },
  },
  data_freshness: {
    question: 'freshness',
    title: { en: 'Sources and their last collection', zh: '数据源及其最近一次采集' },
    description: {
      en: 'Per source, the newest day it has data for, how many figures it has, and how its latest collection run ended. An empty cell means the source never ran (the cited figures are not collected).',
      zh: '每个数据源有数据的最新日期、数字的数量，以及最近一次采集的结果。空白单元格表示该数据源从未运行过（引用的数字不是采集的）。',
    },
  },
};

/** The question a query answers; undefined for a query not in the map (the unit test keeps that from happening). */
export function questionOf(query: string): (typeof DATA_QUESTIONS)[number] | undefined {
  const text = QUERY_TEXTS[query];
  return text ? DATA_QUESTIONS.find((q) => q.id === text.question) : undefined;
}

/** A query's words for readers; a query missing from the map falls back to its name and its header's description. */
export function queryText(query: string, description: string, lang: Lang): { title: string; description: string; question: (typeof DATA_QUESTIONS)[number] | undefined } {
  const text = QUERY_TEXTS[query];
  return { title: text ? text.title[lang] : query, description: text ? text.description[lang] : description, question: questionOf(query) };
}

/** The queries of a question, in the map's order. */
export function queriesOf(question: QuestionId): string[] {
  return Object.entries(QUERY_TEXTS)
    .filter(([, t]) => t.question === question)
    .map(([query]) => query);
}

/** What sets one result of a query apart from the others, in words: its metric and family (the period is shown beside it). */
export function resultLabel(result: QueryResult, lang: Lang): string {
  const parts: string[] = [];
  const { metric, family } = result.params as { metric?: unknown; family?: unknown };
  if (typeof metric === 'string') {
    let title = metric;
    try {
      title = familyMetricText(metric as FamilyMetric, lang).title;
    } catch {
      // a metric outside the registry's family metrics keeps its id
    }
    parts.push(title ?? metric);
  }
  if (typeof family === 'string') {
    const f = siteData().catalog.families.find((x) => x.id === family);
    parts.push(f ? familyName(f as { name: string; name_zh?: string }, lang) : family);
  }
  return parts.join(' · ');
}

/**
 * The period a result covers, as its ends in words (["Nov 1, 2022", "Dec 2, 2026"], or one "as of …"); none for a
 * result without one. A narrow table keeps each end on one line and breaks the range between them.
 */
export function resultPeriodEnds(result: QueryResult, lang: Lang): string[] {
  const { from, to, as_of: asOf, since } = result.params as Record<string, unknown>;
  if (typeof from === 'string' && typeof to === 'string') return [formatDay(lang, from), formatDay(lang, to)];
  if (typeof since === 'string' && typeof asOf === 'string') return [formatDay(lang, since), formatDay(lang, asOf)];
  if (typeof asOf === 'string') return [lang === 'zh' ? `截至 ${formatDay(lang, asOf)}` : `as of ${formatDay(lang, asOf)}`];
  return [];
}

/** The period a result covers, in words ("Nov 1, 2022 – Dec 2, 2026"); '' for a result without one. */
export function resultPeriod(result: QueryResult, lang: Lang): string {
  return resultPeriodEnds(result, lang).join(' – ');
}
