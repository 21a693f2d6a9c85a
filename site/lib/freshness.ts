// How fresh the data is, judged the way the scheduler judges it (collector/schedule/plan.ts):
// a source is behind when its last successful collection is older than twice its cadence
// (one missed run is not yet late) or its last run failed. How old its newest data day is
// says nothing by itself: the leaderboard publishes every few weeks or months, so a
// publication from August collected today is current, and the pages say "newest
// publication: …" instead of raising a banner.

import { formatMinute } from '../../charts/format.ts';
import { rowsOf, siteData } from './data.ts';
import { keys } from '../../collector/snapshot/manifest.ts';
import type { DataFreshnessRow } from '../../collector/snapshot/site-data.ts';
import { configuredCadences, plan, type SourceState } from '../../collector/schedule/plan.ts';
import { SOURCE_SCHEDULE_DAYS } from '../../registry/sources.ts';
import { formatDay, type Lang } from './i18n.ts';

/** Days between two collections of each source: the sources' registry (registry/sources.ts). */
export { SOURCE_SCHEDULE_DAYS };

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** A data_freshness row; newest_collected (when facts were last stored) is one of the query's columns. */
export type FreshnessRow = DataFreshnessRow & { newest_collected?: string | null };

/** Run outcomes after which the source stored what it could. */
const SUCCEEDED = new Set(['ok', 'partial']);

export interface SourceFreshness {
  source: string;
  /** The newest day it has facts for: for a source that publishes rarely, its newest publication. */
  newestDay: string;
  /** When its last successful collection finished (ISO, UTC); null when none is known. */
  lastSuccess: string | null;
  /** The last run's outcome when it did not succeed (failed, unreachable), else null. */
  failed: string | null;
  /** How often it is collected, in milliseconds (the scheduler's cadence). */
  cadenceMs: number;
  /** Whole days from its last success to the build; null without one. */
  ageDays: number | null;
  /** Behind its schedule: no success within twice its cadence, or its last run failed. */
  stale: boolean;
}

/** A store timestamp ("2026-12-02 18:13:16.015", UTC) as a Date; null for none. */
function storeTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const at = new Date(`${text.replace(' ', 'T')}${/Z|[+-]\d\d:?\d\d$/.test(text) ? '' : 'Z'}`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/**
 * The scheduler's view of a source from its data_freshness row: its last success is the later of
 * its last successful run and the last time facts were stored for it (an import stores facts
 * without a run); a skipped run (source switched off) says nothing about its health.
 */
export function sourceState(row: FreshnessRow): SourceState {
  const run = storeTime(row.last_run);
  const ranOk = run && SUCCEEDED.has(row.last_status) ? run : null;
  const stored = storeTime(row.newest_collected);
  const lastSuccess = [ranOk, stored].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return {
    source: row.source,
    lastSuccess,
    lastRun: run && row.last_status && row.last_status !== 'skipped' ? { at: run, status: row.last_status } : null,
    newestDay: row.newest_day,
  };
}

/** Every collected source with data, against its cadence, as of `builtAt`. Pure: rows, clock and cadences come in. */
export function freshnessOf(rows: readonly FreshnessRow[], builtAt: Date, cadences: Map<string, number>): SourceFreshness[] {
  const collected = rows.filter((r): r is FreshnessRow & { newest_day: string } => r.source !== 'reference' && r.newest_day !== null && cadences.has(r.source));
  const states = collected.map(sourceState);
  const plans = new Map(plan(builtAt, cadences, states).map((p) => [p.source, p]));
  return collected.map((row, i) => {
    const state = states[i]!;
    const p = plans.get(row.source)!;
    const failed = state.lastRun && !SUCCEEDED.has(state.lastRun.status) ? state.lastRun.status : null;
    return {
      source: row.source,
      newestDay: row.newest_day,
      lastSuccess: state.lastSuccess?.toISOString() ?? null,
      failed,
      cadenceMs: p.cadenceMs,
      ageDays: state.lastSuccess ? Math.max(0, Math.floor((builtAt.getTime() - state.lastSuccess.getTime()) / DAY_MS)) : null,
      stale: p.stale,
    };
  });
}

/** The cadences the scheduler uses: the registry's, with the OPENPULSE_CADENCE overrides the build was given. */
function buildCadences(): Map<string, number> {
  return configuredCadences({ cadence: process.env.OPENPULSE_CADENCE }, undefined);
}

/** Every collected source with data, as of this build. */
export function sourceFreshness(): SourceFreshness[] {
  return freshnessOf(rowsOf<FreshnessRow>(keys.freshness), new Date(siteData().generatedAt), buildCadences());
}

/** Sources behind their collection schedule at build time (the stale banner); none when every collection is current. */
export function staleSources(): SourceFreshness[] {
  return sourceFreshness().filter((s) => s.stale);
}

/** The newest day any collected source has facts for; null before the first collection. */
export function newestDataDay(): string | null {
  const days = rowsOf<DataFreshnessRow>(keys.freshness)
    .filter((r) => r.source !== 'reference' && r.newest_day !== null)
    .map((r) => r.newest_day!)
    .sort();
  return days.at(-1) ?? null;
}

/** When the newest run finished (UTC, to the minute); null when nothing ran. */
export function lastRun(): string | null {
  const runs = rowsOf<DataFreshnessRow>(keys.freshness).map((r) => r.last_run).filter(Boolean).sort();
  const last = runs.at(-1);
  return last ? formatMinute(last) : null;
}

/** A cadence in words: "every day", "every 7 days", "every 6 hours" / "每天", "每 7 天", "每 6 小时". */
export function cadenceWords(ms: number, lang: Lang): string {
  const days = ms / DAY_MS;
  const hours = ms / HOUR_MS;
  if (lang === 'zh') {
    if (days === 1) return '每天';
    if (Number.isInteger(days)) return `每 ${days} 天`;
    if (Number.isInteger(hours)) return hours === 1 ? '每小时' : `每 ${hours} 小时`;
    return `每 ${Math.round(ms / 60_000)} 分钟`;
  }
  if (days === 1) return 'every day';
  if (Number.isInteger(days)) return `every ${days} days`;
  if (Number.isInteger(hours)) return hours === 1 ? 'every hour' : `every ${hours} hours`;
  return `every ${Math.round(ms / 60_000)} minutes`;
}

/** How a source's last run ended when it did not succeed, in words. */
export function failedWords(status: string, lang: Lang): string {
  if (lang === 'zh') return status === 'unreachable' ? '最近一次采集时上游无法访问' : status === 'failed' ? '最近一次采集失败' : `最近一次采集以“${status}”结束`;
  return status === 'unreachable' ? 'its upstream was unreachable on the last collection run' : status === 'failed' ? 'the last collection run failed' : `the last collection run ended ${status}`;
}

/** One stale source in a sentence, for the banner: when it was last collected, and whether its last run failed. */
export function staleSentence(s: SourceFreshness, lang: Lang): string {
  const when = s.lastSuccess ? formatDay(lang, s.lastSuccess.slice(0, 10)) : null;
  const every = cadenceWords(s.cadenceMs, lang);
  if (lang === 'zh') {
    const last = when ? `最近一次成功采集于 ${when}（本次构建前 ${s.ageDays} 天）` : '尚无成功的采集';
    return s.failed ? `${s.source}：${failedWords(s.failed, lang)}；${last}。按计划${every}采集一次。` : `${s.source}：${last}，而按计划应${every}采集一次。`;
  }
  const last = when ? `last collected ${when} (${s.ageDays === 1 ? '1 day' : `${s.ageDays} days`} before this build)` : 'never collected successfully';
  return s.failed ? `${s.source}: ${failedWords(s.failed, lang)}; ${last}. It is collected ${every}.` : `${s.source}: ${last}, but it is collected ${every}.`;
}

/** The rule the stale banner follows, in words (for the methodology page). */
export function freshnessRule(lang: Lang): string {
  const every = [...buildCadences()].map(([source, ms]) => `${source}: ${cadenceWords(ms, lang)}`).join(lang === 'zh' ? '；' : '; ');
  return lang === 'zh'
    ? `数据源连续两个采集周期都没有成功采集，或最近一次采集失败时，页面顶部会出现横幅（采集周期：${every}）。最新数据较旧本身不算过期：排行榜每隔几周或几个月才发布一次。`
    : `A banner appears when a source has not been collected successfully for twice its collection interval, or its last collection run failed (${every}). Old newest data alone is not out of date: the leaderboard publishes every few weeks or months.`;
}
