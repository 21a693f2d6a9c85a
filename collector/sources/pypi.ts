// PyPI daily downloads without mirrors, from pypistats
// GET /api/packages/{pkg}/overall?mirrors=false: one request per package gives every day
// pypistats keeps (180 days). The first run stores them all; later runs store the days after
// the last stored one and any day an earlier answer lacked. Older days are gone for good.
// pypistats lists no day before a package's first, so an answer that begins later than asked
// is not a gap: a young package has no such days, but an answer may also have left out its
// first days. Those are asked for again on the next runs (MAX_GAP_ATTEMPTS at most, one
// request each, so a young package costs at most that many extra requests).

import type { Catalog } from '../catalog.ts';
import { isoDay, validateObservation, type Observation } from '../observation.ts';
import { addDays, eachDay, maxDay, minDay } from '../days.ts';
import { MAX_GAP_ATTEMPTS, SeriesState } from './daily-series.ts';
import { joinUrl, requestJson, UpstreamError } from './http.ts';
import type { BackfillOptions, Source, SourceContext, SourceResult } from './types.ts';

/** Days of history pypistats keeps. */
export const PYPISTATS_DAYS_KEPT = 180;

/** Catalog PyPI packages with the family that lists them first. */
export function pypiPackages(catalog: Pick<Catalog, 'families'>): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of catalog.families) for (const p of f.pypi) if (!out.has(p)) out.set(p, f.id);
  return out;
}

/** PEP 503 normal form, as pypistats keys packages. */
export function normalisePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function overallUrl(base: string, pkg: string): string {
  return joinUrl(base, `api/packages/${encodeURIComponent(normalisePypiName(pkg))}/overall?mirrors=false`);
}

/** The without_mirrors series of an /overall answer: day → raw value, plus entries that are not {category, date, downloads}. */
export function parseOverall(json: unknown): { days: Map<string, unknown>; malformed: unknown[] } | null {
  const data = (json as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return null;
  const days = new Map<string, unknown>();
  const malformed: unknown[] = [];
  for (const item of data) {
    const entry = item as { category?: unknown; date?: unknown; downloads?: unknown } | null;
    if (!entry || typeof entry !== 'object' || typeof entry.date !== 'string' || !('downloads' in entry)) {
      malformed.push(item);
      continue;
    }
    if (entry.category !== 'without_mirrors') continue;
    if (days.has(entry.date)) malformed.push(item);
    else days.set(entry.date, entry.downloads);
  }
  return { days, malformed };
}

async function syncPypi(ctx: SourceContext, options: { since?: string; until?: string }): Promise<SourceResult> {
  const families = pypiPackages(ctx.catalog);
  const today = isoDay(ctx.clock.now());
  const lastComplete = addDays(today, -1);
  const until = options.until ? minDay(options.until, lastComplete) : lastComplete;
  const oldestKept = addDays(today, -PYPISTATS_DAYS_KEPT);
  const series = new SeriesState(ctx);
  await series.readAhead();
  const notes: string[] = [];
  let requests = 0;
  let rowsStored = 0;
  let done = 0;
  if (options.since && options.since < oldestKept) {
    notes.push(`pypistats keeps ${PYPISTATS_DAYS_KEPT} days: nothing before about ${oldestKept} can be backfilled`);
  }

  for (const [pkg, family] of families) {
    ctx.log.progress('pypi downloads', done++, families.size, pkg);
    const cover = await series.coverage(pkg);
    const gaps = await series.gaps(pkg);
    const leading = cover ? await series.leadingMiss(pkg) : undefined;
    // Days before the stored interval that a recent answer began after, still kept by pypistats.
    const retryLeading = cover && leading && leading.runs < MAX_GAP_ATTEMPTS && maxDay(leading.from, oldestKept) < cover.from ? maxDay(leading.from, oldestKept) : undefined;
    const since = options.since ?? retryLeading ?? cover?.from ?? oldestKept;
    const needsBackfill = !cover || since < cover.from;
    if (cover && cover.through >= until && !needsBackfill && Object.keys(gaps).length === 0) continue; // nothing new to ask for

    const url = overallUrl(ctx.config.pypistatsUrl, pkg);
    const answer = await requestJson(ctx, url);
    requests++;
    if (answer.status === 404) {
      ctx.problem({ subject: `pypi:${pkg}`, metric: 'pypi_downloads', raw: answer.json ?? answer.text.slice(0, 200), message: `pypistats has no package "${pkg}" (404 from ${url}); check the name in the catalog` });
      continue;
    }
    if (answer.status !== 200) {
      throw new UpstreamError(`pypistats answered HTTP ${answer.status} to ${url}: ${answer.text.slice(0, 200)}`, {
        status: answer.status,
        url,
        hint: 'check PYPISTATS_URL; the collection resumes where it stopped on the next run',
      });
    }
    const parsed = parseOverall(answer.json);
    if (!parsed) {
      ctx.problem({ subject: `pypi:${pkg}`, metric: 'pypi_downloads', raw: answer.text.slice(0, 200), message: `pypistats answered ${url} without a data array; nothing stored for ${pkg}` });
      continue;
    }
    for (const item of parsed.malformed) {
      ctx.problem({ subject: `pypi:${pkg}`, metric: 'pypi_downloads', raw: item, message: `pypistats sent an entry that is not one {category, date, downloads} for ${pkg}; skipped` });
    }

    const rows: Observation[] = [];
    const inWindow = [...parsed.days.keys()].filter((d) => d >= since && d <= until).sort();
    for (const [day, raw] of parsed.days) {
      if (day >= today && raw === 0) continue; // today is not published yet: never a zero
      const o: Observation = { source: 'pypi', subject: `pypi:${pkg}`, family, metric: 'pypi_downloads', observed_at: day, value: raw as number };
      const problem = typeof raw === 'number' ? validateObservation(o, today) : `value ${JSON.stringify(raw)} is not a number`;
      const wanted = day >= since && day <= until && (!cover || day < cover.from || day > cover.through || day in gaps);
      if (problem) {
        if (wanted || day > today) ctx.problem({ subject: o.subject, metric: o.metric, raw, message: `pypistats ${pkg} ${day}: ${problem}; not stored` });
        delete gaps[day];
        continue;
      }
      if (!wanted) continue;
      delete gaps[day];
      rows.push(o);
    }
    const first = inWindow[0];
    const last = inWindow[inWindow.length - 1];
    // An answer that begins later than asked (and than pypistats keeps): see the top of the file.
    if (first && first > maxDay(since, oldestKept)) {
      if ((leading?.runs ?? 0) < MAX_GAP_ATTEMPTS) await series.setLeadingMiss(pkg, { from: leading?.from ?? since, runs: (leading?.runs ?? 0) + 1 });
    } else if (first && leading) await series.setLeadingMiss(pkg, undefined);
    if (first && last) {
      // Days between the first and last the answer has, that it lacks and that are not stored yet.
      for (const d of eachDay(first, last)) {
        if (parsed.days.has(d)) continue;
        if (cover && d >= cover.from && d <= cover.through && !(d in gaps)) continue;
        if (!(d in gaps)) gaps[d] = -1; // new this run; counted below like a retried one
      }
      if (cover && first > addDays(cover.through, 1)) {
        ctx.problem({ subject: `pypi:${pkg}`, metric: 'pypi_downloads', raw: { stored_through: cover.through, oldest_answered: first }, message: `pypistats no longer has ${pkg} from ${addDays(cover.through, 1)} to ${addDays(first, -1)} (it keeps ${PYPISTATS_DAYS_KEPT} days); those days stay empty` });
      }
      const next = { from: cover ? minDay(cover.from, first) : first, through: cover && cover.through > last ? cover.through : last };
      if (rows.length > 0) await ctx.emit(rows);
      rowsStored += rows.length;
      await series.setCoverage(pkg, next);
    } else if (rows.length > 0) {
      await ctx.emit(rows);
      rowsStored += rows.length;
    }
    for (const d of Object.keys(gaps)) {
      if (d < since && !(cover && d >= cover.from)) continue;
      gaps[d] = (gaps[d] ?? 0) + 1;
      if (gaps[d]! >= MAX_GAP_ATTEMPTS || d < oldestKept) {
        ctx.problem({ subject: `pypi:${pkg}`, metric: 'pypi_downloads', raw: null, message: `pypistats gave no figure for ${pkg} on ${d} in ${gaps[d]! + 1} answers; the day stays empty (not stored as zero)` });
        delete gaps[d];
      } else {
        ctx.problem({ subject: `pypi:${pkg}`, metric: 'pypi_downloads', raw: null, message: `pypistats' answer lacked ${pkg} on ${d}; it is asked again next run (not stored as zero)` });
      }
    }
    await series.setGaps(pkg, gaps);
  }
  ctx.log.progress('pypi downloads', done, families.size);
  ctx.log.info(`source=pypi packages=${families.size} requests=${requests} rows=${rowsStored}`);
  return { notes };
}

export const pypiSource: Source = {
  name: 'pypi',
  description: 'PyPI daily downloads without mirrors (pypistats) of catalog packages',
  endpoint: (config) => config.pypistatsUrl,
  enabled: (catalog) => pypiPackages(catalog).size > 0,
  collect: (ctx) => syncPypi(ctx, {}),
  backfill: (ctx, options: BackfillOptions) => syncPypi(ctx, { since: options.since, until: options.until }),
};
