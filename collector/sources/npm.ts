// npm daily downloads for every catalog package, from GET /downloads/range/{start}:{end}/{pkgs}.
// History is cheap, so the first run backfills as far as npm keeps (2015-01-10); later runs
// ask only for the days since the last stored one. Unscoped packages go up to 128 a request
// (at most 365 days), scoped ones one at a time (at most 18 months). A day's figure appears
// after UTC midnight, so today is never asked for and never stored as zero.

import type { Catalog } from '../catalog.ts';
import { isoDay, validateObservation, type Observation } from '../observation.ts';
import { addDays, daysBetween, eachDay, maxDay, minDay } from '../days.ts';
import { MAX_GAP_ATTEMPTS, SeriesState, type Coverage } from './daily-series.ts';
import { joinUrl, requestJson, shownUrl, UpstreamError } from './http.ts';
import type { BackfillOptions, Source, SourceContext, SourceResult } from './types.ts';

/** The first day npm's download counts cover. */
export const NPM_EARLIEST_DAY = '2015-01-10';
/** Packages per bulk request (npm's limit). */
export const NPM_BULK_MAX_PACKAGES = 128;
/** Days per bulk request (npm's limit: 365). */
export const NPM_BULK_MAX_DAYS = 365;
/** Days per single-package request (npm's limit: 18 months; kept under it). */
export const NPM_SINGLE_MAX_DAYS = 540;

export const isScoped = (pkg: string) => pkg.startsWith('@');

/** Catalog npm packages with the family that lists them first. */
export function npmPackages(catalog: Pick<Catalog, 'families'>): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of catalog.families) for (const p of f.npm) if (!out.has(p)) out.set(p, f.id);
  return out;
}

/**
 * Splits packages into requests: unscoped ones batched up to `max` per request, scoped ones
 * alone (npm refuses them in bulk). Packages are grouped by what they still need, so one
 * request serves every package in it.
 */
export function planBatches(packages: { name: string; key: string }[], max = NPM_BULK_MAX_PACKAGES): string[][] {
  const groups = new Map<string, string[]>();
  const batches: string[][] = [];
  for (const p of packages) {
    if (isScoped(p.name)) {
      batches.push([p.name]);
      continue;
    }
    const g = groups.get(p.key) ?? [];
    g.push(p.name);
    groups.set(p.key, g);
  }
  const bulk: string[][] = [];
  for (const names of groups.values()) for (let i = 0; i < names.length; i += max) bulk.push(names.slice(i, i + max));
  return [...bulk, ...batches];
}

/** Day ranges of at most `maxDays` covering from..to, ascending. */
export function chunkRange(from: string, to: string, maxDays: number): [string, string][] {
  const out: [string, string][] = [];
  for (let a = from; a <= to; a = addDays(a, maxDays)) out.push([a, minDay(addDays(a, maxDays - 1), to)]);
  return out;
}

export function rangeUrl(base: string, from: string, to: string, packages: string[]): string {
  return joinUrl(base, `downloads/range/${from}:${to}/${packages.join(',')}`);
}

interface DayCounts {
  /** day → raw value as npm sent it */
  days: Map<string, unknown>;
  /** entries that were not {day, downloads} */
  malformed: unknown[];
}

type PackageAnswer = { kind: 'ok'; counts: DayCounts } | { kind: 'missing'; raw: unknown };

/** Reads a range answer for the packages asked: single form for one package, bulk form otherwise. */
export function parseRangeAnswer(json: unknown, packages: string[]): Map<string, PackageAnswer> {
  const out = new Map<string, PackageAnswer>();
  const one = (entry: unknown): PackageAnswer => {
    if (!entry || typeof entry !== 'object' || !Array.isArray((entry as { downloads?: unknown }).downloads)) return { kind: 'missing', raw: entry };
    const counts: DayCounts = { days: new Map(), malformed: [] };
    for (const item of (entry as { downloads: unknown[] }).downloads) {
      const day = (item as { day?: unknown } | null)?.day;
      if (typeof day !== 'string' || !item || typeof item !== 'object' || !('downloads' in item)) counts.malformed.push(item);
      else if (counts.days.has(day)) counts.malformed.push(item);
      else counts.days.set(day, (item as { downloads: unknown }).downloads);
    }
    return { kind: 'ok', counts };
  };
  if (packages.length === 1) {
    out.set(packages[0]!, one(json));
  } else {
    const record = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
    for (const p of packages) out.set(p, one(record[p]));
  }
  return out;
}

interface RunTotals {
  requests: number;
  rows: number;
  notes: string[];
}

async function syncNpm(ctx: SourceContext, options: { since?: string; until?: string }): Promise<SourceResult> {
  const families = npmPackages(ctx.catalog);
  const today = isoDay(ctx.clock.now());
  const lastComplete = addDays(today, -1);
  const until = options.until ? minDay(options.until, lastComplete) : lastComplete;
  const series = new SeriesState(ctx);
  await series.readAhead();
  const totals: RunTotals = { requests: 0, rows: 0, notes: [] };

  // What each package still needs: days before its stored interval (backfill) and after it.
  const plans: { name: string; key: string; cover: Coverage | undefined; since: string }[] = [];
  for (const name of families.keys()) {
    const cover = await series.coverage(name);
    const since = maxDay(options.since ?? cover?.from ?? NPM_EARLIEST_DAY, NPM_EARLIEST_DAY);
    plans.push({ name, key: JSON.stringify([cover ?? null, since]), cover, since });
  }
  const byName = new Map(plans.map((p) => [p.name, p]));
  const batches = planBatches(plans);
  const estimate = batches.reduce((n, b) => {
    const p = byName.get(b[0]!)!;
    const span = p.cover
      ? Math.max(0, daysBetween(p.since, p.cover.from)) + Math.max(0, daysBetween(p.cover.through, until))
      : Math.max(0, daysBetween(p.since, until) + 1);
    return n + Math.ceil(span / (b.length > 1 ? NPM_BULK_MAX_DAYS : NPM_SINGLE_MAX_DAYS));
  }, 0);
  const progress = () => ctx.log.progress('npm downloads', totals.requests, Math.max(estimate, totals.requests));

  const run: BatchRun = { ctx, series, families, today, until, totals, progress };
  for (const batch of batches) await syncBatch(run, batch, byName.get(batch[0]!)!.since);
  await retryGaps(run);
  progress();
  ctx.log.info(`source=npm packages=${families.size} requests=${totals.requests} rows=${totals.rows}`);
  return { notes: totals.notes };
}

interface BatchRun {
  ctx: SourceContext;
  series: SeriesState;
  families: Map<string, string>;
  today: string;
  until: string;
  totals: RunTotals;
  progress: () => void;
}

/** Brings one batch (packages with the same stored interval) up to date, backwards then forwards. */
async function syncBatch(run: BatchRun, batch: string[], since: string): Promise<void> {
  const { series } = run;
  const maxDays = batch.length > 1 ? NPM_BULK_MAX_DAYS : NPM_SINGLE_MAX_DAYS;
  const covers = new Map<string, Coverage | undefined>();
  for (const p of batch) covers.set(p, await series.coverage(p));
  let active = [...batch];

  // Backwards: days before the stored interval, newest chunk first, so the interval grows without a hole.
  const first = covers.get(batch[0]!);
  if (first && since < first.from) {
    for (let b = addDays(first.from, -1); b >= since && active.length > 0; ) {
      const a = maxDay(addDays(b, -(maxDays - 1)), since);
      const answers = await ask(run, active, a, b);
      if (!answers) return;
      for (const p of [...active]) {
        const answer = answers.get(p)!;
        if (answer.kind === 'missing') {
          active = active.filter((x) => x !== p);
          continue;
        }
        await store(run, p, answer.counts, a, b, { allMissingAreGaps: true });
        const cover = covers.get(p)!;
        const next = { from: a, through: cover.through };
        covers.set(p, next);
        await series.setCoverage(p, next);
      }
      b = addDays(a, -1);
    }
  }

  // Forwards: from the day after the last stored one to the last complete day.
  for (;;) {
    if (active.length === 0) return;
    const start = active.map((p) => (covers.get(p) ? addDays(covers.get(p)!.through, 1) : since)).reduce(minDay);
    if (start > run.until) return;
    const end = minDay(addDays(start, maxDays - 1), run.until);
    const answers = await ask(run, active, start, end);
    if (!answers) return;
    let progressed = false;
    for (const p of [...active]) {
      const answer = answers.get(p)!;
      if (answer.kind === 'missing') {
        active = active.filter((x) => x !== p);
        continue;
      }
      const cover = covers.get(p);
      const own = cover ? addDays(cover.through, 1) : since;
      const last = await store(run, p, answer.counts, own, end, { allMissingAreGaps: false });
      if (last === null) {
        // Nothing published yet past the stored days (e.g. right after midnight): next run.
        active = active.filter((x) => x !== p);
        continue;
      }
      progressed = true;
      const next = { from: cover?.from ?? own, through: last };
      covers.set(p, next);
      await series.setCoverage(p, next);
    }
    if (!progressed) return;
  }
}

/** One range request; null when the upstream refused the batch (reported). 404 on a bulk: each package alone. */
async function ask(run: BatchRun, packages: string[], from: string, to: string): Promise<Map<string, PackageAnswer> | null> {
  const { ctx, totals } = run;
  const url = rangeUrl(ctx.config.npmDownloadsUrl, from, to, packages);
  const answer = await requestJson(ctx, url);
  totals.requests++;
  run.progress();
  if (answer.status === 404) {
    if (packages.length === 1) {
      const pkg = packages[0]!;
      ctx.problem({ subject: `npm:${pkg}`, metric: 'npm_downloads', raw: answer.json ?? answer.text.slice(0, 200), message: `npm has no package "${pkg}" (404 from ${url}); check the name in the catalog` });
      return new Map([[pkg, { kind: 'missing', raw: answer.json }]]);
    }
    const merged = new Map<string, PackageAnswer>();
    for (const p of packages) {
      const single = await ask(run, [p], from, to);
      const got = single?.get(p);
      merged.set(p, got ?? { kind: 'missing', raw: null });
    }
    return merged;
  }
  if (answer.status !== 200) {
    const message = `npm answered HTTP ${answer.status} to ${shownUrl(url)}: ${answer.text.slice(0, 200)}`;
    throw new UpstreamError(message, { status: answer.status, url, hint: 'check NPM_DOWNLOADS_URL; the collection resumes where it stopped on the next run' });
  }
  const parsed = parseRangeAnswer(answer.json, packages);
  for (const [p, a] of parsed) {
    if (a.kind === 'missing') {
      ctx.problem({ subject: `npm:${p}`, metric: 'npm_downloads', raw: a.raw ?? null, message: `npm has no package "${p}" (no entry in the answer to ${packages.length === 1 ? shownUrl(url) : `the request for ${packages.length} packages from ${from} to ${to}`}); check the name in the catalog` });
    }
  }
  return parsed;
}

/**
 * Emits the valid days of one package within from..to and records the days the answer lacked.
 * Returns the last day the interval may advance to (null when the answer had none of these days).
 */
async function store(
  run: BatchRun,
  pkg: string,
  counts: DayCounts,
  from: string,
  to: string,
  how: { allMissingAreGaps: boolean },
): Promise<string | null> {
  const { ctx, today, series } = run;
  const family = run.families.get(pkg) ?? '';
  const rows: Observation[] = [];
  for (const item of counts.malformed) {
    ctx.problem({ subject: `npm:${pkg}`, metric: 'npm_downloads', raw: item, message: `npm sent an entry that is not one {day, downloads} for ${pkg}; skipped` });
  }
  let last: string | null = null;
  for (const [day, raw] of counts.days) {
    if (day === today && raw === 0) continue; // not yet published: never a zero
    if (day >= from && day <= to && (last === null || day > last)) last = day;
    if (day < from) continue; // already stored by an earlier request
    const o: Observation = { source: 'npm', subject: `npm:${pkg}`, family, metric: 'npm_downloads', observed_at: day, value: raw as number };
    const problem = typeof raw === 'number' ? validateObservation(o, today) : `value ${JSON.stringify(raw)} is not a number`;
    if (problem) {
      ctx.problem({ subject: o.subject, metric: o.metric, raw, message: `npm ${pkg} ${day}: ${problem}; not stored` });
      continue;
    }
    if (day > to) continue; // outside what was asked: the next request will ask for it
    rows.push(o);
  }
  const end = how.allMissingAreGaps ? to : last;
  if (end !== null) {
    const missing = eachDay(from, end).filter((d) => !counts.days.has(d));
    if (missing.length > 0) {
      const gaps = await series.gaps(pkg);
      for (const d of missing) gaps[d] ??= 0;
      await series.setGaps(pkg, gaps);
    }
  }
  if (rows.length > 0) await ctx.emit(rows);
  run.totals.rows += rows.length;
  return how.allMissingAreGaps ? to : last;
}

/** Asks again, one package at a time, for days earlier answers lacked; gives up after MAX_GAP_ATTEMPTS runs. */
async function retryGaps(run: BatchRun): Promise<void> {
  const { ctx, series } = run;
  for (const pkg of run.families.keys()) {
    const gaps = await series.gaps(pkg);
    const days = Object.keys(gaps).sort();
    if (days.length === 0) continue;
    let refused = false;
    for (const [a, b] of chunkRange(days[0]!, days[days.length - 1]!, NPM_SINGLE_MAX_DAYS)) {
      if (!days.some((d) => d >= a && d <= b)) continue;
      const answers = await ask(run, [pkg], a, b);
      const answer = answers?.get(pkg);
      if (!answer || answer.kind === 'missing') {
        refused = true; // reported by ask(); the days stay listed for the next run
        break;
      }
      const rows: Observation[] = [];
      for (const d of days.filter((x) => x >= a && x <= b)) {
        const raw = answer.counts.days.get(d);
        if (raw === undefined) continue;
        delete gaps[d];
        const o: Observation = { source: 'npm', subject: `npm:${pkg}`, family: run.families.get(pkg) ?? '', metric: 'npm_downloads', observed_at: d, value: raw as number };
        const problem = typeof raw === 'number' ? validateObservation(o, run.today) : `value ${JSON.stringify(raw)} is not a number`;
        if (problem) ctx.problem({ subject: o.subject, metric: o.metric, raw, message: `npm ${pkg} ${d}: ${problem}; not stored` });
        else rows.push(o);
      }
      if (rows.length > 0) await ctx.emit(rows);
      run.totals.rows += rows.length;
    }
    if (refused) continue;
    for (const d of Object.keys(gaps)) {
      gaps[d] = (gaps[d] ?? 0) + 1;
      if (gaps[d]! >= MAX_GAP_ATTEMPTS) {
        ctx.problem({ subject: `npm:${pkg}`, metric: 'npm_downloads', raw: null, message: `npm gave no figure for ${pkg} on ${d} in ${MAX_GAP_ATTEMPTS} runs; the day stays empty (not stored as zero)` });
        delete gaps[d];
      } else {
        ctx.problem({ subject: `npm:${pkg}`, metric: 'npm_downloads', raw: null, message: `npm's answer lacked ${pkg} on ${d}; asked again and still missing, it is asked again next run (not stored as zero)` });
      }
    }
    await series.setGaps(pkg, gaps);
    if (Object.keys(gaps).length > 0) run.totals.notes.push(`npm ${pkg}: ${Object.keys(gaps).length} day(s) still missing, retried next run`);
  }
}

export const npmSource: Source = {
  name: 'npm',
  description: 'npm daily downloads of catalog packages (SDKs of closed APIs, runtimes of open models)',
  endpoint: (config) => config.npmDownloadsUrl,
  enabled: (catalog) => npmPackages(catalog).size > 0,
  collect: (ctx) => syncNpm(ctx, {}),
  backfill: (ctx, options: BackfillOptions) => syncNpm(ctx, { since: options.since, until: options.until }),
};
