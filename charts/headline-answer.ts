// How the headline question is answered in words, wherever it is shown (the
// overview, the reports): per signal one number to quote, the share now, how
// many subjects the share counts and leaves out, the caveat and the source.
// Where a share is NULL the words say why; never "0%", "n/a" or "NaN".
// Wording only: every number comes from the query headline_answer as it is.

import type { HeadlineAnswerRow } from '../queries/rows.ts';
import { HEADLINE_SIGNALS, HEADLINE_SINCE } from '../registry/metrics.ts';
import { formatChange, formatShare, formatValue } from './format.ts';

/** What each signal counts its subjects and amounts in, for sentences ("12 of 14 searches counted"): the registry's. */
function wordsOf(signal: string): { one: string; many: string; amount: string } {
  return HEADLINE_SIGNALS.find((s) => s.id === signal)?.counts ?? { one: 'series', many: 'series', amount: 'values' };
}

/** "Llama 2 (2023-07-18)" for the default date, else the date itself. */
export function sinceName(since: string): string {
  return since === HEADLINE_SINCE ? `Llama 2 (${since})` : since;
}

/** "Llama 2" for the default date, else the date: the short form inside a sentence that gives the days. */
function sinceShort(since: string): string {
  return since === HEADLINE_SINCE ? 'Llama 2' : since;
}

/** The question the section answers. */
export function headlineQuestion(since: string): string {
  const titles = HEADLINE_SIGNALS.map((s) => s.title);
  return `What share of ${titles.slice(0, -1).join(', ')} and ${titles.at(-1)} is open, now and since ${sinceName(since)}?`;
}

export interface HeadlineAnswer {
  signal: string;
  title: string;
  /** The number to quote (the share since, or for a leaderboard the newest table's share); null when there is none. */
  share: number | null;
  /** The number as written ("23.4%"), or "no figure". */
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

function seriesLead(r: HeadlineAnswerRow, since: string): { share: number | null; lead: string } {
  const w = wordsOf(r.signal);
  const short = sinceShort(since);
  if (r.since_share !== null && r.since_from && r.since_to) {
    const days = r.since_from === since
      ? `since ${short} (${r.since_from} → ${r.since_to})`
      : `from ${r.since_from} to ${r.since_to} (the first day with data since ${since === HEADLINE_SINCE ? `Llama 2's release on ${since}` : since})`;
    return { share: r.since_share, lead: `Open models drew ${formatShare(r.since_share)} of ${r.title} ${days}.` };
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
    return r.now_share === null
      ? `Now: no figure, as no open and closed ${w.many} are both counted on each of the last 7 days (to ${r.now_to}).`
      : `Now: ${formatShare(r.now_share)} of the ${w.amount} in the last 7 days (${r.now_from} → ${r.now_to}).`;
  }
  const now = r.now_share === null
    ? `Now: no figure, as open and closed ${w.many} are not both counted on ${r.now_to}.`
    : `Now: open models hold ${formatShare(r.now_share)} of all ${w.amount} counted on ${r.now_to}.`;
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
      ? ` Counted: open ${formatValue(r.open_value)}, closed ${formatValue(r.closed_value)} ${w.amount}.`
      : ` Added: open ${formatChange(r.open_value)}, closed ${formatChange(r.closed_value)} ${w.amount}.`
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
    lead: `Open models are ${formatShare(r.now_share)} of ${r.title} in the newest table (${r.now_to}).`,
    now: r.since_from === r.now_to ? `The first table since ${short} is the newest (${r.now_to}).` : then,
    coverage: `${formatValue(r.open_value)} open and ${formatValue(r.closed_value)} closed models with a classified licence${unclassified}.`,
  };
}

/** The answer for one signal, in words. `since` is the query's `since` parameter. */
export function headlineAnswer(r: HeadlineAnswerRow, since: string): HeadlineAnswer {
  const parts = r.shape === 'table' ? tableAnswer(r, since) : { ...seriesLead(r, since), now: seriesNow(r), coverage: seriesCoverage(r) };
  return {
    signal: r.signal,
    title: r.title,
    share: parts.share,
    shareText: parts.share === null ? 'no figure' : formatShare(parts.share),
    lead: parts.lead,
    now: parts.now,
    coverage: parts.coverage,
    caveat: r.caveat,
    source: r.source,
  };
}
