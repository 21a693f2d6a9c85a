// The report's two languages: the fixed words every format shares (headings,
// table headers, notes), and how days and moments read in each: as the queries
// give them in English ("2024-01-15"), as the site writes them in Chinese
// ("2024年1月15日"). Numbers are written by charts/format.ts (formats(lang): the
// same digits, "—" and "个百分点" in Chinese). Sentences with figures in them are
// in layout.ts, both languages side by side.

import { formatDateTick, formatMinute, type Lang } from '../../charts/format.ts';

export type { Lang };

/** The languages a report is written in; English is the default. */
export const REPORT_LANGS = ['en', 'zh'] as const satisfies readonly Lang[];

/** A report's language, English for a model written before reports had one. */
export function langOf(model: { lang?: Lang }): Lang {
  return model.lang === 'zh' ? 'zh' : 'en';
}

/** "2024-01-15", or in Chinese "2024年1月15日". */
export function dayText(lang: Lang, day: string): string {
  if (lang !== 'zh') return day;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? formatDateTick({ year: Number(m[1]), month: Number(m[2]) - 1, day: Number(m[3]) }, 'day', true, 'zh') : day;
}

/** "2024-01-01 to 2024-01-15", or "2024年1月1日至2024年1月15日". */
export function spanText(lang: Lang, from: string, to: string): string {
  return lang === 'zh' ? `${dayText(lang, from)}至${dayText(lang, to)}` : `${from} to ${to}`;
}

/** A moment to the minute: "2024-12-31 06:00 UTC", or "2024年12月31日 06:00 UTC". */
export function minuteText(lang: Lang, timestamp: string): string {
  const text = formatMinute(timestamp);
  return lang === 'zh' ? `${dayText(lang, text.slice(0, 10))}${text.slice(10)}` : text;
}

/**
 * A phrase a Chinese report keeps in its source's English (a citation, a note, the
 * words an inferred date comes from): HTML marks it lang="en", Markdown shows it as it is.
 */
export interface Quoted {
  quoted: string;
}
export type Run = string | Quoted;

/** Runs as plain text. */
export function plainText(runs: readonly Run[]): string {
  return runs.map((r) => (typeof r === 'string' ? r : r.quoted)).join('');
}

/** A source's own words inside a report: marked as English in a Chinese one. */
export function quote(lang: Lang, text: string): Run {
  return lang === 'zh' ? { quoted: text } : text;
}

/** The fixed words of a report, per language. Inline code in backticks, as Markdown writes it (HTML turns it into <code>). */
export const WORDS = {
  en: {
    simulated: 'These figures come from SIMULATED data (the OpenPulse demo), not from GitHub, npm, PyPI or Hugging Face.',
    answer: 'The headline answer',
    highlights: 'Highlights',
    noFacts: 'No facts in this window. Check the dates and run `openpulse status` to see what the store holds.',
    headline: 'Headline figures',
    headlineIntro: "Each family's first and last value inside the window (the days are shown). The open and closed totals add every subject on its own side (a family that ships both adds to both), in the scope said below, so they are not the sum of the family rows.",
    counts: (what: string) => `What it counts: ${what}.`,
    noMetricFacts: 'No facts for this metric in the window.',
    headlineColumns: ['Family', 'Openness', 'Start', 'End', 'Change', '% change', 'Days'],
    leaderboard: 'Leaderboard: the top of the table',
    leaderboardIntro: (day: string) => `The ten highest-rated models of the ${day} publication:`,
    leaderboardCaption: (day: string) => `The top 10 of the ${day} leaderboard publication`,
    leaderboardColumns: ['Position', 'Model', 'Organisation', 'Licence class', 'Rating', 'Interval', 'Votes'],
    leaderboardNote:
      "Ratings from the Arena's leaderboard dataset (lmarena-ai/leaderboard-dataset, CC BY 4.0). Position is 1 + the models rated higher; open includes non-commercial licences; models of unknown licence are on neither side. " +
      "The months open trails closed rate every model on one publication's scale and date it by its first appearance (after Epoch AI's open-vs-closed gap); see the methodology.",
    charts: 'Charts',
    noChart: 'No chart: no facts in this window.',
    methodology: 'Methodology',
    collection: 'How the data is collected',
    collectionAfter: 'What each source reads is listed under Sources below.',
    sources: 'Sources',
    sourceColumns: ['Source', 'What', 'Newest day', 'Facts', 'Last run'],
    noSourceFacts: 'no facts',
    neverRun: 'never',
    cited: 'Cited figures',
    citedIntro: 'Figures reported by others, as they were reported, each belonging to its family; never added to collected values or class totals.',
    noFamily: 'No family (leaderboard classes)',
    source: 'Source: ',
    reproduce: 'Reproduce',
    reproduceIntro: "Every number above comes from one of OpenPulse's named queries; rerun one with:",
  },
  zh: {
    simulated: '这些数字来自模拟数据（OpenPulse 演示），并非来自 GitHub、npm、PyPI 或 Hugging Face。',
    answer: '头条答案',
    highlights: '要点',
    noFacts: '这个时间窗口内没有数据。请检查日期，并运行 `openpulse status` 查看存储中有哪些数据。',
    headline: '主要数字',
    headlineIntro: '各家族在时间窗口内的第一个和最后一个数值（注明日期）。开源与闭源的合计把每个对象计入自己的一侧（同时发布两类的家族两侧都有份），范围见下文，因此不等于各家族行之和。',
    counts: (what: string) => `统计内容：${what}。`,
    noMetricFacts: '这项指标在时间窗口内没有数据。',
    headlineColumns: ['家族', '开放程度', '起始值', '结束值', '变化', '变化率', '日期'],
    leaderboard: '排行榜：榜单前列',
    leaderboardIntro: (day: string) => `${day}一期评分最高的十个模型：`,
    leaderboardCaption: (day: string) => `${day}一期排行榜的前 10 名`,
    leaderboardColumns: ['名次', '模型', '机构', '许可类别', '评分', '区间', '票数'],
    leaderboardNote:
      '评分来自 Arena 的排行榜数据集（lmarena-ai/leaderboard-dataset，CC BY 4.0）。名次为 1 加上评分更高的模型数；开源包括非商用许可；许可未知的模型不计入任何一方。' +
      '开源落后闭源的月数，是把每个模型都按同一期发布的评分尺度评分，并以其首次出现的日期为准（参照 Epoch AI 的开源与闭源差距研究）；详见方法说明。',
    charts: '图表',
    noChart: '没有图表：这个时间窗口内没有数据。',
    methodology: '方法说明',
    collection: '数据如何采集',
    collectionAfter: '每个来源读取的内容见下文“数据来源”。',
    sources: '数据来源',
    sourceColumns: ['来源', '内容', '最新日期', '数据条数', '上次运行'],
    noSourceFacts: '无数据',
    neverRun: '从未运行',
    cited: '引用数字',
    citedIntro: '他人报告的数字，按报告时的原样列出，各属于其家族；从不计入采集的数值或类别合计。',
    noFamily: '不属于任何家族（排行榜类别）',
    source: '来源：',
    reproduce: '如何复现',
    reproduceIntro: '以上每个数字都来自 OpenPulse 的某个命名查询；可以这样重新运行：',
  },
} as const;

export type ReportWords = (typeof WORDS)[Lang];

/** A report's fixed words in its language. */
export function wordsOf(model: { lang?: Lang }): ReportWords {
  return WORDS[langOf(model)];
}
