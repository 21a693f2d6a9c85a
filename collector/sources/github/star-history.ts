// Star history: `GET /repos/{o}/{r}/stargazers/history`, every page, newest week first,
// turned into daily stars gained and the running total of stars still held, which ends
// at today's stargazerCount. Where the token may list stargazers (GitHub Enterprise
// Server, repositories it administers) the `starred_at` listing serves instead.

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isoDay, type Observation } from '../../observation.ts';
import { UnreachableError, type SourceContext } from '../types.ts';
import { explainGitHubError, statusOf, withHint, type GitHubClient } from './client.ts';
import { truncateRaw } from './counts.ts';
import { DAY_MS, formatDay, parseDay, splitRepo } from './queries.ts';
import type { CatalogRepo } from './repo-stats.ts';

export interface HistoryWeek {
  /** Unix seconds of the Sunday 00:00 UTC that starts the week. */
  week: number;
  total: number;
  days: number[];
}

const historyPage = z.array(
  z
    .object({
      week: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
      days: z.array(z.number().int().nonnegative()).length(7),
    })
    .refine((w) => w.days.reduce((s, d) => s + d, 0) === w.total, { message: 'days do not add up to total' }),
);

/** Validates one page of the history endpoint; returns the weeks or why the page is unusable. */
export function parseHistoryPage(data: unknown): { ok: true; weeks: HistoryWeek[] } | { ok: false; message: string } {
  const parsed = historyPage.safeParse(data);
  if (parsed.success) return { ok: true, weeks: parsed.data };
  if (typeof data === 'string') return { ok: false, message: `the answer is not JSON (${JSON.stringify(data.slice(0, 60))}…)` };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `unexpected shape at ${issue?.path.join('.') || 'top level'}: ${issue?.message}` };
}

/** Only a page that validates is cached with its ETag (a corrupt one would otherwise come back on every 304). */
const isHistoryPage = (data: unknown) => historyPage.safeParse(data).success;

export interface DailyStars {
  day: string;
  gained: number;
}

/**
 * Daily stars gained from weeks in any order (pages may overlap when a week turns over
 * between requests: the first answer for a week wins), from the first week through
 * `today`, zero-filled, never after today.
 */
export function dailyFromWeeks(weeks: readonly HistoryWeek[], today: string): DailyStars[] {
  if (weeks.length === 0) return [];
  const byWeek = new Map<number, HistoryWeek>();
  for (const w of weeks) if (!byWeek.has(w.week)) byWeek.set(w.week, w);
  const gained = new Map<number, number>();
  for (const w of byWeek.values()) {
    w.days.forEach((count, i) => gained.set(w.week * 1000 + i * DAY_MS, count));
  }
  const first = Math.min(...byWeek.keys()) * 1000;
  return dailySeries(gained, first, parseDay(today));
}

/** Daily stars gained from `starred_at` timestamps of the stargazer listing. */
export function dailyFromStarredAt(starredAt: readonly string[], today: string): DailyStars[] {
  const gained = new Map<number, number>();
  let first = Infinity;
  for (const at of starredAt) {
    const ms = Date.parse(at);
    if (Number.isNaN(ms)) continue;
    const day = Math.floor(ms / DAY_MS) * DAY_MS;
    gained.set(day, (gained.get(day) ?? 0) + 1);
    first = Math.min(first, day);
  }
  return Number.isFinite(first) ? dailySeries(gained, first, parseDay(today)) : [];
}

function dailySeries(gained: Map<number, number>, firstMs: number, todayMs: number): DailyStars[] {
  const out: DailyStars[] = [];
  for (let ms = firstMs; ms <= todayMs; ms += DAY_MS) out.push({ day: formatDay(ms), gained: gained.get(ms) ?? 0 });
  return out;
}

/**
 * Cumulative stars still held at the end of each day, anchored so the last day equals
 * `current` (today's stargazerCount): retained(d) = current − stars gained after d.
 * `offset` is how far the history's own sum is from `current` (0 when they agree).
 */
export function retainedSeries(daily: readonly DailyStars[], current: number): { day: string; retained: number }[] & { offset?: number } {
  const out: { day: string; retained: number }[] & { offset?: number } = [];
  let after = 0;
  for (let i = daily.length - 1; i >= 0; i -= 1) {
    out.push({ day: daily[i]!.day, retained: Math.max(0, current - after) });
    after += daily[i]!.gained;
  }
  out.reverse();
  out.offset = current - after;
  return out;
}

/**
 * A repository's star rows: stars gained and retained per day of the history, and the retained
 * stars of the day before its first: what the repository held before the history begins (its
 * offset, the stars of stargazerCount the history does not date). A history that accounts for
 * every star begins from nothing, and says so with a zero there: the store then counts the
 * repository at zero before it, where a series that begins with stars already held is a break
 * (queries/schema/views.sql, held_metrics).
 */
export function starObservations(repo: CatalogRepo, daily: readonly DailyStars[], current: number, renamed: string | null): Observation[] {
  const detail = renamed ? { detail: { renamed_to: renamed } } : {};
  const subject = `repo:${repo.name}`;
  const rows: Observation[] = [];
  for (const d of daily) rows.push({ source: 'github', subject, family: repo.family, metric: 'github_stars_gained', observed_at: d.day, value: d.gained, ...detail });
  const retained = retainedSeries(daily, current);
  if (daily.length > 0) {
    const before = formatDay(parseDay(daily[0]!.day) - DAY_MS);
    rows.push({ source: 'github', subject, family: repo.family, metric: 'github_stars_retained', observed_at: before, value: Math.max(0, retained.offset ?? 0), ...detail });
  }
  for (const r of retained) rows.push({ source: 'github', subject, family: repo.family, metric: 'github_stars_retained', observed_at: r.day, value: r.retained, ...detail });
  return rows;
}

export type HistoryOutcome =
  | { ok: true; daily: DailyStars[]; requests: number; via: 'history' | 'listing'; /** Set when GitHub stopped the listing early: days after it are unknown. */ completeBefore?: string }
  | { ok: false; message: string; raw?: unknown; refused?: boolean };

const HISTORY_ROUTE = 'GET /repos/{owner}/{repo}/stargazers/history';

/**
 * Reads what the star history keeps for every repository (when each was collected, what was
 * emitted, the history endpoint's stored answers) in one query each, instead of one per repository
 * and page. The listing's stored answers are not read ahead: a repository's can run to thousands of pages.
 */
export async function readStarStateAhead(ctx: SourceContext, client: GitHubClient, mode: 'history' | 'listing' | 'auto'): Promise<void> {
  await ctx.state.prefetch('stars:');
  if (mode !== 'listing') await client.prefetchConditional(HISTORY_ROUTE);
}

/** Reads every page of the history endpoint for a repository (its current name). */
export async function fetchStarHistory(client: GitHubClient, fullName: string, today: string, weeksPerPage: number): Promise<HistoryOutcome | 'no-endpoint'> {
  const { owner, name } = splitRepo(fullName);
  const weeks: HistoryWeek[] = [];
  let requests = 0;
  for (let page = 1; page <= 100; page += 1) {
    let answer;
    try {
      answer = await client.getConditional<unknown>(HISTORY_ROUTE, { owner, repo: name, per_page: weeksPerPage, page }, { validate: isHistoryPage });
    } catch (error) {
      const status = statusOf(error);
      if (status === 404 && page === 1) return 'no-endpoint';
      return failure(error, client, `star history of ${fullName} (page ${page})`);
    }
    requests += 1;
    const parsed = parseHistoryPage(answer.data);
    if (!parsed.ok) return { ok: false, message: `GitHub's star history of ${fullName} (page ${page}) is unusable: ${parsed.message}`, raw: truncateRaw(typeof answer.data === 'string' ? answer.data : JSON.stringify(answer.data)) };
    weeks.push(...parsed.weeks);
    if (!answer.next || parsed.weeks.length === 0) break;
  }
  return { ok: true, daily: dailyFromWeeks(weeks, today), requests, via: 'history' };
}

/** GitHub lists at most 400 pages of stargazers (40 000 at 100 a page). */
export const LISTING_PAGE_CAP = 400;

/** Reads the stargazer listing with `starred_at` (GitHub Enterprise Server, or a repository the token administers). */
export async function fetchStarListing(client: GitHubClient, fullName: string, today: string, stargazerCount: number): Promise<HistoryOutcome> {
  const { owner, name } = splitRepo(fullName);
  const starredAt: string[] = [];
  let requests = 0;
  for (let page = 1; page <= LISTING_PAGE_CAP; page += 1) {
    let answer;
    try {
      answer = await client.getConditional<unknown>('GET /repos/{owner}/{repo}/stargazers', { owner, repo: name, per_page: 100, page }, { accept: 'application/vnd.github.star+json', validate: Array.isArray });
    } catch (error) {
      return failure(error, client, `stargazer listing of ${fullName} (page ${page})`);
    }
    requests += 1;
    if (!Array.isArray(answer.data)) {
      return { ok: false, message: `GitHub's stargazer listing of ${fullName} (page ${page}) is not a list`, raw: truncateRaw(typeof answer.data === 'string' ? answer.data : JSON.stringify(answer.data)) };
    }
    for (const item of answer.data as { starred_at?: unknown }[]) if (typeof item?.starred_at === 'string') starredAt.push(item.starred_at);
    if (!answer.next || answer.data.length === 0) break;
  }
  const daily = dailyFromStarredAt(starredAt, today);
  // GitHub stops listing after its page cap (its rel="last" points there), oldest stars first.
  const truncated = requests >= LISTING_PAGE_CAP && starredAt.length < stargazerCount;
  if (!truncated) return { ok: true, daily, requests, via: 'listing' };
  // Oldest first, cut off inside the day of the last star listed: only earlier days are whole.
  const last = starredAt.at(-1)?.slice(0, 10) ?? today;
  return { ok: true, daily: daily.filter((d) => d.day < last), requests, via: 'listing', completeBefore: last };
}

function failure(error: unknown, client: GitHubClient, what: string): HistoryOutcome {
  const status = statusOf(error);
  const explained = explainGitHubError(error, what, client.baseUrl);
  // Unreachable, aborted or out of rate limit: stop star history, the caller decides.
  if (explained instanceof UnreachableError || explained.name === 'AbortError' || /rate limit/i.test(explained.message)) throw explained;
  if (status === 403) {
    return { ok: false, refused: true, message: `GitHub refused the ${what} (HTTP 403: since July 2026 only admins and collaborators may list stargazers); star history skipped for this repository` };
  }
  return { ok: false, message: withHint(explained) };
}

export type StarMode = 'history' | 'listing' | 'auto';

/** Collects star history for one repository and stores it; a failure is reported, never thrown (unless the whole source is unreachable). */
export async function collectStarHistoryOf(
  ctx: SourceContext,
  client: GitHubClient,
  repo: CatalogRepo,
  currentName: string,
  stargazerCount: number,
  options: { weeksPerPage: number; mode: StarMode },
): Promise<boolean> {
  const today = isoDay(ctx.clock.now());
  let outcome: HistoryOutcome | 'no-endpoint' =
    options.mode === 'listing' ? await fetchStarListing(client, currentName, today, stargazerCount) : await fetchStarHistory(client, currentName, today, options.weeksPerPage);
  if (outcome === 'no-endpoint') {
    // Older GitHub Enterprise Server: no history endpoint, but the listing still answers there.
    outcome = options.mode === 'auto' ? await fetchStarListing(client, currentName, today, stargazerCount) : { ok: false, message: `GitHub has no star history endpoint for ${currentName} (HTTP 404)` };
  }
  const subject = `repo:${repo.name}`;
  if (!outcome.ok) {
    ctx.problem({ subject, metric: 'github_stars_gained', message: outcome.message, ...(outcome.raw === undefined ? {} : { raw: outcome.raw }) });
    return false;
  }
  const renamed = repo.name.toLowerCase() === currentName.toLowerCase() ? null : currentName;
  if (outcome.completeBefore) {
    // The listing stopped at GitHub's page cap: the days it covers are complete from the first star, so
    // the running total counts up from zero instead of down from stargazerCount.
    const listed = outcome.daily.reduce((s, d) => s + d.gained, 0);
    ctx.problem({ subject, metric: 'github_stars_gained', message: `GitHub lists at most ${LISTING_PAGE_CAP * 100} stargazers: star history of ${currentName} stored up to ${outcome.completeBefore} (exclusive); later days need the history endpoint` });
    await ctx.emit(starObservations(repo, outcome.daily, listed, renamed));
    await ctx.state.set(`stars:collected:${repo.name}`, today);
    return true;
  }
  const rows = starObservations(repo, outcome.daily, stargazerCount, renamed);
  const offset = retainedSeries(outcome.daily, stargazerCount).offset ?? 0;
  if (offset !== 0) {
    ctx.log.info(`source=github subject=${subject}: star history sums to ${stargazerCount - offset}, stargazerCount is ${stargazerCount}; the retained series is anchored at stargazerCount`);
  }
  await emitChangedStars(ctx, repo, rows, today);
  await ctx.state.set(`stars:collected:${repo.name}`, today);
  return true;
}

/** A fingerprint of a star series' rows up to and including a day. */
export function starSeriesFingerprint(rows: readonly Observation[], through: string): string {
  const hash = createHash('sha256');
  const upTo = rows.filter((r) => r.observed_at <= through).sort((a, b) => (a.metric === b.metric ? (a.observed_at < b.observed_at ? -1 : 1) : a.metric < b.metric ? -1 : 1));
  for (const r of upTo) hash.update(`${r.metric}|${r.observed_at}|${r.value}|${JSON.stringify(r.detail ?? {})}\n`);
  return hash.digest('hex');
}

/**
 * The history endpoint answers the whole series on every run, but past days
 * rarely change: when the series through the last day stored matches what was
 * stored, only the days after it are emitted. Any change in the past (stars
 * withdrawn, a rename) emits the whole series again, replacing what was stored.
 */
async function emitChangedStars(ctx: SourceContext, repo: CatalogRepo, rows: Observation[], today: string): Promise<void> {
  const key = `stars:emitted:${repo.name}`;
  const previous = parseEmitted(await ctx.state.get(key));
  const unchanged = previous !== null && previous.through < today && starSeriesFingerprint(rows, previous.through) === previous.hash;
  await ctx.emit(unchanged ? rows.filter((r) => r.observed_at > previous.through) : rows);
  // Today is still being counted: what is settled ends yesterday.
  const through = formatDay(parseDay(today) - DAY_MS);
  await ctx.state.set(key, JSON.stringify({ through, hash: starSeriesFingerprint(rows, through) }));
}

function parseEmitted(text: string | undefined): { through: string; hash: string } | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as { through?: unknown; hash?: unknown };
    return typeof value.through === 'string' && typeof value.hash === 'string' ? { through: value.through, hash: value.hash } : null;
  } catch {
    return null;
  }
}
