// OpenRouter's Data API, GET /datasets/rankings-daily (under the simulator's /openrouter, as
// under https://openrouter.ai/api/v1): `start_date`/`end_date` (inclusive, UTC; the default is
// the 30 days up to the last completed day; a start before 2025-01-01 is clamped forward and
// echoed in meta.start_date; an end before it, a span over 366 days, an end before the start or
// a day that does not exist is a 400), `period` day | week | month, and per row `date`,
// `model_permaslug` and `total_tokens` as a decimal string, top 50 a day plus `other`; `meta`
// carries `as_of` (when the answer was generated), `version`, and the resolved window.
// A Bearer key is required (401 without one or with one it does not know); 30 requests a
// minute per key and 500 a day per account, over which it answers 429 with X-RateLimit-*
// headers (X-RateLimit-Reset in milliseconds since the epoch) and no Retry-After.
// Error bodies are OpenRouter's: {"error": {"code": N, "message": "..."}}.

import { STATUS_CODES } from 'node:http';
import { DAY_MS, dayFraction, dayNumber, dayString, isDayString } from './days.ts';
import { json, type Reply, type SimRequest } from './http-reply.ts';
import { OPENROUTER_FIRST_DAY } from './openrouter-models.ts';
import type { World } from './world.ts';

const MAX_SPAN_DAYS = 366;
const DEFAULT_SPAN_DAYS = 30;
const MINUTE_MS = 60_000;

export interface OpenrouterServiceOptions {
  /** When given, only these keys are accepted (any other answers 401 "User not found."); default: any key. */
  keys?: string[];
}

export function errorBody(status: number, message?: string) {
  return { error: { code: status, message: message ?? STATUS_CODES[status] ?? 'Error' } };
}

export function createOpenrouterService(world: World, options: OpenrouterServiceOptions = {}) {
  /** Requests per key in the current minute and UTC day: [window start ms, count]. */
  const perMinute = new Map<string, [number, number]>();
  const perDay = new Map<string, [number, number]>();

  const tick = (counter: Map<string, [number, number]>, key: string, windowStart: number): number => {
    const entry = counter.get(key);
    const next: [number, number] = entry && entry[0] === windowStart ? [windowStart, entry[1] + 1] : [windowStart, 1];
    counter.set(key, next);
    return next[1];
  };

  /** OpenRouter's 429: its error body and X-RateLimit-* headers, the reset in epoch milliseconds. */
  const limited = (limit: number, resetMs: number): Reply =>
    json(429, errorBody(429, 'Rate limit exceeded'), {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(resetMs),
    });

  const bad = (message: string) => json(400, errorBody(400, message));

  const rankings = (req: SimRequest): Reply => {
    const now = world.clock.now();
    const today = dayNumber(now);
    const floor = dayNumber(OPENROUTER_FIRST_DAY);
    const startText = req.query.get('start_date');
    const endText = req.query.get('end_date');
    for (const [name, text] of [['start_date', startText], ['end_date', endText]] as const) {
      if (text !== null && !isDayString(text)) return bad(`Invalid ${name}: expected a calendar date written YYYY-MM-DD, got "${text}"`);
    }
    const end = endText === null ? today - 1 : dayNumber(endText);
    if (end < floor) return bad(`end_date must be on or after ${OPENROUTER_FIRST_DAY}`);
    let start = startText === null ? end - DEFAULT_SPAN_DAYS : dayNumber(startText);
    if (start > end) return bad('start_date must be on or before end_date');
    if (end - start + 1 > MAX_SPAN_DAYS) return bad(`The maximum span between start_date and end_date is ${MAX_SPAN_DAYS} days`);
    start = Math.max(start, floor);
    const period = req.query.get('period') ?? 'day';
    if (!['day', 'week', 'month'].includes(period)) return bad('period must be one of day, week, month');

    // The current day is in progress: its totals so far. Later days have none.
    const last = Math.min(end, today);
    const days: { date: string; model_permaslug: string; total_tokens: string }[] = [];
    for (let day = start; day <= last; day++) days.push(...world.openrouter.day(day, day === today ? dayFraction(now) : 1));
    const data = period === 'day' ? days : bucket(days, period);
    return json(200, {
      data,
      meta: { as_of: now.toISOString(), version: 'v1', start_date: dayString(start), end_date: dayString(end) },
    });
  };

  return {
    endpointOf: (req: SimRequest) => (req.path.replace(/\/+$/, '') === '/datasets/rankings-daily' ? 'openrouter.rankings-daily' : 'openrouter.other'),
    /** OpenRouter's 429 for a rate-limit fault: reset `retryAfter` seconds from now. */
    limitedReply: (retryAfterSeconds: number) => limited(world.openrouterQuota.perMinute, world.clock.now().getTime() + retryAfterSeconds * 1000),
    /** Forgets every key's usage. */
    resetLimits() {
      perMinute.clear();
      perDay.clear();
    },
    handle(req: SimRequest): Reply {
      const auth = Array.isArray(req.headers.authorization) ? req.headers.authorization[0] : req.headers.authorization;
      const key = /^bearer\s+(\S+)$/i.exec(auth?.trim() ?? '')?.[1];
      if (!key) return json(401, errorBody(401, 'Missing Authentication header'));
      if (options.keys && !options.keys.includes(key)) return json(401, errorBody(401, 'User not found.'));
      const nowMs = world.clock.now().getTime();
      const minute = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
      const day = Math.floor(nowMs / DAY_MS) * DAY_MS;
      const quota = world.openrouterQuota;
      // A refused request counts against neither bucket.
      const usedToday = perDay.get(key)?.[0] === day ? perDay.get(key)![1] : 0;
      if (usedToday >= quota.perDay) return limited(quota.perDay, day + DAY_MS);
      const usedThisMinute = perMinute.get(key)?.[0] === minute ? perMinute.get(key)![1] : 0;
      if (usedThisMinute >= quota.perMinute) return limited(quota.perMinute, minute + MINUTE_MS);
      tick(perDay, key, day);
      tick(perMinute, key, minute);
      if (req.method !== 'GET') return json(405, errorBody(405, 'Method Not Allowed'));
      if (req.path.replace(/\/+$/, '') === '/datasets/rankings-daily') return rankings(req);
      return json(404, errorBody(404, 'Not Found'));
    },
  };
}

export type OpenrouterService = ReturnType<typeof createOpenrouterService>;

/** Day rows summed per ISO week (Monday) or month start, top 50 per bucket plus `other`. */
function bucket(days: { date: string; model_permaslug: string; total_tokens: string }[], period: string) {
  const start = (date: string) => {
    if (period === 'month') return `${date.slice(0, 7)}-01`;
    const n = dayNumber(date);
    return dayString(n - ((n + 3) % 7)); // 1970-01-01 was a Thursday: Monday is (n + 3) % 7 == 0
  };
  const sums = new Map<string, Map<string, number>>();
  for (const r of days) {
    const b = start(r.date);
    const models = sums.get(b) ?? new Map<string, number>();
    models.set(r.model_permaslug, (models.get(r.model_permaslug) ?? 0) + Number(r.total_tokens));
    sums.set(b, models);
  }
  const out: { date: string; model_permaslug: string; total_tokens: string }[] = [];
  for (const [date, models] of [...sums].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const other = models.get('other') ?? 0;
    models.delete('other');
    const ranked = [...models].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const rest = other + ranked.slice(50).reduce((s, [, n]) => s + n, 0);
    out.push(...ranked.slice(0, 50).map(([slug, n]) => ({ date, model_permaslug: slug, total_tokens: String(n) })));
    if (rest > 0) out.push({ date, model_permaslug: 'other', total_tokens: String(rest) });
  }
  return out;
}
