// What a simulated endpoint answers, before the server writes it: a status, headers and a
// body that is either a JSON value or raw text. Keeping replies as values lets faults
// rewrite them (truncate, corrupt, drop a day) and lets GitHub's ETag logic hash them.

import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, or the exact text when `raw` is set. */
  body: unknown;
  raw?: boolean;
}

/** One incoming request as every service sees it. */
export interface SimRequest {
  method: string;
  /** Path after the service prefix, e.g. `/repos/o/r` for `/github/repos/o/r`. */
  path: string;
  /** Full path including the prefix, e.g. `/github/repos/o/r`. */
  fullPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The bearer token, when one was sent. */
  token: string | null;
  /** A short stable fingerprint of the token (never the token), or 'anonymous'. */
  tokenId: string;
  /** The simulator's own base URL, e.g. http://127.0.0.1:4010. */
  origin: string;
}

export const JSON_TYPE = 'application/json; charset=utf-8';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body };
}

export function text(status: number, body: string, contentType: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': contentType, ...headers }, body, raw: true };
}

export function serialise(reply: Reply): string {
  if (reply.status === 304 || reply.body === undefined) return '';
  return reply.raw ? String(reply.body) : JSON.stringify(reply.body);
}

/** A weak ETag over the serialised body, shaped like GitHub's (W/"<sha256 hex>"). */
export function etagOf(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('hex')}"`;
}

export function ifNoneMatchHits(headers: IncomingHttpHeaders, etag: string): boolean {
  const header = headers['if-none-match'];
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/** Rebuilds a pagination Link header the way GitHub and the Hub write it. */
export function linkHeader(baseUrl: string, params: URLSearchParams, pageParam: string, links: [rel: string, value: string | number][]): string {
  return links
    .map(([rel, value]) => {
      const p = new URLSearchParams(params);
      p.set(pageParam, String(value));
      return `<${baseUrl}?${p.toString()}>; rel="${rel}"`;
    })
    .join(', ');
}

export function tokenFingerprint(token: string | null): string {
  if (!token) return 'anonymous';
  return `tok_${createHash('sha256').update(token).digest('hex').slice(0, 8)}`;
}

/** Integer query parameter with a default; NaN-safe. */
export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) ? n : fallback;
}
