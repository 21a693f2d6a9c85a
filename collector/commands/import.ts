import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { OpenPulseError } from '../errors.ts';
import { isoDay, METRICS, validateObservation, type Observation, type SourceName } from '../observation.ts';
import { newRunId, runAction } from '../run.ts';
import { stopSignal } from '../signals.ts';
import { decodeText } from '../sources/leaderboard-csv.ts';
import { importLeaderboards, leaderboardSource } from '../sources/leaderboard.ts';
import { catalogFor, configFromFlags, withStore } from './context.ts';
import type { Command } from './types.ts';

import { SOURCE_NAMES } from '../../registry/sources.ts';

/** Lines named in one refusal; the rest are counted. */
const ERRORS_SHOWN = 10;
import { NUMBER_TEXT } from '../store/fact-import.ts';

/**
 * Reads facts written by `openpulse export --format ndjson` and checks every line as the
 * store would, so that a file goes in whole or not at all. Returns the facts, or every line
 * that is wrong (file:line, the raw value and why).
 */
export function parseFactsNdjson(text: string, file: string, today: string): { facts: Observation[]; errors: string[] } {
  const facts: Observation[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const fact = lineFact(line, today);
    if (typeof fact === 'string') errors.push(`${file}:${index + 1}: ${fact}`);
    else facts.push(fact);
  });
  return { facts, errors };
}

/** One line's fact, or why it cannot be stored. */
function lineFact(line: string, today: string): Observation | string {
  const fact = factOfLine(line);
  if (typeof fact === 'string') return fact;
  return validateObservation(fact, today) ?? fact;
}

/** One NDJSON line as a fact, or what is wrong with it. */
function factOfLine(line: string): Observation | string {
  let row: Record<string, unknown>;
  try {
    row = JSON.parse(line) as Record<string, unknown>;
  } catch (error) {
    return `not a JSON object: ${(error as Error).message}`;
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return `not a JSON object: ${line.slice(0, 80)}`;
  const source = row.source as SourceName;
  if (!SOURCE_NAMES.includes(source)) return `source ${JSON.stringify(row.source)} is not one of ${SOURCE_NAMES.join(', ')}`;
  if (!(METRICS as readonly string[]).includes(row.metric as string)) return `unknown metric ${JSON.stringify(row.metric)}`;
  const value = row.value;
  if (!(typeof value === 'number' || (typeof value === 'string' && NUMBER_TEXT.test(value)))) {
    return value === undefined ? 'value is missing' : `value ${JSON.stringify(value)} is not a number`;
  }
  let detail: Record<string, unknown> | undefined;
  if (typeof row.detail === 'string' && row.detail) {
    try {
      detail = JSON.parse(row.detail) as Record<string, unknown>;
    } catch {
      return `detail is not JSON: ${row.detail.slice(0, 80)}`;
    }
  }
  return {
    source,
    subject: String(row.subject ?? ''),
    family: String(row.family ?? ''),
    metric: row.metric as Observation['metric'],
    observed_at: String(row.observed_at ?? ''),
    value: Number(value),
    ...(detail ? { detail } : {}),
    ...(row.citation ? { citation: String(row.citation) } : {}),
  };
}

/** Why a whole file is refused: the lines at fault (ERRORS_SHOWN of them named) and what to do. */
function refusal(file: string, errors: string[], total: number): string {
  const more = total > ERRORS_SHOWN ? `\n  … and ${total - ERRORS_SHOWN} more line(s)` : '';
  return (
    `${file}: ${total} line(s) cannot be imported, so nothing from this file was stored:\n  ${errors.slice(0, ERRORS_SHOWN).join('\n  ')}${more}\n` +
    `  → fix these lines (import reads the NDJSON that "openpulse export --format ndjson" writes) and import ${file} again`
  );
}

/** The facts of one file, or why the whole file is refused (every line at fault, and what to do). */
async function readFactsFile(file: string, today: string): Promise<{ facts: Observation[] } | { refused: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { refused: cannotRead(file, error) };
  }
  let text: string;
  try {
    text = decodeText(bytes, file);
  } catch (error) {
    return { refused: (error as Error).message };
  }
  const { facts, errors } = parseFactsNdjson(text, file, today);
  return errors.length === 0 ? { facts } : { refused: refusal(file, errors, errors.length) };
}

function cannotRead(file: string, error: unknown): string {
  return `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); pass an existing NDJSON file written by "openpulse export"`;
}

/**
 * The lines at fault in a file the engine refused, read one line at a time so that memory
 * stays small whatever the file's size; null when the line reader finds none (a file with a
 * byte-order mark or in UTF-16, which the line reader decodes and the engine does not).
 */
async function faultyLines(file: string, today: string): Promise<string | null> {
  const errors: string[] = [];
  let total = 0;
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    const fact = lineFact(text, today);
    if (typeof fact !== 'string') continue;
    total++;
    if (errors.length < ERRORS_SHOWN) errors.push(`${file}:${line}: ${fact}`);
  }
  return total ? refusal(file, errors, total) : null;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import leaderboard tables (CSV files, folders or URLs) and the Arena dataset\'s rows (JSON, JSON Lines, CSV, dataset viewer URLs), or facts exported as NDJSON',
  usage: 'leaderboard FILE-OR-URL... | facts FILE.ndjson...',
  positionals: true,
  flags: {},
  async run({ values, positionals }, io) {
    const [kind, ...targets] = positionals;
    if ((kind !== 'leaderboard' && kind !== 'facts') || targets.length === 0) {
      throw new OpenPulseError('USAGE', 'import needs what to import and at least one file, e.g. "openpulse import leaderboard leaderboard_table_20230720.csv"');
    }
    const config = configFromFlags(values, io.env);
    const catalog = await catalogFor(config);
    return withStore(config, io, `import ${kind}`, async (store) => {
      await store.syncCatalog(catalog, io.clock.now());
      const runId = newRunId(io.clock.now());
      const deps = { store, catalog, config, clock: io.clock, log: io.log, fetch: io.fetch };
      if (kind === 'leaderboard') {
        let files = 0;
        const outcome = await runAction(deps, leaderboardSource, { runId, job: 'import' }, async (ctx) => {
          const result = await importLeaderboards(ctx, targets);
          files = result.files;
          return { notes: [`tables imported=${result.files} of ${targets.length} named, facts=${result.rows}, problems=${result.problems.length}`] };
        });
        io.stdout.write(`imported ${files} leaderboard table(s): ${outcome.rows} facts stored, ${outcome.problems} problem(s)\n`);
        // A table refused is bad input, as a refused facts file is: exit 1 (a stop keeps what went in: 0).
        return outcome.status === 'ok' || stopSignal.aborted ? 0 : 1;
      }
      // Each file goes in whole or not at all; the others are imported either way, and each is reported.
      const today = isoDay(io.clock.now());
      let stored = 0;
      const failed: string[] = [];
      /**
       * The engine loads, checks and stores the file (fact-import.ts). When it finds rows at
       * fault, the line reader names them; null when the engine cannot read the file but the
       * line reader can (a byte-order mark, UTF-16): that file goes the line reader's way.
       */
      const importByEngine = async (file: string): Promise<{ rows: number } | { refused: string; stopped?: boolean } | null> => {
        let size: number;
        try {
          size = (await stat(file)).size;
        } catch (error) {
          return { refused: cannotRead(file, error) };
        }
        const started = io.clock.now();
        let shown = 0;
        const result = await store.importFactFile(file, {
          runId,
          collectedAt: io.clock.now(),
          today,
          signal: stopSignal,
          onProgress: (read) => {
            // Progress on files large enough to wait for: every tenth of the file.
            if (size > 256 * 1024 * 1024 && read - shown >= size / 10) {
              shown = read;
              io.log.info(`${file}: ${Math.round((100 * read) / size)}% read into the store's staging table`);
            }
          },
        });
        if (result.status === 'stopped') return { refused: `${file}: stopped before anything was stored; import it again to store it`, stopped: true };
        if (result.status === 'stored') {
          const finished = io.clock.now();
          for (const { source, rows } of result.bySource) {
            await store.logRun({ run_id: runId, job: 'import', source, started_at: started, finished_at: finished, status: 'ok', rows, problems: 0, message: `facts imported from ${file}`, rate_limit_left: null });
            io.log.info(`source=${source} status=ok rows=${rows} — facts imported from ${file}`);
          }
          return { rows: result.bySource.reduce((n, r) => n + r.rows, 0) };
        }
        const refused = await faultyLines(file, today);
        if (refused) return { refused };
        if (result.status === 'invalid') {
          // The engine's check and the line reader's disagree: refuse rather than store what one of them rejects.
          return { refused: `${file}: ${result.rows} row(s) fail the store's check but no line fails the line reader's; nothing was stored. This is a bug in OpenPulse: please report it with the file` };
        }
        return null;
      };
      for (const file of targets) {
        if (stopSignal.aborted) {
          io.stdout.write(`${file}: not imported (stopped)\n`);
          continue;
        }
        const fast = await importByEngine(file);
        if (fast !== null) {
          if (!('rows' in fast)) {
            io.log.warn(fast.refused);
            io.stdout.write(`${file}: ${fast.stopped ? 'not imported (stopped)' : 'refused, nothing stored (why: see the warnings above)'}\n`);
            if (!fast.stopped) failed.push(file);
          } else {
            stored += fast.rows;
            io.stdout.write(`${file}: ${fast.rows} facts stored\n`);
          }
          continue;
        }
        const read = await readFactsFile(file, today);
        if ('refused' in read) {
          io.log.warn(read.refused);
          io.stdout.write(`${file}: refused, nothing stored (why: see the warnings above)\n`);
          failed.push(file);
          continue;
        }
        let rows = 0;
        let trouble = '';
        for (const [sourceName, facts] of Map.groupBy(read.facts, (f) => f.source)) {
          const source = { ...leaderboardSource, name: sourceName, description: `facts imported from ${file}` };
          const outcome = await runAction(deps, source, { runId, job: 'import' }, async (ctx) => {
            await ctx.emit(facts);
          });
          rows += outcome.rows;
          if (outcome.status !== 'ok') trouble ||= outcome.message || `${outcome.problems} problem(s)`;
        }
        stored += rows;
        io.stdout.write(`${file}: ${rows} facts stored${trouble ? `, but not all: ${trouble}` : ''}\n`);
        if (trouble) failed.push(file);
      }
      io.stdout.write(`imported ${stored} facts from ${targets.length - failed.length} file(s), ${failed.length} refused${failed.length ? `: ${failed.join(', ')}` : ''}\n`);
      return failed.length && !stopSignal.aborted ? 1 : 0;
    });
  },
};
