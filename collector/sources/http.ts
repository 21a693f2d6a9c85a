// One way to ask the download and leaderboard APIs for JSON or text: a timeout per
// request, a bounded number of retries on 5xx, 429 and broken bodies (waiting on the
// context's clock, honouring Retry-After or, on a 429, the RateLimit header's reset), and
// errors that say what failed and where.
// The caller decides what a 4xx means (a missing package, a gated model): those are returned.

import { OpenPulseError, redact } from '../errors.ts';
import { announcedWait, isNetworkFailure, networkReason, UnreachableError, type SourceContext } from './types.ts';

/** Attempts per request, the first one included. */
export const MAX_ATTEMPTS = 4;
/** First back-off when the upstream gives no Retry-After; doubles per attempt. */
export const BASE_BACKOFF_MS = 1_000;
/** A Retry-After longer than this is not waited for: the request fails and the run goes on. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** The longest URL a message quotes whole. */
const SHOWN_URL_CHARS = 240;

/**
 * A URL as a message shows it: secrets redacted, and a very long one (npm's bulk request names up
 * to 128 packages: about 2.5 KB) cut to its start and end with the characters left out counted.
 */
export function shownUrl(url: string): string {
  const text = redact(url);
  if (text.length <= SHOWN_URL_CHARS) return text;
  const head = text.slice(0, SHOWN_URL_CHARS - 60);
  const tail = text.slice(-40);
  return `${head}…[${text.length - head.length - tail.length} characters]…${tail}`;
}

export interface HttpAnswer {
  status: number;
  /** The URL that answered (after redirects that fetch followed). */
  url: string;
  headers: Headers;
  text: string;
}

export interface JsonAnswer extends HttpAnswer {
  /** The parsed body; undefined when the status is not 2xx and the body is not JSON. */
  json: unknown;
}

export interface RequestOptions {
  /** Extra request headers (an Authorization header is never printed). */
  headers?: Record<string, string>;
  /** 'manual' returns 3xx answers to the caller instead of following them. Default 'follow'. */
  redirect?: 'follow' | 'manual';
  /**
   * How long a 429 or 5xx asks to wait when it sends no Retry-After, read from the upstream's
   * own headers (OpenRouter's X-RateLimit-Reset); undefined falls back to the doubling back-off.
   */
  waitHint?: (headers: Headers, now: Date) => number | undefined;
}

/** An upstream that answered, but not usefully, even after retries. */
export class UpstreamError extends OpenPulseError {
  readonly status: number | undefined;
  readonly url: string;
  constructor(message: string, details: { status?: number; url: string; cause?: unknown; hint?: string }) {
    super('SOURCE', message, { cause: details.cause, hint: details.hint ?? 'rerun later; if it persists, check the upstream status page' });
    this.name = 'UpstreamError';
    this.status = details.status;
    this.url = redact(details.url);
  }
}

/** Fetches a URL as text with timeout and retries. 2xx, 3xx (manual) and 4xx other than 429 are returned. */
export async function requestText(ctx: SourceContext, url: string, options: RequestOptions = {}): Promise<HttpAnswer> {
  const host = hostOf(url);
  let lastProblem = '';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    let response: Response;
    let text: string;
    try {
      response = await ctx.fetch(url, {
        headers: { accept: 'application/json, text/csv;q=0.9, */*;q=0.5', 'user-agent': 'openpulse-collector', ...options.headers },
        redirect: options.redirect ?? 'follow',
        signal: requestSignal(ctx),
      });
      text = await response.text();
    } catch (error) {
      if (ctx.signal?.aborted) throw error;
      lastProblem = networkReason(error);
      // No resolver answer or nothing listening: retrying in a second or two will not change that (offline, wrong URL).
      if (isHostDown(error)) throw new UnreachableError(host, `${lastProblem} (GET ${shownUrl(url)})`, { cause: error });
      if (attempt === MAX_ATTEMPTS) {
        if (isNetworkFailure(error)) {
          throw new UnreachableError(host, `${lastProblem} after ${MAX_ATTEMPTS} attempts (GET ${shownUrl(url)})`, { cause: error });
        }
        throw new UpstreamError(`GET ${shownUrl(url)} failed after ${MAX_ATTEMPTS} attempts: ${lastProblem}`, { url, cause: error });
      }
      await ctx.clock.sleep(backoff(attempt));
      continue;
    }
    if (response.status === 429 || response.status >= 500) {
      lastProblem = `HTTP ${response.status}${briefBody(text)}`;
      const resetS = response.status === 429 ? rateLimitOf(response.headers)?.resetSeconds : undefined;
      const wait = retryAfterMs(response.headers.get('retry-after'), ctx.clock.now()) ?? (resetS !== undefined ? resetS * 1000 : undefined) ?? options.waitHint?.(response.headers, ctx.clock.now()) ?? backoff(attempt);
      if (attempt === MAX_ATTEMPTS || wait > MAX_RETRY_AFTER_MS) {
        throw new UpstreamError(`GET ${shownUrl(url)} answered ${lastProblem} ${attempt} time(s)`, {
          status: response.status,
          url,
          hint: response.status === 429
            ? `the upstream limits requests; wait ${Math.ceil(wait / 1000)}s and rerun (collection resumes where it stopped)`
            : undefined,
        });
      }
      await announcedWait(ctx, wait, () => ctx.log.warn(`source=http host=${host} status=${response.status} retry=${attempt}/${MAX_ATTEMPTS - 1} wait_ms=${wait}`));
      continue;
    }
    return { status: response.status, url: response.url || url, headers: response.headers, text };
  }
  // The loop either returns or throws; this line only satisfies the type checker.
  throw new UpstreamError(`GET ${shownUrl(url)} failed: ${lastProblem}`, { url });
}

/**
 * Fetches JSON. A 2xx body that is not JSON (truncated, an HTML error page) is retried like a
 * 5xx, then raised as UpstreamError. Non-2xx answers are returned with json parsed when possible.
 */
export async function requestJson(ctx: SourceContext, url: string, options: RequestOptions = {}): Promise<JsonAnswer> {
  let lastProblem = '';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const answer = await requestText(ctx, url, options);
    const ok = answer.status >= 200 && answer.status < 300;
    try {
      return { ...answer, json: JSON.parse(answer.text) as unknown };
    } catch (error) {
      if (!ok) return { ...answer, json: undefined };
      lastProblem = `the body is not JSON (${(error as Error).message})${briefBody(answer.text)}`;
      if (attempt === MAX_ATTEMPTS) break;
      ctx.log.warn(`source=http host=${hostOf(url)} bad_json retry=${attempt}/${MAX_ATTEMPTS - 1}`);
      await ctx.clock.sleep(backoff(attempt));
    }
  }
  throw new UpstreamError(`GET ${shownUrl(url)}: ${lastProblem}, ${MAX_ATTEMPTS} times`, { url });
}

/**
 * The IETF draft RateLimit header (draft-ietf-httpapi-ratelimit-headers, as the Hugging Face
 * Hub sends it: `"api";r=489;t=189`): requests remaining in the window and seconds until it
 * resets; undefined when absent or unreadable.
 */
export function rateLimitOf(headers: Headers): { remaining: number; resetSeconds: number } | undefined {
  const header = headers.get('ratelimit');
  if (!header) return undefined;
  const r = /(?:^|;)\s*r=(\d+)/.exec(header);
  const t = /(?:^|;)\s*t=(\d+)/.exec(header);
  if (!r || !t) return undefined;
  return { remaining: Number(r[1]), resetSeconds: Number(t[1]) };
}

/** Milliseconds to wait for a Retry-After header (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const at = Date.parse(header);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Joins a base URL (which may carry a path, e.g. a simulator's /npm) and a path. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function isHostDown(error: unknown): boolean {
  const code = (error as { cause?: { code?: string }; code?: string })?.cause?.code ?? (error as { code?: string })?.code;
  return code === 'ENOTFOUND' || code === 'ECONNREFUSED';
}

function backoff(attempt: number): number {
  return BASE_BACKOFF_MS * 2 ** (attempt - 1);
}

function requestSignal(ctx: SourceContext): AbortSignal {
  const timeout = AbortSignal.timeout(ctx.config.requestTimeoutMs);
  return ctx.signal ? AbortSignal.any([timeout, ctx.signal]) : timeout;
}

function briefBody(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return '';
  return `: ${redact(flat.length > 120 ? `${flat.slice(0, 120)}…` : flat)}`;
}

/**
 * The next page named by a Link header (RFC 8288, as GitHub and Hugging Face
 * page their lists), or null; relative to `base` when given, as written when not.
 */
export function nextLink(link: string | null | undefined, base?: string): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (m) return base === undefined ? m[1]! : new URL(m[1]!, base).toString();
  }
  return null;
}
