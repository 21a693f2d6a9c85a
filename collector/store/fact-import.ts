// Bulk facts from NDJSON, loaded, checked and stored by the engine. The file goes
// into a staging table: the in-process engine reads it itself (file()), a server
// is sent it in batches of whole lines. One query checks every row against the
// same rules as `validateObservation` and the import command's line reader; only
// when all rows pass does one INSERT … SELECT move them into `observations`.
// JavaScript never parses a line (it only checks the bytes are UTF-8), so a file
// of any size goes in at close to the engine's own rate, with JavaScript's memory
// bounded by the batch size. A file with any row at fault stores nothing; the
// import command then reads it line by line to say which lines and why.

import { createReadStream } from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { EARLIEST_DAY } from '../days.ts';
import { METRICS } from '../observation.ts';
import { SOURCE_NAMES } from '../../registry/sources.ts';
import { clickhouseTime } from './rows.ts';

/** A value as `openpulse export` writes it: a JSON number, or a number in a string (ClickHouse quotes 64-bit integers). */
export const NUMBER_TEXT = /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** Bytes per batch read (and, to a server, sent): memory is bounded by a few times this. */
export const IMPORT_BATCH_BYTES = 16 * 1024 * 1024;

export type FactFileImport =
  /** Every row passed; rows stored per source. */
  | { status: 'stored'; bySource: { source: string; rows: number }[] }
  /** Some rows fail the rules (count): nothing was stored. */
  | { status: 'invalid'; rows: number }
  /** The engine cannot take the file as it is (not UTF-8 NDJSON of objects): nothing was stored; `why` says what it said. */
  | { status: 'unreadable'; why: string }
  /** Stopped before anything was stored. */
  | { status: 'stopped' };

export interface FactFileImportOptions {
  runId: string;
  collectedAt: Date;
  /** The last day a fact may be observed on (today, UTC). */
  today: string;
  signal?: AbortSignal;
  /** Called after each batch: bytes read so far of the file's size. */
  onProgress?: (bytesRead: number) => void;
  batchBytes?: number;
  /**
   * The engine runs in this process and reads the file itself (file()); otherwise (a server)
   * the file is sent to it in batches of lines.
   */
  engineReadsFile?: boolean;
  /** Called when the write into observations fails, with the subjects it may have stored in part (null: unknown, any). */
  onWriteFailed?: (subjects: string[] | null) => Promise<void>;
}

// Every field as text: the checks below decide what is a number or a day, as the line reader does.
const STAGING_COLUMNS = 'source String, subject String, family String, metric String, observed_at String, value String, detail String, citation String';

// How JSONEachRow reads a line into the text columns: numbers, booleans and objects keep
// their text (so a value of `true` or `{}` is refused by the number check, not turned into 0);
// keys the file has and the store does not (run_id, collected_at from an export) are skipped.
const READ_AS_TEXT = {
  input_format_skip_unknown_fields: 1,
  input_format_json_read_numbers_as_strings: 1,
  input_format_json_read_bools_as_strings: 1,
  input_format_json_read_objects_as_strings: 1,
  input_format_json_read_arrays_as_strings: 1,
  input_format_null_as_default: 1,
  input_format_parallel_parsing: 1,
} as const;

/** How the in-process engine reads the file (file()): in buffers, not mapped into the process's memory. */
const READ_FILE_IN_BUFFERS = { storage_file_read_method: 'pread' } as const;

/**
 * The rules a row must pass, as a ClickHouse condition over the staging table's text columns:
 * the same as the line reader (source and metric known, value a number) and validateObservation
 * (a subject, a calendar day from EARLIEST_DAY to today, a finite value from 0 to 1e13), and a
 * detail that is empty or JSON. A test runs the same bad lines through both.
 */
export const ROW_PASSES = `
  has({sources:Array(String)}, source)
  AND has({metrics:Array(String)}, metric)
  AND subject != ''
  AND match(observed_at, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
  AND toString(toDate32OrNull(observed_at)) = observed_at
  AND observed_at >= {earliest:String} AND observed_at <= {today:String}
  AND match(value, {number:String})
  AND isFinite(toFloat64OrNull(trimBoth(value)))
  AND toFloat64OrNull(trimBoth(value)) BETWEEN -0.0 AND 1e13
  AND (detail = '' OR isValidJSON(detail))`;

function ruleParams(today: string): Record<string, unknown> {
  return { sources: [...SOURCE_NAMES], metrics: [...METRICS], earliest: EARLIEST_DAY, today, number: NUMBER_TEXT.source };
}

/** Why the bytes cannot go to the engine as they are (the line reader decodes BOMs and UTF-16), or null. */
function notPlainUtf8(chunk: Buffer, first: boolean): string | null {
  if (first && (chunk.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) || chunk[0] === 0xff || chunk[0] === 0xfe)) return 'the file starts with a byte-order mark';
  if (chunk.includes(0)) return 'the file has NUL bytes (UTF-16?)';
  if (!isUtf8(chunk)) return 'the file is not UTF-8';
  return null;
}

/**
 * The file in batches of whole lines (so a batch never splits a character), each about
 * `batchBytes` long. Only the part after a read's last line break is copied to the next.
 */
async function* lineBatches(file: string, batchBytes: number): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const piece of createReadStream(file, { highWaterMark: batchBytes }) as AsyncIterable<Buffer>) {
    const joined = carry.length ? Buffer.concat([carry, piece]) : piece;
    const cut = joined.lastIndexOf(0x0a);
    if (cut < 0) {
      carry = joined;
      continue;
    }
    yield joined.subarray(0, cut + 1);
    carry = Buffer.from(joined.subarray(cut + 1));
  }
  if (carry.length) yield carry;
}

/**
 * Loads an NDJSON file of facts into a staging table, checks every row, and stores all of
 * them or none. The staging table is dropped whatever happens.
 */
export async function importFactFile(client: ClickHouseClient, file: string, options: FactFileImportOptions): Promise<FactFileImport> {
  const staging = `openpulse_import_${options.runId.replace(/[^A-Za-z0-9]/g, '_')}`;
  await client.command({ query: `DROP TABLE IF EXISTS ${staging}` });
  await client.command({ query: `CREATE TABLE ${staging} (${STAGING_COLUMNS}) ENGINE = MergeTree ORDER BY tuple()` });
  try {
    let bytesRead = 0;
    let first = true;
    for await (const batch of lineBatches(file, options.batchBytes ?? IMPORT_BATCH_BYTES)) {
      if (options.signal?.aborted) return { status: 'stopped' };
      const why = notPlainUtf8(batch, first);
      if (why) return { status: 'unreadable', why };
      first = false;
      if (!options.engineReadsFile) {
        const loaded = await load(client, `INSERT INTO ${staging} FORMAT JSONEachRow`, { values: Readable.from([batch]) });
        if (loaded) return loaded;
      }
      bytesRead += batch.length;
      options.onProgress?.(bytesRead);
    }
    // In process, the engine reads the file at its own pace: handing it 64 MB strings through
    // the client is ten times slower. The batches above only checked the bytes. It reads with
    // pread, not by mapping the file into memory (the in-process engine's default, mmap): a mapped
    // file's pages count in the process's memory as they are read, so an import of 50 M facts
    // (11.9 GiB of NDJSON) peaked at 13.2 GiB resident; read in buffers, it peaks at 2.0 GiB, as 10 M
    // facts do (bench/ingest.ts).
    if (options.engineReadsFile) {
      const loaded = await load(client, `INSERT INTO ${staging} SELECT * FROM file({file:String}, 'JSONEachRow', '${STAGING_COLUMNS}')`, { query_params: { file: path.resolve(file) }, settings: READ_FILE_IN_BUFFERS });
      if (loaded) return loaded;
    }
    const params = ruleParams(options.today);
    const [{ failing }] = await rowsOf<{ failing: number }>(client, `SELECT count() AS failing FROM ${staging} WHERE NOT (${ROW_PASSES})`, params);
    if (Number(failing) > 0) return { status: 'invalid', rows: Number(failing) };
    if (options.signal?.aborted) return { status: 'stopped' };
    try {
      await client.command({
        query: `INSERT INTO observations (source, subject, family, metric, observed_at, value, detail, citation, run_id, collected_at)
                SELECT source, subject, family, metric, toDate(observed_at), toFloat64(trimBoth(value)), detail, citation, {run:String}, {at:DateTime64(3, 'UTC')}
                FROM ${staging}`,
        query_params: { run: options.runId, at: clickhouseTime(options.collectedAt) },
      });
    } catch (error) {
      // Part of the facts may be stored, and of their derived rows less: say whose (every subject's if even that cannot be read).
      const subjects = await rowsOf<{ subject: string }>(client, `SELECT DISTINCT subject FROM ${staging}`, {}).then(
        (rows) => rows.map((r) => r.subject),
        () => null,
      );
      await options.onWriteFailed?.(subjects);
      throw error;
    }
    const bySource = await rowsOf<{ source: string; rows: number }>(client, `SELECT source, count() AS rows FROM ${staging} GROUP BY source ORDER BY source`, {});
    return { status: 'stored', bySource: bySource.map((r) => ({ source: r.source, rows: Number(r.rows) })) };
  } finally {
    await client.command({ query: `DROP TABLE IF EXISTS ${staging}` });
  }
}

/** Runs one load into the staging table; a file the engine cannot parse is the file's fault, said in the engine's words. */
async function load(
  client: ClickHouseClient,
  query: string,
  extra: { values?: Readable; query_params?: Record<string, unknown>; settings?: Record<string, string> },
): Promise<FactFileImport | null> {
  const { settings, ...rest } = extra;
  try {
    const result = await client.exec({ query, ...rest, clickhouse_settings: { ...READ_AS_TEXT, ...settings } });
    await drain(result.stream as AsyncIterable<unknown>);
    return null;
  } catch (error) {
    // A line that is not a JSON object: the engine names the row, the line reader says more.
    if (isParseError(error)) return { status: 'unreadable', why: (error as Error).message.split('\n')[0]! };
    throw error;
  }
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream);
}

async function rowsOf<T>(client: ClickHouseClient, query: string, params: Record<string, unknown>): Promise<[T, ...T[]]> {
  const result = await client.query({ query, query_params: params, format: 'JSONEachRow' });
  return (await result.json<T>()) as [T, ...T[]];
}

/** ClickHouse's input-format errors (CANNOT_PARSE_*, INCORRECT_DATA, …): the file's fault, not the store's. */
function isParseError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /CANNOT_PARSE|INCORRECT_DATA|CANNOT_READ|Cannot parse|INCORRECT_JSON|TYPE_MISMATCH|while reading|at row \d+/i.test(message);
}
