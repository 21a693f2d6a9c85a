// The tables the store derives from the facts as they are written, each by a materialized view
// defined once in its migration: the queries read them instead of regrouping the facts. A write
// of facts that fails inside the store may leave the facts stored and these rows not (a view
// runs after the facts' own write); the store then remakes the written subjects' rows from their
// facts by the view's own SELECT (refoldSql), and `openpulse repair` compares and remakes them all
// (driftSql). The migration runner fills a new view's table from the facts already stored
// (store/index.ts, migrate) by the same SELECT. A table made from another derived table's rows
// (subject_weeks, from subject_days) is written by its view whenever those rows are, remade with
// them, and compared with them.

import { readFileSync } from 'node:fs';
import { OpenPulseError } from '../errors.ts';
import { materializedView, splitStatements } from './ddl.ts';

/** How several rows of one key merge into the row a reader sees, as an aggregate over them. */
interface MergedColumn {
  column: string;
  /** The aggregate that merges the facts' rows of one key as the engine does, and its arguments (the first is the value compared). */
  fn: 'argMax' | 'max' | 'groupBitOr';
  args: string[];
  /** Compare the two sides' values as text: a tuple holding NULL is never equal to itself with `!=`. */
  asText?: boolean;
}

export interface DerivedTable {
  table: string;
  /** Its migration's name (queries/schema/NNN_<migration>.sql), which holds the writer view. */
  migration: string;
  /** What its rows are called in messages. */
  rows: string;
  /** The derived table its writer view reads, when not the facts: its rows are remade by remaking that table's (the view writes them again). */
  madeFrom?: string;
  /** The columns that make one row. */
  key: readonly string[];
  /** The columns both sides of a comparison read: the key and what the merges read. */
  columns: readonly string[];
  /** The columns compared with what the facts make, each merged as the engine merges a key's rows. */
  merged: readonly MergedColumn[];
  /** The most of its rows one comparison groups (driftParts): fewer where a row holds more to merge. */
  partRows: number;
}

/**
 * The most rows of a derived table one comparison (driftSql) groups: a larger table is compared a
 * part of its subjects at a time. Grouped whole, a large table's keys outgrow the engine's memory
 * for a GROUP BY and are spilled to files, and merging those back holds a buffer for each file:
 * at 50 M generated facts the 19.6 M day rows spilled 3.2 GB in 271 files and the comparison
 * peaked at 1.65 GB (`openpulse repair` at 2.43 GB, comparing the week rows while the remade rows
 * were not merged yet). In parts of at most this many rows, 0.75 GB, for 49 s instead of 31 s.
 */
export const DRIFT_PART_ROWS = 2_500_000;

export const DERIVED_TABLES: readonly DerivedTable[] = [
  {
    // one row per metric, subject and day; a ReplacingMergeTree on version (migration 007)
    table: 'subject_days',
    migration: 'subject_days',
    rows: 'day rows',
    key: ['metric', 'is_reference', 'subject', 'day'],
    columns: ['metric', 'is_reference', 'subject', 'day', 'value', 'family', 'version'],
    merged: [
      { column: 'value', fn: 'argMax', args: ['value', 'version'] },
      { column: 'family', fn: 'argMax', args: ['toString(family)', 'version'] },
    ],
    partRows: DRIFT_PART_ROWS,
  },
  {
    // one row per metric, subject and ISO week, made from the day rows; an AggregatingMergeTree of max((version, value)) per day (migration 012)
    table: 'subject_weeks',
    migration: 'subject_weeks',
    rows: 'week rows',
    madeFrom: 'subject_days',
    key: ['metric', 'is_reference', 'subject', 'week'],
    columns: ['metric', 'is_reference', 'subject', 'week', 'latest', 'days', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'],
    merged: [
      { column: 'latest', fn: 'max', args: ['latest'], asText: true },
      { column: 'days', fn: 'groupBitOr', args: ['days'] },
      ...['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'].map((c) => ({ column: c, fn: 'max' as const, args: [c], asText: true })),
    ],
    // a week row merges seven days and its newest row: grouped 2.5 M at a time (3 parts of the
    // 5.6 M rows a remade 50 M store held before its merges) the comparison peaked at 1.2 GB, a
    // million at a time at 0.87 GB (and whole at 2.48 GB)
    partRows: 1_000_000,
  },
  {
    // one row per family, subject and metric: its newest collected fact; an AggregatingMergeTree of max((day, collected_at, value, detail)) (migration 014)
    table: 'subject_latest',
    migration: 'subject_latest',
    rows: 'newest-value rows',
    key: ['family', 'subject', 'metric'],
    columns: ['family', 'subject', 'metric', 'newest'],
    merged: [{ column: 'newest', fn: 'max', args: ['newest'], asText: true }],
    partRows: DRIFT_PART_ROWS,
  },
  {
    // one row per leaderboard publication and model; an AggregatingMergeTree of max((version, value)) (migration 008)
    table: 'leaderboard_entries',
    migration: 'leaderboard_entries',
    rows: 'leaderboard rows',
    key: ['table_date', 'source', 'subject'],
    columns: ['table_date', 'source', 'subject', 'family', 'elo_fact', 'rating_lower_fact', 'rating_upper_fact', 'votes_fact', 'rank_fact'],
    merged: [
      { column: 'family', fn: 'max', args: ['toString(family)'] },
      ...['elo_fact', 'rating_lower_fact', 'rating_upper_fact', 'votes_fact', 'rank_fact'].map((c) => ({ column: c, fn: 'max' as const, args: [c], asText: true })),
    ],
    partRows: DRIFT_PART_ROWS,
  },
];

/** What a derived table is made from, for messages: "the facts", or the rows it is made from. */
export function madeFromName(derived: DerivedTable): string {
  const from = derived.madeFrom && DERIVED_TABLES.find((d) => d.table === derived.madeFrom);
  return from ? `the ${from.rows}` : 'the facts';
}

/** The SELECT that makes a derived table's rows from facts (or from the table it is made from): its writer view's, read from its migration once. */
const selects = new Map<string, string>();
export function writerSelect(derived: DerivedTable, migrations: () => { name: string; file: string }[]): string {
  const known = selects.get(derived.table);
  if (known) return known;
  const migration = migrations().find((m) => m.name === derived.migration);
  const writer = migration && splitStatements(readFileSync(migration.file, 'utf8')).map(materializedView).find((v) => v?.to === derived.table);
  if (!writer) {
    throw new OpenPulseError('MIGRATION', `no migration named ${derived.migration} holds a materialized view writing ${derived.table}: the store cannot make its ${derived.rows} from facts`);
  }
  selects.set(derived.table, writer.select);
  return writer.select;
}

/** Writes the rows of every subject's facts again (with `{subjects:Array(String)}`: of those subjects only). */
export function refoldSql(derived: DerivedTable, select: string, bySubjects: boolean): string {
  return bySubjects ? `INSERT INTO ${derived.table} SELECT * FROM (${select}) WHERE subject IN {subjects:Array(String)}` : `INSERT INTO ${derived.table} ${select}`;
}

/** How many parts a derived table of `rows` rows is compared in (driftSql's `part`), at most `partRows` rows each. */
export function driftParts(rows: number, partRows = DRIFT_PART_ROWS): number {
  return Math.max(1, Math.ceil(rows / partRows));
}

/**
 * Counts the keys whose row differs from what the facts (or the rows it is made from) make:
 * missing, left over, or another value. The facts as the writer view turns them into rows (w = 1),
 * merged per key as the engine merges them, beside the table's rows read FINAL (w = 0), in one
 * GROUP BY rather than a join, so a large store's comparison spills to disk instead of growing in
 * memory. With `part`, only the subjects whose hash falls in that part of `of` (every derived
 * table's key holds its subject, so each key is in exactly one part, both sides of it).
 */
export function driftSql(derived: DerivedTable, select: string, part: { index: number; of: number } = { index: 0, of: 1 }): string {
  if (!Number.isInteger(part.of) || part.of < 1 || !Number.isInteger(part.index) || part.index < 0 || part.index >= part.of) {
    throw new RangeError(`driftSql: part ${part.index} of ${part.of} is not a part`);
  }
  const columns = derived.columns.join(', ');
  const only = part.of > 1 ? ` WHERE cityHash64(subject) % ${part.of} = ${part.index}` : '';
  // the facts' rows merged as the engine merges them; the table's read FINAL, one row per key
  const want = (m: MergedColumn) => `${m.fn}If(${m.args.join(', ')}, w = 1)`;
  const have = (m: MergedColumn) => `anyIf(${m.args[0]}, w = 0)`;
  const differs = (m: MergedColumn) => (m.asText ? `toString(want_${m.column}) != toString(have_${m.column})` : `want_${m.column} != have_${m.column}`);
  return `SELECT count() AS n
FROM (
  SELECT countIf(w = 1) AS want, countIf(w = 0) AS have,
         ${derived.merged.map((m) => `${want(m)} AS want_${m.column}, ${have(m)} AS have_${m.column}`).join(',\n         ')}
  FROM (
    SELECT ${columns}, 1 AS w FROM (${select})${only}
    UNION ALL
    SELECT ${columns}, 0 AS w FROM ${derived.table} FINAL${only}
  )
  GROUP BY ${derived.key.join(', ')}
  HAVING want = 0 OR have = 0 OR ${derived.merged.map(differs).join(' OR ')}
)`;
}
