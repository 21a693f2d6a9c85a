// What the scheduler runs now, and what it must say: each source has a cadence (the
// registry's, overridable per source); a source whose last success is older than its
// cadence is due (so a scheduler that starts after downtime catches up at once); a source
// whose upstream keeps no history (Hugging Face) has lost every day it was not collected
// on, and one that keeps a window (pypistats: 180 days) is warned about before the window
// closes on days not yet stored. Pure: the store's facts and the clock come in as values.

import { SOURCES } from '../../registry/sources.ts';
import { OpenPulseError } from '../errors.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Days before a window closes from which the plan warns about days not yet stored. */
export const CLOSING_WARNING_DAYS = 14;

export interface SourceState {
  source: string;
  /** Finish time of its last run that ended ok (or partial: it stored what it could). */
  lastSuccess: Date | null;
  /** Finish time and outcome of its last run, whatever it was. */
  lastRun: { at: Date; status: string } | null;
  /** The newest day it has facts for (YYYY-MM-DD), or null. */
  newestDay: string | null;
}

export interface SourcePlan {
  source: string;
  cadenceMs: number;
  due: boolean;
  /** When it is next due (now, when due). */
  nextDue: Date;
  /** Whether its data is older than its cadence allows (the health check's "stale"). */
  stale: boolean;
  /** Days lost for good (the upstream no longer answers for them), oldest first. */
  lost: string[];
  /** Days not yet stored that the upstream still answers, and how many days until the first of them is gone. */
  closing: { days: number; firstGoneIn: number } | null;
}

/** The registry's cadence per collected source, in milliseconds. */
export function defaultCadences(): Map<string, number> {
  return new Map(SOURCES.filter((s) => s.scheduleDays !== null).map((s) => [s.name, s.scheduleDays! * DAY_MS]));
}

/** Parses "6h", "1d", "30m", "2w" into milliseconds. */
export function parseInterval(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)\s*$/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  const ms = n * (unit === 'w' ? 7 * DAY_MS : unit === 'd' ? DAY_MS : unit === 'h' ? HOUR_MS : 60_000);
  return ms > 0 ? ms : null;
}

/**
 * The cadences to use: the registry's, with overrides written "source=interval" (comma- or
 * space-separated, or one per flag), e.g. "huggingface=6h,leaderboard=7d".
 */
export function cadences(overrides: readonly string[] = []): Map<string, number> {
  const out = defaultCadences();
  for (const item of overrides.flatMap((o) => o.split(/[\s,]+/)).filter((o) => o !== '')) {
    const [source, interval] = item.split('=');
    if (!source || interval === undefined) {
      throw new OpenPulseError('USAGE', `cadence "${item}" is not written source=interval`, { hint: 'e.g. --cadence huggingface=6h or OPENPULSE_CADENCE="huggingface=6h,leaderboard=7d"' });
    }
    if (!out.has(source)) {
      throw new OpenPulseError('USAGE', `cadence "${item}": no collected source "${source}"`, { hint: `collected sources: ${[...out.keys()].join(', ')}` });
    }
    const ms = parseInterval(interval);
    if (ms === null || ms < 10 * 60_000) {
      throw new OpenPulseError('USAGE', `cadence "${item}": "${interval}" is not an interval of at least 10 minutes`, { hint: 'write a number and a unit: 30m, 6h, 1d, 2w' });
    }
    out.set(source, ms);
  }
  return out;
}

/** The cadences `schedule` and `status` use: the configuration's overrides (OPENPULSE_CADENCE), then the --cadence flags. */
export function configuredCadences(config: { cadence?: string | undefined }, flags: unknown): Map<string, number> {
  return cadences([...(config.cadence ? [config.cadence] : []), ...((flags as string[] | undefined) ?? [])]);
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dayMs(d: string): number {
  return Date.parse(`${d}T00:00:00Z`);
}

/** The plan for every source with a cadence, in the registry's order. */
export function plan(now: Date, cadence: Map<string, number>, states: readonly SourceState[]): SourcePlan[] {
  const today = dayMs(day(now.getTime()));
  return [...cadence].map(([source, cadenceMs]) => {
    const state = states.find((s) => s.source === source) ?? { source, lastSuccess: null, lastRun: null, newestDay: null };
    const due = state.lastSuccess === null || now.getTime() - state.lastSuccess.getTime() >= cadenceMs;
    const nextDue = due ? now : new Date(state.lastSuccess!.getTime() + cadenceMs);
    // stale: the last success is older than twice the cadence (one missed run is not yet stale)
    const stale = state.lastSuccess === null || now.getTime() - state.lastSuccess.getTime() > 2 * cadenceMs || (state.lastRun !== null && !['ok', 'partial', 'skipped'].includes(state.lastRun.status));
    const history = SOURCES.find((s) => s.name === source)?.historyDays ?? null;
    const lost: string[] = [];
    let closing: SourcePlan['closing'] = null;
    if (history !== null && state.newestDay !== null) {
      // Days after the newest stored one, up to yesterday (today is not complete yet).
      const missing: number[] = [];
      for (let d = dayMs(state.newestDay) + DAY_MS; d < today; d += DAY_MS) missing.push(d);
      // The upstream answers for days from today - history on (a snapshot source: today only).
      const oldestAnswered = history === 0 ? today : today - history * DAY_MS;
      for (const d of missing) if (d < oldestAnswered) lost.push(day(d));
      const recoverable = missing.filter((d) => d >= oldestAnswered);
      if (history > 0 && recoverable.length > 0) {
        const firstGoneIn = Math.round((recoverable[0]! - oldestAnswered) / DAY_MS) + 1;
        if (firstGoneIn <= CLOSING_WARNING_DAYS) closing = { days: recoverable.length, firstGoneIn };
      }
    }
    return { source, cadenceMs, due, nextDue, stale, lost, closing };
  });
}

/** What the scheduler says about a plan: one line per source with lost days or a closing window. */
export function planWarnings(plans: readonly SourcePlan[]): string[] {
  const out: string[] = [];
  for (const p of plans) {
    if (p.lost.length > 0) {
      const span = p.lost.length === 1 ? p.lost[0] : `${p.lost[0]} … ${p.lost.at(-1)} (${p.lost.length} days)`;
      out.push(`LOST FOR GOOD: ${p.source} has no data for ${span}, and its upstream no longer answers for ${p.lost.length === 1 ? 'that day' : 'those days'}; every chart shows the gap`);
    }
    if (p.closing) {
      out.push(`${p.source}: ${p.closing.days} day(s) not yet stored; the first is gone from the upstream in ${p.closing.firstGoneIn} day(s): collect ${p.source} before then`);
    }
  }
  return out;
}

export function formatInterval(ms: number): string {
  if (ms % (7 * DAY_MS) === 0) return `${ms / (7 * DAY_MS)}w`;
  if (ms % DAY_MS === 0) return `${ms / DAY_MS}d`;
  if (ms % HOUR_MS === 0) return `${ms / HOUR_MS}h`;
  return `${Math.round(ms / 60_000)}m`;
}
