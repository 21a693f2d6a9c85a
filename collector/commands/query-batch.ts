// openpulse query --batch FILE: many queries in one process. Each line of the file
// is what would follow "openpulse query" on a command line, with an --out of its
// own; the store is opened once, so a batch of twenty costs one start, not twenty.
// Every line is read and checked before anything runs: one bad line refuses the
// batch, naming each bad line and what to do. A query that fails as it runs is
// reported with its line and the rest still run; its file is not written.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeError, OpenPulseError } from '../errors.ts';
import type { Store } from '../store/index.ts';
import { writeResult } from './output.ts';
import { chooseFormat, parseParamFlags, queryProgress, resolveTarget, writeQuery, type QueryFormat, type QueryTarget } from './query.ts';
import type { CommandIO } from './types.ts';

/** One query of a batch: its line, what to run, how and where to write it. */
export interface BatchItem {
  line: number;
  target: QueryTarget;
  format: QueryFormat;
  out: string;
}

/**
 * A line split into words as a shell splits them: runs of blanks separate words, and
 * 'single' or "double" quotes keep blanks (a backslash escapes " and \ inside double quotes,
 * and a blank or quote outside them). Throws on a quote left open.
 */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'" || c === '"') {
      const close = c === "'" ? line.indexOf("'", i + 1) : closingDoubleQuote(line, i + 1);
      if (close < 0) throw new Error(`a ${c === "'" ? 'single' : 'double'} quote opened at column ${i + 1} is not closed`);
      const inner = line.slice(i + 1, close);
      word = (word ?? '') + (c === '"' ? inner.replace(/\\(["\\])/g, '$1') : inner);
      i = close;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[i + 1];
      i++;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

function closingDoubleQuote(line: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '"') return i;
  }
  return -1;
}

/** The flags a batch line takes: those of one query and its output. */
const LINE_OPTIONS = {
  param: { type: 'string', multiple: true, short: 'p' },
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
} as const;

/**
 * Reads a batch file's text (`name` is how messages call it). Blank lines and lines starting
 * with # are skipped. Throws one usage error listing every bad line; otherwise returns the
 * queries in order. `readFile` reads a line's .sql file (tests hand in their own).
 */
export function parseBatch(text: string, name: string, readFile?: (file: string) => string): BatchItem[] {
  const items: BatchItem[] = [];
  const problems: string[] = [];
  const outs = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    try {
      let words: string[];
      try {
        words = splitWords(trimmed);
      } catch (error) {
        throw new OpenPulseError('USAGE', (error as Error).message);
      }
      let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof LINE_OPTIONS; strict: true; allowPositionals: true }>>;
      try {
        parsed = parseArgs({ args: words, options: LINE_OPTIONS, strict: true, allowPositionals: true });
      } catch (error) {
        throw new OpenPulseError('USAGE', `${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')}`, {
          hint: 'a line takes a query, --param NAME=VALUE, --format and --out (--write, if wanted, goes on the command line and applies to every line)',
        });
      }
      const { values, positionals } = parsed;
      if (positionals.length !== 1) {
        throw new OpenPulseError('USAGE', positionals.length === 0 ? 'no query on this line' : `one query a line (got ${positionals.length} words outside the flags; put SQL in quotes)`);
      }
      if (values.out === undefined) throw new OpenPulseError('USAGE', 'no --out: a batch writes each result to a file of its own', { hint: 'add --out FILE (its extension chooses the format unless --format is given)' });
      const before = outs.get(path.resolve(values.out));
      if (before !== undefined) throw new OpenPulseError('USAGE', `--out ${values.out} is line ${before}'s file too: one would overwrite the other`);
      outs.set(path.resolve(values.out), line);
      const format = chooseFormat(values.format, values.out);
      const target = resolveTarget(positionals[0]!, parseParamFlags(values.param ?? []), readFile);
      items.push({ line, target, format, out: values.out });
    } catch (error) {
      problems.push(`${name}:${line}: ${describeError(error).replace(/\n/g, '\n    ')}`);
    }
  });
  if (problems.length > 0) {
    throw new OpenPulseError('USAGE', `the batch ${name} has ${problems.length} bad line${problems.length === 1 ? '' : 's'}; nothing was run:\n  ${problems.join('\n  ')}`, {
      hint: 'fix those lines and run the batch again',
    });
  }
  if (items.length === 0) throw new OpenPulseError('USAGE', `the batch ${name} has no query (only blank lines and # comments)`, { hint: 'write one query a line, as after "openpulse query", each with --out FILE' });
  return items;
}

/**
 * Runs a batch's queries in order in one store session, writing each result to its file whole
 * or not at all, as the engine makes it (writeQuery). Returns the lines that failed, each with why; the others are written.
 */
export async function runBatch(store: Store, items: BatchItem[], name: string, io: CommandIO, options: { write: boolean }): Promise<string[]> {
  const failed: string[] = [];
  for (const [i, item] of items.entries()) {
    try {
      const run = { ...options, ...queryProgress(io, `${name}:${item.line}`) };
      const rows = await writeResult(item.out, io.stdout, (output) => writeQuery(store, item.target, item.format, run, output));
      io.log.info(`${name}:${item.line}: ${item.target.source}: ${rows !== undefined ? `${rows} row${rows === 1 ? '' : 's'} ` : ''}written to ${item.out}`);
    } catch (error) {
      failed.push(`${name}:${item.line}: ${describeError(error).replace(/\n/g, '\n    ')}`);
      io.log.warn(failed.at(-1)!);
    }
    io.log.progress('batch queries', i + 1, items.length);
  }
  return failed;
}
