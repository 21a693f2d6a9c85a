// The store: the only module that knows ClickHouse. One code path for the
// embedded chDB store and a ClickHouse server, both through @clickhouse/client.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Session } from 'chdb';
import { ClickHouseError, createClient, parseError, type ClickHouseClient, type ClickHouseSettings, type DataFormat } from '@clickhouse/client';

/** ClickHouse output formats, for callers that ask the store for bytes (the store owns the client types). */
export type { DataFormat };
import type { Catalog } from '../catalog.ts';
import { spoolDir, type Config } from '../config.ts';
import { OpenPulseError, redact } from '../errors.ts';
import { ChunkedFile } from '../files.ts';
import type { Observation } from '../observation.ts';
import { getNamedQuery, resolveParams, QUERIES_DIR, type Params } from '../../queries/index.ts';
import { opennessClass, SCOPES } from '../../registry/openness.ts';
import { HEADLINE_SIGNALS } from '../../registry/metrics.ts';
import { materializedView, quoteString, renderDdl, splitStatements } from './ddl.ts';
import { DERIVED_TABLES, driftParts, driftSql, madeFromName, refoldSql, writerSelect } from './derived.ts';
import { openClassifier, type Classifier } from './classify.ts';
import { importFactFile, type FactFileImport, type FactFileImportOptions } from './fact-import.ts';
import { acquireStoreLock, type StoreLock } from './lock.ts';
import { checkOneStatement, checkStatement, classFromAst, readAst, type AstFacts } from './readonly.ts';
import { clickhouseTime, toStoredRow, type StoredRow } from './rows.ts';
import { drainSpool, loadsSpool, spoolRows } from './spool.ts';

/** The oldest ClickHouse server OpenPulse runs on: its schema needs DateTime64, LowCardinality, FINAL in views and (24.8) a projection on a ReplacingMergeTree (subject_days, migration 007). */
export const MIN_CLICKHOUSE_VERSION = '24.8';

export interface RunRecord {
  run_id: string;
  job: string;
  source: string;
  started_at: Date;
  finished_at: Date;
  status: 'ok' | 'partial' | 'failed' | 'unreachable' | 'skipped';
  rows: number;
  problems: number;
  message: string;
  rate_limit_left: number | null;
}

export interface ProblemRecord {
  run_id: string;
  source: string;
  subject: string;
  metric: string;
  raw: string;
  message: string;
}

export interface SqlOptions {
  /** Refuse anything but reading the store's own tables. Default true. */
  readonly?: boolean;
  /** ClickHouse output format for text results. Default JSONEachRow. */
  format?: DataFormat;
  /** What is being run, for messages: "query growth_by_family (…)", "the SQL given". Default "query". */
  context?: string;
}

/** SQL over the store: what queries, the site, reports and ad-hoc questions use. */
export interface SqlAccess {
  readonly kind: 'embedded' | 'server';
  /** Where the store lives, for messages: a directory or a URL without credentials. */
  readonly location: string;
  /** Runs a named query from queries/<name>.sql with bound parameters. */
  query<T>(name: string, params?: Params): Promise<T[]>;
  /**
   * Runs a named query and hands its rows to `onBytes` as UTF-8 JSON lines: first the columns' names
   * (a JSON array), then a JSON array of values per row, in the same order (the engine's
   * JSONCompactEachRowWithNames; read back by snapshot/read.ts rowRecords). They come in the pieces
   * the store sends (a piece may end inside a row or a character; together they are the lines, each
   * ending in a newline): a result of any size passes through without being held whole or decoded
   * (the site's snapshot). Each piece is the caller's to keep. Returns how many rows there were.
   */
  queryEach(name: string, params: Params, onBytes: (bytes: Buffer) => void | Promise<void>): Promise<number>;
  /** Runs SQL and returns rows (JSONEachRow). Read-only unless told otherwise. */
  rows<T>(sql: string, params?: Params, options?: SqlOptions): Promise<T[]>;
  /** Runs SQL and returns its output in a ClickHouse format (CSVWithNames, Parquet, …) as bytes. */
  raw(sql: string, params: Params, options: SqlOptions & { format: DataFormat }): Promise<Buffer>;
  /** A read's result in `format`, handed to `onBytes` a block at a time as the engine makes it (never whole); returns the bytes. */
  rawEach(sql: string, params: Params, options: SqlOptions & { format: DataFormat }, onBytes: (bytes: Buffer) => void | Promise<void>): Promise<number>;
  /** A read's result in `format` written into `file`, in bounded memory whatever its size; returns the file's size. */
  rawToFile(sql: string, params: Params, options: SqlOptions & { format: DataFormat }, file: string): Promise<number>;
  /** Migrations applied so far, by version. */
  migrations(): Promise<{ version: number; name: string }[]>;
  close(): Promise<void>;
}

/** Where a run puts what it collected: facts, its log and problems, each source's state (ETags, cursors). */
export interface RunSink {
  /** Stores facts; returns how many were stored now (0 when they were spooled because the store is unreachable). */
  insert(rows: Observation[], runId: string, collectedAt?: Date): Promise<number>;
  logRun(record: RunRecord): Promise<void>;
  logProblems(records: ProblemRecord[]): Promise<void>;
  getState(source: string, key: string): Promise<string | undefined>;
  setState(source: string, key: string, value: string): Promise<void>;
  /** Every state of one source whose key starts with `prefix`, by key. */
  getStates(source: string, prefix: string): Promise<Map<string, string>>;
  /** Several states of one source in one write (one value per key). */
  setStates(source: string, entries: readonly (readonly [key: string, value: string])[]): Promise<void>;
}

/** Facts from an NDJSON file, checked and stored by the engine, all or none (fact-import.ts). */
export interface FactFileSink {
  importFactFile(file: string, options: FactFileImportOptions): Promise<FactFileImport>;
}

/** The tables derived from the facts as they are written (store/derived.ts DERIVED_TABLES: day rows, week rows, newest-value rows, leaderboard rows). */
export interface DerivedRows {
  /** Makes these subjects' rows in every derived table again from their facts (every subject's when null). */
  refoldDerived(subjects: string[] | null): Promise<void>;
  /**
   * Merges each derived table's parts into one row per key, as the engine's background merges would
   * in time (OPTIMIZE … FINAL): after every subject's rows were written again, each key has two rows
   * until then, which every FINAL read of the figures merges again.
   */
  mergeDerived(onProgress?: (label: string, done: number, total: number) => void): Promise<void>;
  /** Per derived table, how many rows differ from what they are made from (`from`: the facts, or the derived rows a table is made from): missing, left over, or another value; 0 when they agree. */
  derivedDrift(onProgress?: (label: string, done: number, total: number) => void): Promise<{ table: string; rows: string; from: string; differ: number }[]>;
}

/** The catalog's families, release events and items, as dimension tables the queries join. */
export interface CatalogDimensions {
  syncCatalog(catalog: Catalog, at?: Date): Promise<void>;
}

/** The whole store, as openStore opens it; code that needs less asks for one of the parts. */
export interface Store extends SqlAccess, RunSink, FactFileSink, CatalogDimensions, DerivedRows {}

export interface OpenStoreOptions {
  /** The job that opens the store, named in the lock so others can say who holds it. */
  job: string;
  log?: (line: string) => void;
}

/** Opens the configured store, checks the server version, applies migrations and loads spooled rows. */
export async function openStore(config: Config, options: OpenStoreOptions): Promise<Store> {
  const log = options.log ?? (() => {});
  const store = config.clickhouseUrl ? await openServer(config) : await openEmbedded(config, options);
  try {
    await migrate(store.client, store.target, log);
    Object.assign(store, await engineFeatures(store.client, store.kind));
  } catch (error) {
    await store.close();
    throw error;
  }
  // What must not go unnoticed goes to the command's log (its format and redaction), else to stderr.
  const result = new ClickHouseStore(store, config, options.log ?? ((line) => process.stderr.write(`${line}\n`)));
  // Only a job that writes facts loads rows left by an earlier run: a status or a query reads the store as it is.
  if (loadsSpool(options.job)) {
    try {
      const drained = await drainSpool(
        spoolDir(config),
        {
          insert: (rows) => result.insertStored(rows),
          logRun: (r) => result.logRun(r),
          logProblems: (r) => result.logProblems(r),
          setState: (s, k, v) => result.setState(s, k, v),
          refold: async (subjects) => {
            await result.refoldDerived(subjects);
            log(`store: made the ${derivedRowNames()} of ${subjects === null ? 'every subject' : `${subjects.length} subject(s)`} again from their facts (an earlier write of facts had failed)`);
          },
        },
        log,
      );
      if (drained.rows > 0) log(`store: loaded ${drained.rows} spooled rows from ${drained.files} file(s) left by an earlier run`);
    } catch (error) {
      await result.close();
      throw error;
    }
  }
  return result;
}

interface Opened {
  client: ClickHouseClient;
  kind: 'embedded' | 'server';
  location: string;
  target: { cluster?: string | undefined; database: string };
  lock?: StoreLock;
  /** The embedded engine's statement classifier; a server has none (it refuses several statements itself). */
  classifier?: Classifier;
  /**
   * The embedded engine's own insert of NDJSON bytes: handed over as they are and parsed by the
   * engine, about three times the rate of the client's insert, which chDB turns into one SQL string.
   */
  insertNdjson?: (table: string, ndjson: Buffer) => Promise<void>;
  /**
   * The embedded engine's streamed read: a result handed over a block at a time as the engine makes
   * it, where the client's query hands chDB's whole result over at once (Store.rawEach).
   */
  streamRead?: (sql: string, params: Params, settings: ClickHouseSettings, format: string, onBytes: (bytes: Buffer) => void | Promise<void>) => Promise<number>;
  /**
   * The embedded engine writing a read's result into a file itself (INTO OUTFILE): a format that is
   * one whole file, such as Parquet (its footer indexes the row groups), cannot be made of the
   * blocks a streamed read hands over.
   */
  writeFile?: (sql: string, params: Params, settings: ClickHouseSettings, format: string, file: string) => Promise<void>;
  /** Whether the engine evaluates `WITH name AS MATERIALIZED (…)` once (see engineFeatures). Known after the migrations. */
  materializedCte?: boolean;
  /** Whether a query may set the planner's settings of TUNING_SETTINGS (see engineFeatures). Known after the migrations. */
  tuning?: boolean;
  close(): Promise<void>;
}

/**
 * The embedded engine shares this process's memory, so a query's GROUP BY or ORDER BY that
 * outgrows this many bytes goes on in temporary files under the store's directory instead
 * of in memory: the same rows, a bounded peak (the site's queries on 50 M generated facts:
 * 1.37 GiB → 1.13 GiB, and faster; headline_answer alone 1.1 GiB → 0.75 GiB). A server
 * applies its own settings.
 */
const EMBEDDED_SPILL = { max_bytes_before_external_group_by: String(256 * 2 ** 20), max_bytes_before_external_sort: String(256 * 2 ** 20) } as const;

/** The settings the embedded client gives every query (and a streamed read, on its own session, states itself). */
const EMBEDDED_SETTINGS = { output_format_json_quote_64bit_integers: 0, date_time_input_format: 'best_effort', ...EMBEDDED_SPILL } as const;

/** The formats a streamed read (Store.rawEach) hands over: one line per row (after a header of whole lines), so its blocks join into one result. */
const STREAMED_FORMATS: ReadonlySet<string> = new Set(['JSONEachRow', 'JSONCompactEachRow', 'CSV', 'TSV', 'TabSeparated', 'JSONCompactEachRowWithNames', 'JSONCompactEachRowWithNamesAndTypes']);
/**
 * The lines of a streamed format's header. chDB formats each block of a stream as a result of its
 * own, header and all: the header is kept from the first block and taken off the others, so the
 * pieces join into the one result a server sends. (JSON escapes a newline in a name: one line each.)
 */
const STREAM_HEADER_LINES: Readonly<Record<string, number>> = { JSONCompactEachRowWithNames: 1, JSONCompactEachRowWithNamesAndTypes: 2 };

/** chDB's refusal to stream a statement that is not a SELECT. */
const STREAM_UNSUPPORTED = /Streaming query is not supported for query/;

/** The first `lines` lines of `block`, their newlines included; undefined when it has fewer. */
function headerOf(block: Buffer, lines: number): Buffer | undefined {
  let end = -1;
  for (let n = 0; n < lines; n++) {
    end = block.indexOf(10, end + 1);
    if (end < 0) return undefined;
  }
  return block.subarray(0, end + 1);
}

/** A chDB session of its own on the store's data, for the reads it streams or writes to a file. */
async function streamSession(dataPath: string): Promise<Session> {
  const { Session: SessionOf } = await import('chdb');
  return new SessionOf(dataPath);
}

/** The client's settings as the rest of the store's reads have them, and JSON as its reads write it (no \\/ for /). */
function streamSettings(settings: ClickHouseSettings): Record<string, unknown> {
  return { ...EMBEDDED_SETTINGS, output_format_json_escape_forward_slashes: 0, ...settings };
}

/** `settings` as SET statements, one each. */
function setStatements(settings: Record<string, unknown>): string[] {
  return Object.entries(settings)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `SET ${k} = ${typeof v === 'number' || typeof v === 'boolean' ? Number(v) : quoteString(String(v))}`);
}

/**
 * chDB's session error in the shape the client's errors have (code, type, the engine's message),
 * so that a streamed read's error reads as any other query's: `query` points at the line and column.
 */
function sessionError(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const parsed = parseError(message);
  return isClickHouseError(parsed) ? Object.assign(parsed, { cause: error }) : error;
}

async function openEmbedded(config: Config, options: OpenStoreOptions): Promise<Opened> {
  const dir = path.resolve(config.dataDir);
  const lock = await acquireStoreLock(dir, options.job, {
    waitMs: config.storeLockWaitMs,
    onWait: (holder) => options.log?.(`store: ${dir} is in use by "openpulse ${holder.job}" (pid ${holder.pid}); waiting for it…`),
  });
  try {
    // chdb's Connection comes from @clickhouse/client-common, whose type differs
    // nominally from the one @clickhouse/client expects: cast once, here.
    const { createChdbConnection } = await import('chdb/connection');
    const dataPath = path.join(dir, 'clickhouse');
    const connection = createChdbConnection({ path: dataPath });
    const client = createClient({
      connection: connection as unknown as NonNullable<Parameters<typeof createClient>[0]>['connection'],
      clickhouse_settings: EMBEDDED_SETTINGS,
    } as Parameters<typeof createClient>[0]);
    const classifier = openClassifier(dataPath, 'default');
    // A session of its own for streamed reads (a chDB session streams one result at a time), on the
    // same engine and data as the client's; made on the first such read. Its settings are the
    // session's (SET), not a clause added to the statement, which the engine's messages would quote.
    let streams: Session | undefined;
    let applied: string | undefined;
    const session = async (settings: ClickHouseSettings): Promise<Session> => {
      streams ??= await streamSession(dataPath);
      const statements = setStatements(streamSettings(settings));
      const key = statements.join('\n');
      if (key !== applied) {
        for (const set of statements) await streams.queryAsync(set);
        applied = key;
      }
      return streams;
    };
    return {
      client,
      kind: 'embedded',
      location: dir,
      target: { database: 'default' },
      lock,
      classifier,
      insertNdjson: async (table, ndjson) => {
        await connection.chdb.rawInsert({ table, values: ndjson, format: 'JSONEachRow' });
      },
      streamRead: async (sql, params, settings, format, onBytes) => {
        const reads = await session(settings);
        const headerLines = STREAM_HEADER_LINES[format] ?? 0;
        let header: Buffer | undefined;
        let bytes = 0;
        try {
          for await (const chunk of reads.queryStreamBind(sql, params, { format })) {
            const raw = chunk.raw();
            let buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
            if (headerLines > 0 && buffer.length > 0) {
              if (header === undefined) {
                header = headerOf(buffer, headerLines);
                if (header === undefined) throw new Error(`the first block of a ${format} stream has no header of ${headerLines} line${headerLines === 1 ? '' : 's'}`);
              } else {
                if (!buffer.subarray(0, header.length).equals(header)) throw new Error(`a block of a ${format} stream does not begin with the header the first one had`);
                buffer = buffer.subarray(header.length);
              }
            }
            bytes += buffer.length;
            if (buffer.length > 0) await onBytes(buffer);
          }
        } catch (error) {
          // chDB streams a SELECT only; EXPLAIN, SHOW, EXISTS, DESCRIBE (small results) are read whole
          if (bytes > 0 || header !== undefined || !STREAM_UNSUPPORTED.test(error instanceof Error ? error.message : '')) throw sessionError(error);
          try {
            const whole = Buffer.from((await reads.queryBindAsync(sql, params, { format })).bytes());
            if (whole.length > 0) await onBytes(whole);
            return whole.length;
          } catch (wholeError) {
            throw sessionError(wholeError);
          }
        }
        return bytes;
      },
      writeFile: async (sql, params, settings, format, file) => {
        const writes = await session(settings);
        try {
          await writes.queryBindAsync(`${sql}\nINTO OUTFILE ${quoteString(file)} TRUNCATE FORMAT ${format}`, params);
        } catch (error) {
          throw sessionError(error);
        }
      },
      close: async () => {
        streams?.close();
        classifier.close();
        await client.close();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function openServer(config: Config): Promise<Opened> {
  const url = config.clickhouseUrl!;
  const shown = safeUrl(url);
  const version = await serverVersion(config);
  if (compareVersions(version, MIN_CLICKHOUSE_VERSION) < 0) {
    throw new OpenPulseError(
      'STORE_VERSION',
      `the ClickHouse server at ${shown} runs version ${version}; OpenPulse needs ${MIN_CLICKHOUSE_VERSION} or newer`,
      { hint: `upgrade the server to ClickHouse ${MIN_CLICKHOUSE_VERSION}+ or unset CLICKHOUSE_URL to use the embedded store` },
    );
  }
  const common = {
    url,
    username: config.clickhouseUser,
    password: config.clickhousePassword,
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 as const, date_time_input_format: 'best_effort' as const },
  };
  const bootstrap = createClient(common);
  try {
    const on = config.clickhouseCluster ? ` ON CLUSTER \`${config.clickhouseCluster}\`` : '';
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${config.clickhouseDatabase}${on}` });
  } catch (error) {
    throw storeError(error, `creating database ${config.clickhouseDatabase} on ${shown}`);
  } finally {
    await bootstrap.close();
  }
  const client = createClient({ ...common, database: config.clickhouseDatabase });
  return {
    client,
    kind: 'server',
    location: shown,
    target: { cluster: config.clickhouseCluster, database: config.clickhouseDatabase },
    close: () => client.close(),
  };
}

/** Asks a server its version over plain HTTP, which every ClickHouse version answers. */
export async function serverVersion(config: Pick<Config, 'clickhouseUrl' | 'clickhouseUser' | 'clickhousePassword' | 'requestTimeoutMs'>): Promise<string> {
  const url = new URL(config.clickhouseUrl!);
  const shown = safeUrl(config.clickhouseUrl!);
  url.username = '';
  url.password = '';
  url.searchParams.set('query', 'SELECT version()');
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { 'X-ClickHouse-User': config.clickhouseUser, 'X-ClickHouse-Key': config.clickhousePassword },
      signal: AbortSignal.timeout(config.requestTimeoutMs),
    });
  } catch (cause) {
    const inner = (cause as Error & { cause?: { code?: string; message?: string } }).cause;
    const reason = inner?.code ?? inner?.message ?? (cause as Error).message;
    throw new OpenPulseError('STORE_UNREACHABLE', `cannot reach the ClickHouse server at ${shown}: ${reason}`, {
      cause,
      hint: 'check CLICKHOUSE_URL and that the server is running; unset it to use the embedded store',
    });
  }
  const text = (await response.text()).trim();
  if (!response.ok) {
    throw new OpenPulseError('STORE_UNREACHABLE', `the ClickHouse server at ${shown} answered ${response.status}: ${text.split('\n')[0]}`, {
      hint: 'check CLICKHOUSE_USER and CLICKHOUSE_PASSWORD',
    });
  }
  return text;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return redact(url);
  }
}

/** Applies the numbered migrations in queries/schema/ that are not yet recorded. */
async function migrate(client: ClickHouseClient, target: { cluster?: string | undefined; database: string }, log: (line: string) => void): Promise<void> {
  if (await upToDate(client)) return;
  const ddl = (statement: string) => renderDdl(statement, target);
  const run = async (statement: string, context: string) => {
    for (const s of ddl(statement)) {
      try {
        await client.command({ query: s });
      } catch (error) {
        throw storeError(error, context, 'MIGRATION');
      }
    }
  };
  await run(
    `CREATE TABLE IF NOT EXISTS openpulse_migrations (version UInt32, name String, applied_at DateTime64(3, 'UTC')) ENGINE = ReplacingMergeTree(applied_at) ORDER BY version`,
    'creating the migrations table',
  );
  const applied = new Set(
    (await (await client.query({ query: 'SELECT version FROM openpulse_migrations FINAL', format: 'JSONEachRow' })).json<{ version: number }>()).map(
      (r) => Number(r.version),
    ),
  );
  let countFacts = false;
  for (const migration of listMigrations()) {
    if (applied.has(migration.version)) continue;
    if (migration.name === 'source_facts') countFacts = true;
    // Some take a while on a large store (007 makes a row per subject and day from every fact: 20 s at 50 M facts).
    log(`store: applying migration ${path.basename(migration.file)}`);
    const started = performance.now();
    for (const statement of splitStatements(readFileSync(migration.file, 'utf8'))) {
      await run(statement, `migration ${path.basename(migration.file)}`);
      // A materialized view writes the rows of what is inserted from now on; the rows its
      // source already holds are written once here, by the same SELECT (through the
      // Distributed tables on a cluster, which shard them as the view's own writes are).
      const view = materializedView(statement);
      if (view) {
        try {
          await client.command({ query: `INSERT INTO ${view.to} ${view.select}` });
        } catch (error) {
          throw storeError(error, `migration ${path.basename(migration.file)}: writing ${view.to} from the rows already stored`, 'MIGRATION');
        }
      }
    }
    await client.insert({
      table: 'openpulse_migrations',
      values: [{ version: migration.version, name: migration.name, applied_at: clickhouseTime(new Date()) }],
      format: 'JSONEachRow',
    });
    log(`store: applied migration ${path.basename(migration.file)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  await syncRegistryTables(client, run);
  await applyViews(client, run, log);
  await refreshClassCache(client);
  // The facts a store held before source_facts existed are counted once here (its witness is a view).
  if (countFacts) {
    try {
      await countSourceFacts(client);
    } catch (error) {
      throw storeError(error, 'migration 009_source_facts.sql: counting the facts already stored', 'MIGRATION');
    }
  }
}

/**
 * Counts the facts per source into source_facts (migration 009), unless its counts were made from
 * the facts' table as it is now (views.sql, observations_witness), or the table's parts are not
 * this server's to see (a cluster: data_freshness counts the facts itself there). The witness is
 * read before the facts are counted, so a write between the two is in the counts and not in their
 * label: such counts are never taken for current. Returns whether it counted.
 */
export async function countSourceFacts(client: ClickHouseClient): Promise<boolean> {
  const [state] = await (
    await client.query({
      query: 'SELECT (SELECT witness FROM observations_witness) AS witness, (SELECT count() FROM source_facts_current) AS current',
      format: 'JSONEachRow',
    })
  ).json<{ witness: string; current: number }>();
  if (!state || state.witness === '' || Number(state.current) > 0) return false;
  await client.command({
    query:
      'INSERT INTO source_facts SELECT source, max(observed_at), count(), max(collected_at), {witness:String}, now64(3) FROM observations FINAL GROUP BY source',
    query_params: { witness: state.witness },
  });
  return true;
}

/** The store's views, defined once (queries/schema/views.sql), and the hash of that file. */
export function viewsFile(dir = path.join(QUERIES_DIR, 'schema')): { file: string; text: string; hash: string } {
  const file = path.join(dir, 'views.sql');
  const text = readFileSync(file, 'utf8');
  return { file, text, hash: createHash('sha256').update(text).digest('hex') };
}

/**
 * Re-creates the views when views.sql differs from the one this store last applied: views
 * hold no data, so a changed definition replaces the old one (CREATE OR REPLACE), never a
 * new migration that copies it.
 */
async function applyViews(client: ClickHouseClient, run: (statement: string, context: string) => Promise<void>, log: (line: string) => void): Promise<void> {
  const { file, text, hash } = viewsFile();
  await run(
    `CREATE TABLE IF NOT EXISTS openpulse_views (hash String, applied_at DateTime64(3, 'UTC')) ENGINE = ReplacingMergeTree(applied_at) ORDER BY tuple()`,
    'creating the views table',
  );
  let applied: string | undefined;
  try {
    applied = (await (await client.query({ query: 'SELECT argMax(hash, applied_at) AS hash FROM openpulse_views', format: 'JSONEachRow' })).json<{ hash: string }>())[0]?.hash;
  } catch (error) {
    throw storeError(error, 'reading the views table', 'MIGRATION');
  }
  if (applied === hash) return;
  for (const statement of splitStatements(text)) await run(statement, `views (${path.basename(file)})`);
  try {
    await client.insert({ table: 'openpulse_views', values: [{ hash, applied_at: clickhouseTime(new Date()) }], format: 'JSONEachRow' });
  } catch (error) {
    throw storeError(error, 'recording the views', 'MIGRATION');
  }
  log(`store: ${applied ? 'updated' : 'created'} the views (${path.basename(file)})`);
}

/**
 * Makes class_cache's row again (migration 013) from the views that say what it holds
 * (class_lookup_live, counted_subjects), labelled with the views file it was made by: after the
 * catalog is stored, and after migrations, the registry's rows or the views are written. One
 * insert: a read sees the old row or the new one (ReplacingMergeTree, read FINAL). Its version is
 * later than the row it replaces even if the clock went back.
 */
async function refreshClassCache(client: ClickHouseClient): Promise<void> {
  try {
    await client.command({
      query: `INSERT INTO class_cache
SELECT l.keys, l.family_ids, l.openness, l.licence, l.kind, l.modality, l.scope_bits, l.family_names, l.family_openness, l.family_region, l.family_order,
       c.metrics, c.class_keys, {views_hash:String},
       greatest(now64(3, 'UTC'), (SELECT max(made_at) FROM class_cache) + toIntervalMillisecond(1))
FROM class_lookup_live AS l
CROSS JOIN (SELECT groupArray(metric) AS metrics, groupArray(class_key) AS class_keys FROM counted_subjects) AS c`,
      query_params: { views_hash: viewsFile().hash },
    });
  } catch (error) {
    throw storeError(error, 'making the classes looked up by every query (class_cache)', 'MIGRATION');
  }
}

/**
 * Writes the registry's vocabularies the views read (which kinds and modalities each scope
 * adds; each headline signal's title and caveat) into the store, so SQL reads the one
 * definition in registry/; each table is rewritten only when it changed.
 */
async function syncRegistryTables(client: ClickHouseClient, run: (statement: string, context: string) => Promise<void>): Promise<void> {
  const now = clickhouseTime(new Date());
  for (const { table, columns, rows } of registryTables()) {
    const key = registryRowKey(columns);
    let stored: string[];
    try {
      stored = (await (await client.query({ query: `SELECT ${columns.join(', ')} FROM ${table} FINAL`, format: 'JSONEachRow' })).json<Record<string, unknown>>()).map(key).sort();
    } catch (error) {
      throw storeError(error, `reading ${table}`, 'MIGRATION');
    }
    const wanted = rows.map(key).sort();
    if (stored.join('\n') === wanted.join('\n')) continue;
    await run(`TRUNCATE TABLE ${table}`, `rewriting ${table}`);
    try {
      await client.insert({ table, format: 'JSONEachRow', values: rows.map((r) => ({ ...r, updated_at: now })) });
    } catch (error) {
      throw storeError(error, `writing ${table}`, 'MIGRATION');
    }
  }
}

/** A registry row as one comparable string: its columns' values, in order. */
const registryRowKey = (columns: string[]) => (r: Record<string, unknown>) => JSON.stringify(columns.map((c) => String(r[c])));

/** The registry tables and the rows the registry wants in them. */
function registryTables(): { table: string; columns: string[]; rows: Record<string, string>[] }[] {
  return [
    {
      table: 'scope_members',
      columns: ['scope', 'kind', 'modality'],
      rows: SCOPES.flatMap((s) => s.kinds.flatMap((kind) => s.modalities.map((modality) => ({ scope: s.id, kind, modality })))),
    },
    {
      table: 'signal_notes',
      columns: ['signal', 'position', 'title', 'shape', 'source', 'caveat'],
      rows: HEADLINE_SIGNALS.map((s, i) => ({ signal: s.id, position: String(i), title: s.title, shape: s.shape, source: s.source, caveat: s.caveat })),
    },
  ];
}

/**
 * Whether the store already has every migration, the current views and the registry's rows,
 * read in one query: the usual case, so opening a store for a query costs one round trip, not
 * a dozen. Any doubt (a table missing, an error) answers false and the full check runs.
 */
async function upToDate(client: ClickHouseClient): Promise<boolean> {
  const tables = registryTables();
  const parts = [
    `SELECT 'migration' AS k, toString(version) AS v FROM openpulse_migrations FINAL`,
    `SELECT 'views', argMax(hash, applied_at) FROM openpulse_views`,
    `SELECT 'class_cache', argMax(views_hash, made_at) FROM class_cache`,
    ...tables.map((t) => `SELECT '${t.table}', toJSONString([${t.columns.map((c) => `toString(${c})`).join(', ')}]) FROM ${t.table} FINAL`),
  ];
  let rows: { k: string; v: string }[];
  try {
    const result = await client.query({
      query: parts.join('\nUNION ALL\n'),
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_escape_forward_slashes: 0 },
    });
    rows = await result.json<{ k: string; v: string }>();
  } catch {
    return false;
  }
  const of = (k: string) => rows.filter((r) => r.k === k).map((r) => r.v);
  const versions = new Set(of('migration').map(Number));
  if (!listMigrations().every((m) => versions.has(m.version))) return false;
  const views = viewsFile().hash;
  if (of('views')[0] !== views) return false;
  // class_cache made by these views (none made yet: '')
  if (of('class_cache')[0] !== views) return false;
  return tables.every((t) => of(t.table).sort().join('\n') === t.rows.map(registryRowKey(t.columns)).sort().join('\n'));
}

/**
 * Rows as objects from a JSONColumnsWithMetadata document: the columns' names once (meta), then one
 * array of values per column (data), which JSON.parse reads as a few long arrays rather than an
 * array per row.
 */
function rowObjects<T>(text: string): T[] {
  if (text.trim() === '') return [];
  const doc = JSON.parse(text) as { meta: { name: string }[]; data: Record<string, unknown[]>; rows: number };
  const names = [...new Set(doc.meta.map((m) => m.name))];
  const columns = names.map((name) => doc.data[name] ?? []);
  const rows = new Array<T>(doc.rows);
  for (let r = 0; r < doc.rows; r++) {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) row[names[i]!] = columns[i]![r];
    rows[r] = row as T;
  }
  return rows;
}

/**
 * A chunk of a result's stream as a Buffer, not copied: a chunk is its own memory, never reused
 * (chDB's result bytes are copied off the engine into memory JavaScript owns; a server's come off
 * the socket), so a Buffer is kept as it is and a Uint8Array seen as one; a string is encoded to
 * UTF-8. At 50 M facts, project_counts_by_family's 136,988 rows are 10.8 MB: the copy took 24 ms,
 * and the call as the build makes it, its rows written into a file, took 373–404 ms with it and
 * 256–285 ms without it on a loaded machine (medians of 5, three rounds in turn).
 */
export function chunkBytes(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk);
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** One statement's SQL without its closing semicolons, to which a FORMAT clause or an EXPLAIN can be added. */
function statement(sql: string): string {
  return sql.trim().replace(/;+\s*$/, '');
}

/** What the derived tables' rows are called, for messages: "day rows, week rows, newest-value rows and leaderboard rows". */
export function derivedRowNames(): string {
  const names = DERIVED_TABLES.map((d) => d.rows);
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function listMigrations(dir = path.join(QUERIES_DIR, 'schema')): { version: number; name: string; file: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number.parseInt(f.slice(0, 3), 10), name: f.slice(4, -4), file: path.join(dir, f) }));
}

/** Turns a ClickHouse or transport error into an OpenPulseError that says what failed. */
export function storeError(error: unknown, context: string, code: 'STORE_QUERY' | 'MIGRATION' = 'STORE_QUERY'): OpenPulseError {
  if (error instanceof OpenPulseError) return error;
  if (isClickHouseError(error)) {
    return new OpenPulseError(code, `${context}: ClickHouse error ${error.code} (${error.type ?? 'unknown'}): ${error.message.trim()}`, { cause: error });
  }
  if (isConnectionError(error)) {
    return new OpenPulseError('STORE_UNREACHABLE', `${context}: the store is unreachable (${(error as Error).message})`, { cause: error });
  }
  return new OpenPulseError(code, `${context}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}

/**
 * chDB raises @clickhouse/client-common's ClickHouseError from its own copy of
 * that package, so `instanceof` is not enough: recognise the shape too.
 */
export function isClickHouseError(error: unknown): error is ClickHouseError {
  if (error instanceof ClickHouseError) return true;
  const e = error as { name?: unknown; code?: unknown; type?: unknown; constructor?: { name?: string } } | null;
  return !!e && typeof e.code === 'string' && /^\d+$/.test(e.code) && (e.constructor?.name === 'ClickHouseError' || typeof e.type === 'string');
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code ?? '';
  const message = (error as Error | undefined)?.message ?? '';
  return ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE'].includes(code) || /ECONNREFUSED|socket hang up|Timeout error/i.test(message);
}

/**
 * Settings a named query may set for its own plan (a SETTINGS clause that ends it), which never change
 * its result: where the engine has no such setting (optimize_and_compare_chain came with ClickHouse
 * 25.1), or its reads cannot carry settings, the store leaves them out (withoutTuning).
 */
export const TUNING_SETTINGS: readonly string[] = ['optimize_and_compare_chain'];

/**
 * What the engine can do that the named queries use:
 * - materializedCte: it can evaluate a CTE once (`WITH name AS MATERIALIZED (…)`, under the
 *   setting enable_materialized_cte). The named queries mark the CTEs they read more than
 *   once that way (queries/README.md, "CTEs read more than once"): otherwise the engine
 *   inlines a CTE at every reference and computes it again each time.
 * - tuning: it has the settings of TUNING_SETTINGS and a query may set them. A server's read
 *   runs under readonly=1 where the engine cannot materialize CTEs (readSettings), and
 *   readonly=1 refuses every setting a query sets.
 */
async function engineFeatures(client: ClickHouseClient, kind: Opened['kind']): Promise<{ materializedCte: boolean; tuning: boolean }> {
  try {
    const names = ['enable_materialized_cte', ...TUNING_SETTINGS];
    const result = await client.query({ query: `SELECT name FROM system.settings WHERE name IN (${names.map((n) => `'${n}'`).join(', ')})`, format: 'JSONEachRow' });
    const known = new Set((await result.json<{ name: string }>()).map((row) => row.name));
    const materializedCte = known.has('enable_materialized_cte');
    return { materializedCte, tuning: TUNING_SETTINGS.every((name) => known.has(name)) && (kind === 'embedded' || materializedCte) };
  } catch (error) {
    throw storeError(error, 'reading the engine\'s settings');
  }
}

/** SQL for an engine without materialized CTEs: the same CTEs, inlined at each reference (same results, more work). */
export function inlineMaterializedCtes(sql: string): string {
  return sql.replace(/\bAS\s+MATERIALIZED\s*\(/gi, 'AS (');
}

/**
 * SQL for an engine that cannot take TUNING_SETTINGS: without them in the SETTINGS clause that ends it, on a
 * line of its own as the named queries write it (the clause gone if nothing is left).
 */
export function withoutTuning(sql: string): string {
  const clause = /(?:^|\n)SETTINGS\s+([^\n;]*?)\s*$/.exec(sql);
  if (!clause) return sql;
  const kept = clause[1]!.split(',').map((item) => item.trim()).filter((item) => !TUNING_SETTINGS.includes(item.split('=')[0]!.trim()));
  return `${sql.slice(0, clause.index).trimEnd()}${kept.length ? `\nSETTINGS ${kept.join(', ')}` : ''}`;
}

/** What the read-only check puts before a user's SQL: a syntax error's position counts from here. */
export const EXPLAIN_PREFIX = 'EXPLAIN AST ';

class ClickHouseStore implements Store {
  readonly kind: 'embedded' | 'server';
  readonly location: string;
  private readonly client: ClickHouseClient;
  private readonly config: Config;
  private readonly target: { cluster?: string | undefined; database: string };
  private readonly opened: Opened;
  private closed = false;
  /**
   * Whether this store wrote facts (or ran a write it was allowed) since it last counted them per
   * source: it counts them before its next named query (a run that collects, then builds the site)
   * and as it closes.
   */
  private wroteFacts = false;
  private readonly warn: (line: string) => void;

  constructor(opened: Opened, config: Config, warn: (line: string) => void) {
    this.warn = warn;
    this.opened = opened;
    this.client = opened.client;
    this.kind = opened.kind;
    this.location = opened.location;
    this.target = opened.target;
    this.config = config;
  }

  /** Named queries are the project's own SQL: they run read-only without the user-SQL checks. */
  async query<T>(name: string, params: Params = {}): Promise<T[]> {
    const named = getNamedQuery(name);
    await this.countWrittenFacts();
    return this.select<T>(this.forEngine(named.sql), resolveParams(named, params), `query ${name} (${named.file})`);
  }

  async queryEach(name: string, params: Params, onBytes: (bytes: Buffer) => void | Promise<void>): Promise<number> {
    const named = getNamedQuery(name);
    await this.countWrittenFacts();
    let lines = 0;
    try {
      // exec hands over the engine's bytes as they come (a server's response as it streams), and
      // they pass on in those pieces: no row is split out, made a string or an object of its own
      // (136,988 rows of metric_by_family at 50 M facts into a file: median 740 → 575 ms), and the
      // bytes are not decoded into text only to be encoded again (the site's 440 results at 50 M
      // facts: 2.7 s of decoding). An array per row, the names once: half the bytes of an object per
      // row, which the engine also writes faster (137,000 rows of site_compare_series at 50 M facts:
      // 597 → 386 ms and 24.7 → 12.8 MB, about the time of the query with its output dropped).
      const result = await this.client.exec({
        query: `${statement(this.forEngine(named.sql))}\nFORMAT JSONCompactEachRowWithNames`,
        query_params: resolveParams(named, params),
        ...this.readsOnly(),
      });
      for await (const chunk of result.stream as AsyncIterable<Uint8Array | string>) {
        // The caller keeps the chunk, as a file's pending piece (chunkBytes: not copied).
        const bytes = chunkBytes(chunk);
        // A row's JSON escapes the newlines its strings hold, so each newline byte ends one line.
        for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) lines++;
        if (bytes.length > 0) await onBytes(bytes);
      }
      // The first line is the columns' names, there for a result without rows too.
      return Math.max(0, lines - 1);
    } catch (error) {
      throw storeError(error, `query ${name} (${named.file})`);
    }
  }

  async rows<T>(given: string, params: Params = {}, options: SqlOptions = {}): Promise<T[]> {
    const sql = this.forEngine(given);
    const context = options.context ?? 'query';
    if (await this.runsAsCommand(sql, params, options, context)) return [];
    return this.select<T>(sql, params, context);
  }

  private async select<T>(sql: string, params: Params, context: string): Promise<T[]> {
    try {
      // The column names once, then one array per column: half the bytes of JSONEachRow, parsed in one
      // JSON.parse into a few long arrays (137,000 rows of metric_by_family at 50 M facts, from query to
      // objects: 1.2 s as JSONEachRow, 0.65 s an array per row, ~0.4 s an array per column).
      const result = await this.client.query({
        query: sql,
        query_params: params,
        format: 'JSONColumnsWithMetadata',
        ...this.readsOnly(),
      });
      return rowObjects<T>(await result.text());
    } catch (error) {
      throw storeError(error, context);
    }
  }

  async raw(given: string, params: Params, options: SqlOptions & { format: DataFormat }): Promise<Buffer> {
    const sql = this.forEngine(given);
    const context = options.context ?? 'query';
    if (await this.runsAsCommand(sql, params, options, context)) return Buffer.alloc(0);
    try {
      // exec, not query: ResultSet.stream() splits the bytes into rows at every
      // newline and drops what follows the last one, which corrupts binary
      // formats (Parquet). exec hands over the response bytes as they are.
      const result = await this.client.exec({
        query: `${statement(sql)}\nFORMAT ${options.format}`,
        query_params: params,
        clickhouse_settings: this.serverReadonly(options) ? this.readSettings() : this.cteSettings(),
      });
      const chunks: Buffer[] = [];
      for await (const chunk of result.stream as AsyncIterable<Uint8Array | string>) chunks.push(chunkBytes(chunk));
      // One chunk (chDB's whole result) is the answer as it is; Buffer.concat would copy even that.
      return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    } catch (error) {
      throw storeError(error, context);
    }
  }

  /**
   * A read's result in `format`, handed to `onBytes` a block at a time as the engine makes it, each
   * written before the next is asked for: never the whole result at once, so a read of any size
   * (an export of the whole store: 12.5 GB of NDJSON at 50 M generated facts) holds a few blocks.
   * The statement is checked as `raw` checks it: a change runs (readonly: false) or is refused, and
   * hands over nothing. A format with a header hands it over once. Returns the bytes handed over.
   */
  async rawEach(given: string, params: Params, options: SqlOptions & { format: DataFormat }, onBytes: (bytes: Buffer) => void | Promise<void>): Promise<number> {
    const context = options.context ?? 'query';
    // Formats of one line a row (and a header of lines): whole documents (JSON, Parquet) cannot be handed over a block at a time
    if (!STREAMED_FORMATS.has(options.format)) {
      throw new OpenPulseError('USAGE', `${context}: ${options.format} is not a format of one line per row, which a streamed read needs`, { hint: `one of ${[...STREAMED_FORMATS].join(', ')}; Parquet and other whole files: rawToFile` });
    }
    const sql = await this.readStatement(given, params, options);
    if (sql === undefined) return 0;
    const settings = this.serverReadonly(options) ? this.readSettings() : this.cteSettings();
    try {
      if (this.opened.streamRead) return await this.opened.streamRead(statement(sql), params, settings, options.format, onBytes);
      // A server sends its result as it makes it: the response is read a chunk at a time.
      const result = await this.client.exec({ query: `${statement(sql)}\nFORMAT ${options.format}`, query_params: params, clickhouse_settings: settings });
      let bytes = 0;
      for await (const chunk of result.stream as AsyncIterable<Uint8Array | string>) {
        const buffer = chunkBytes(chunk);
        bytes += buffer.length;
        await onBytes(buffer);
      }
      return bytes;
    } catch (error) {
      if (error instanceof OpenPulseError) throw error;
      throw storeError(error, context);
    }
  }

  /**
   * A read's result in `format` written into `file` (which it replaces): by the embedded engine itself
   * (INTO OUTFILE), else streamed from the server (rawEach). For a format that is one whole file
   * (Parquet), in bounded memory. Returns the file's size.
   */
  async rawToFile(given: string, params: Params, options: SqlOptions & { format: DataFormat }, file: string): Promise<number> {
    if (!this.opened.writeFile) {
      const out = new ChunkedFile(file);
      try {
        await this.rawEach(given, params, options, (bytes) => out.write(bytes));
        await out.close();
      } catch (error) {
        out.destroy();
        throw error;
      }
      return out.written;
    }
    const context = options.context ?? 'query';
    const sql = await this.readStatement(given, params, options);
    if (sql === undefined) return 0;
    try {
      await this.opened.writeFile(statement(sql), params, this.cteSettings(), options.format, path.resolve(file));
    } catch (error) {
      throw storeError(error, context);
    }
    return (await stat(file)).size;
  }

  /**
   * The SQL of a read as this engine runs it, checked as `raw` checks a statement; undefined when it
   * ran as a command (a change, allowed with readonly: false), which has no result.
   */
  private async readStatement(given: string, params: Params, options: SqlOptions): Promise<string | undefined> {
    const sql = this.forEngine(given);
    return (await this.runsAsCommand(sql, params, options, options.context ?? 'query')) ? undefined : sql;
  }

  /** The project's own reads (named queries, their rows streamed): on a server, with the server's readonly guard. */
  private readsOnly(): { clickhouse_settings: ClickHouseSettings } {
    return { clickhouse_settings: this.kind === 'server' ? this.readSettings() : this.cteSettings() };
  }

  /**
   * A read on a server: readonly, the server's own guard behind ours. readonly=1 would also
   * refuse the request's other settings, so where a CTE is materialized it is readonly=2:
   * still no writes, settings allowed.
   */
  private readSettings(): ClickHouseSettings {
    return this.opened.materializedCte ? { readonly: '2', ...this.cteSettings() } : { readonly: '1' };
  }

  private cteSettings(): ClickHouseSettings {
    return this.opened.materializedCte ? { enable_materialized_cte: 1 } : {};
  }

  /**
   * SQL as this engine runs it: CTEs marked MATERIALIZED are inlined where the engine cannot materialize them,
   * and TUNING_SETTINGS left out where a query cannot set them.
   */
  private forEngine(sql: string): string {
    const cte = this.opened.materializedCte ? sql : inlineMaterializedCtes(sql);
    return this.opened.tuning ? cte : withoutTuning(cte);
  }

  /** On a server, readonly=1 is a per-request setting: the server's own guard behind ours. */
  private serverReadonly(options: SqlOptions): boolean {
    return this.kind === 'server' && options.readonly !== false;
  }

  /**
   * Checks SQL from outside the project before anything runs it (see
   * readonly.ts): one statement, and without --write only reading the store.
   * A statement that changes data (allowed by --write) returns no rows, and the
   * client's query() would append FORMAT to it, which INSERT … VALUES cannot
   * take: such a statement runs here as a command. Returns whether it did.
   */
  private async runsAsCommand(sql: string, params: Params, options: SqlOptions, context: string): Promise<boolean> {
    const write = options.readonly === false;
    const classified = await this.opened.classifier?.classify(sql);
    if (classified) checkOneStatement(classified, context);
    const ast = await this.explainAst(sql, params, context);
    const analysis = classified ?? { statements: 1, class: classFromAst(ast) };
    checkStatement(analysis, ast, { write, context, storeViews: await this.storeViews(ast.tableFunctions) });
    if (analysis.class === 'read' && classFromAst(ast) === 'read') {
      if (ast.format !== undefined) {
        throw new OpenPulseError('USAGE', `${context}: the SQL ends in FORMAT ${ast.format}; OpenPulse sets the output format itself`, {
          hint: 'drop the FORMAT clause and pass --format (table, csv, tsv, json, ndjson, markdown, parquet)',
        });
      }
      return false;
    }
    try {
      this.wroteFacts = true;
      await this.client.command({ query: sql, query_params: params });
      return true;
    } catch (error) {
      throw storeError(error, context);
    }
  }

  /** Which of these names are views of the store (parameterized views are called like table functions). */
  private async storeViews(names: string[]): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const views = await this.select<{ name: string }>(
      "SELECT name FROM system.tables WHERE database = currentDatabase() AND engine = 'View' AND has({names:Array(String)}, name)",
      { names },
      'reading the store\'s views',
    );
    return new Set(views.map((v) => v.name));
  }

  /** What ClickHouse's parser makes of one statement, without running it. */
  private async explainAst(sql: string, params: Params, context: string): Promise<AstFacts> {
    // exec, not query: query() would append a FORMAT, which the parser reads as the explained statement's own.
    try {
      const result = await this.client.exec({ query: `${EXPLAIN_PREFIX}${statement(sql)}`, query_params: params });
      const chunks: Buffer[] = [];
      for await (const chunk of result.stream as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
      return readAst(Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      throw storeError(error, context);
    }
  }

  async insert(observations: Observation[], runId: string, collectedAt = new Date()): Promise<number> {
    if (observations.length === 0) return 0;
    const rows = observations.map((o) => toStoredRow(o, runId, collectedAt));
    try {
      await this.insertStored(rows);
      return rows.length;
    } catch (error) {
      const failure = storeError(error, 'storing facts');
      if (failure.code !== 'STORE_UNREACHABLE') throw failure;
      await spoolRows(spoolDir(this.config), runId, rows);
      return 0;
    }
  }

  async insertStored(rows: StoredRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 50_000) {
      const batch = rows.slice(i, i + 50_000);
      try {
        if (this.opened.insertNdjson) await this.opened.insertNdjson('observations', Buffer.from(batch.map((r) => JSON.stringify(r)).join('\n')));
        else await this.client.insert({ table: 'observations', values: batch, format: 'JSONEachRow' });
        this.wroteFacts = true;
      } catch (error) {
        // An unreachable store stored nothing, and its rows are spooled and written again whole.
        if (!isConnectionError(error)) await this.noteRefold([...new Set(batch.map((r) => r.subject))]);
        throw error;
      }
    }
  }

  async importFactFile(file: string, options: FactFileImportOptions): Promise<FactFileImport> {
    this.wroteFacts = true;
    try {
      return await importFactFile(this.client, file, {
        ...options,
        engineReadsFile: this.kind === 'embedded',
        onWriteFailed: (subjects) => this.noteRefold(subjects),
      });
    } catch (error) {
      throw storeError(error, `importing ${path.basename(file)}`);
    }
  }

  async refoldDerived(subjects: string[] | null): Promise<void> {
    // A table made from another's rows is written again by its view as that table's rows are.
    for (const derived of DERIVED_TABLES.filter((d) => !d.madeFrom)) {
      const sql = refoldSql(derived, writerSelect(derived, listMigrations), subjects !== null);
      try {
        if (subjects === null) await this.client.command({ query: sql });
        else for (let i = 0; i < subjects.length; i += 1000) await this.client.command({ query: sql, query_params: { subjects: subjects.slice(i, i + 1000) } });
      } catch (error) {
        throw storeError(error, `making the ${derived.rows} (${derived.table}) of ${subjects === null ? 'every subject' : `${subjects.length} subject(s)`} again from their facts`);
      }
    }
  }

  async mergeDerived(onProgress?: (label: string, done: number, total: number) => void): Promise<void> {
    // Partition by partition (the day and week rows are partitioned by metric, migration 015): a
    // table-wide OPTIMIZE … FINAL stops, without an error, at the first partition it cannot merge.
    const refused: string[] = [];
    const cluster = Boolean(this.target.cluster);
    for (const [i, derived] of DERIVED_TABLES.entries()) {
      const context = `merging the ${derived.rows} (${derived.table})`;
      const failed = new Set<string>();
      for (const partition of await this.derivedPartitions(derived.table, context)) {
        // A mutation that deletes every row of a part leaves an empty part made without the table's
        // projection, and a merge refuses parts whose projections differ: an empty part holds no row,
        // so it goes first (on a cluster the parts are each replica's own: the check below names them).
        try {
          if (!cluster && partition.empty.length > 0) await this.dropEmptyParts(derived.table, partition.empty, context);
          if (!cluster && partition.empty.length === partition.parts) continue;
          // optimize_throw_if_noop: a merge the engine declines is an error with its reason, not a
          // silent no-op (not on a cluster, where a shard without the partition's rows would say so)
          await this.runDdl(`OPTIMIZE TABLE ${derived.table} PARTITION ID '${partition.id}' FINAL`, cluster ? undefined : { optimize_throw_if_noop: 1 });
        } catch (error) {
          failed.add(partition.id);
          refused.push(`${derived.table} ${partition.name}: ${storeError(error, context).message}`);
        }
      }
      // What is still in more than one part holding rows (on a cluster, on any replica) was not merged.
      for (const left of await this.derivedPartitions(derived.table, context)) {
        if (left.most > 1 && !failed.has(left.id)) {
          const empty = left.empty.length > 0 ? `; its empty part(s) ${left.empty.join(', ')} hold no row and can be dropped (ALTER TABLE … DROP PART) where they are` : '';
          refused.push(`${derived.table} ${left.name}: still ${left.most} parts holding rows${cluster ? ' on one replica' : ''} after its merge${empty}`);
        }
      }
      onProgress?.('merging the derived rows', i + 1, DERIVED_TABLES.length);
    }
    if (refused.length > 0) {
      throw new OpenPulseError(
        'STORE_QUERY',
        `merging the derived rows: ${refused.length} partition(s) could not be merged, every other one was:\n  ${refused.join('\n  ')}\n` +
          'their rows are stored and read FINAL as before; run `openpulse repair` again once the cause is gone',
      );
    }
  }

  /**
   * A derived table's partitions that have parts: how many active parts (on a cluster, on every
   * replica), the most that hold rows on one replica (1 once merged), and the names of those that hold no row.
   */
  private async derivedPartitions(table: string, context: string): Promise<{ id: string; name: string; parts: number; most: number; empty: string[] }[]> {
    const parts = this.target.cluster
      ? `clusterAllReplicas(${quoteString(this.target.cluster)}, system.parts) WHERE database = currentDatabase() AND table = {local:String}`
      : `system.parts WHERE database = currentDatabase() AND table = {table:String}`;
    const rows = await this.select<{ id: string; value: string; parts: number; most: number; empty: string[] }>(
      `SELECT partition_id AS id, any(value) AS value, sum(parts) AS parts, max(holding) AS most, arrayFlatten(groupArray(empty)) AS empty
       FROM (SELECT partition_id, hostName() AS host, any(partition) AS value, count() AS parts, countIf(rows > 0) AS holding, groupArrayIf(name, rows = 0) AS empty
             FROM ${parts} AND active GROUP BY partition_id, host)
       GROUP BY partition_id ORDER BY partition_id`,
      { table, local: `${table}_local` },
      `${context}: listing its partitions`,
    );
    return rows.map((r) => ({ id: r.id, name: r.id === 'all' ? '(its one partition)' : `partition ${r.value}`, parts: Number(r.parts), most: Number(r.most), empty: r.empty }));
  }

  private async dropEmptyParts(table: string, names: string[], context: string): Promise<void> {
    for (const name of names) {
      // a part's name is the engine's own (partition id, block numbers, level, mutation): letters, digits, _ and -
      if (!/^[\w-]+$/.test(name)) throw new OpenPulseError('STORE_QUERY', `${context}: the store lists a part named ${JSON.stringify(name)}, not a part name`);
      try {
        await this.client.command({ query: `ALTER TABLE ${table} DROP PART '${name}'` });
      } catch (error) {
        throw storeError(error, `${context}: dropping its empty part ${name}`);
      }
    }
  }

  private async runDdl(statement: string, settings?: ClickHouseSettings): Promise<void> {
    for (const s of renderDdl(statement, this.target)) await this.client.command({ query: s, ...(settings && { clickhouse_settings: settings }) });
  }

  async derivedDrift(onProgress?: (label: string, done: number, total: number) => void): Promise<{ table: string; rows: string; from: string; differ: number }[]> {
    const drift: { table: string; rows: string; from: string; differ: number }[] = [];
    for (const derived of DERIVED_TABLES) {
      const from = madeFromName(derived);
      const context = `comparing the ${derived.rows} (${derived.table}) with ${from}`;
      // In parts of its subjects, as many as its rows need (derived.ts, DRIFT_PART_ROWS): count() is the engine's own tally of a table's rows, not a read of them.
      const [size] = await this.select<{ n: number }>(`SELECT count() AS n FROM ${derived.table}`, {}, context);
      const parts = driftParts(Number(size?.n ?? 0), derived.partRows);
      const select = writerSelect(derived, listMigrations);
      let differ = 0;
      for (let index = 0; index < parts; index++) {
        const [row] = await this.select<{ n: number }>(driftSql(derived, select, { index, of: parts }), {}, context);
        differ += Number(row?.n ?? 0);
        onProgress?.(`${derived.rows} (${derived.table})`, index + 1, parts);
      }
      drift.push({ table: derived.table, rows: derived.rows, from, differ });
    }
    return drift;
  }

  /**
   * A write of facts failed inside the store: the facts may be stored and their derived rows not
   * (the writer view runs after the facts' own write). Notes the subjects in the spool, so the
   * next writing run makes their derived rows again (drainSpool); says so if even that fails.
   */
  private async noteRefold(subjects: string[] | null): Promise<void> {
    try {
      await spoolRows(spoolDir(this.config), 'refold', [{ spooled: 'refold', subjects }]);
    } catch (error) {
      this.warn(
        `store: a write of facts failed and the note to make ${subjects === null ? 'every subject' : `${subjects.length} subject(s)`}' ${derivedRowNames()} again could not be written (${(error as Error).message}); ` +
          'run `openpulse repair` once the store takes writes again',
      );
    }
  }

  async syncCatalog(catalog: Catalog, at = new Date()): Promise<void> {
    const updated_at = clickhouseTime(at);
    try {
      // The catalog is the truth: families removed from it disappear from the dimension tables.
      for (const table of ['families', 'release_events', 'catalog_items', 'subjects']) {
        await this.runDdl(`TRUNCATE TABLE ${table}`);
      }
      await this.client.insert({
        table: 'families',
        format: 'JSONEachRow',
        values: catalog.families.map((f, i) => ({
          id: f.id,
          name: f.name,
          vendor: f.vendor,
          name_zh: f.name_zh ?? '',
          vendor_zh: f.vendor_zh ?? '',
          openness: f.openness,
          is_open: opennessClass(f.openness) === 'open' ? 1 : 0,
          kind: f.kind,
          modality: f.modality,
          region: f.region,
          licence: f.licence.name,
          commercial_use: f.licence.commercial_use,
          noncommercial: f.licence.noncommercial ? 1 : 0,
          licence_source: f.licence.source ?? '',
          catalog_order: i,
          updated_at,
        })),
      });
      const subjects = catalog.families.flatMap((f) =>
        f.subjects.map((s) => ({
          family: s.family,
          subject: s.key,
          openness: s.openness,
          is_open: opennessClass(s.openness) === 'open' ? 1 : 0,
          licence: s.licence,
          noncommercial: s.noncommercial ? 1 : 0,
          kind: s.kind,
          modality: s.modality,
          source: s.source,
          updated_at,
        })),
      );
      if (subjects.length) await this.client.insert({ table: 'subjects', format: 'JSONEachRow', values: subjects });
      const events = catalog.families.flatMap((f) =>
        f.releases.map((r) => ({ family: f.id, released_at: r.date, label: r.label, openness: r.openness ?? f.openness, licence: r.licence ?? f.licence.name, source: r.source ?? '', updated_at })),
      );
      if (events.length) await this.client.insert({ table: 'release_events', format: 'JSONEachRow', values: events });
      const items = catalog.families.flatMap((f) => [
        ...f.github.search.map((item, position) => ({ family: f.id, kind: 'github_search', item, position, updated_at })),
        ...f.github.repos.map((item, position) => ({ family: f.id, kind: 'github_repo', item, position, updated_at })),
        ...f.huggingface.models.map((item, position) => ({ family: f.id, kind: 'hf_model', item, position, updated_at })),
        ...f.huggingface.authors.map((item, position) => ({ family: f.id, kind: 'hf_author', item, position, updated_at })),
        ...f.npm.map((item, position) => ({ family: f.id, kind: 'npm', item, position, updated_at })),
        ...f.pypi.map((item, position) => ({ family: f.id, kind: 'pypi', item, position, updated_at })),
      ]);
      if (items.length) await this.client.insert({ table: 'catalog_items', format: 'JSONEachRow', values: items });
    } catch (error) {
      throw storeError(error, 'storing the catalog');
    }
    // What every classed read looks up is made from the tables just written.
    await refreshClassCache(this.client);
  }

  async logRun(record: RunRecord): Promise<void> {
    try {
      await this.client.insert({
        table: 'runs',
        format: 'JSONEachRow',
        values: [{ ...record, message: redact(record.message), started_at: clickhouseTime(record.started_at), finished_at: clickhouseTime(record.finished_at) }],
      });
    } catch (error) {
      throw storeError(error, 'logging the run');
    }
  }

  async logProblems(records: ProblemRecord[]): Promise<void> {
    if (records.length === 0) return;
    const reported_at = clickhouseTime(new Date());
    try {
      await this.client.insert({
        table: 'problems',
        format: 'JSONEachRow',
        values: records.map((r) => ({ ...r, raw: redact(r.raw).slice(0, 2000), message: redact(r.message), reported_at })),
      });
    } catch (error) {
      throw storeError(error, 'logging problems');
    }
  }

  async getState(source: string, key: string): Promise<string | undefined> {
    const rows = await this.select<{ value: string }>(
      'SELECT value FROM source_state FINAL WHERE source = {source:String} AND key = {key:String}',
      { source, key },
      `reading ${source} state`,
    );
    return rows[0]?.value;
  }

  async getStates(source: string, prefix: string): Promise<Map<string, string>> {
    const rows = await this.select<{ key: string; value: string }>(
      'SELECT key, value FROM source_state FINAL WHERE source = {source:String} AND startsWith(key, {prefix:String})',
      { source, prefix },
      `reading ${source} state`,
    );
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  async setState(source: string, key: string, value: string): Promise<void> {
    await this.setStates(source, [[key, value]]);
  }

  async setStates(source: string, entries: readonly (readonly [key: string, value: string])[]): Promise<void> {
    if (entries.length === 0) return;
    const updated_at = clickhouseTime(new Date());
    try {
      await this.client.insert({ table: 'source_state', format: 'JSONEachRow', values: entries.map(([key, value]) => ({ source, key, value, updated_at })) });
    } catch (error) {
      throw storeError(error, `saving ${source} state`);
    }
  }

  async migrations(): Promise<{ version: number; name: string }[]> {
    return this.select('SELECT version, name FROM openpulse_migrations FINAL ORDER BY version', {}, 'reading the migrations');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.countWrittenFacts();
    this.closed = true;
    await this.opened.close();
  }

  /**
   * Counts the facts per source (source_facts) if this store wrote facts since it last did. data_freshness
   * reads those counts instead of every fact while they are current: a failure here costs that
   * query its speed, never its figures (it counts the facts itself), so it is said, not thrown.
   */
  private async countWrittenFacts(): Promise<void> {
    if (!this.wroteFacts) return;
    this.wroteFacts = false;
    try {
      await countSourceFacts(this.client);
    } catch (error) {
      this.warn(`store: could not count the facts per source (${storeError(error, 'counting the facts per source').message}); data_freshness counts them itself until a later write`);
    }
  }
}
