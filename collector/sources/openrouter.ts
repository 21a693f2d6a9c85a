// OpenRouter's daily rankings: tokens per model per UTC day routed through OpenRouter, from its
// Data API, GET <OPENROUTER_URL>/datasets/rankings-daily?start_date=…&end_date=…&period=day
// (documented at https://openrouter.ai/docs/cookbook/administration/data-api and
// https://openrouter.ai/docs/api/api-reference/datasets/get-rankings-daily). Each day lists the
// top 50 models by tokens (prompt + completion, as a decimal string) plus one `other` row that
// sums the rest; the dataset begins on 2025-01-01 and one request spans at most 366 days, so
// the whole history is two or three requests. Any valid key reads it; 30 requests a minute per
// key and 500 a day per account. The data is CC BY 4.0, cited as "Source: OpenRouter
// (openrouter.ai/rankings), as of {meta.as_of}": every fact keeps the answer's as_of and the
// licence in its detail.
//
// Each slug (`model_permaslug`) is a subject `openrouter:<slug>` in the family of the first
// catalog `openrouter` entry that matches it (families in catalog order, entries in order: an
// exact slug, also matching its `:free`-style variants, or a /regular expression/), with that
// entry in detail.entry so the store gives it the entry's class (queries/schema/views.sql, subject_daily). A slug
// no entry matches is stored with family '' and counted as unknown: listed in the run's notes
// and by the named query openrouter_unmapped, never dropped. The `other` row is stored as
// `openrouter:other` (family '', detail.long_tail): traffic to no named model.
//
// The first run stores every day the dataset has; later runs store the days after the last
// stored one and read the last OPENROUTER_RESTATED_DAYS stored days again (OpenRouter may
// restate recent figures; a second write of a fact replaces the first). `backfill openrouter
// --since DAY` reads a window again, e.g. after the catalog's patterns changed: until it has, each
// run's notes name the stored days the earlier entries mapped (state `mapping`).

import type { Catalog } from '../catalog.ts';
import { addDays, daysBetween, maxDay, minDay } from '../days.ts';
import { isoDay, validateObservation, type Observation } from '../observation.ts';
import { joinUrl, requestJson, UpstreamError } from './http.ts';
import type { BackfillOptions, Source, SourceContext, SourceResult } from './types.ts';

/** The dataset's first day: an earlier start_date is clamped forward to it. */
export const OPENROUTER_FIRST_DAY = '2025-01-01';
/** The longest window one request may span, in days (both ends included). */
export const OPENROUTER_MAX_SPAN_DAYS = 366;
/** OpenRouter's published Data API limits. */
export const OPENROUTER_REQUESTS_PER_MINUTE = 30;
export const OPENROUTER_REQUESTS_PER_DAY = 500;
/** Time between two requests of a run, so a run never exceeds the per-minute limit on its own. */
export const OPENROUTER_SPACING_MS = Math.ceil(60_000 / OPENROUTER_REQUESTS_PER_MINUTE);
/** Stored days read again by every run, as OpenRouter may restate them. */
export const OPENROUTER_RESTATED_DAYS = 2;
/** The licence of everything the Data API returns. */
export const OPENROUTER_LICENCE = 'CC BY 4.0';
/** The slug of the row that sums every model outside a day's top 50. */
export const OPENROUTER_LONG_TAIL = 'other';

export function rankingsUrl(base: string, start: string, end: string): string {
  return joinUrl(base, `datasets/rankings-daily?start_date=${start}&end_date=${end}&period=day`);
}

/** The citation OpenRouter asks for, with the as-of time of the figures it covers. */
export function openrouterCitation(asOf: string): string {
  return `Source: OpenRouter (openrouter.ai/rankings), as of ${asOf}.`;
}

export interface RankingRow {
  date: string;
  slug: string;
  tokens: number;
}

export interface RankingsMeta {
  as_of: string;
  start_date: string;
  end_date: string;
  version: string;
}

/**
 * A rankings-daily answer: its rows (tokens parsed from the decimal string), its meta, and every
 * entry that is not one {date, model_permaslug, total_tokens} or repeats a (date, slug) pair.
 * Null when the body has no `data` array.
 */
export function parseRankings(json: unknown): { rows: RankingRow[]; meta: RankingsMeta | null; malformed: unknown[] } | null {
  const body = json as { data?: unknown; meta?: unknown } | null;
  if (!body || typeof body !== 'object' || !Array.isArray(body.data)) return null;
  const rows: RankingRow[] = [];
  const malformed: unknown[] = [];
  const seen = new Set<string>();
  for (const item of body.data as unknown[]) {
    const e = item as { date?: unknown; model_permaslug?: unknown; total_tokens?: unknown } | null;
    const tokens = typeof e?.total_tokens === 'string' && /^\d+$/.test(e.total_tokens) ? Number(e.total_tokens) : typeof e?.total_tokens === 'number' ? e.total_tokens : NaN;
    if (!e || typeof e !== 'object' || typeof e.date !== 'string' || typeof e.model_permaslug !== 'string' || e.model_permaslug === '' || Number.isNaN(tokens)) {
      malformed.push(item);
      continue;
    }
    const key = `${e.date} ${e.model_permaslug}`;
    if (seen.has(key)) {
      malformed.push(item);
      continue;
    }
    seen.add(key);
    rows.push({ date: e.date, slug: e.model_permaslug, tokens });
  }
  const m = body.meta as Partial<Record<keyof RankingsMeta, unknown>> | undefined;
  const meta = m && typeof m === 'object' && typeof m.as_of === 'string'
    ? { as_of: m.as_of, start_date: String(m.start_date ?? ''), end_date: String(m.end_date ?? ''), version: String(m.version ?? '') }
    : null;
  return { rows, meta, malformed };
}

export interface OpenrouterMatch {
  family: string;
  /** The catalog entry that matched, as the catalog writes it (a slug or /pattern/). */
  entry: string;
}

const matchers = new WeakMap<object, (slug: string) => OpenrouterMatch | null>();

/**
 * The catalog's OpenRouter mapping: a slug's family and entry, or null when no entry matches
 * (and always for the long-tail row). Families are tried in catalog order and entries in order;
 * the first match wins. An exact entry matches the slug and its variants (`:free`, `:beta`):
 * OpenRouter ranks a variant as its own slug, but it is the same model. A /pattern/ is a
 * case-insensitive regular expression tested against the whole slug, variant included.
 */
export function openrouterMatcher(catalog: Pick<Catalog, 'families'>): (slug: string) => OpenrouterMatch | null {
  const cached = matchers.get(catalog.families);
  if (cached) return cached;
  const compiled = catalog.families.flatMap((f) =>
    f.openrouter.map((entry) => {
      if (entry.length > 2 && entry.startsWith('/') && entry.endsWith('/')) {
        const re = new RegExp(entry.slice(1, -1), 'i');
        return { family: f.id, entry, test: (slug: string) => re.test(slug) };
      }
      const exact = entry.toLowerCase();
      return { family: f.id, entry, test: (slug: string) => slug.toLowerCase() === exact || withoutVariant(slug).toLowerCase() === exact };
    }),
  );
  const match = (slug: string): OpenrouterMatch | null => {
    if (slug === OPENROUTER_LONG_TAIL) return null;
    const hit = compiled.find((c) => c.test(slug));
    return hit ? { family: hit.family, entry: hit.entry } : null;
  };
  matchers.set(catalog.families, match);
  return match;
}

/** A slug without its variant suffix: `deepseek/deepseek-r1:free` → `deepseek/deepseek-r1`. */
export function withoutVariant(slug: string): string {
  return slug.replace(/:[^/:]+$/, '');
}

/**
 * Milliseconds until OpenRouter's X-RateLimit-Reset, sent with its 429s: a time since the epoch
 * in milliseconds (as OpenRouter writes it) or seconds, or else seconds from now; undefined
 * when the header is absent or unreadable.
 */
export function rateLimitResetWait(headers: Headers, now: Date): number | undefined {
  const raw = headers.get('x-ratelimit-reset');
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) return undefined;
  const at = n >= 1e12 ? n : n >= 1e9 ? n * 1000 : now.getTime() + n * 1000;
  return Math.max(0, Math.ceil(at - now.getTime()));
}

/** Splits a window into consecutive windows of at most `span` days, oldest first. */
export function windows(since: string, until: string, span = OPENROUTER_MAX_SPAN_DAYS): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = [];
  for (let start = since; start <= until; start = addDays(start, span)) out.push({ start, end: minDay(addDays(start, span - 1), until) });
  return out;
}

interface Coverage {
  from: string;
  through: string;
}

const COVER_KEY = 'cover';
const MAPPING_KEY = 'mapping';

/**
 * Which catalog mapped the stored days: the catalog's OpenRouter entries in the order they are
 * tried, and the stored days mapped by other entries (a slug keeps the family and entry it
 * matched when it was stored), until a run reads them again.
 */
interface Mapping {
  entries: string;
  stale?: Coverage;
}

/** The catalog's OpenRouter entries in the order a slug tries them: what decides each slug's family and entry. */
function mappingFingerprint(catalog: Catalog): string {
  return JSON.stringify(catalog.families.flatMap((f) => f.openrouter.map((entry) => [f.id, entry])));
}

/**
 * The stale days left once a run has read `read` again (its days take the current entries): the
 * interval shrinks from either end; a window inside it leaves it whole (it still holds stale days).
 */
function staleAfter(stale: Coverage, read: Coverage): Coverage | undefined {
  let { from, through } = stale;
  if (read.from <= from && read.through >= from) from = addDays(read.through, 1);
  if (read.through >= through && read.from <= through) through = addDays(read.from, -1);
  return from > through ? undefined : { from, through };
}

const requestsKey = (day: string) => `requests:${day}`;

/** A count of tokens as people read it: 1.2T, 340B, 5.6M. */
export function formatTokens(n: number): string {
  for (const [unit, size] of [['T', 1e12], ['B', 1e9], ['M', 1e6], ['K', 1e3]] as const) {
    if (n >= size) return `${(n / size).toFixed(n >= size * 100 ? 0 : 1)}${unit}`;
  }
  return String(n);
}

async function syncOpenrouter(ctx: SourceContext, options: { since?: string; until?: string }): Promise<SourceResult> {
  const key = ctx.config.openrouterApiKey;
  if (!key) return { notes: ['OPENROUTER_API_KEY is unset: nothing collected (any valid OpenRouter API key reads the Data API)'] };
  const today = isoDay(ctx.clock.now());
  const lastComplete = addDays(today, -1);
  const until = options.until ? minDay(options.until, lastComplete) : lastComplete;
  const notes: string[] = [];
  const rawCover = await ctx.state.get(COVER_KEY);
  let cover: Coverage | undefined = rawCover ? (JSON.parse(rawCover) as Coverage) : undefined;

  let since: string;
  if (options.since) {
    since = maxDay(options.since, OPENROUTER_FIRST_DAY);
    if (options.since < OPENROUTER_FIRST_DAY) notes.push(`OpenRouter's rankings begin on ${OPENROUTER_FIRST_DAY}: nothing before it can be backfilled`);
  } else {
    // Every day not stored yet, and the last stored days again (OpenRouter may restate them).
    since = cover ? maxDay(OPENROUTER_FIRST_DAY, addDays(cover.through, 1 - OPENROUTER_RESTATED_DAYS)) : OPENROUTER_FIRST_DAY;
  }
  if (since > until) {
    notes.push(`nothing to ask for: the last completed day (${lastComplete}) is stored`);
    return { notes, rateLimitLeft: OPENROUTER_REQUESTS_PER_DAY - Number((await ctx.state.get(requestsKey(today))) ?? 0) };
  }

  const match = openrouterMatcher(ctx.catalog);
  // Days stored under other entries than the catalog's now keep the family and entry they matched
  // then: they are named in the run's notes until a run (a backfill) reads them again.
  const entries = mappingFingerprint(ctx.catalog);
  const rawMapping = await ctx.state.get(MAPPING_KEY);
  // (A store without this state, written before it was kept, is taken as mapped by the entries of now.)
  const mapping: Mapping = rawMapping ? (JSON.parse(rawMapping) as Mapping) : { entries };
  if (mapping.entries !== entries) {
    if (cover) mapping.stale = mapping.stale ? { from: minDay(mapping.stale.from, cover.from), through: maxDay(mapping.stale.through, cover.through) } : { ...cover };
    mapping.entries = entries;
  }
  let readFrom: string | undefined;
  let readThrough: string | undefined;
  const headers = { authorization: `Bearer ${key}` };
  let usedToday = Number((await ctx.state.get(requestsKey(today))) ?? 0);
  let lastRequestAt: number | undefined;
  let requests = 0;
  let stored = 0;
  let newestAsOf = '';
  const unknown = new Map<string, number>();
  const emptyDays: string[] = [];
  let longTail = 0;
  let total = 0;

  const plan = windows(since, until);
  for (const [i, w] of plan.entries()) {
    ctx.log.progress('openrouter rankings', i, plan.length, `${w.start}..${w.end}`);
    if (usedToday >= OPENROUTER_REQUESTS_PER_DAY) {
      notes.push(`stopped before ${w.start}..${w.end}: this collector has made ${usedToday} Data API requests today, OpenRouter's limit of ${OPENROUTER_REQUESTS_PER_DAY} a day per account; the next run goes on from there`);
      break;
    }
    // OpenRouter allows 30 requests a minute per key: a run spaces its own requests to stay under.
    if (lastRequestAt !== undefined) {
      const wait = lastRequestAt + OPENROUTER_SPACING_MS - ctx.clock.now().getTime();
      if (wait > 0) await ctx.clock.sleep(wait);
    }
    const url = rankingsUrl(ctx.config.openrouterUrl, w.start, w.end);
    lastRequestAt = ctx.clock.now().getTime();
    let answer;
    try {
      answer = await requestJson(ctx, url, { headers, waitHint: rateLimitResetWait });
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 429) {
        throw new UpstreamError(`OpenRouter's Data API kept answering 429 (${OPENROUTER_REQUESTS_PER_MINUTE} requests a minute per key, ${OPENROUTER_REQUESTS_PER_DAY} a day per account) for ${w.start}..${w.end}: ${error.message}`, {
          status: 429,
          url,
          cause: error,
          hint: `another program may share the key or account; rerun after the limit resets (${error.hint ?? 'the daily limit resets with the UTC day'}): the collection goes on from ${w.start}`,
        });
      }
      throw error;
    } finally {
      requests++;
      usedToday++;
      await ctx.state.set(requestsKey(today), String(usedToday));
    }
    if (answer.status === 401 || answer.status === 403) {
      throw new UpstreamError(`OpenRouter refused the API key (HTTP ${answer.status}: ${errorMessage(answer.json) ?? answer.text.slice(0, 200)})`, {
        status: answer.status,
        url,
        hint: 'check OPENROUTER_API_KEY: any valid OpenRouter API key reads the Data API (create one at https://openrouter.ai/settings/keys)',
      });
    }
    if (answer.status !== 200) {
      throw new UpstreamError(`OpenRouter answered HTTP ${answer.status} to ${url}: ${errorMessage(answer.json) ?? answer.text.slice(0, 200)}`, {
        status: answer.status,
        url,
        hint: answer.status === 400 ? `the window ${w.start}..${w.end} was refused; check OPENROUTER_URL points at the API (https://openrouter.ai/api/v1)` : 'check OPENROUTER_URL; rerun later',
      });
    }
    const parsed = parseRankings(answer.json);
    if (!parsed) throw new UpstreamError(`OpenRouter answered ${url} without a data array`, { status: 200, url, hint: 'check OPENROUTER_URL points at the API (https://openrouter.ai/api/v1)' });
    for (const item of parsed.malformed) {
      ctx.problem({ subject: 'openrouter:rankings-daily', metric: 'openrouter_tokens', raw: item, message: 'OpenRouter sent a row that is not one {date, model_permaslug, total_tokens} (or repeats a day and slug); skipped' });
    }
    const asOf = parsed.meta?.as_of ?? ctx.clock.now().toISOString();
    if (!parsed.meta) ctx.problem({ subject: 'openrouter:rankings-daily', raw: answer.text.slice(0, 200), message: `OpenRouter's answer for ${w.start}..${w.end} has no meta.as_of; its figures are stored as of the time they were fetched (${asOf})` });
    if (asOf > newestAsOf) newestAsOf = asOf;

    const rows: Observation[] = [];
    const days = new Set<string>();
    for (const r of parsed.rows) {
      // Only the window asked for: never a day in progress, never one outside it.
      if (r.date < w.start || r.date > w.end) continue;
      days.add(r.date);
      const matched = match(r.slug);
      const longTailRow = r.slug === OPENROUTER_LONG_TAIL;
      const detail: Record<string, unknown> = { as_of: asOf, licence: OPENROUTER_LICENCE };
      if (matched) detail.entry = matched.entry;
      if (longTailRow) detail.long_tail = true;
      const o: Observation = { source: 'openrouter', subject: `openrouter:${r.slug}`, family: matched?.family ?? '', metric: 'openrouter_tokens', observed_at: r.date, value: r.tokens, detail };
      const problem = validateObservation(o, today);
      if (problem) {
        ctx.problem({ subject: o.subject, metric: o.metric, raw: r.tokens, message: `OpenRouter ${r.slug} ${r.date}: ${problem}; not stored` });
        continue;
      }
      rows.push(o);
      total += r.tokens;
      if (longTailRow) longTail += r.tokens;
      else if (!matched) unknown.set(r.slug, (unknown.get(r.slug) ?? 0) + r.tokens);
    }
    // The dataset has rows for every day since it began: a day without any is a gap, not zero.
    const first = maxDay(w.start, parsed.meta?.start_date || w.start);
    for (let d = first; d <= w.end; d = addDays(d, 1)) if (!days.has(d)) emptyDays.push(d);
    if (rows.length > 0) await ctx.emit(rows);
    stored += rows.length;
    readFrom ??= w.start;
    readThrough = w.end;
    // The days stored so far, as one interval: a window that does not touch it leaves it as it was.
    if (!cover) cover = { from: w.start, through: w.end };
    else if (w.start <= addDays(cover.through, 1) && w.end >= addDays(cover.from, -1)) cover = { from: minDay(cover.from, w.start), through: maxDay(cover.through, w.end) };
    await ctx.state.set(COVER_KEY, JSON.stringify(cover));
  }
  ctx.log.progress('openrouter rankings', plan.length, plan.length);
  if (mapping.stale && readFrom && readThrough) mapping.stale = staleAfter(mapping.stale, { from: readFrom, through: readThrough });
  if (!mapping.stale) delete mapping.stale;
  await ctx.state.set(MAPPING_KEY, JSON.stringify(mapping));
  if (mapping.stale) {
    const { from, through } = mapping.stale;
    notes.push(
      `openrouter: the catalog's OpenRouter entries changed after the days ${from}..${through} were stored; those days keep the family and entry each slug matched then (a rewritten entry's facts take their family's default side): "openpulse backfill openrouter --since ${from} --until ${through}" maps them again`,
    );
  }

  if (emptyDays.length > 0) {
    ctx.problem({
      subject: 'openrouter:rankings-daily',
      metric: 'openrouter_tokens',
      raw: emptyDays.slice(0, 20),
      message: `OpenRouter's answers had no rows for ${emptyDays.length} day(s) (${emptyDays[0]}${emptyDays.length > 1 ? ` … ${emptyDays[emptyDays.length - 1]}` : ''}); they stay empty, not zero: "openpulse backfill openrouter --since ${emptyDays[0]}" asks again`,
    });
  }
  if (unknown.size > 0) {
    const listed = [...unknown].sort((a, b) => b[1] - a[1]);
    const share = total > 0 ? ` (${((100 * listed.reduce((s, [, n]) => s + n, 0)) / total).toFixed(1)}% of the tokens)` : '';
    const line = `openrouter: ${unknown.size} model slug(s) match no catalog entry and count as unknown${share}: ${listed.slice(0, 10).map(([slug, n]) => `${slug} (${formatTokens(n)} tokens)`).join(', ')}${listed.length > 10 ? `, … and ${listed.length - 10} more` : ''}; add an openrouter entry to their family in the catalog ("openpulse query openrouter_unmapped" lists them all)`;
    notes.push(line);
    ctx.log.warn(`source=openrouter unknown=${unknown.size} ${line}`);
  }
  if (total > 0) notes.push(`openrouter: ${formatTokens(total)} tokens over ${daysBetween(since, until) + 1} day(s), ${((100 * longTail) / total).toFixed(1)}% in the long tail (models outside each day's top 50); ${openrouterCitation(newestAsOf)}`);
  ctx.log.info(`source=openrouter requests=${requests} rows=${stored} window=${since}..${until} unknown=${unknown.size} as_of=${newestAsOf || 'none'}`);
  return { notes, rateLimitLeft: Math.max(0, OPENROUTER_REQUESTS_PER_DAY - usedToday) };
}

/** The message of OpenRouter's error body {"error": {"code", "message"}}. */
function errorMessage(json: unknown): string | undefined {
  const message = (json as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : undefined;
}

export const openrouterSource: Source = {
  name: 'openrouter',
  description: "OpenRouter's daily rankings: tokens per model per day routed through it (Data API, CC BY 4.0), each model in its catalog family or unknown",
  endpoint: (config) => config.openrouterUrl,
  enabled: (_catalog, config) => Boolean(config.openrouterApiKey),
  collect: (ctx) => syncOpenrouter(ctx, {}),
  backfill: (ctx, options: BackfillOptions) => syncOpenrouter(ctx, { since: options.since, until: options.until }),
};
