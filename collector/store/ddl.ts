// Turns the migrations' single-node DDL into cluster DDL when CLICKHOUSE_CLUSTER
// is set: each table becomes a Replicated<Engine> local table on every node plus
// a Distributed table of the original name, sharded by subject where it has one
// (else by its sorting key), so the queries in queries/ run unchanged; a
// materialized view runs on every node, from a local table to a local table.

export interface DdlTarget {
  cluster?: string | undefined;
  /** Database of the Distributed tables' underlying local tables. */
  database: string;
}

/** Splits a migration file into statements (on `;` at line ends, outside comments). */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const CREATE_TABLE = /^CREATE TABLE IF NOT EXISTS (\w+)\s*\(([\s\S]*)\)\s*ENGINE\s*=\s*(\w+)(?:\(([^)]*)\))?([\s\S]*)$/i;
const CREATE_TABLE_AS = /^CREATE TABLE IF NOT EXISTS (\w+)\s+AS\s+(\w+)\s+ENGINE\s*=\s*(\w+)(?:\(([^)]*)\))?([\s\S]*)$/i;
const CREATE_MATERIALIZED_VIEW = /^CREATE MATERIALIZED VIEW IF NOT EXISTS (\w+) TO (\w+) AS\s+([\s\S]*)$/i;
const CREATE_VIEW = /^CREATE VIEW IF NOT EXISTS (\w+)\s+AS\s+([\s\S]*)$/i;
const REPLACE_VIEW = /^CREATE OR REPLACE VIEW (\w+)\s+AS\s+([\s\S]*)$/i;
const ALTER_TABLE = /^ALTER TABLE (\w+)\s+([\s\S]*)$/i;
const TRUNCATE_TABLE = /^TRUNCATE TABLE (\w+)$/i;
const OPTIMIZE_TABLE = /^OPTIMIZE TABLE (\w+)((?: PARTITION ID '[0-9a-z_-]+')?(?: FINAL)?)$/i;
const DROP_TABLE = /^DROP TABLE IF EXISTS (\w+)$/i;
const EXCHANGE_TABLES = /^EXCHANGE TABLES (\w+) AND (\w+)$/i;
const LOCAL_ALTER = /^(?:(?:ADD|DROP|MATERIALIZE|CLEAR)\s+(?:INDEX|PROJECTION)|MATERIALIZE\s+COLUMN|MODIFY\s+SETTING)\b/i;

/** A `CREATE MATERIALIZED VIEW IF NOT EXISTS name TO table AS select` statement's parts. */
export function materializedView(statement: string): { name: string; to: string; select: string } | undefined {
  const m = CREATE_MATERIALIZED_VIEW.exec(statement);
  return m ? { name: m[1]!, to: m[2]!, select: m[3]! } : undefined;
}

/** The statements to run for one migration statement on the target. */
export function renderDdl(statement: string, target: DdlTarget): string[] {
  const { cluster } = target;
  if (!cluster) return [statement];
  const on = `ON CLUSTER ${quoteIdent(cluster)}`;

  const table = CREATE_TABLE.exec(statement);
  if (table) {
    const [, name, columns, engine, args, rest] = table as unknown as [string, string, string, string, string | undefined, string];
    // A table with a subject column is sharded by subject, so every row of a subject, in every such
    // table, is on one shard: subject_days_writer writes a fact's day row on the fact's own node, and
    // the rows that replace one another (two facts of a day, a fact written again) meet there.
    // ORDER BY tuple() (no key: a table of one row) shards by a constant, so all its rows are on one shard.
    const shardingKey = /^\s*subject\s+String\b/m.test(columns) ? 'subject' : sortingKeyOf(rest);
    return replicatedTable(name, `(${columns})`, engine, args, rest, shardingKey, target);
  }
  // A table made with another's columns (CREATE TABLE … AS other ENGINE = …): its local table is made
  // with the other's local table's, and it is sharded as that one is, by subject where its key has one.
  const copied = CREATE_TABLE_AS.exec(statement);
  if (copied) {
    const [, name, from, engine, args, rest] = copied as unknown as [string, string, string, string, string | undefined, string];
    const sortingKey = sortingKeyOf(rest);
    const shardingKey = /(^|,)\s*subject\s*(,|$)/.test(sortingKey) ? 'subject' : sortingKey;
    return replicatedTable(name, `AS ${from}_local`, engine, args, rest, shardingKey, target);
  }
  const materialized = materializedView(statement);
  if (materialized) {
    // On every node, from the node's own facts to its own rows: inserts reach the local tables.
    const { name, to, select } = materialized;
    const local = select.replace(/\bFROM (\w+)\b(?!\s*\()/g, 'FROM $1_local');
    return [`CREATE MATERIALIZED VIEW IF NOT EXISTS ${name}_local ${on} TO ${to}_local AS ${local}`];
  }
  const view = CREATE_VIEW.exec(statement);
  if (view) return [`CREATE VIEW IF NOT EXISTS ${view[1]} ${on} AS ${view[2]}`];
  const replaced = REPLACE_VIEW.exec(statement);
  if (replaced) return [`CREATE OR REPLACE VIEW ${replaced[1]} ${on} AS ${replaced[2]}`];
  const alter = ALTER_TABLE.exec(statement);
  if (alter) {
    const local = `ALTER TABLE ${alter[1]}_local ${on} ${alter[2]}`;
    // Indexes, projections, stored column values and the engine's settings live with the data, in the
    // local tables; a Distributed table has none of them.
    if (LOCAL_ALTER.test(alter[2]!)) return [local];
    return [local, `ALTER TABLE ${alter[1]} ${on} ${alter[2]}`];
  }
  const truncate = TRUNCATE_TABLE.exec(statement);
  if (truncate) return [`TRUNCATE TABLE ${truncate[1]}_local ${on}`];
  // Parts are merged where they are: in each node's local table.
  const optimize = OPTIMIZE_TABLE.exec(statement);
  if (optimize) return [`OPTIMIZE TABLE ${optimize[1]}_local ${on}${optimize[2] ?? ''}`];
  // A table is its Distributed table and the local tables under it: both go.
  const drop = DROP_TABLE.exec(statement);
  if (drop) return [`DROP TABLE IF EXISTS ${drop[1]} ${on}`, `DROP TABLE IF EXISTS ${drop[1]}_local ${on}`];
  // The rows are in the local tables: those are exchanged, and each Distributed table, which names its
  // local table, reads the other's rows from then on.
  const exchange = EXCHANGE_TABLES.exec(statement);
  if (exchange) return [`EXCHANGE TABLES ${exchange[1]}_local AND ${exchange[2]}_local ${on}`];
  return [statement.replace(/^(CREATE DATABASE IF NOT EXISTS \w+)/i, `$1 ${on}`)];
}

/** A table's sorting key from the clauses after its engine: what ORDER BY names, tuple() for none. */
function sortingKeyOf(rest: string): string {
  return /ORDER BY\s*tuple\(\s*\)/i.test(rest) ? 'tuple()' : (/ORDER BY\s*\(?([^)\n]+)\)?/i.exec(rest)?.[1]?.trim() ?? 'tuple()');
}

/** A Replicated<Engine> local table on every node (its columns, or `AS other_local`) and a Distributed table of the name over it. */
function replicatedTable(name: string, body: string, engine: string, args: string | undefined, rest: string, shardingKey: string, target: DdlTarget): string[] {
  const cluster = target.cluster!;
  const on = `ON CLUSTER ${quoteIdent(cluster)}`;
  const local = `${name}_local`;
  const zkPath = `'/clickhouse/tables/{shard}/{database}/${local}'`;
  const engineArgs = [zkPath, `'{replica}'`, ...(args ? [args.trim()] : [])].join(', ');
  return [
    `CREATE TABLE IF NOT EXISTS ${local} ${on} ${body} ENGINE = Replicated${engine}(${engineArgs})${rest}`,
    `CREATE TABLE IF NOT EXISTS ${name} ${on} AS ${local} ENGINE = Distributed(${quoteString(cluster)}, ${quoteString(target.database)}, ${quoteString(local)}, cityHash64(${shardingKey}))`,
  ];
}

function quoteIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** A ClickHouse string literal. */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
