// Reading the Arena's leaderboard dataset (lmarena-ai/leaderboard-dataset on the Hugging Face
// Hub) and turning its rows into facts: per publication date, each model's published rank,
// rating with its interval, votes, organisation, licence class and catalog family. Pure
// functions: the arena source and the import command do the I/O.
//
// What the dataset is (checked late 2026; see collector/sources/METHODOLOGY-leaderboard.md):
// one subset ("config") per arena (text, text_style_control, vision, webdev, …), each with a
// `latest` and a `full` split, stored only as Parquet (<subset>/full-00000-of-00001.parquet).
// Its rows as JSON come from the Hub's dataset viewer (datasets-server /rows and /filter: at
// most 100 rows a page, each as {row_idx, row: {...}, truncated_cells}). A row: model_name,
// organization, license, rating, rating_lower, rating_upper, variance, vote_count, rank,
// category, leaderboard_publish_date. Some arenas name the same fields score,
// score_ci_lower, score_ci_upper and observation_count: read as aliases, as the drift of the
// older CSV tables is.

import { classifyLicence, familyOfModel, type Catalog, type LeaderboardClass } from '../catalog.ts';
import { dayProblem, isCalendarDay } from '../days.ts';
import { validateObservation, type Observation } from '../observation.ts';
import { CsvError, LeaderboardFormatError, parseCsv } from './leaderboard-csv.ts';
import type { Problem } from './types.ts';

/** The fields of a dataset row we read, each with the column names it has been published under (first found wins). */
export const ARENA_COLUMNS = {
  date: ['leaderboard_publish_date', 'publish_date'],
  model: ['model_name', 'model'],
  organization: ['organization', 'organisation'],
  licence: ['license', 'licence'],
  rating: ['rating', 'score', 'arena_score'],
  lower: ['rating_lower', 'score_ci_lower', 'rating_q025'],
  upper: ['rating_upper', 'score_ci_upper', 'rating_q975'],
  votes: ['vote_count', 'observation_count', 'num_battles', 'votes'],
  rank: ['rank'],
  category: ['category'],
} as const;
type Field = keyof typeof ARENA_COLUMNS;
/** Without these a row cannot be stored. */
const REQUIRED: readonly Field[] = ['date', 'model', 'rating', 'licence'];

/** The category a file without a category column is taken to be (each such file is one leaderboard). */
export const DEFAULT_CATEGORY = 'overall';

/** One row of the dataset, read. `where` names the file and row for messages. */
export interface ArenaRow {
  where: string;
  date: string;
  category: string;
  model: string;
  organization: string;
  licence: string;
  rating: number;
  lower?: number;
  upper?: number;
  votes?: number;
  rank?: number;
}

/** A page of the dataset viewer (/rows, /filter), as far as we read it. */
export interface ViewerPage {
  rows: Record<string, unknown>[];
  /** Columns cut short in the answer, per row (the viewer truncates long cells). */
  truncated: string[][];
  total?: number;
}

/** Reads a dataset viewer answer ({rows: [{row_idx, row, truncated_cells}], num_rows_total}), or null when the JSON is not one. */
export function viewerPage(json: unknown): ViewerPage | null {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  const o = json as { rows?: unknown; num_rows_total?: unknown };
  if (!Array.isArray(o.rows)) return null;
  const rows: Record<string, unknown>[] = [];
  const truncated: string[][] = [];
  for (const item of o.rows) {
    if (!item || typeof item !== 'object') continue;
    const wrapped = item as { row?: unknown; truncated_cells?: unknown };
    const row = wrapped.row && typeof wrapped.row === 'object' ? (wrapped.row as Record<string, unknown>) : (item as Record<string, unknown>);
    rows.push(row);
    truncated.push(Array.isArray(wrapped.truncated_cells) ? wrapped.truncated_cells.map(String) : []);
  }
  return { rows, truncated, ...(typeof o.num_rows_total === 'number' ? { total: o.num_rows_total } : {}) };
}

/**
 * The rows of a file in one of the forms the dataset's rows are saved in: a dataset viewer
 * answer (JSON), a JSON array of rows, JSON Lines (one row, or one viewer item, a line), or
 * CSV with the dataset's columns (as pandas writes a Parquet file out). Parquet itself is not
 * read: the message says how to get one of these forms.
 */
export function readArenaFile(file: string, text: string): { rows: Record<string, unknown>[]; truncated: string[][] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const trimmed = body.trimStart();
  if (trimmed.startsWith('PAR1') || /\.parquet$/i.test(file)) {
    throw new LeaderboardFormatError(
      file,
      'a Parquet file is not read here; import the dataset\'s rows as JSON or CSV instead: the dataset viewer\'s answers ' +
        '(https://datasets-server.huggingface.co/filter?dataset=lmarena-ai/leaderboard-dataset&config=text&split=full&where=…), ' +
        'or the file written out as CSV (python -c "import pandas; pandas.read_parquet(\'FILE.parquet\').to_csv(\'FILE.csv\', index=False)"); ' +
        'or set ARENA_DATASET and run "openpulse collect --source arena"',
    );
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let whole: unknown;
    try {
      whole = JSON.parse(trimmed);
    } catch {
      whole = undefined;
    }
    if (whole !== undefined) {
      const page = viewerPage(whole);
      if (page) return page;
      if (Array.isArray(whole)) {
        const rows = whole.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object' && !Array.isArray(r));
        return { rows: rows.map((r) => (r.row && typeof r.row === 'object' ? (r.row as Record<string, unknown>) : r)), truncated: rows.map(() => []) };
      }
      throw new LeaderboardFormatError(file, 'the JSON is neither a dataset viewer answer ({"rows": [...]}) nor an array of rows');
    }
    // JSON Lines: one object a line.
    const rows: Record<string, unknown>[] = [];
    const truncated: string[][] = [];
    trimmed.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let item: unknown;
      try {
        item = JSON.parse(line);
      } catch (error) {
        throw new LeaderboardFormatError(file, `line ${i + 1} is not JSON (${(error as Error).message}): the file looks cut short; download it again`, i + 1);
      }
      const page = viewerPage({ rows: [item] });
      rows.push(...(page?.rows ?? []));
      truncated.push(...(page?.truncated ?? []));
    });
    return { rows, truncated };
  }
  let records;
  try {
    records = parseCsv(body);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw new LeaderboardFormatError(file, `not valid CSV: ${error.message}: the file looks cut short; download it again`, error.line);
  }
  const header = records[0];
  if (!header) throw new LeaderboardFormatError(file, 'the file is empty (expected a header line and one line per model and publication)');
  const names = header.cells.map((c) => c.trim());
  const rows = records.slice(1).map((r) => {
    if (r.cells.length !== names.length) {
      throw new LeaderboardFormatError(file, `${r.cells.length} cells where the header has ${names.length}: a comma or quote is missing or extra, or the file is cut short`, r.line);
    }
    return Object.fromEntries(names.map((n, i) => [n, r.cells[i]]));
  });
  return { rows, truncated: rows.map(() => []) };
}

/** Whether a CSV header or a JSON text looks like the dataset's rows rather than a leaderboard_table_*.csv. */
export function looksLikeArenaRows(text: string): boolean {
  const head = text.slice(0, 4096).trimStart();
  if (head.startsWith('{') || head.startsWith('[') || head.startsWith('PAR1')) return true;
  const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
  return /(^|,)\s*"?(leaderboard_publish_date|model_name)"?\s*(,|$)/i.test(firstLine);
}

const numberOf = (v: unknown): number | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
};
const textOf = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/** A publication date as the viewer or a CSV writes it: 2025-05-27, 2025-05-27T00:00:00, or days (date32) / ms since 1970. */
export function publicationDay(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) {
    const ms = Math.abs(v) < 1e6 ? v * 86_400_000 : v;
    return new Date(ms).toISOString().slice(0, 10);
  }
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(textOf(v));
  return m && isCalendarDay(m[1]!) ? m[1]! : null;
}

/** Which column each field is read from, in rows of this shape; the required ones missing are named. */
export function arenaColumns(rows: readonly Record<string, unknown>[]): { columns: Partial<Record<Field, string>>; missing: Field[] } {
  const present = new Set(rows.slice(0, 50).flatMap((r) => Object.keys(r)));
  const lower = new Map([...present].map((k) => [k.toLowerCase(), k]));
  const columns: Partial<Record<Field, string>> = {};
  for (const [field, names] of Object.entries(ARENA_COLUMNS) as [Field, readonly string[]][]) {
    const found = names.map((n) => lower.get(n)).find((k) => k !== undefined);
    if (found) columns[field] = found;
  }
  return { columns, missing: REQUIRED.filter((f) => !columns[f]) };
}

/** Highest rating any arena has shown is about 1600; anything far outside this range is a bad cell. */
const RATING_RANGE = { min: 100, max: 4000 } as const;

/**
 * Reads rows into ArenaRow, keeping those of one category. A row that cannot be stored (no
 * model, no date, a rating that is not a rating, a needed cell truncated) is a problem; an
 * interval that does not hold its rating is dropped with a problem, the rating kept.
 */
export function readArenaRows(
  file: string,
  raw: { rows: readonly Record<string, unknown>[]; truncated?: readonly string[][] },
  category: string,
  firstIndex = 0,
): { rows: ArenaRow[]; problems: Problem[]; otherCategories: Record<string, number> } {
  const problems: Problem[] = [];
  const otherCategories: Record<string, number> = {};
  if (raw.rows.length === 0) return { rows: [], problems, otherCategories };
  const { columns, missing } = arenaColumns(raw.rows);
  if (missing.length) {
    const found = [...new Set(raw.rows.slice(0, 50).flatMap((r) => Object.keys(r)))].join(', ');
    throw new LeaderboardFormatError(
      file,
      `no ${missing.map((f) => `${f} column (${ARENA_COLUMNS[f].join(' or ')})`).join(', ')}. The rows have: ${found}. ` +
        'Expected the Arena leaderboard dataset\'s columns: model_name, organization, license, rating, rating_lower, rating_upper, vote_count, rank, category, leaderboard_publish_date',
    );
  }
  const out: ArenaRow[] = [];
  raw.rows.forEach((r, i) => {
    const where = `${file} row ${firstIndex + i + 1}`;
    const rowCategory = columns.category ? textOf(r[columns.category]) || DEFAULT_CATEGORY : DEFAULT_CATEGORY;
    if (rowCategory !== category) {
      otherCategories[rowCategory] = (otherCategories[rowCategory] ?? 0) + 1;
      return;
    }
    const model = textOf(r[columns.model!]);
    const cut = (raw.truncated?.[i] ?? []).filter((c) => Object.values(columns).includes(c));
    if (cut.length) {
      problems.push({ subject: `arena-model:${model}`, raw: cut, message: `${where}: the viewer cut the cell(s) ${cut.join(', ')} short; row skipped (read the rows again, or import the file written as CSV)` });
      return;
    }
    if (!model) {
      problems.push({ subject: 'arena-model:', raw: r, message: `${where}: the ${columns.model} cell is empty, so the row names no model; row skipped` });
      return;
    }
    const date = publicationDay(r[columns.date!]);
    if (!date) {
      problems.push({ subject: `arena-model:${model}`, raw: r[columns.date!], message: `${where}: ${columns.date} ${JSON.stringify(r[columns.date!])} is not a date (YYYY-MM-DD); row skipped` });
      return;
    }
    const rating = numberOf(r[columns.rating!]);
    if (rating === undefined || rating < RATING_RANGE.min || rating > RATING_RANGE.max) {
      problems.push({
        subject: `arena-model:${model}`,
        metric: 'arena_model_elo',
        raw: r[columns.rating!],
        message: `${where}: ${columns.rating} ${JSON.stringify(r[columns.rating!])} of "${model}" on ${date} is not a rating between ${RATING_RANGE.min} and ${RATING_RANGE.max}; row skipped`,
      });
      return;
    }
    const row: ArenaRow = { where, date, category: rowCategory, model, organization: columns.organization ? textOf(r[columns.organization]) : '', licence: textOf(r[columns.licence!]), rating };
    const lower = columns.lower ? numberOf(r[columns.lower]) : undefined;
    const upper = columns.upper ? numberOf(r[columns.upper]) : undefined;
    if (lower !== undefined && upper !== undefined) {
      if (lower <= rating && rating <= upper) {
        row.lower = lower;
        row.upper = upper;
      } else {
        problems.push({ subject: `arena-model:${model}`, metric: 'arena_model_rating_lower', raw: [lower, rating, upper], message: `${where}: the interval ${lower}–${upper} of "${model}" on ${date} does not hold its rating ${rating}; the rating is stored without it` });
      }
    }
    const votes = columns.votes ? numberOf(r[columns.votes]) : undefined;
    if (votes !== undefined && votes >= 0) row.votes = Math.round(votes);
    const rank = columns.rank ? numberOf(r[columns.rank]) : undefined;
    if (rank !== undefined && rank >= 1) row.rank = Math.round(rank);
    out.push(row);
  });
  return { rows: out, problems, otherCategories };
}

export interface ArenaModel extends ArenaRow {
  cls: LeaderboardClass;
  family: string;
}

/** One publication of one category: its models, classed, each once. */
export interface ArenaPublication {
  date: string;
  category: string;
  models: ArenaModel[];
}

/**
 * Groups rows into publications (date and category), one model per model_name: a name listed
 * twice in one publication is counted once, the first row kept, with a notice. Each model is
 * classed by its licence (the catalog's leaderboard_licences; a string no class takes is
 * `unknown`, counted, never dropped) and matched to its catalog family.
 */
export function arenaPublications(catalog: Pick<Catalog, 'leaderboard_licences' | 'families'>, rows: readonly ArenaRow[]): { publications: ArenaPublication[]; notices: Problem[] } {
  const notices: Problem[] = [];
  const byKey = new Map<string, ArenaPublication>();
  const seen = new Map<string, string>();
  for (const row of rows) {
    const key = `${row.date}\u0000${row.category}`;
    let publication = byKey.get(key);
    if (!publication) byKey.set(key, (publication = { date: row.date, category: row.category, models: [] }));
    const first = seen.get(`${key}\u0000${row.model}`);
    if (first) {
      notices.push({ subject: `arena-model:${row.model}`, raw: row.model, message: `${row.where}: model "${row.model}" is listed again in the ${row.date} ${row.category} leaderboard (first at ${first}); counted once` });
      continue;
    }
    seen.set(`${key}\u0000${row.model}`, row.where);
    publication.models.push({ ...row, cls: classifyLicence(catalog, row.licence) ?? 'unknown', family: familyOfModel(catalog, row.model) });
  }
  const publications = [...byKey.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.category.localeCompare(b.category)));
  return { publications, notices };
}

/** Where a publication's rows came from, kept in every fact's detail. */
export interface ArenaOrigin {
  dataset: string;
  subset: string;
  /** The dataset revision (the Hub's sha), when known. */
  revision?: string;
  /** The file the rows were imported from, when they were. */
  file?: string;
}

/**
 * The facts of one publication, all of source `arena` and subject arena-model:<model_name>:
 * the rating (arena_model_elo, whose detail carries the licence as written, its class and the
 * organisation, so the queries can count classes), the Arena's published rank, the interval
 * and the votes where the row has them.
 */
export function arenaObservations(publication: ArenaPublication, origin: ArenaOrigin): Observation[] {
  const rows: Observation[] = [];
  const where = { dataset: origin.dataset, subset: origin.subset, category: publication.category, ...(origin.revision ? { revision: origin.revision } : {}), ...(origin.file ? { file: origin.file } : {}) };
  for (const m of publication.models) {
    const base = { source: 'arena' as const, subject: `arena-model:${m.model}`, family: m.family, observed_at: publication.date };
    rows.push({ ...base, metric: 'arena_model_elo', value: m.rating, detail: { licence: m.licence, class: m.cls, organization: m.organization, ...where } });
    if (m.rank !== undefined) rows.push({ ...base, metric: 'arena_model_rank', value: m.rank, detail: where });
    if (m.lower !== undefined) rows.push({ ...base, metric: 'arena_model_rating_lower', value: m.lower });
    if (m.upper !== undefined) rows.push({ ...base, metric: 'arena_model_rating_upper', value: m.upper });
    if (m.votes !== undefined) rows.push({ ...base, metric: 'arena_model_votes', value: m.votes });
  }
  return rows;
}

/**
 * Reads rows of the dataset into facts: the rows of one category, grouped into publications,
 * checked as the store would. A publication dated after today is refused.
 */
export function readArenaFacts(
  catalog: Pick<Catalog, 'leaderboard_licences' | 'families'>,
  file: string,
  raw: { rows: readonly Record<string, unknown>[]; truncated?: readonly string[][] },
  options: { category: string; origin: ArenaOrigin; today: string; firstIndex?: number },
): { publications: ArenaPublication[]; rows: Observation[]; problems: Problem[]; notices: Problem[]; otherCategories: Record<string, number> } {
  const read = readArenaRows(file, raw, options.category, options.firstIndex);
  const problems = [...read.problems];
  const { publications, notices } = arenaPublications(catalog, read.rows);
  const rows: Observation[] = [];
  const kept: ArenaPublication[] = [];
  for (const p of publications) {
    const wrong = dayProblem(p.date, options.today);
    if (wrong) {
      problems.push({ subject: `arena:${p.date}`, raw: p.date, message: `${file}: the ${p.category} leaderboard dated ${p.date}: ${wrong}; its ${p.models.length} rows skipped` });
      continue;
    }
    kept.push(p);
    for (const o of arenaObservations(p, options.origin)) {
      const problem = validateObservation(o, options.today);
      if (problem) problems.push({ subject: o.subject, metric: o.metric, raw: o.value, message: `${file}: ${problem}` });
      else rows.push(o);
    }
  }
  return { publications: kept, rows, problems, notices, otherCategories: read.otherCategories };
}
