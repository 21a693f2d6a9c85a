// LMSYS / LMArena leaderboard tables: `openpulse import leaderboard <file-or-URL>…` and a
// scheduled source that lists the tables under LEADERBOARD_URL (a URL or a local folder) and
// imports those it has not imported yet. One table gives facts for its own date only.

import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isoDay } from '../observation.ts';
import { requestJson, requestText, UpstreamError } from './http.ts';
import { checkDecodedText, decodeText, LeaderboardFormatError, readLeaderboardTable, tableDateFromName } from './leaderboard-csv.ts';
import { UnreachableError, type Problem, type Source, type SourceContext } from './types.ts';

export interface ImportResult {
  /** Tables read and stored. */
  files: number;
  /** Facts emitted. */
  rows: number;
  /** Everything that was not stored, also passed to ctx.problem as it happened. */
  problems: Problem[];
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);
const TABLE_NAME = /leaderboard_table_\d{8}\.csv/gi;

/**
 * Imports leaderboard tables from files, folders (every leaderboard_table_*.csv inside) or URLs.
 * A table that cannot be read is reported with its file name and the rest are imported.
 */
export async function importLeaderboards(ctx: SourceContext, fileOrUrls: string[]): Promise<ImportResult> {
  const result: ImportResult = { files: 0, rows: 0, problems: [] };
  const report = (p: Problem) => {
    result.problems.push(p);
    ctx.problem(p);
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
    const imported = await importOne(ctx, target, today, report);
    done++;
    if (imported !== null) {
      result.files++;
      result.rows += imported;
    }
  }
  ctx.log.progress('leaderboard import', done, targets.length);
  return result;
}

/** Reads, checks and emits one table; returns the number of facts, or null when it was not imported. */
async function importOne(ctx: SourceContext, target: string, today: string, report: (p: Problem) => void): Promise<number | null> {
  let text: string;
  try {
    text = await readTable(ctx, target);
  } catch (error) {
    if (error instanceof UnreachableError) throw error;
    report({ subject: target, message: (error as Error).message });
    return null;
  }
  try {
    const { rows, problems, summary } = readLeaderboardTable(ctx.catalog, target, text, today);
    for (const p of problems) report(p);
    await ctx.emit(rows);
    ctx.log.info(
      `source=leaderboard file=${path.basename(target)} facts=${rows.length} date=${summary.date} layout=${summary.layout} ` +
        `closed=${summary.counts.closed} open_noncommercial=${summary.counts.open_noncommercial} open=${summary.counts.open}` +
        (summary.hasElo ? '' : ' elo=none (counts only: this layout has no Arena Elo column)'),
    );
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
    return checkDecodedText(answer.text, target);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(target);
  } catch (error) {
    throw new Error(`${target}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); pass an existing leaderboard_table_YYYYMMDD.csv`);
  }
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
  description: 'LMSYS / LMArena leaderboard tables: models per licence class, best rank and Elo per class',
  endpoint: (config) => config.leaderboardUrl ?? '(LEADERBOARD_URL unset)',
  enabled: (_catalog, config) => Boolean(config.leaderboardUrl),
  collect: (ctx) => importListed(ctx),
  backfill: (ctx, options) => importListed(ctx, options.since, options.until),
};
