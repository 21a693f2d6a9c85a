// Reading LMSYS / LMArena `leaderboard_table_YYYYMMDD.csv` files and turning one table into
// facts: models per licence class (a rung of the openness ladder plus a non-commercial
// flag, or unknown), the best rank and Elo of each class, and each model's rank, Elo and
// catalog family. Pure functions: the source and the import command do the I/O.

import { classifyLicence, familyOfModel, LEADERBOARD_CLASSES, type Catalog, type LeaderboardClass } from '../catalog.ts';
import { LEADERBOARD_CLASSES as LEADERBOARD_CLASS_ENTRIES, LEADERBOARD_GROUPS, type LeaderboardGroup } from '../../registry/openness.ts';
import { dayProblem, isCalendarDay } from '../days.ts';
import { OpenPulseError } from '../errors.ts';
import { validateObservation, type Observation } from '../observation.ts';
import type { Problem } from './types.ts';

/** The column layouts the tables have used, oldest first. A table must carry every column of one. */
export const LEADERBOARD_LAYOUTS = [
  {
    name: '2023',
    used: '2023-06-19 to 2023-12-20',
    columns: ['Model', 'MT-bench (score)', 'Arena Elo rating', 'MMLU', 'License', 'Link'],
    optional: [] as string[],
  },
  {
    name: '2024+',
    used: 'since 2024-01-09 (Knowledge cutoff date from 2024-01-25)',
    columns: ['key', 'Model', 'MT-bench (score)', 'MMLU', 'License', 'Organization', 'Link'],
    optional: ['Knowledge cutoff date'],
  },
] as const;

export type LayoutName = (typeof LEADERBOARD_LAYOUTS)[number]['name'];

export interface LeaderboardRow {
  /** 1-based line number in the file, for messages. */
  line: number;
  model: string;
  key?: string;
  licence: string;
  organization?: string;
  /** Arena Elo as written, when the layout has the column. */
  eloRaw?: string;
}

export interface LeaderboardTable {
  file: string;
  /** The table date from the file name, YYYY-MM-DD. */
  date: string;
  layout: LayoutName;
  hasElo: boolean;
  rows: LeaderboardRow[];
}

/** Raised when a file is not a leaderboard table we can read; the message names the file (and line, when one is at fault). */
export class LeaderboardFormatError extends Error {
  readonly file: string;
  constructor(file: string, message: string, line?: number) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${message}`);
    this.name = 'LeaderboardFormatError';
    this.file = file;
  }
}

/**
 * The text of a file read as bytes: UTF-8 (with or without a BOM), or UTF-16 LE/BE (with a
 * BOM, or told apart by where the zero bytes of ASCII characters fall), as spreadsheet
 * programs save "Unicode text". Anything else (Latin-1, Windows-1252) is refused by name
 * instead of being read with its accented letters mangled.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const encoding = detectEncoding(bytes);
  try {
    // fatal: an invalid sequence throws instead of turning into U+FFFD; the BOM is dropped.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    const loose = new TextDecoder(encoding).decode(bytes);
    return refuseUndecodable(loose, file, encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase());
  }
}

/** Text a server sent, already decoded as UTF-8 by fetch: replacement characters or NULs mean it was not UTF-8. */
export function checkDecodedText(text: string, file: string): string {
  return /[\ufffd\u0000]/.test(text) ? refuseUndecodable(text, file, 'UTF-8') : text;
}

function detectEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // Without a BOM: ASCII in UTF-16 has a zero byte in every pair, after the letter (LE) or before it (BE).
  const pairs = Math.floor(Math.min(bytes.length, 1024) / 2);
  let zeroFirst = 0;
  let zeroSecond = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) zeroFirst++;
    if (bytes[2 * i + 1] === 0) zeroSecond++;
  }
  if (pairs > 0 && zeroSecond > pairs * 0.4 && zeroFirst < pairs * 0.05) return 'utf-16le';
  if (pairs > 0 && zeroFirst > pairs * 0.4 && zeroSecond < pairs * 0.05) return 'utf-16be';
  return 'utf-8';
}

function refuseUndecodable(loose: string, file: string, encoding: string): never {
  const at = loose.search(/[\ufffd\u0000]/);
  const line = at < 0 ? 1 : loose.slice(0, at).split('\n').length;
  const near = at < 0 ? '' : ` near ${JSON.stringify(loose.slice(Math.max(0, at - 20), at + 1).replace(/^.*\n/s, ''))}`;
  const name = file.split(/[\\/]/).pop() ?? file;
  throw new OpenPulseError(
    'IMPORT',
    `${file}:${line}: the file is not ${encoding} text${near}${encoding === 'UTF-8' ? ' (perhaps Latin-1 or Windows-1252)' : ''}; ` +
      `convert it to UTF-8 and import it again, e.g. iconv -f LATIN1 -t UTF-8 ${name} > ${name}.utf8 && mv ${name}.utf8 ${name}`,
  );
}

const FILE_DATE = /leaderboard_table_(\d{4})(\d{2})(\d{2})\.csv$/i;

/** The table date written in a file name such as leaderboard_table_20230720.csv, or null. */
export function tableDateFromName(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const m = FILE_DATE.exec(base.split(/[?#]/)[0] ?? base);
  if (!m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  return isCalendarDay(day) ? day : null;
}

/** A CSV record: its first line (1-based) and cells; `ended` is false for a last record with no line break after it. */
export interface CsvRecord {
  line: number;
  cells: string[];
  ended: boolean;
}

/** A text that is not CSV, with the line at fault. */
export class CsvError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = 'CsvError';
    this.line = line;
  }
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, a leading BOM. Blank lines are dropped. */
export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRecord = (ended: boolean) => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]!.trim() === '')) out.push({ line: recordLine, cells, ended });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord(true);
      line++;
      recordLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new CsvError(recordLine, `a quoted field opened on line ${recordLine} is never closed`);
  if (cell !== '' || cells.length > 0) endRecord(false);
  return out;
}

/**
 * A table cut short in transit still parses: its last row loses cells, or keeps them all with
 * the last one cut (mid-URL), or leaves a quote open. Tables end with a line break, and every
 * row has the header's cells; anything else is refused before a count is taken from it.
 */
function checkComplete(file: string, records: readonly CsvRecord[]): void {
  const width = records[0]!.cells.length;
  for (const r of records) {
    if (r.cells.length === width) continue;
    const last = r === records.at(-1);
    throw new LeaderboardFormatError(
      file,
      `${r.cells.length} cell${r.cells.length === 1 ? '' : 's'} where the header has ${width}` +
        (last ? ': the table looks cut short; download it again' : ': a comma or quote is missing or extra; fix this line or download the table again'),
      r.line,
    );
  }
  const last = records.at(-1)!;
  if (!last.ended && records.length > 1) {
    throw new LeaderboardFormatError(
      file,
      `the last line does not end with a line break (it ends ${JSON.stringify(last.cells.at(-1)!.slice(-30))}), so the table may be cut short; ` +
        'download it again, or end the file with a line break if it is complete',
      last.line,
    );
  }
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Parses one table. Throws LeaderboardFormatError naming the file and what is missing. */
export function parseLeaderboardTable(file: string, text: string): LeaderboardTable {
  const date = tableDateFromName(file);
  if (!date) {
    throw new LeaderboardFormatError(file, 'cannot tell the table date: name the file leaderboard_table_YYYYMMDD.csv, as LMArena does');
  }
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw new LeaderboardFormatError(file, `not valid CSV: ${error.message}: the table looks cut short; download it again`, error.line);
  }
  const header = records[0];
  if (!header) throw new LeaderboardFormatError(file, 'the file is empty (expected a header line and one line per model)');
  // A table cut right after its header would count zero models of every class.
  if (records.length === 1) throw new LeaderboardFormatError(file, 'the table has a header but no model lines: it looks cut short; download it again', header.line);
  checkComplete(file, records);
  const index = new Map<string, number>();
  header.cells.forEach((c, i) => {
    if (!index.has(norm(c))) index.set(norm(c), i);
  });
  const fits = LEADERBOARD_LAYOUTS.map((layout) => ({
    layout,
    missing: layout.columns.filter((c) => !index.has(norm(c))),
  }));
  const fit = fits.find((f) => f.missing.length === 0);
  if (!fit) {
    // The closest layout: fewest columns missing, then most columns found (a `key` column points at 2024+).
    const closest = [...fits].sort((a, b) => a.missing.length - b.missing.length || b.layout.columns.length - a.layout.columns.length)[0]!;
    const found = header.cells.map((c) => c.trim()).join(', ');
    throw new LeaderboardFormatError(
      file,
      `no ${closest.missing.map((c) => `"${c}"`).join(', ')} column (closest layout: ${closest.layout.name}, used ${closest.layout.used}). ` +
        `The header has: ${found}. Known layouts: ${LEADERBOARD_LAYOUTS.map((l) => `${l.name}: ${l.columns.join(', ')}`).join(' | ')}`,
    );
  }
  const col = (name: string) => index.get(norm(name));
  const modelCol = col('Model')!;
  const licenceCol = col('License')!;
  const keyCol = col('key');
  const orgCol = col('Organization');
  const eloCol = fit.layout.name === '2023' ? col('Arena Elo rating') : undefined;
  const rows: LeaderboardRow[] = records.slice(1).map((r) => {
    const row: LeaderboardRow = {
      line: r.line,
      model: (r.cells[modelCol] ?? '').trim(),
      licence: (r.cells[licenceCol] ?? '').trim(),
    };
    if (keyCol !== undefined) row.key = (r.cells[keyCol] ?? '').trim();
    if (orgCol !== undefined) row.organization = (r.cells[orgCol] ?? '').trim();
    if (eloCol !== undefined) row.eloRaw = (r.cells[eloCol] ?? '').trim();
    return row;
  });
  return { file, date, layout: fit.layout.name, hasElo: eloCol !== undefined, rows };
}

/** Highest Elo a leaderboard has shown is about 1500; anything far outside this range is a bad cell. */
const ELO_RANGE = { min: 100, max: 4000 } as const;

export interface ClassifiedModel {
  /** The table's own identity of the row: its `key` cell (2024+ layouts), else its Model name (2023 layout). */
  key: string;
  model: string;
  /** The License cell as written. */
  licence: string;
  cls: LeaderboardClass;
  family: string;
  elo?: number;
  rank?: number;
}

export interface TableSummary {
  date: string;
  layout: LayoutName;
  hasElo: boolean;
  /** Models per class, every class present (0 when none). */
  counts: Record<LeaderboardClass, number>;
  /** Per class, the License strings as written and how many models carry each. */
  licences: Record<LeaderboardClass, Record<string, number>>;
  best: Partial<Record<LeaderboardClass, { rank: number; elo: number; model: string }>>;
  models: ClassifiedModel[];
  /** Rows not stored (empty row, bad Elo): reported as problems. */
  problems: Problem[];
  /** Rows folded into another (a key listed twice): reported, not failing the import. */
  notices: Problem[];
}

/** The three figures the 2023 counts are phrased in, plus unknown, from a table's classes (as leaderboard_openness derives them). */
export function groupCounts(counts: Record<LeaderboardClass, number>): Record<LeaderboardGroup, number> {
  const out = Object.fromEntries(LEADERBOARD_GROUPS.map((g) => [g.id, 0])) as Record<LeaderboardGroup, number>;
  for (const c of LEADERBOARD_CLASS_ENTRIES) out[c.group] += counts[c.id];
  return out;
}

/**
 * Classifies every model of a table by its licence (the catalog's one table; a string no
 * class takes is `unknown`), matches its catalog family and ranks models by Elo,
 * descending, 1 = best (equal Elo shares a rank). Every row is one model, identified by
 * the table's key (Model in the 2023 layout): rows with distinct keys are distinct models
 * even when they share a display name, and only a key listed twice is folded into its
 * first row, with a notice naming the key and the table.
 */
export function summariseTable(catalog: Pick<Catalog, 'leaderboard_licences' | 'families'>, table: LeaderboardTable): TableSummary {
  const problems: Problem[] = [];
  const notices: Problem[] = [];
  const models: ClassifiedModel[] = [];
  const seen = new Map<string, { line: number; licence: string }>();
  for (const row of table.rows) {
    const where = `${table.file}:${row.line}`;
    const key = row.key || row.model;
    if (!key) {
      const cells = row.key === undefined ? 'the Model cell is' : 'the key and Model cells are';
      problems.push({ subject: `arena-model:`, raw: row, message: `${where}: ${cells} empty, so the row names no model; row skipped (fix the line or download the table again)` });
      continue;
    }
    const first = seen.get(key);
    if (first) {
      const differs = first.licence === row.licence ? '' : `; its licence "${row.licence}" differs from "${first.licence}" on line ${first.line}, which is kept`;
      notices.push({
        subject: `arena-model:${key}`,
        raw: key,
        message: `${where}: ${row.key ? 'key' : 'model'} "${key}" is listed again (first on line ${first.line}) in ${table.date}'s table; counted once${differs}`,
      });
      continue;
    }
    seen.set(key, { line: row.line, licence: row.licence });
    const model = row.model || key;
    const cls: LeaderboardClass = classifyLicence(catalog, row.licence) ?? 'unknown';
    const m: ClassifiedModel = { key, model, licence: row.licence, cls, family: familyOfModel(catalog, model) };
    if (table.hasElo && row.eloRaw !== undefined && row.eloRaw !== '' && row.eloRaw !== '-') {
      const elo = Number(row.eloRaw);
      if (!Number.isFinite(elo) || elo < ELO_RANGE.min || elo > ELO_RANGE.max) {
        problems.push({
          subject: `arena-model:${key}`,
          metric: 'arena_model_elo',
          raw: row.eloRaw,
          message: `${where}: Arena Elo rating "${row.eloRaw}" of "${model}" is not a rating between ${ELO_RANGE.min} and ${ELO_RANGE.max}; the model is counted but not ranked`,
        });
      } else {
        m.elo = elo;
      }
    }
    models.push(m);
  }
  const ranked = models.filter((m) => m.elo !== undefined).sort((a, b) => b.elo! - a.elo!);
  ranked.forEach((m, i) => {
    const previous = ranked[i - 1];
    m.rank = previous && previous.elo === m.elo ? previous.rank! : i + 1;
  });
  const counts = Object.fromEntries(LEADERBOARD_CLASSES.map((c) => [c, 0])) as Record<LeaderboardClass, number>;
  const licences = Object.fromEntries(LEADERBOARD_CLASSES.map((c) => [c, {}])) as Record<LeaderboardClass, Record<string, number>>;
  const best: TableSummary['best'] = {};
  for (const m of models) {
    counts[m.cls]++;
    licences[m.cls][m.licence] = (licences[m.cls][m.licence] ?? 0) + 1;
    if (m.rank !== undefined && (!best[m.cls] || m.rank < best[m.cls]!.rank)) best[m.cls] = { rank: m.rank, elo: m.elo!, model: m.model };
  }
  return { date: table.date, layout: table.layout, hasElo: table.hasElo, counts, licences, best, models, problems, notices };
}

/** Keys of the unknown-licence models listed per string in a fact's detail, at most this many. */
const UNKNOWN_EXAMPLES = 5;

/**
 * The facts one table gives: arena_models per class always (0 included; the detail
 * carries the License strings counted and, for `unknown`, a few models per string);
 * ranks and Elo only where the table has Elo.
 */
export function tableObservations(summary: TableSummary, file: string): Observation[] {
  const rows: Observation[] = [];
  const base = { source: 'leaderboard' as const, observed_at: summary.date };
  for (const cls of LEADERBOARD_CLASSES) {
    const families: Record<string, number> = {};
    for (const m of summary.models) if (m.cls === cls && m.family) families[m.family] = (families[m.family] ?? 0) + 1;
    const detail: Record<string, unknown> = { file, layout: summary.layout, families, licences: summary.licences[cls] };
    if (cls === 'unknown') {
      const examples: Record<string, string[]> = {};
      for (const m of summary.models) if (m.cls === 'unknown' && (examples[m.licence] ??= []).length < UNKNOWN_EXAMPLES) examples[m.licence]!.push(m.key);
      detail.examples = examples;
    }
    rows.push({ ...base, subject: `arena:${cls}`, family: '', metric: 'arena_models', value: summary.counts[cls], detail });
    const best = summary.best[cls];
    if (best) {
      rows.push({ ...base, subject: `arena:${cls}`, family: '', metric: 'arena_best_rank', value: best.rank, detail: { model: best.model } });
      rows.push({ ...base, subject: `arena:${cls}`, family: '', metric: 'arena_best_elo', value: best.elo, detail: { model: best.model } });
    }
  }
  for (const m of summary.models) {
    if (m.rank === undefined || m.elo === undefined) continue;
    const detail = { licence: m.licence, class: m.cls, ...(m.model === m.key ? {} : { model: m.model }) };
    rows.push({ ...base, subject: `arena-model:${m.key}`, family: m.family, metric: 'arena_model_rank', value: m.rank, detail });
    rows.push({ ...base, subject: `arena-model:${m.key}`, family: m.family, metric: 'arena_model_elo', value: m.elo, detail });
  }
  return rows;
}

/** Parses, summarises and validates one table: the facts to store and the problems to report. */
export function readLeaderboardTable(
  catalog: Pick<Catalog, 'leaderboard_licences' | 'families'>,
  file: string,
  text: string,
  today: string,
): { table: LeaderboardTable; summary: TableSummary; rows: Observation[]; problems: Problem[]; notices: Problem[] } {
  const table = parseLeaderboardTable(file, text);
  const dateWrong = dayProblem(table.date, today);
  if (dateWrong) throw new LeaderboardFormatError(file, `the table date ${dateWrong}; check the file name`);
  const summary = summariseTable(catalog, table);
  const problems = [...summary.problems];
  const rows: Observation[] = [];
  for (const o of tableObservations(summary, file)) {
    const problem = validateObservation(o, today);
    if (problem) problems.push({ subject: o.subject, metric: o.metric, raw: o.value, message: `${file}: ${problem}` });
    else rows.push(o);
  }
  return { table, summary, rows, problems, notices: summary.notices };
}
