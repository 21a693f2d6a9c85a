import { isCalendarDay } from '../days.ts';
import { OpenPulseError } from '../errors.ts';
import { countNewlines } from '../export/lines.ts';
import { ResultText } from '../export/result-text.ts';
import { configFromFlags, withStore } from './context.ts';
import { writeResult } from './output.ts';
import type { Command } from './types.ts';

// A family's facts are read by its subjects (the table's key), found first by the skip index on family
// without FINAL, and `family` is tested on each fact's newest version: read FINAL by the skip index alone,
// the engine also reads whatever other parts hold of each kept granule's key range, which once the table
// has more than one part (after any collection) is every fact in the days asked for (family_metrics.sql).
// With no family asked for, the subquery's condition is constant false and reads nothing. GLOBAL as in
// family_metrics.sql (a cluster of several shards).
const WHERE = `WHERE observed_at BETWEEN {from:Date} AND {to:Date}
  AND (length({sources:Array(String)}) = 0 OR has({sources:Array(String)}, source))
  AND (length({families:Array(String)}) = 0
       OR (has({families:Array(String)}, family)
           AND subject GLOBAL IN (SELECT DISTINCT subject FROM observations WHERE has({families:Array(String)}, family))))`;
const SELECT = `SELECT source, subject, family, metric, observed_at, value, detail, citation, run_id, collected_at
FROM facts
${WHERE}
ORDER BY source, subject, metric, observed_at`;
/** The facts an export writes, counted first for its progress (50 M facts: well under a second). */
const COUNT = `SELECT count() AS facts FROM facts\n${WHERE}`;

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
    // export of 50 M generated facts is 12.5 GB of NDJSON. To a file whole or not at all (output.ts).
    const { bytes, facts } = await withStore(config, io, 'export', async (store) => {
      const [counted] = await store.rows<{ facts: number | string }>(COUNT, params, { context: 'export: counting the facts' });
      const total = Number(counted?.facts ?? 0);
      let done = 0;
      const progress = (rows: number) => {
        if (rows === 0) return;
        done += rows;
        io.log.progress('export facts', done, total);
      };
      const written = await writeResult(out, io.stdout, async (output) => {
        // Parquet is one whole file (its footer indexes its row groups): written by the engine into the file (always --out).
        if (format === 'parquet') {
          io.log.info(`export: ${total} facts into ${out} as Parquet, written by the engine`);
          return store.rawToFile(SELECT, params, { format: 'Parquet', context: 'export' }, await output.engineFile());
        }
        if (format === 'ndjson') {
          return store.rawEach(SELECT, params, { format: 'JSONEachRow', context: 'export' }, async (piece) => {
            await output.write(piece);
            progress(countNewlines(piece));
          });
        }
        // CSV through the query's formula-neutralising writer (subjects and names come from upstreams), a block of rows at a time.
        let bytesOut = 0;
        const csv = new ResultText('csv', async (text) => {
          bytesOut += Buffer.byteLength(text);
          await output.write(text);
        });
        await store.rawEach(SELECT, params, { format: 'JSONCompactEachRowWithNamesAndTypes', context: 'export' }, async (piece) => {
          const before = csv.rows;
          await csv.push(piece);
          progress(csv.rows - before);
        });
        await csv.end();
        return bytesOut;
      });
      // the facts written are the figure (the store may have changed since it counted): the bar ends there
      if (format !== 'parquet' && done !== total) io.log.progress('export facts', done, done);
      return { bytes: written, facts: format === 'parquet' ? total : done };
    });
    if (out) io.log.info(`export: ${facts} fact${facts === 1 ? '' : 's'}, ${bytes} bytes written to ${out}`);
    return 0;
  },
};
