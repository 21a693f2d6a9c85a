import { once, type EventEmitter } from 'node:events';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { ChunkedFile, temporaryNameFor } from '../files.ts';
import { isCalendarDay } from '../days.ts';
import { OpenPulseError } from '../errors.ts';
import { csvLine } from '../../charts/csv.ts';
import { configFromFlags, withStore } from './context.ts';
import type { Command } from './types.ts';

const COLUMNS = ['source', 'subject', 'family', 'metric', 'observed_at', 'value', 'detail', 'citation', 'run_id', 'collected_at'] as const;
const SELECT = `SELECT source, subject, family, metric, observed_at, value, detail, citation, run_id, collected_at
FROM facts
WHERE observed_at BETWEEN {from:Date} AND {to:Date}
  AND (length({sources:Array(String)}) = 0 OR has({sources:Array(String)}, source))
  AND (length({families:Array(String)}) = 0 OR has({families:Array(String)}, family))
ORDER BY source, subject, metric, observed_at`;

export const exportCommand: Command = {
  name: 'export',
  summary: 'export facts as NDJSON (re-importable), CSV or Parquet',
  usage: '[--format ndjson|csv|parquet] [--out FILE] [--source NAME]... [--family ID]... [--from DATE] [--to DATE]',
  flags: {
    format: { type: 'string', valueName: 'FORMAT', description: 'ndjson (default; "openpulse import facts" reads it), csv or parquet' },
    out: { type: 'string', valueName: 'FILE', description: 'write here instead of standard output (parquet needs it)' },
    source: { type: 'string', multiple: true, valueName: 'NAME', description: 'only facts of this source (repeatable)' },
    family: { type: 'string', multiple: true, valueName: 'ID', description: 'only facts of this family (repeatable)' },
    from: { type: 'string', valueName: 'DATE', description: 'first day (default 1970-01-01)' },
    to: { type: 'string', valueName: 'DATE', description: 'last day (default 2100-01-01)' },
  },
  async run({ values }, io) {
    const format = (values.format as string | undefined) ?? 'ndjson';
    if (!['ndjson', 'csv', 'parquet'].includes(format)) throw new OpenPulseError('USAGE', `--format ${format} is not one of ndjson, csv, parquet`);
    if (format === 'parquet' && !values.out) throw new OpenPulseError('USAGE', 'Parquet is binary: pass --out FILE');
    // Checked here: the store would read 2023-13-45 as 1970-01-01 and export everything.
    for (const flag of ['from', 'to'] as const) {
      const v = values[flag] as string | undefined;
      if (v !== undefined && !isCalendarDay(v)) {
        throw new OpenPulseError('USAGE', `--${flag} ${JSON.stringify(v)} is not a calendar date written YYYY-MM-DD`, { hint: `for example --${flag} 2023-07-18` });
      }
    }
    const from = (values.from as string | undefined) ?? '1970-01-01';
    const to = (values.to as string | undefined) ?? '2100-01-01';
    if (from > to) throw new OpenPulseError('USAGE', `--from ${from} is after --to ${to}: nothing to export`, { hint: 'swap the two dates' });
    const params = {
      from,
      to,
      sources: (values.source as string[] | undefined) ?? [],
      families: (values.family as string[] | undefined) ?? [],
    };
    const config = configFromFlags(values, io.env);
    const out = values.out as string | undefined;
    // Written as the engine makes the rows, a block at a time (Store.rawEach), never held whole: an
    // export of 50 M generated facts is 12.5 GB of NDJSON. To a file, under a temporary name renamed
    // into place when complete (files.ts), so a failure leaves the previous file or none.
    let file: ChunkedFile | undefined;
    const emit = async (bytes: Buffer) => {
      if (file) await file.write(bytes);
      else if (io.stdout.write(bytes) === false && typeof (io.stdout as unknown as Partial<EventEmitter>).once === 'function') await once(io.stdout as unknown as EventEmitter, 'drain');
    };
    let bytes = 0;
    try {
      if (out) {
        await mkdir(path.dirname(path.resolve(out)), { recursive: true });
        if (format !== 'parquet') file = new ChunkedFile(temporaryNameFor(out));
      }
      bytes = await withStore(config, io, 'export', async (store) => {
        // Parquet is one whole file (its footer indexes its row groups): written by the engine into the file (always --out).
        if (format === 'parquet') return store.rawToFile(SELECT, params, { format: 'Parquet', context: 'export' }, temporaryNameFor(out!));
        if (format === 'ndjson') return store.rawEach(SELECT, params, { format: 'JSONEachRow', context: 'export' }, emit);
        // CSV through the formula-neutralising writer (subjects and names come from upstreams), a block of rows at a time.
        const header = csvLine(COLUMNS);
        let written = Buffer.byteLength(header);
        await emit(Buffer.from(header));
        let rest = '';
        // a character split between two blocks is joined, not read as two halves
        const decoder = new StringDecoder('utf8');
        await store.rawEach(SELECT, params, { format: 'JSONCompactEachRow', context: 'export' }, async (chunk: Buffer) => {
          const text = rest + decoder.write(chunk);
          const end = text.lastIndexOf('\n');
          rest = text.slice(end + 1);
          if (end < 0) return;
          const lines = text.slice(0, end).split('\n').map((line) => csvLine(JSON.parse(line) as unknown[])).join('');
          written += Buffer.byteLength(lines);
          await emit(Buffer.from(lines));
        });
        rest += decoder.end();
        if (rest.trim() !== '') throw new OpenPulseError('STORE_QUERY', `export: the engine's rows ended inside a row (${rest.length} characters after the last line end)`);
        return written;
      });
      if (out) {
        await file?.close();
        await rename(temporaryNameFor(out), out);
      }
    } catch (error) {
      if (out) {
        file?.destroy();
        await rm(temporaryNameFor(out), { force: true });
      }
      if (error instanceof OpenPulseError) throw error;
      throw new OpenPulseError('FILE', `cannot write ${out ?? 'the export'}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
    if (out) io.log.info(`export: ${bytes} bytes written to ${out}`);
    return 0;
  },
};
