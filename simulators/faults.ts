// Fault injection, switchable per endpoint and per test. A fault matches requests by path
// (glob, RegExp or predicate), may skip the first `after` matches, applies to `times`
// requests (default: all), and either replaces the answer (status bursts, rate limits,
// HTML error pages, hangs, dropped sockets), delays it, or rewrites it (malformed or
// truncated JSON, a missing day, an incomplete search) — or mutates the world mid-run.

import type { SimRequest } from './http-reply.ts';
import type { World } from './world.ts';

export const FAULT_KINDS = [
  'latency',
  'status',
  'timeout',
  'drop',
  'primary-limit',
  'secondary-limit',
  'malformed-json',
  'truncated-json',
  'html-error',
  'missing-day',
  'incomplete-results',
  'mutate',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  /** `'/github/repos/*'` (glob over the full path; `*` spans slashes), a RegExp over path?query, or a predicate. */
  match: string | RegExp | ((req: SimRequest) => boolean);
  kind: FaultKind;
  /** HTTP status for 'status' (default 503), 'html-error' (default 502 off GitHub, 503 on it), 'primary-limit' / 'secondary-limit' (default 403; 429 allowed). */
  status?: number;
  /** How many requests the fault applies to (default: every matching request while it is installed). */
  times?: number;
  /** Matching requests to let through untouched before the fault starts (default 0). */
  after?: number;
  /** Delay for 'latency' (default 200 ms). */
  ms?: number;
  /** `retry-after` seconds for 'secondary-limit' and for 429 replies (default 60). */
  retryAfter?: number;
  /** The day ('YYYY-MM-DD') 'missing-day' removes; default: the middle day of the answer. */
  day?: string;
  /** Replacement body for 'status'. */
  body?: string;
  /** Extra response headers for 'status' (e.g. a 429's RateLimit header). */
  headers?: Record<string, string>;
  /** For 'mutate': what to change in the world when the fault fires, e.g. `(w) => w.renameRepo(a, b)`. */
  run?: (world: World) => void;
  /** Only requests carrying this token fingerprint (`tok_…` or `anonymous`). */
  tokenId?: string;
  /**
   * For rewriting faults: whether an ETag the upstream sent names the body it meant to send
   * ('kept', the default: a proxy broke the body on the way) or the rewritten body ('recomputed':
   * the upstream itself answered so, as GitHub does with an incomplete search).
   */
  etag?: 'kept' | 'recomputed';
}

export interface FaultHandle {
  readonly spec: FaultSpec;
  /** How many requests this fault has shaped so far. */
  readonly fired: number;
  remove(): void;
}

export interface Faults {
  add(spec: FaultSpec): FaultHandle;
  clear(): void;
  readonly active: readonly FaultHandle[];
  /** The faults that fire for this request, in the order they were added. */
  take(req: SimRequest): FaultSpec[];
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\?/g, '\\?').replace(/\*+/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function matches(spec: FaultSpec, req: SimRequest): boolean {
  if (spec.tokenId !== undefined && spec.tokenId !== req.tokenId) return false;
  const search = req.query.toString();
  if (typeof spec.match === 'function') return spec.match(req);
  if (spec.match instanceof RegExp) return spec.match.test(search ? `${req.fullPath}?${search}` : req.fullPath);
  return globToRegExp(spec.match).test(spec.match.includes('?') && search ? `${req.fullPath}?${search}` : req.fullPath);
}

export function createFaults(): Faults {
  const installed: { spec: FaultSpec; seen: number; fired: number; handle: FaultHandle }[] = [];
  const remove = (spec: FaultSpec) => {
    const i = installed.findIndex((f) => f.spec === spec);
    if (i >= 0) installed.splice(i, 1);
  };
  return {
    add(spec) {
      if (!FAULT_KINDS.includes(spec.kind)) throw new Error(`unknown fault kind ${String(spec.kind)}; one of ${FAULT_KINDS.join(', ')}`);
      if (spec.kind === 'mutate' && typeof spec.run !== 'function') throw new Error("a 'mutate' fault needs run: (world) => ...");
      const entry = {
        spec,
        seen: 0,
        fired: 0,
        handle: {
          spec,
          get fired() {
            return entry.fired;
          },
          remove: () => remove(spec),
        } as FaultHandle,
      };
      installed.push(entry);
      return entry.handle;
    },
    clear() {
      installed.length = 0;
    },
    get active() {
      return installed.map((f) => f.handle);
    },
    take(req) {
      const firing: FaultSpec[] = [];
      for (const f of installed) {
        if (!matches(f.spec, req)) continue;
        f.seen++;
        if (f.seen <= (f.spec.after ?? 0)) continue;
        if (f.fired >= (f.spec.times ?? Infinity)) continue;
        f.fired++;
        firing.push(f.spec);
      }
      return firing;
    },
  };
}
