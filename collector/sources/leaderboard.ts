// LMSYS / LMArena leaderboard tables: `openpulse import leaderboard <file-or-URL>…` and a
// scheduled source that lists the tables under LEADERBOARD_URL (a URL or a local folder) and
// imports those it has not imported yet. One table gives facts for its own date only.

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LEADERBOARD_CLASSES } from '../catalog.ts';
import { isoDay } from '../observation.ts';
import { requestJson, requestText, UpstreamError } from './http.ts';
import { checkDecodedText, decodeText, groupCounts, LeaderboardFormatError, readLeaderboardTable, tableDateFromName } from './leaderboard-csv.ts';
import { UnreachableError, type Problem, type Source, type SourceContext } from './types.ts';
import { importArenaRows } from './arena.ts';
import { looksLikeArenaRows } from './arena-data.ts';

export interface ImportResult {
  /** Tables read and stored. */
  files: number;
  /** Facts emitted. */
  rows: number;
  /** Everything that was not stored, also passed to ctx.problem as it happened. */
  problems: Problem[];
  /** Rows folded into another (a key listed twice in one table), also logged as it happened; they do not fail the import. */
  notices: Problem[];
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);
/** A Hugging Face dataset viewer URL (/rows or /filter): its pages are read one after another. */
const isViewerUrl = (s: string) => isUrl(s) && /\/(rows|filter)$/.test(new URL(s).pathname);
const TABLE_NAME = /leaderboard_table_\d{8}\.csv/gi;

/**
 * Imports leaderboard tables from files, folders (every leaderboard_table_*.csv inside) or URLs,
 * and the Arena dataset's rows from files (JSON, JSON Lines, CSV) or dataset viewer URLs (arena.ts).
 * A file that cannot be read is reported with its name and the rest are imported.
 */
export async function importLeaderboards(ctx: SourceContext, fileOrUrls: string[]): Promise<ImportResult> {
  const result: ImportResult = { files: 0, rows: 0, problems: [], notices: [] };
  const report = (p: Problem) => {
    result.problems.push(p);
    ctx.problem(p);
  };
  const notice = (p: Problem) => {
    result.notices.push(p);
    ctx.log.warn(`source=leaderboard notice: ${p.message}`);
  };
  const targets: string[] = [];
  for (const item of fileOrUrls) {
    if (!isUrl(item)) {
      const info = await stat(item).catch(() => null);
      if (info?.isDirectory()) {
        const names = (await readdir(item)).filter((n) => tableDateFromName(n)).sort();
        if (names.length === 0) report({ subject: item, message: `${item}: the folder holds no leaderboard_table_YYYYMMDD.csv file` });
        targets.push(...names.map((n) => path.join(item, n)));
        continue;
      }
    }
    targets.push(item);
  }
  const today = isoDay(ctx.clock.now());
  let done = 0;
  for (const target of targets) {
    ctx.log.progress('leaderboard import', done, targets.length, path.basename(target));
    const imported = await importOne(ctx, target, today, report, notice);
    done++;
    if (imported !== null) {
      result.files++;
      result.rows += imported;
    }
  }
  ctx.log.progress('leaderboard import', done, targets.length);
  return result;
}

/**
 * Reads, checks and emits one table, or the Arena dataset's rows (a file or a dataset viewer
 * URL, told apart by their content: arena.ts); returns the number of facts, or null when it was
 * not imported.
 */
async function importOne(ctx: SourceContext, target: string, today: string, report: (p: Problem) => void, notice: (p: Problem) => void): Promise<number | null> {
  if (isViewerUrl(target)) return importArenaRows(ctx, target, null, report, notice);
  let text: string;
  try {
    text = await readTable(ctx, target);
  } catch (error) {
    if (error instanceof UnreachableError) throw error;
    report({ subject: target, message: (error as Error).message });
    return null;
  }
  if (looksLikeArenaRows(text) && !tableDateFromName(target)) return importArenaRows(ctx, target, text, report, notice);
  try {
    const { rows, problems, notices, summary } = readLeaderboardTable(ctx.catalog, target, text, today);
    for (const p of problems) report(p);
    for (const n of notices) notice(n);
    await ctx.emit(rows);
    const file = path.basename(target);
    const groups = groupCounts(summary.counts);
    ctx.log.info(
      `source=leaderboard file=${file} facts=${rows.length} date=${summary.date} layout=${summary.layout} models=${summary.models.length} ` +
        `closed=${groups.closed} open_noncommercial=${groups.open_noncommercial} open=${groups.open} unknown=${groups.unknown} ` +
        `(${LEADERBOARD_CLASSES.filter((c) => c !== 'unknown').map((c) => `${c}=${summary.counts[c]}`).join(' ')})` +
        (summary.hasElo ? '' : ' elo=none (counts only: this layout has no Arena Elo column)'),
    );
    const unknown = Object.entries(summary.licences.unknown);
    if (unknown.length > 0) {
      ctx.log.warn(
        `source=leaderboard file=${file}: ${groups.unknown} model(s) counted as unknown, their licence in no class: ` +
          `${unknown.map(([l, n]) => `${JSON.stringify(l)} ×${n}`).join(', ')}; add a licence to leaderboard_licences in the catalog where the string names one ("openpulse status" lists them all)`,
      );
    }
    return rows.length;
  } catch (error) {
    if (error instanceof LeaderboardFormatError) {
      report({ subject: target, message: error.message });
      return null;
    }
    throw error;
  }
}

async function readTable(ctx: SourceContext, target: string): Promise<string> {
  if (isUrl(target)) {
    const answer = await requestText(ctx, target);
    if (answer.status !== 200) {
      throw new Error(`${target}: HTTP ${answer.status}; check the URL (expected a leaderboard_table_YYYYMMDD.csv file)`);
    }
    if (answer.text.startsWith('PAR1') || /\.parquet$/i.test(new URL(target).pathname)) return 'PAR1';
    return checkDecodedText(answer.text, target);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(target);
  } catch (error) {
    throw new Error(`${target}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); pass an existing leaderboard_table_YYYYMMDD.csv or the Arena dataset's rows (JSON, JSON Lines or CSV)`);
  }
  // Parquet is binary: said so by name (readArenaFile's message), not refused as text in an unknown encoding.
  if (bytes.subarray(0, 4).toString('latin1') === 'PAR1' || /\.parquet$/i.test(target)) return 'PAR1';
  return decodeText(bytes, target);
}

/**
 * The tables listed under a leaderboard location: a local folder, a JSON array of file names
 * (or of {path} objects, as the Hugging Face tree API answers), or an HTML page linking them.
 * Returns full URLs or paths, oldest first.
 */
export async function listLeaderboardTables(ctx: SourceContext, location: string): Promise<string[]> {
  if (!isUrl(location)) {
    const names = await readdir(location).catch((error: NodeJS.ErrnoException) => {
      throw new UpstreamError(`cannot list the leaderboard folder ${location}: ${error.code ?? error.message}`, {
        url: location,
        hint: 'set LEADERBOARD_URL to an existing folder or a URL that lists leaderboard_table_YYYYMMDD.csv files',
      });
    });
    return names.filter((n) => tableDateFromName(n)).sort().map((n) => path.join(location, n));
  }
  const answer = await requestJson(ctx, location);
  if (answer.status !== 200) {
    throw new UpstreamError(`the leaderboard index ${location} answered HTTP ${answer.status}`, {
      status: answer.status,
      url: location,
      hint: 'set LEADERBOARD_URL to a URL that lists leaderboard_table_YYYYMMDD.csv files',
    });
  }
  let names: string[] = [];
  if (Array.isArray(answer.json)) {
    names = answer.json
      .map((item: unknown) => (typeof item === 'string' ? item : typeof item === 'object' && item ? String((item as { path?: unknown; name?: unknown }).path ?? (item as { name?: unknown }).name ?? '') : ''))
      .filter((n) => tableDateFromName(n));
  } else {
    names = [...new Set(answer.text.match(TABLE_NAME) ?? [])];
  }
  const base = location.endsWith('/') ? location : `${location}/`;
  return [...new Set(names)].sort((a, b) => (tableDateFromName(a)! < tableDateFromName(b)! ? -1 : 1)).map((n) => new URL(n, base).toString());
}

const IMPORTED_KEY = 'imported';

async function importListed(ctx: SourceContext, since?: string, until?: string): Promise<{ notes: string[] }> {
  const location = ctx.config.leaderboardUrl;
  if (!location) return { notes: ['LEADERBOARD_URL is unset: nothing to list (use `openpulse import leaderboard FILE…`)'] };
  const listed = await listLeaderboardTables(ctx, location);
  const imported = new Set<string>(JSON.parse((await ctx.state.get(IMPORTED_KEY)) ?? '[]') as string[]);
  const wanted = listed.filter((t) => {
    const name = path.basename(new URL(t, 'file:///').pathname);
    const date = tableDateFromName(name)!;
    return !imported.has(name) && (!since || date >= since) && (!until || date <= until);
  });
  const result = await importLeaderboards(ctx, wanted);
  const failed = new Set(result.problems.map((p) => p.subject));
  for (const t of wanted) if (!failed.has(t)) imported.add(path.basename(new URL(t, 'file:///').pathname));
  await ctx.state.set(IMPORTED_KEY, JSON.stringify([...imported].sort()));
  return { notes: [`tables listed=${listed.length} new=${wanted.length} imported=${result.files} rows=${result.rows}`] };
}

export const leaderboardSource: Source = {
  name: 'leaderboard',
  description: 'LMSYS / LMArena leaderboard tables: models per licence class (openness rung, non-commercial, unknown), best rank and Elo per class',
  endpoint: (config) => config.leaderboardUrl ?? '(LEADERBOARD_URL unset)',
  enabled: (_catalog, config) => Boolean(config.leaderboardUrl),
  collect: (ctx) => importListed(ctx),
  backfill: (ctx, options) => importListed(ctx, options.since, options.until),
};
