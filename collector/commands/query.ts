// openpulse query: a named query from queries/, a SQL string or a .sql file,
// with bound parameters, in the format asked for. Read-only unless --write.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { OpenPulseError } from '../errors.ts';
import { writeFileAtomically } from '../files.ts';
import { countNewlines, LineSplitter } from '../export/lines.ts';
import { ResultText } from '../export/result-text.ts';
import { EXPLAIN_PREFIX, isClickHouseError, type DataFormat, type Store } from '../store/index.ts';
import { QueryError } from '../../queries/errors.ts';
import { getNamedQuery, namedQueries, parseNamedQuery, resolveParams, type NamedQuery, type Params } from '../../queries/index.ts';
import { configFromFlags, withStore } from './context.ts';
import { writeResult, type ResultOutput } from './output.ts';
import type { Command, CommandIO } from './types.ts';

export const QUERY_FORMATS = ['table', 'csv', 'tsv', 'json', 'ndjson', 'markdown', 'parquet'] as const;
export type QueryFormat = (typeof QUERY_FORMATS)[number];

/** Output file extensions that choose a format when --format is not given. */
const FORMAT_BY_EXTENSION: Record<string, QueryFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.md': 'markdown',
  '.parquet': 'parquet',
  '.txt': 'table',
};

/** What to run: the SQL, its parameters, and where it came from (for messages). */
export interface QueryTarget {
  sql: string;
  params: Params;
  /** "query growth_by_family (queries/growth_by_family.sql)", "file report.sql", "the SQL given". */
  source: string;
}

/** Reads repeated --param name=value flags. */
export function parseParamFlags(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of values) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new OpenPulseError('USAGE', `--param ${JSON.stringify(item)} is not name=value`, { hint: 'write it as --param from=2023-07-01' });
    const name = item.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new OpenPulseError('USAGE', `--param ${JSON.stringify(item)}: "${name}" is not a parameter name`);
    if (name in out) throw new OpenPulseError('USAGE', `--param ${name} is given twice`);
    out[name] = item.slice(eq + 1);
  }
  return out;
}

/** Decides whether the argument is a named query, a .sql file or SQL text. */
export function resolveTarget(argument: string, given: Record<string, string>, readFile: (file: string) => string = (f) => readFileSync(f, 'utf8')): QueryTarget {
  if (/\.sql$/i.test(argument) && !/\s/.test(argument.trim())) {
    let text: string;
    try {
      text = readFile(argument);
    } catch (cause) {
      throw new OpenPulseError('USAGE', `cannot read the SQL file ${argument}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, {
        cause,
        hint: 'give an existing .sql file, a named query ("openpulse query --list") or SQL in quotes',
      });
    }
    // a file with a named-query header gets its defaults and parameter checks
    let named: NamedQuery | undefined;
    try {
      named = parseNamedQuery(text, argument);
    } catch {
      named = undefined;
    }
    if (named) return { sql: named.sql, params: usageParams(named, given), source: `file ${argument}` };
    return { sql: stripTrailingSemicolon(text), params: given, source: `file ${argument}` };
  }
  if (/^[a-z][a-z0-9_]*$/.test(argument)) {
    let named: NamedQuery;
    try {
      named = getNamedQuery(argument);
    } catch (error) {
      throw asUsage(error);
    }
    return { sql: named.sql, params: usageParams(named, given), source: `query ${named.name} (${named.file})` };
  }
  return { sql: stripTrailingSemicolon(argument), params: given, source: 'the SQL given' };
}

function usageParams(named: NamedQuery, given: Record<string, string>): Params {
  try {
    return resolveParams(named, given);
  } catch (error) {
    throw asUsage(error);
  }
}

function asUsage(error: unknown): unknown {
  if (error instanceof QueryError) {
    return new OpenPulseError('USAGE', error.message, error.hint === undefined ? { cause: error } : { cause: error, hint: error.hint });
  }
  return error;
}

function stripTrailingSemicolon(sql: string): string {
  return sql.trim().replace(/;\s*$/, '');
}

/** The format: --format, else the --out file's extension, else an aligned table. */
export function chooseFormat(format: string | undefined, out: string | undefined): QueryFormat {
  if (format !== undefined) {
    if (!(QUERY_FORMATS as readonly string[]).includes(format)) {
      throw new OpenPulseError('USAGE', `unknown format "${format}"`, { hint: `use one of ${QUERY_FORMATS.join(', ')}` });
    }
    return format as QueryFormat;
  }
  if (out !== undefined) return FORMAT_BY_EXTENSION[path.extname(out).toLowerCase()] ?? 'table';
  return 'table';
}

export interface QueryRunOptions {
  /** Allow a statement that changes data. */
  write: boolean;
  /** The rows taken so far, after each block of them. */
  onRows?: (rows: number) => void;
  /** An aligned table's lines written so far, of all its rows (written once every row has come). */
  onTable?: (written: number, rows: number) => void;
}

/**
 * How long work shows itself: the rows taken, said every PROGRESS_MS once a query has run that
 * long, and an aligned table's writing as a progress bar. A query of a few seconds says nothing more.
 */
const PROGRESS_MS = 5000;

export function queryProgress(io: CommandIO, label: string): Pick<QueryRunOptions, 'onRows' | 'onTable'> {
  const started = io.clock.now().getTime();
  let said = started;
  return {
    onRows: (rows) => {
      const now = io.clock.now().getTime();
      if (now - said < PROGRESS_MS) return;
      said = now;
      io.log.info(`${label}: ${rows} row${rows === 1 ? '' : 's'} so far`);
    },
    onTable: (written, rows) => {
      if (io.clock.now().getTime() - started >= PROGRESS_MS) io.log.progress(`${label}: table lines`, written, rows);
    },
  };
}

/**
 * Runs the target and writes its result in `format` to `output` as the engine makes it, a block at
 * a time, never whole: a year of 50 M generated facts is 5 M rows, 1.3 GB as NDJSON. ClickHouse
 * serialises wherever one of its formats fits. Returns the rows written (undefined for Parquet).
 */
export async function writeQuery(store: Store, target: QueryTarget, format: QueryFormat, options: QueryRunOptions, output: ResultOutput): Promise<number | undefined> {
  const read = (clickhouseFormat: DataFormat) => ({ format: clickhouseFormat, readonly: !options.write, context: target.source });
  const taken = (rows: number) => options.onRows?.(rows);
  try {
    switch (format) {
      case 'parquet':
        // one whole file (its footer indexes its row groups), which the engine writes itself
        await store.rawToFile(target.sql, target.params, read('Parquet'), await output.engineFile());
        return undefined;
      case 'ndjson': {
        let rows = 0;
        await store.rawEach(target.sql, target.params, read('JSONEachRow'), async (bytes) => {
          rows += countNewlines(bytes);
          await output.write(bytes);
          taken(rows);
        });
        return rows;
      }
      case 'json': {
        // one array, a row a line: the engine's JSONEachRow lines joined by commas
        let rows = 0;
        const split = new LineSplitter();
        const take = async (lines: string[]) => {
          let text = '';
          for (const line of lines) if (line !== '') text += `${rows++ === 0 ? '[\n' : ',\n'}${line}`;
          if (text !== '') await output.write(text);
          taken(rows);
        };
        await store.rawEach(target.sql, target.params, read('JSONEachRow'), (bytes) => take(split.push(bytes)));
        await take([split.end()]);
        await output.write(rows === 0 ? '[]\n' : '\n]\n');
        return rows;
      }
      default: {
        const text = new ResultText(format, (piece) => output.write(piece), options.onTable ? { onTable: options.onTable } : {});
        try {
          await store.rawEach(target.sql, target.params, read('JSONCompactEachRowWithNamesAndTypes'), async (bytes) => {
            await text.push(bytes);
            taken(text.rows);
          });
          return await text.end();
        } finally {
          await text.dispose();
        }
      }
    }
  } catch (error) {
    throw explainSqlError(error, target);
  }
}

/** Where in the SQL a ClickHouse error points: 1-based line and column, or undefined. */
export function locateSqlError(sql: string, message: string): { line: number; column: number } | undefined {
  const syntax = /failed at position (\d+) \((.*?)\)(?: \(line \d+, col \d+\))?:/.exec(message);
  if (syntax) {
    const position = Number(syntax[1]) - 1;
    const token = syntax[2]!.replace(/^'(.*)'$/, '$1');
    // The position counts from the start of the text ClickHouse parsed; the
    // store's read-only check parses the SQL behind EXPLAIN_PREFIX first, so
    // accept the token at the position or at the position less that prefix.
    for (const shift of [0, EXPLAIN_PREFIX.length]) {
      const at = position - shift;
      if (at < 0 || at > sql.length) continue;
      if (token === 'end of query' ? at >= sql.trimEnd().length : sql.startsWith(token, at)) return lineColumn(sql, at);
    }
    return undefined;
  }
  const name =
    /(?:identifier|function|table|column|Table|Column|database)[^`']{0,40}[`']([^`']+)[`']/.exec(message)?.[1] ??
    /Table (?:\w+\.)?(\w+) does not exist/.exec(message)?.[1] ??
    /Unknown function (\w+)/.exec(message)?.[1];
  if (name) {
    const bare = name.includes('.') && !sql.includes(name) ? name.slice(name.lastIndexOf('.') + 1) : name;
    const match = new RegExp(`(^|[^A-Za-z0-9_])(${bare.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?![A-Za-z0-9_])`).exec(sql);
    if (match) return lineColumn(sql, match.index + match[1]!.length);
  }
  return undefined;
}

function lineColumn(sql: string, offset: number): { line: number; column: number } {
  const before = sql.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** The SQL line an error points at, with a caret under the column. */
export function pointAt(sql: string, where: { line: number; column: number }): string {
  const text = sql.split('\n')[where.line - 1] ?? '';
  return `  ${text}\n  ${' '.repeat(Math.max(0, where.column - 1))}^`;
}

/** A ClickHouse error as the user should see it: its code, its message, where in the query. No stack trace. */
export function explainSqlError(error: unknown, target: QueryTarget): unknown {
  const cause = error instanceof OpenPulseError ? error.cause : error;
  if (!isClickHouseError(cause)) return error;
  const message = cause.message.trim();
  const where = locateSqlError(target.sql, message);
  const head = `ClickHouse error ${cause.code} (${cause.type ?? 'unknown'}) in ${target.source}${where ? ` at line ${where.line}, column ${where.column}` : ''}`;
  const shown = message.length > 1500 ? `${message.slice(0, 1500)}…` : message;
  return new OpenPulseError('STORE_QUERY', [head, ...(where ? [pointAt(target.sql, where)] : []), shown].join('\n'), {
    cause,
    hint: 'fix the SQL and run it again; "openpulse query --list" shows the named queries and their parameters',
  });
}

/** --list: every named query with its parameters and columns. */
export function listQueries(format: 'table' | 'json'): string {
  const queries = [...namedQueries().values()];
  if (format === 'json') {
    return `${JSON.stringify(queries.map(({ name, description, params, returns, file }) => ({ name, description, params, returns, file })), null, 2)}\n`;
  }
  return queries
    .map((q) => {
      const params = q.params.length ? q.params.map((p) => `${p.name} ${p.type}${p.default !== undefined ? ` = ${p.default}` : ''}`).join(', ') : 'none';
      return `${q.name}\n  ${q.description}\n  params:  ${params}\n  returns: ${q.returns.map((c) => `${c.name} ${c.type}`).join(', ')}\n`;
    })
    .join('\n');
}

export const queryCommand: Command = {
  name: 'query',
  summary: 'run a named query, a SQL string or a .sql file against the store (read-only unless --write)',
  usage: '<name | "SQL" | file.sql> [--param name=value ...] [--format table|csv|tsv|json|ndjson|markdown|parquet] [--out FILE]\n       openpulse query --batch FILE\n       openpulse query --list',
  positionals: true,
  details: [
    'examples:',
    '  openpulse query open_share --param from=2023-07-18',
    '  openpulse query growth_by_openness --param metric=projects --param from=2023-07-18 --format markdown',
    '  openpulse query "SELECT family, count() FROM facts GROUP BY family" --format csv --out facts.csv',
    '  openpulse query my-query.sql --param day=2024-01-01',
    '  openpulse query --batch exports.txt',
    '--batch FILE runs many queries in one process (the store opens once): one a line, written as after',
    '"openpulse query", each with --out FILE; blank lines and # comments are skipped. Every line is checked',
    'before any runs; a query that fails as it runs is reported with its line, and the others still run.',
    'A result of any size is written as the engine makes it, a block of rows at a time (an aligned',
    'table keeps its rows in a temporary file, past 32 Mi characters, until their widths are known);',
    'past five seconds a query says every five seconds how many rows it has taken.',
    'Parameters are bound by ClickHouse ({name:Type} in the SQL), never pasted into it.',
    'CSV and TSV neutralise spreadsheet formulas (a leading apostrophe before =, +, -, @, tab, CR).',
  ].join('\n'),
  flags: {
    param: { type: 'string', multiple: true, short: 'p', valueName: 'NAME=VALUE', description: 'a query parameter; repeat for several' },
    format: { type: 'string', short: 'f', valueName: 'FORMAT', description: `output format: ${QUERY_FORMATS.join(', ')} (default table, or from the --out extension)` },
    out: { type: 'string', short: 'o', valueName: 'FILE', description: 'write the result to FILE instead of stdout (written whole or not at all)' },
    write: { type: 'boolean', description: 'allow statements that change data (INSERT, ALTER, DROP, …); default read-only' },
    list: { type: 'boolean', description: 'list the named queries with their parameters and columns' },
    batch: { type: 'string', valueName: 'FILE', description: 'run every query in FILE (one a line, as after "openpulse query", each with --out FILE) in one process' },
  },
  async run({ values, positionals }, io) {
    const out = typeof values.out === 'string' ? values.out : undefined;
    if (values.list) {
      if (positionals.length > 0) throw new OpenPulseError('USAGE', '--list takes no query');
      const listFormat = values.format === 'json' ? 'json' : values.format === undefined || values.format === 'table' ? 'table' : undefined;
      if (!listFormat) throw new OpenPulseError('USAGE', `--list prints a table or json, not "${String(values.format)}"`);
      await emit(io, listQueries(listFormat), out);
      return 0;
    }
    if (typeof values.batch === 'string') return runBatchFile(values.batch, values, positionals, io);
    if (positionals.length !== 1) {
      throw new OpenPulseError('USAGE', positionals.length === 0 ? 'no query given' : `one query at a time (got ${positionals.length} arguments; put SQL in quotes)`, {
        hint: 'give a named query ("openpulse query --list"), SQL in quotes or a .sql file',
      });
    }
    const format = chooseFormat(values.format as string | undefined, out);
    const target = resolveTarget(positionals[0]!, parseParamFlags((values.param as string[] | undefined) ?? []));
    if (format === 'parquet' && out === undefined && (io.stdout as { isTTY?: boolean }).isTTY) {
      throw new OpenPulseError('USAGE', 'Parquet is binary and stdout is a terminal', { hint: 'add --out FILE.parquet or redirect stdout to a file' });
    }
    const config = configFromFlags(values, io.env);
    const options: QueryRunOptions = { write: values.write === true, ...queryProgress(io, 'query') };
    const rows = await withStore(config, io, 'query', (store) => writeResult(out, io.stdout, (output) => writeQuery(store, target, format, options, output)));
    if (rows !== undefined) io.log.info(`${rows} row${rows === 1 ? '' : 's'}${out ? ` written to ${out}` : ''}`);
    else if (out) io.log.info(`written to ${out}`);
    return 0;
  },
};

/** --batch FILE: every line checked first, then run in one store session; exit 1 if any failed as it ran. */
async function runBatchFile(file: string, values: Record<string, unknown>, positionals: string[], io: CommandIO): Promise<number> {
  const alone = [...(positionals.length > 0 ? [`a query (${positionals[0]})`] : []), ...['param', 'format', 'out', 'list'].filter((f) => values[f] !== undefined).map((f) => `--${f}`)];
  if (alone.length > 0) {
    throw new OpenPulseError('USAGE', `--batch runs the queries in ${file}; ${alone.join(', ')} belong${alone.length === 1 ? 's' : ''} on its lines`, {
      hint: 'write each query in the file as after "openpulse query", with its own --param, --format and --out',
    });
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new OpenPulseError('USAGE', `cannot read the batch file ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { cause, hint: 'give an existing file: one query a line, as after "openpulse query", each with --out FILE' });
  }
  // Loaded only for a batch: a single query's start stays as it was.
  const { parseBatch, runBatch } = await import('./query-batch.ts');
  const items = parseBatch(text, file);
  const config = configFromFlags(values, io.env);
  const failed = await withStore(config, io, 'query', (store) => runBatch(store, items, file, io, { write: values.write === true }));
  if (failed.length > 0) {
    io.log.warn(`${failed.length} of ${items.length} quer${items.length === 1 ? 'y' : 'ies'} in ${file} failed (above); the other results are written`);
    return 1;
  }
  io.log.info(`${items.length} quer${items.length === 1 ? 'y' : 'ies'} in ${file} written`);
  return 0;
}

async function emit(io: CommandIO, data: Buffer | string, out: string | undefined): Promise<void> {
  if (out === undefined) io.stdout.write(data);
  else await writeFileAtomically(out, data);
}
