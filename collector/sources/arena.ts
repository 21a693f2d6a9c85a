// The Arena's leaderboard dataset (lmarena-ai/leaderboard-dataset on the Hugging Face Hub):
// every leaderboard the Arena has published, per publication date and category. A run asks the
// Hub for the dataset (that it exists, its revision, its subsets), then reads the rows of one
// subset and category newer than the last publication stored, as JSON pages of the Hub's
// dataset viewer (/filter), and stores each model's rank, rating with its interval and votes.
// `openpulse import leaderboard` reads the same rows from files or viewer URLs.

import path from 'node:path';
import { isoDay } from '../observation.ts';
import { readArenaFacts, readArenaFile, viewerPage, type ArenaOrigin, type ArenaPublication } from './arena-data.ts';
import { LeaderboardFormatError } from './leaderboard-csv.ts';
import { joinUrl, requestJson, UpstreamError } from './http.ts';
import type { Problem, Source, SourceContext } from './types.ts';

/** The viewer answers at most this many rows a page. */
export const VIEWER_PAGE_ROWS = 100;
/** A run reads at most this many pages (the text subset's overall category is about 40,000 rows, 400 pages); the rest is read by the next run. */
export const MAX_PAGES_PER_RUN = 1_000;

const cursorKey = (subset: string, category: string) => `cursor:${subset}/${category}`;
const revisionKey = (subset: string, category: string) => `revision:${subset}/${category}`;
/** Where an unfinished read stopped: the same question to the same revision resumes at that page. */
const resumeKey = (subset: string, category: string) => `resume:${subset}/${category}`;
interface Resume {
  after: string;
  revision: string;
  offset: number;
  newest: string;
}

interface DatasetInfo {
  sha?: string;
  lastModified?: string;
  subsets: string[];
}

/** GET {HF_ENDPOINT}/api/datasets/{id}: that it exists, its revision and the subsets its card declares. */
async function datasetInfo(ctx: SourceContext, dataset: string): Promise<DatasetInfo> {
  const url = joinUrl(ctx.config.hfEndpoint, `/api/datasets/${dataset}`);
  const headers: Record<string, string> = ctx.config.hfToken ? { authorization: `Bearer ${ctx.config.hfToken}` } : {};
  const answer = await requestJson(ctx, url, { headers });
  if (answer.status === 404 || answer.status === 401) {
    throw new UpstreamError(`the Hub has no dataset ${dataset} (HTTP ${answer.status} from ${url})`, {
      status: answer.status,
      url,
      hint: 'set ARENA_DATASET to the Arena\'s dataset id, lmarena-ai/leaderboard-dataset (and HF_ENDPOINT to the Hub or a mirror that has it)',
    });
  }
  if (answer.status !== 200 || !answer.json || typeof answer.json !== 'object') {
    throw new UpstreamError(`the Hub answered HTTP ${answer.status} for the dataset ${dataset}`, { status: answer.status, url });
  }
  const json = answer.json as { sha?: unknown; lastModified?: unknown; cardData?: { configs?: unknown } };
  const configs = Array.isArray(json.cardData?.configs) ? json.cardData.configs : [];
  return {
    ...(typeof json.sha === 'string' ? { sha: json.sha } : {}),
    ...(typeof json.lastModified === 'string' ? { lastModified: json.lastModified } : {}),
    subsets: configs.map((c) => (c && typeof c === 'object' ? String((c as { config_name?: unknown }).config_name ?? '') : '')).filter(Boolean),
  };
}

/** The /filter URL of one page: rows of the category, newer than `after` (exclusive), to `until` (inclusive). */
export function viewerFilterUrl(base: string, dataset: string, subset: string, category: string, offset: number, after?: string, until?: string): string {
  // Names and dates are checked (config, day format) before they get here: nothing to escape in them.
  const where = [`"category"='${category}'`, ...(after ? [`"leaderboard_publish_date">'${after}'`] : []), ...(until ? [`"leaderboard_publish_date"<='${until}'`] : [])].join(' AND ');
  const query = new URLSearchParams({ dataset, config: subset, split: 'full', where, offset: String(offset), length: String(VIEWER_PAGE_ROWS) });
  return `${joinUrl(base, '/filter')}?${query.toString()}`;
}

export interface ArenaReadSummary {
  pages: number;
  rows: number;
  publications: Map<string, number>;
  problems: number;
  complete: boolean;
}

/**
 * Reads every page of a viewer URL (/filter or /rows: its own offset is the start, length 100),
 * emitting the facts of each page as it arrives; `complete` is false when a stop or the page
 * cap ended it early.
 */
export async function readViewerPages(
  ctx: SourceContext,
  firstUrl: string,
  options: {
    category: string;
    origin: ArenaOrigin;
    label: string;
    report: (p: Problem) => void;
    notice: (p: Problem) => void;
    /** Called after each page is stored, with the offset to ask next. */
    onPage?: (nextOffset: number, publications: ReadonlyMap<string, number>) => Promise<void>;
  },
): Promise<ArenaReadSummary> {
  const summary: ArenaReadSummary = { pages: 0, rows: 0, publications: new Map(), problems: 0, complete: false };
  const today = isoDay(ctx.clock.now());
  const start = new URL(firstUrl);
  let offset = Number(start.searchParams.get('offset') ?? 0) || 0;
  let total: number | undefined;
  while (summary.pages < MAX_PAGES_PER_RUN) {
    if (ctx.signal?.aborted) return summary;
    const url = new URL(start);
    url.searchParams.set('offset', String(offset));
    url.searchParams.set('length', String(VIEWER_PAGE_ROWS));
    const answer = await requestJson(ctx, url.toString());
    if (answer.status !== 200) {
      const error = answer.json && typeof answer.json === 'object' ? String((answer.json as { error?: unknown }).error ?? '') : answer.text.slice(0, 200);
      throw new UpstreamError(`the dataset viewer answered HTTP ${answer.status} at offset ${offset}${error ? `: ${error}` : ''}`, {
        status: answer.status,
        url: url.toString(),
        hint: answer.status === 400
          ? 'check ARENA_SUBSET and ARENA_CATEGORY against the dataset\'s subsets and categories'
          : 'the viewer may still be indexing the dataset: rerun later (what was read is stored; the next run starts from the last publication stored)',
      });
    }
    const page = viewerPage(answer.json);
    if (!page) throw new UpstreamError(`the dataset viewer's answer at offset ${offset} has no "rows" list`, { url: url.toString(), hint: 'check HF_DATASETS_SERVER_URL points at the Hub\'s dataset viewer API' });
    total = page.total ?? total;
    const read = readArenaFacts(ctx.catalog, options.label, page, { category: options.category, origin: options.origin, today, firstIndex: offset });
    for (const p of read.problems) options.report(p);
    for (const n of read.notices) options.notice(n);
    summary.problems += read.problems.length;
    await ctx.emit(read.rows);
    summary.pages++;
    summary.rows += page.rows.length;
    countModels(summary.publications, read.publications);
    offset += page.rows.length;
    await options.onPage?.(offset, summary.publications);
    ctx.log.progress('arena rows', offset, total ?? offset);
    if (page.rows.length === 0 || (total !== undefined && offset >= total)) {
      summary.complete = true;
      return summary;
    }
  }
  return summary;
}

function countModels(into: Map<string, number>, publications: readonly ArenaPublication[]): void {
  for (const p of publications) into.set(p.date, (into.get(p.date) ?? 0) + p.models.length);
}

async function collectArena(ctx: SourceContext): Promise<{ notes: string[] }> {
  const { arenaDataset: dataset, arenaSubset: subset, arenaCategory: category } = ctx.config;
  if (!dataset) return { notes: ['ARENA_DATASET is unset: nothing to read (set it to lmarena-ai/leaderboard-dataset, or use `openpulse import leaderboard FILE…`)'] };
  const info = await datasetInfo(ctx, dataset);
  if (info.subsets.length && !info.subsets.includes(subset)) {
    throw new UpstreamError(`the dataset ${dataset} has no subset "${subset}"`, { url: joinUrl(ctx.config.hfEndpoint, `/api/datasets/${dataset}`), hint: `set ARENA_SUBSET to one of ${info.subsets.join(', ')}` });
  }
  const after = await ctx.state.get(cursorKey(subset, category));
  const seenRevision = await ctx.state.get(revisionKey(subset, category));
  if (info.sha && seenRevision === info.sha) {
    return { notes: [`dataset ${dataset} unchanged since revision ${info.sha.slice(0, 12)} (newest publication stored: ${after ?? 'none'}); nothing to read`] };
  }
  // A read that stopped (a limit, a stop signal, the page cap) resumes at its next page when the question and the revision are the same.
  const saved = JSON.parse((await ctx.state.get(resumeKey(subset, category))) || 'null') as Resume | null;
  const resume = saved && info.sha && saved.revision === info.sha && saved.after === (after ?? '') ? saved : null;
  let problems = 0;
  const summary = await readViewerPages(ctx, viewerFilterUrl(ctx.config.hfDatasetsServerUrl, dataset, subset, category, resume?.offset ?? 0, after), {
    category,
    origin: { dataset, subset, ...(info.sha ? { revision: info.sha } : {}) },
    label: `${dataset}/${subset}`,
    report: (p) => {
      problems++;
      ctx.problem(p);
    },
    notice: (p) => ctx.log.warn(`source=arena notice: ${p.message}`),
    onPage: async (offset, publications) => {
      if (!info.sha) return;
      const newest = [resume?.newest ?? '', ...publications.keys()].sort().at(-1)!;
      await ctx.state.set(resumeKey(subset, category), JSON.stringify({ after: after ?? '', revision: info.sha, offset, newest } satisfies Resume));
    },
  });
  const dates = [...summary.publications.keys()].sort();
  if (summary.complete) {
    // The rows of a publication may come on any page, so the cursor moves only once every page is read.
    const newest = [after ?? '', resume?.newest ?? '', ...dates].sort().at(-1)!;
    if (newest) await ctx.state.set(cursorKey(subset, category), newest);
    if (info.sha) await ctx.state.set(revisionKey(subset, category), info.sha);
    await ctx.state.set(resumeKey(subset, category), '');
  }
  ctx.log.info(
    `source=arena dataset=${dataset} subset=${subset} category=${category} revision=${info.sha?.slice(0, 12) ?? 'unknown'} after=${after ?? 'start'}${resume ? ` resumed_at=${resume.offset}` : ''} ` +
      `pages=${summary.pages} rows=${summary.rows} publications=${dates.length}${dates.length ? ` first=${dates[0]} last=${dates.at(-1)}` : ''} problems=${problems}` +
      (summary.complete ? '' : ' incomplete (the next run reads again from the last publication stored)'),
  );
  if (!summary.complete && !ctx.signal?.aborted) {
    ctx.problem({ subject: `arena:${subset}/${category}`, message: `read ${summary.pages} pages (the most a run reads); the rest is read by the next run` });
  }
  return { notes: [`publications=${dates.length} rows=${summary.rows} pages=${summary.pages}${summary.complete ? '' : ' (incomplete)'}`] };
}

/**
 * Imports rows of the dataset from a file's text or a dataset viewer URL (/rows or /filter: every
 * page from its offset on). Returns the facts stored, or null when nothing could be read.
 */
export async function importArenaRows(
  ctx: SourceContext,
  target: string,
  text: string | null,
  report: (p: Problem) => void,
  notice: (p: Problem) => void,
): Promise<number | null> {
  const category = ctx.config.arenaCategory;
  const origin: ArenaOrigin = { dataset: ctx.config.arenaDataset ?? 'lmarena-ai/leaderboard-dataset', subset: ctx.config.arenaSubset, file: path.basename(target.split(/[?#]/)[0]!) };
  const label = path.basename(target.split(/[?#]/)[0]!);
  let facts = 0;
  let publications = new Map<string, number>();
  let otherCategories: Record<string, number> = {};
  const unknown = new Map<string, number>();
  if (text === null) {
    const counting: SourceContext = {
      ...ctx,
      emit: async (rows) => {
        facts += rows.length;
        for (const r of rows) {
          const detail = r.detail as { class?: string; licence?: string } | undefined;
          if (r.metric === 'arena_model_elo' && detail?.class === 'unknown') unknown.set(String(detail.licence ?? ''), (unknown.get(String(detail.licence ?? '')) ?? 0) + 1);
        }
        await ctx.emit(rows);
      },
    };
    const summary = await readViewerPages(counting, target, { category, origin, label, report, notice });
    publications = summary.publications;
  } else {
    try {
      const raw = readArenaFile(target, text);
      const read = readArenaFacts(ctx.catalog, target, raw, { category, origin, today: isoDay(ctx.clock.now()) });
      for (const p of read.problems) report(p);
      for (const n of read.notices) notice(n);
      await ctx.emit(read.rows);
      facts = read.rows.length;
      countModels(publications, read.publications);
      otherCategories = read.otherCategories;
      for (const p of read.publications) for (const m of p.models) if (m.cls === 'unknown') unknown.set(m.licence, (unknown.get(m.licence) ?? 0) + 1);
    } catch (error) {
      if (error instanceof LeaderboardFormatError) {
        report({ subject: target, message: error.message });
        return null;
      }
      throw error;
    }
  }
  const dates = [...publications.keys()].sort();
  const others = Object.entries(otherCategories);
  ctx.log.info(
    `source=arena file=${label} category=${category} publications=${dates.length} models=${[...publications.values()].reduce((a, b) => a + b, 0)} facts=${facts}` +
      (dates.length ? ` first=${dates[0]} last=${dates.at(-1)}` : '') +
      (others.length ? ` other_categories=${others.map(([c, n]) => `${c}:${n}`).join(',')} (not stored: ARENA_CATEGORY=${category})` : ''),
  );
  if (unknown.size) {
    ctx.log.warn(
      `source=arena file=${label}: model rows counted as unknown, their licence in no class: ${[...unknown].map(([l, n]) => `${JSON.stringify(l)} ×${n}`).join(', ')}; ` +
        'add a licence to leaderboard_licences in the catalog where the string names one',
    );
  }
  if (dates.length === 0 && others.length) {
    report({ subject: target, message: `${label}: no row of the category "${category}" (the file has ${others.map(([c]) => c).join(', ')}); set ARENA_CATEGORY to the one to store` });
    return null;
  }
  return facts;
}

export const arenaSource: Source = {
  name: 'arena',
  description: "The Arena's leaderboard dataset (Hugging Face): per publication, each model's rank, rating with its interval, votes and licence class",
  endpoint: (config) => `${config.hfEndpoint} and ${config.hfDatasetsServerUrl}`,
  enabled: (_catalog, config) => Boolean(config.arenaDataset),
  collect: (ctx) => collectArena(ctx),
};
