// How the headline question is answered in words, wherever it is shown (the
// overview, the reports): the week the answer is of, once; per signal one number
// to quote, the share now, how many subjects the share counts and leaves out,
// the caveat and the source, and the day its figure is from where that is not
// the week's. Where a share is NULL the words say why; never "0%", "n/a" or "NaN".
// A count (Hugging Face derivatives: closed models publish no weights, so have
// none) is never a share: its number is the open models' count, split by rung.
// Wording only: every number comes from the query headline_answer as it is.
// In English and in Simplified Chinese: the Chinese follows the English branch
// for branch (see "In Chinese" below), so a change to one is a change to both.

import type { HeadlineAnswerRow, OpenRouterShareRow } from '../queries/rows.ts';
import { HEADLINE_SIGNALS, HEADLINE_SINCE } from '../registry/metrics.ts';
import { OPENNESS_LADDER } from '../registry/openness.ts';
import { formatChange, formatDateTick, formats, formatShare, formatValue, type Lang } from './format.ts';

/** The numbers in English; totals of a million and more in words (amount). */
const en = formats('en');

/** What each signal counts its subjects and amounts in, for sentences ("12 of 14 searches counted"): the registry's. */
function wordsOf(signal: string): { one: string; many: string; amount: string } {
  return HEADLINE_SIGNALS.find((s) => s.id === signal)?.counts ?? { one: 'series', many: 'series', amount: 'values' };
}

/** "Llama 2 (2023-07-18)" for the default date, else the date itself; in Chinese "Llama 2 发布（2023年7月18日）". */
export function sinceName(since: string, lang: Lang = 'en'): string {
  if (lang === 'zh') return since === HEADLINE_SINCE ? `Llama 2 发布（${zhDay(since)}）` : zhDay(since);
  return since === HEADLINE_SINCE ? `Llama 2 (${since})` : since;
}

/** "Llama 2" for the default date, else the date: the short form inside a sentence that gives the days. */
function sinceShort(since: string): string {
  return since === HEADLINE_SINCE ? 'Llama 2' : since;
}

/** "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The question the section answers: a share for every signal with two sides, a count for those only open models have. */
export function headlineQuestion(since: string, lang: Lang = 'en'): string {
  if (lang === 'zh') return headlineQuestionZh(since);
  const shares = HEADLINE_SIGNALS.filter((s) => s.shape !== 'count').map((s) => s.title);
  const counts = HEADLINE_SIGNALS.filter((s) => s.shape === 'count').map((s) => s.title);
  const count = counts.length ? `, and how many ${listed(counts)} do open models have` : '';
  return `What share of ${listed(shares)} is open, now and since ${sinceName(since)}${count}?`;
}

/**
 * The week the answer is of, said once above the signals (every row carries the same week):
 * "Figures for the week of 2026-11-23 to 2026-11-29 …"; empty when the rows carry no week.
 */
export function headlineWeek(rows: readonly HeadlineAnswerRow[], lang: Lang = 'en'): string {
  if (lang === 'zh') return headlineWeekZh(rows);
  const r = rows.find((x) => x.week_from && x.week_to);
  if (!r) {
    if (!rows.some((x) => x.week_to === null)) return '';
    // a week exists wherever a daily signal has data: without one, only the tables (leaderboard) can
    const tables = listed(HEADLINE_SIGNALS.filter((x) => x.shape === 'table').map((x) => x.title));
    return rows.some((x) => x.now_to) ? `No week to align on: only ${tables} have data yet, and each figure says its own day.` : 'No figures yet: no signal has data.';
  }
  const flows = listed(HEADLINE_SIGNALS.filter((s) => s.shape === 'flow').map((s) => s.title));
  return `Figures for the week of ${r.week_from} to ${r.week_to} (Monday to Sunday): ${flows} over its 7 days, every other signal as of its last day; a figure from another day says so.`;
}

export interface HeadlineAnswer {
  signal: string;
  title: string;
  /** The share to quote (the share since, or for a leaderboard the newest table's share); null when there is none, and always for a count. */
  share: number | null;
  /** A count signal's number (the open models' derivatives now); null for every other signal. */
  count: number | null;
  /** The number as written: a share ("23.4%"), a count's number ("54,300"), or "no figure". */
  shareText: string;
  /** One sentence a journalist can quote, with the days it covers; or why there is no number. */
  lead: string;
  /** The share now (or for a leaderboard, in the first table since), in a sentence. */
  now: string;
  /** How many subjects the share counts and leaves out, and the open and closed amounts behind it. */
  coverage: string;
  caveat: string;
  source: string;
}

const plural = (n: number, one: string, many: string) => `${formatValue(n)} ${n === 1 ? one : many}`;

/**
 * Where a stock's or count's day stands against the answer's week, as a clause after the day: nothing
 * when it is the week's last day (or the rows carry no week), else which day of data it is.
 */
function dayNote(r: HeadlineAnswerRow, day: string): string {
  if (!r.week_from || !r.week_to || day === r.week_to) return '';
  if (day > r.week_to) return ', the first day with data, after the week';
  if (day < r.week_from) return ", the newest day with data by the week's end";
  return ", the week's newest day with data";
}

/** "open weights (restricted) 231; open weights (OSI) 227; open source 61": the open rungs in ladder order, those with an amount. */
function byRung(amounts: HeadlineAnswerRow['now_by_rung'], format: (n: number) => string): string {
  return OPENNESS_LADDER.filter((o) => o.class === 'open')
    .flatMap((o) => {
      const n = amounts?.[o.id];
      return n === undefined || n === 0 ? [] : [`${o.short} ${format(n)}`];
    })
    .join('; ');
}

function seriesLead(r: HeadlineAnswerRow, since: string): { share: number | null; lead: string } {
  const w = wordsOf(r.signal);
  const short = sinceShort(since);
  if (r.since_share !== null && r.since_from && r.since_to) {
    const days = r.since_from === since
      ? `since ${short} (${r.since_from} → ${r.since_to})`
      : `from ${r.since_from} to ${r.since_to} (the first day with data since ${since === HEADLINE_SINCE ? `Llama 2's release on ${since}` : since})`;
    // the share is of the subjects with data on both ends: said in the sentence a reader quotes, not only below it
    const among = r.excluded > 0 ? `, among the ${formatValue(r.covering)} of ${plural(r.covering + r.excluded, w.one, w.many)} with data on both days` : '';
    return { share: r.since_share, lead: `Open models drew ${formatShare(r.since_share)} of ${r.title} ${days}${among}.` };
  }
  const none = `No figure for ${r.title} since ${short}`;
  if (!r.now_to) return { share: null, lead: `${none}: no data has been collected yet.` };
  if (!r.since_from) return { share: null, lead: `${none}: no data on or after ${since}.` };
  if (r.covering === 0) return { share: null, lead: `${none}: no ${w.one} has a value on both ${r.since_from} and ${r.since_to}, so nothing spans the period.` };
  if ((r.open_value ?? 0) + (r.closed_value ?? 0) <= 0) return { share: null, lead: `${none}: the ${w.many} counted on both ${r.since_from} and ${r.since_to} show no net growth between them.` };
  return { share: null, lead: `${none}: only open or only closed ${w.many} have a value on both ${r.since_from} and ${r.since_to}, so there is nothing to compare.` };
}

function seriesNow(r: HeadlineAnswerRow): string {
  const w = wordsOf(r.signal);
  if (!r.now_to) return 'Now: no figure, no data yet.';
  if (r.shape === 'flow') {
    if (!r.week_to) {
      return r.now_share === null
        ? `Now: no figure, as no open and closed ${w.many} are both counted on each of the last 7 days (to ${r.now_to}).`
        : `Now: ${formatShare(r.now_share)} of the ${w.amount} in the last 7 days (${r.now_from} → ${r.now_to}).`;
    }
    const span = r.now_to === r.week_to
      ? `the week (${r.now_from} → ${r.now_to})`
      : `${r.now_from} → ${r.now_to}, ${r.now_to < r.week_to ? "the newest 7 days with data by the week's end" : 'the 7 days to its first day with data, after the week'}`;
    return r.now_share === null
      ? `Now: no figure, as open and closed ${w.many} are not both counted on each day of ${span}.`
      : `Now: ${formatShare(r.now_share)} of the ${w.amount} in ${span}.`;
  }
  const day = `${r.now_to}${dayNote(r, r.now_to)}`;
  const now = r.now_share === null
    ? `Now: no figure, as open and closed ${w.many} are not both counted on ${day}.`
    : `Now: open models hold ${formatShare(r.now_share)} of all ${w.amount} counted on ${day}.`;
  const then = r.then_share !== null && r.since_from ? ` On ${r.since_from} they held ${formatShare(r.then_share)} (among the ${w.many} counted on both days).` : '';
  return `${now}${then}`;
}

function seriesCoverage(r: HeadlineAnswerRow): string {
  const w = wordsOf(r.signal);
  const seen = r.covering + r.excluded;
  if (seen === 0) return `No ${w.many} counted.`;
  const left = r.excluded > 0 ? `; ${formatValue(r.excluded)} ${r.excluded === 1 ? 'starts or stops' : 'start or stop'} inside the period and ${r.excluded === 1 ? 'is' : 'are'} left out` : '';
  const amounts = r.since_share !== null && r.open_value !== null && r.closed_value !== null
    ? r.shape === 'flow'
      ? ` Counted: open ${en.amount(r.open_value)}, closed ${en.amount(r.closed_value)} ${w.amount}.`
      : ` Added: open ${en.amountChange(r.open_value)}, closed ${en.amountChange(r.closed_value)} ${w.amount}.`
    : '';
  return `${formatValue(r.covering)} of ${plural(seen, w.one, w.many)} counted${left}.${amounts}`;
}

function tableAnswer(r: HeadlineAnswerRow, since: string): Pick<HeadlineAnswer, 'share' | 'lead' | 'now' | 'coverage'> {
  const short = sinceShort(since);
  if (r.now_share === null || !r.now_to) {
    return { share: null, lead: `No figure for ${r.title}: no leaderboard table has been collected or imported yet.`, now: '', coverage: 'No models counted.' };
  }
  const then = r.since_from && r.then_share !== null
    ? `In the first table since ${short} (${r.since_from}): ${formatShare(r.then_share)}.`
    : `No table since ${sinceName(since)}: the newest is of ${r.now_to}.`;
  const unclassified = r.unclassified > 0 ? `; ${plural(r.unclassified, 'model', 'models')} with an unclassified licence left out` : '';
  return {
    share: r.now_share,
    lead: r.week_to
      ? `Open models are ${formatShare(r.now_share)} of ${r.title} in the newest table by the week's end (published ${r.now_to}).`
      : `Open models are ${formatShare(r.now_share)} of ${r.title} in the newest table (${r.now_to}).`,
    now: r.since_from === r.now_to ? `The first table since ${short} is the newest (${r.now_to}).` : then,
    coverage: `${formatValue(r.open_value)} open and ${formatValue(r.closed_value)} closed models with a classified licence${unclassified}.`,
  };
}

/**
 * A count (derivatives): only open models have it, so no share is ever stated, only the open models'
 * count on its day, its split by rung, and its change since the first day with data since `since`.
 */
function countAnswer(r: HeadlineAnswerRow, since: string): Pick<HeadlineAnswer, 'lead' | 'now' | 'coverage'> & { count: number | null } {
  const w = wordsOf(r.signal);
  const short = sinceShort(since);
  const none = 'Closed models publish no weights and so have none: there is no open share to state.';
  if (!r.now_to || r.open_now === null || r.open_now === undefined) {
    return { count: null, lead: `No figure for ${r.title}: no data has been collected yet. ${none}`, now: '', coverage: `No ${w.many} counted.` };
  }
  const rungs = byRung(r.now_by_rung, formatValue);
  let change: string;
  if (!r.since_from) change = ` No data on or after ${since} to measure a change from.`;
  else if (r.since_from === r.now_to) change = ` One day of data so far (${r.now_to}): no change since ${short} to state yet.`;
  else if (r.covering === 0) change = ` No change to state: no ${w.one} has a value on both ${r.since_from} and ${r.now_to}.`;
  else {
    const added = byRung(r.added_by_rung, formatChange);
    change = ` Change from ${r.since_from} to ${r.now_to}: ${formatChange(r.open_value)}${added ? ` (${added})` : ''}, among the ${w.many} counted on both days.`;
  }
  const seen = r.covering + r.excluded;
  const left = r.excluded > 0 ? `; ${formatValue(r.excluded)} ${r.excluded === 1 ? 'starts or stops' : 'start or stop'} inside the period and ${r.excluded === 1 ? 'is' : 'are'} left out of the change` : '';
  const closed = (r.closed_now ?? 0) > 0 ? ` ${formatValue(r.closed_now)} ${w.amount} of ${w.many} classed closed are not added to any figure.` : '';
  return {
    count: r.open_now,
    lead: `Open models had ${formatValue(r.open_now)} ${r.title} on ${r.now_to}${dayNote(r, r.now_to)}. ${none}`,
    now: `${rungs ? `By openness: ${rungs}.` : ''}${change}`.trim(),
    coverage: seen === 0 ? `No ${w.many} counted on both ends.${closed}` : `${formatValue(r.covering)} of ${plural(seen, w.one, w.many)} counted${left}.${closed}`,
  };
}

/**
 * All the tokens OpenRouter ranked over a span of days, from openrouter_share's daily rows: the
 * part of the catalog's models in the scope (the two sides a share is of), and the parts on
 * neither side. Null unless every day of the span has its row.
 */
export interface RoutedSpan {
  from: string;
  to: string;
  sides: number;
  longTail: number;
  unknown: number;
  outOfScope: number;
  total: number;
}

export function routedSpan(rows: readonly OpenRouterShareRow[], from: string, to: string): RoutedSpan | null {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  const inSpan = rows.filter((r) => r.period_start >= from && r.period_start <= to && Number(r.days) === 1);
  if (!(days > 0) || new Set(inSpan.map((r) => r.period_start)).size !== days || inSpan.length !== days) return null;
  const sum = (f: (r: OpenRouterShareRow) => number) => inSpan.reduce((a, r) => a + Number(f(r)), 0);
  const span = {
    from,
    to,
    sides: sum((r) => r.open_tokens + r.closed_tokens),
    longTail: sum((r) => r.long_tail_tokens),
    unknown: sum((r) => r.unknown_tokens),
    outOfScope: sum((r) => r.out_of_scope_tokens),
    total: sum((r) => r.total_tokens),
  };
  return span.total > 0 ? span : null;
}

/**
 * For routed tokens, what the share is a share of: the catalog's models took this much of all the
 * tokens OpenRouter ranked over the figure's days, and the rest is on neither side. '' for every
 * other signal, or without a whole span of days.
 */
function routedNote(r: HeadlineAnswerRow, routed: readonly OpenRouterShareRow[] | undefined, lang: Lang): string {
  if (r.signal !== 'tokens' || r.shape !== 'flow' || !routed || !r.now_from || !r.now_to) return '';
  const s = routedSpan(routed, r.now_from, r.now_to);
  if (!s) return '';
  const f = formats(lang);
  const part = (n: number) => f.share(n / s.total);
  if (lang === 'zh') {
    const scope = s.outOfScope > 0 ? `，目录中不在统计范围内的模型占 ${part(s.outOfScope)}` : '';
    return `${zhSpan(s.from, s.to)} OpenRouter 统计的全部 token 中，目录中计入开源或闭源一侧的模型占 ${part(s.sides)}；其余不计入任何一方：每日前 50 名之外的长尾占 ${part(s.longTail)}，目录未收录的模型占 ${part(s.unknown)}${scope}。`;
  }
  const scope = s.outOfScope > 0 ? `, ${part(s.outOfScope)} for the catalog's models outside the scope` : '';
  return ` Of all the tokens OpenRouter ranked from ${s.from} to ${s.to}, the catalog's models on either side took ${part(s.sides)}; the rest is on neither side: ${part(s.longTail)} in the long tail beyond each day's top 50, ${part(s.unknown)} for models no catalog entry names${scope}.`;
}

/**
 * The answer for one signal, in words. `since` is the query's `since` parameter; `routed` is
 * openrouter_share's daily rows over the answer's week, which say what the routed-token share is of.
 */
export function headlineAnswer(r: HeadlineAnswerRow, since: string, lang: Lang = 'en', routed?: readonly OpenRouterShareRow[]): HeadlineAnswer {
  if (lang === 'zh') return headlineAnswerZh(r, since, routed);
  if (r.shape === 'count') {
    const c = countAnswer(r, since);
    return {
      signal: r.signal,
      title: r.title,
      share: null,
      count: c.count,
      shareText: c.count === null ? 'no figure' : formatValue(c.count),
      lead: c.lead,
      now: c.now,
      coverage: c.coverage,
      caveat: r.caveat,
      source: r.source,
    };
  }
  const parts = r.shape === 'table' ? tableAnswer(r, since) : { ...seriesLead(r, since), now: seriesNow(r), coverage: `${seriesCoverage(r)}${routedNote(r, routed, 'en')}` };
  return {
    signal: r.signal,
    title: r.title,
    share: parts.share,
    count: null,
    shareText: parts.share === null ? 'no figure' : formatShare(parts.share),
    lead: parts.lead,
    now: parts.now,
    coverage: parts.coverage,
    caveat: r.caveat,
    source: r.source,
  };
}

// ---------------------------------------------------------------------------
// In Chinese: the same answers, branch for branch, in the words of Chinese tech
// journalism. The registry gives each signal's title and caveat in Chinese
// (title_zh, caveat_zh); how its subjects and amounts are counted, and its
// source, are written here.

/** The numbers in Chinese: the same digits, and "—" where one is missing. */
const zh = formats('zh');

/** What each signal counts, in Chinese: the subject with its measure word ("28 条搜索"), the amount, and the source. */
const SIGNAL_WORDS_ZH: Record<(typeof HEADLINE_SIGNALS)[number]['id'], { subject: string; measure: string; amount: string; source: string }> = {
  projects: { subject: '搜索', measure: '条', amount: '仓库', source: 'GitHub 搜索' },
  stars: { subject: '仓库', measure: '个', amount: '星标', source: 'GitHub' },
  downloads: { subject: '软件包', measure: '个', amount: '下载量', source: 'npm 与 PyPI（pypistats）' },
  tokens: { subject: '模型', measure: '个', amount: 'token', source: 'OpenRouter（openrouter.ai/rankings），CC BY 4.0' },
  derivatives: { subject: '模型', measure: '个', amount: '衍生模型', source: 'Hugging Face Hub' },
  leaderboard: { subject: '模型', measure: '个', amount: '模型', source: 'LMSYS / LMArena 排行榜' },
  leaderboard_top20: { subject: '模型', measure: '个', amount: '模型', source: 'LMArena 排行榜数据集' },
};

function signalZh(signal: string): { title: string; caveat: string; subject: string; measure: string; amount: string; source: string } {
  const s = HEADLINE_SIGNALS.find((x) => x.id === signal);
  const words = s ? SIGNAL_WORDS_ZH[s.id] : { subject: '序列', measure: '个', amount: '数值', source: '' };
  return { title: s?.title_zh ?? signal, caveat: s?.caveat_zh ?? '', ...words };
}

/** "2023-07-18" → "2023年7月18日", as the chart axes write a day. */
function zhDay(day: string): string {
  const [year, month, date] = day.slice(0, 10).split('-').map(Number);
  return year && month && date ? formatDateTick({ year, month: month - 1, day: date }, 'day', true, 'zh') : day;
}

/** A span of days: "2023年7月18日至2024年12月29日". */
const zhSpan = (from: string, to: string) => `${zhDay(from)}至${zhDay(to)}`;

/** A Latin word at either end of a phrase inside Chinese text gets a space on that side ("自 Llama 2 发布以来"). */
function spaced(text: string): string {
  return `${/^[A-Za-z]/.test(text) ? ' ' : ''}${text}${/[A-Za-z]$/.test(text) ? ' ' : ''}`;
}

/** "a、b 和 c". */
function listedZh(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join('、')}和${spaced(items.at(-1)!).trimEnd()}`;
}

/** "Llama 2 发布" for the default date, else the day: the short form inside a sentence. */
function sinceShortZh(since: string): string {
  return since === HEADLINE_SINCE ? 'Llama 2 发布' : zhDay(since);
}

function headlineQuestionZh(since: string): string {
  const shares = HEADLINE_SIGNALS.filter((s) => s.shape !== 'count').map((s) => s.title_zh);
  const counts = HEADLINE_SIGNALS.filter((s) => s.shape === 'count').map((s) => s.title_zh);
  const count = counts.length ? `开源模型又有多少${spaced(listedZh(counts)).trimEnd()}？` : '';
  return `在${spaced(listedZh(shares))}中，开源模型现在占多少，自${spaced(sinceName(since, 'zh'))}以来又占多少？${count}`;
}

function headlineWeekZh(rows: readonly HeadlineAnswerRow[]): string {
  const r = rows.find((x) => x.week_from && x.week_to);
  if (!r) {
    if (!rows.some((x) => x.week_to === null)) return '';
    const tables = listedZh(HEADLINE_SIGNALS.filter((x) => x.shape === 'table').map((x) => x.title_zh));
    return rows.some((x) => x.now_to) ? `没有可以对齐的一周：目前只有${tables}有数据，每个数字各自注明日期。` : '尚无数字：还没有任何信号有数据。';
  }
  const flows = listedZh(HEADLINE_SIGNALS.filter((s) => s.shape === 'flow').map((s) => s.title_zh));
  return `数字对应${zhSpan(r.week_from!, r.week_to!)}这一周（周一至周日）：${flows}按这 7 天统计，其余信号取这一周最后一天的数值；来自其他日期的数字会单独注明。`;
}

/** Where a day stands against the answer's week, in brackets after the day (nothing when it is the week's last day). */
function dayNoteZh(r: HeadlineAnswerRow, day: string): string {
  if (!r.week_from || !r.week_to || day === r.week_to) return '';
  if (day > r.week_to) return '（本周之后第一个有数据的日子）';
  if (day < r.week_from) return '（截至周末最近一个有数据的日子）';
  return '（本周最近一个有数据的日子）';
}

function byRungZh(amounts: HeadlineAnswerRow['now_by_rung'], format: (n: number) => string): string {
  return OPENNESS_LADDER.filter((o) => o.class === 'open')
    .flatMap((o) => {
      const n = amounts?.[o.id];
      return n === undefined || n === 0 ? [] : [`${o.short_zh} ${format(n)}`];
    })
    .join('；');
}

function seriesLeadZh(r: HeadlineAnswerRow, since: string): { share: number | null; lead: string } {
  const w = signalZh(r.signal);
  const short = sinceShortZh(since);
  if (r.since_share !== null && r.since_from && r.since_to) {
    const days = r.since_from === since
      ? `自${spaced(short)}以来（${zhSpan(r.since_from, r.since_to)}）`
      : `${zhSpan(r.since_from, r.since_to)}期间（从${since === HEADLINE_SINCE ? ` Llama 2 于${zhDay(since)}发布后` : `${zhDay(since)}之后`}第一个有数据的日子算起）`;
    const among = r.excluded > 0 ? `在两端都有数据的 ${zh.value(r.covering)} ${w.measure}${w.subject}中（共 ${zh.value(r.covering + r.excluded)} ${w.measure}），` : '';
    return { share: r.since_share, lead: `${days}，${among}开源模型占${spaced(w.title)}的 ${zh.share(r.since_share)}。` };
  }
  const none = `自${spaced(short)}以来，${w.title}没有数字`;
  const both = r.since_from && r.since_to ? `${zhDay(r.since_from)}和${zhDay(r.since_to)}` : '';
  if (!r.now_to) return { share: null, lead: `${none}：尚未采集任何数据。` };
  if (!r.since_from) return { share: null, lead: `${none}：${zhDay(since)}当天及之后都没有数据。` };
  if (r.covering === 0) return { share: null, lead: `${none}：没有任何${w.subject}在${both}两天都有数值，无法覆盖整个时段。` };
  if ((r.open_value ?? 0) + (r.closed_value ?? 0) <= 0) return { share: null, lead: `${none}：在${both}两天都有数值的${w.subject}，这期间没有净增长。` };
  return { share: null, lead: `${none}：在${both}两天都有数值的${w.subject}只有开源或只有闭源，无从比较。` };
}

function seriesNowZh(r: HeadlineAnswerRow): string {
  const w = signalZh(r.signal);
  if (!r.now_to) return '当前：没有数字，尚无数据。';
  if (r.shape === 'flow') {
    if (!r.week_to) {
      return r.now_share === null
        ? `当前：没有数字，因为最近 7 天（截至${zhDay(r.now_to)}）并非每天都同时统计到开源和闭源${w.subject}。`
        : `当前：最近 7 天（${zhSpan(r.now_from!, r.now_to)}）的${spaced(w.amount)}中，开源占 ${zh.share(r.now_share)}。`;
    }
    const span = r.now_to === r.week_to
      ? `这一周（${zhSpan(r.now_from!, r.now_to)}）`
      : `${zhSpan(r.now_from!, r.now_to)}（${r.now_to < r.week_to ? '截至周末最近的 7 个有数据的日子' : '本周之后到第一个有数据的日子为止的 7 天'}）`;
    return r.now_share === null
      ? `当前：没有数字，因为${span}并非每天都同时统计到开源和闭源${w.subject}。`
      : `当前：${span}的${spaced(w.amount)}中，开源占 ${zh.share(r.now_share)}。`;
  }
  const day = `${zhDay(r.now_to)}${dayNoteZh(r, r.now_to)}`;
  const now = r.now_share === null
    ? `当前：没有数字，因为${day}没有同时统计到开源和闭源${w.subject}。`
    : `当前：${day}统计到的全部${spaced(w.amount)}中，开源模型占 ${zh.share(r.now_share)}。`;
  const then = r.then_share !== null && r.since_from ? `${zhDay(r.since_from)}时这一比例为 ${zh.share(r.then_share)}（只计两天都有数值的${w.subject}）。` : '';
  return `${now}${then}`;
}

function seriesCoverageZh(r: HeadlineAnswerRow): string {
  const w = signalZh(r.signal);
  const seen = r.covering + r.excluded;
  if (seen === 0) return `没有统计到任何${w.subject}。`;
  const left = r.excluded > 0 ? `；其中 ${zh.value(r.excluded)} ${w.measure}在期间开始或停止，未计入` : '';
  const amounts = r.since_share !== null && r.open_value !== null && r.closed_value !== null
    ? r.shape === 'flow'
      ? `合计${spaced(w.amount).trimEnd()}：开源 ${zh.amount(r.open_value)}，闭源 ${zh.amount(r.closed_value)}。`
      : `新增${spaced(w.amount).trimEnd()}：开源 ${zh.amountChange(r.open_value)}，闭源 ${zh.amountChange(r.closed_value)}。`
    : '';
  return `共 ${zh.value(seen)} ${w.measure}${w.subject}，计入 ${zh.value(r.covering)} ${w.measure}${left}。${amounts}`;
}

function tableAnswerZh(r: HeadlineAnswerRow, since: string): Pick<HeadlineAnswer, 'share' | 'lead' | 'now' | 'coverage'> {
  const w = signalZh(r.signal);
  const short = sinceShortZh(since);
  if (r.now_share === null || !r.now_to) {
    return { share: null, lead: `${w.title}没有数字：尚未采集或导入任何排行榜表格。`, now: '', coverage: '没有统计到任何模型。' };
  }
  const then = r.since_from && r.then_share !== null
    ? `自${spaced(short)}以来的第一期（${zhDay(r.since_from)}）：${zh.share(r.then_share)}。`
    : `${sinceName(since, 'zh')}之后没有排行榜表格：最新一期为${zhDay(r.now_to)}。`;
  const unclassified = r.unclassified > 0 ? `；另有 ${zh.value(r.unclassified)} 个许可未分类的模型未计入` : '';
  return {
    share: r.now_share,
    lead: r.week_to
      ? `截至周末的最新一期排行榜（${zhDay(r.now_to)}发布）中，开源模型占${w.title}的 ${zh.share(r.now_share)}。`
      : `最新一期排行榜（${zhDay(r.now_to)}）中，开源模型占${w.title}的 ${zh.share(r.now_share)}。`,
    now: r.since_from === r.now_to ? `自${spaced(short)}以来的第一期就是最新一期（${zhDay(r.now_to)}）。` : then,
    coverage: `许可已分类的模型中，开源 ${zh.value(r.open_value)} 个，闭源 ${zh.value(r.closed_value)} 个${unclassified}。`,
  };
}

function countAnswerZh(r: HeadlineAnswerRow, since: string): Pick<HeadlineAnswer, 'lead' | 'now' | 'coverage'> & { count: number | null } {
  const w = signalZh(r.signal);
  const short = sinceShortZh(since);
  const none = `闭源模型不公开权重，因而没有${w.amount}：不存在可以给出的开源份额。`;
  if (!r.now_to || r.open_now === null || r.open_now === undefined) {
    return { count: null, lead: `${w.title}没有数字：尚未采集任何数据。${none}`, now: '', coverage: `没有统计到任何${w.subject}。` };
  }
  const rungs = byRungZh(r.now_by_rung, zh.value);
  let change: string;
  if (!r.since_from) change = `${zhDay(since)}当天及之后都没有数据，无法计算变化。`;
  else if (r.since_from === r.now_to) change = `目前只有一天的数据（${zhDay(r.now_to)}）：还无法给出自${spaced(short)}以来的变化。`;
  else if (r.covering === 0) change = `无法给出变化：没有任何${w.subject}在${zhDay(r.since_from)}和${zhDay(r.now_to)}两天都有数值。`;
  else {
    const added = byRungZh(r.added_by_rung, zh.change);
    change = `${zhSpan(r.since_from, r.now_to)}的变化：${zh.change(r.open_value)}${added ? `（${added}）` : ''}，只计两天都有数值的${w.subject}。`;
  }
  const seen = r.covering + r.excluded;
  const left = r.excluded > 0 ? `；其中 ${zh.value(r.excluded)} ${w.measure}在期间开始或停止，不计入变化` : '';
  const closed = (r.closed_now ?? 0) > 0 ? `归为闭源的${w.subject}有 ${zh.value(r.closed_now)} 个${w.amount}，不计入任何数字。` : '';
  return {
    count: r.open_now,
    lead: `${zhDay(r.now_to)}${dayNoteZh(r, r.now_to)}，开源模型共有 ${zh.value(r.open_now)} 个${spaced(w.title).trimEnd()}。${none}`,
    now: `${rungs ? `按开放程度：${rungs}。` : ''}${change}`,
    coverage: seen === 0 ? `两端都没有统计到${w.subject}。${closed}` : `共 ${zh.value(seen)} ${w.measure}${w.subject}，计入 ${zh.value(r.covering)} ${w.measure}${left}。${closed}`,
  };
}

function headlineAnswerZh(r: HeadlineAnswerRow, since: string, routed: readonly OpenRouterShareRow[] | undefined): HeadlineAnswer {
  const w = signalZh(r.signal);
  const words = { signal: r.signal, title: w.title, caveat: w.caveat || r.caveat, source: w.source || r.source };
  if (r.shape === 'count') {
    const c = countAnswerZh(r, since);
    return { ...words, share: null, count: c.count, shareText: c.count === null ? '暂无数字' : zh.value(c.count), lead: c.lead, now: c.now, coverage: c.coverage };
  }
  const parts = r.shape === 'table' ? tableAnswerZh(r, since) : { ...seriesLeadZh(r, since), now: seriesNowZh(r), coverage: `${seriesCoverageZh(r)}${routedNote(r, routed, 'zh')}` };
  return { ...words, share: parts.share, count: null, shareText: parts.share === null ? '暂无数字' : zh.share(parts.share), lead: parts.lead, now: parts.now, coverage: parts.coverage };
}
