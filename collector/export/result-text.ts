// A query's result as text for spreadsheets and people (CSV, TSV, Markdown, an aligned table),
// written as the engine's rows arrive (JSONCompactEachRowWithNamesAndTypes, a block at a time):
// the text toCsv, toTsv, toMarkdownTable and toAlignedTable make of the whole result, without
// holding it. An aligned table needs every row's width before its first line, so its rows are
// kept (up to KEEP_CHARS, then in a file of their own) and read again once all have come.

import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { csvLine, tsvLine } from '../../charts/csv.ts';
import { ChunkedFile } from '../files.ts';
import { removedOnStop } from '../signals.ts';
import { LineSplitter } from './lines.ts';
import { alignedLine, alignedRule, displayWidth, isNumericType, markdownHead, markdownRow, terminalCells, type ResultTable } from './table.ts';

export type TextFormat = 'csv' | 'tsv' | 'markdown' | 'table';

/** Characters of row text an aligned table keeps in memory before it keeps the rest in a file. */
const KEEP_CHARS = 32 * 1024 * 1024;
/** Text gathered before it is handed on: few writes, a bounded piece each. */
const WRITE_CHARS = 64 * 1024;

export class ResultText {
  private readonly lines = new LineSplitter();
  private readonly head: string[] = [];
  private columns: ResultTable['columns'] | undefined;
  /** An aligned table's: each column's width so far, and which are numbers. */
  private widths: number[] = [];
  private numeric: boolean[] = [];
  /** An aligned table's rows (the engine's JSON lines), in memory, then in `spool`. */
  private kept: string[] = [];
  private keptChars = 0;
  private spool: { folder: string; file: ChunkedFile; release: () => void } | undefined;
  /** Rows taken so far. */
  rows = 0;

  private readonly format: TextFormat;
  private readonly write: (text: string) => Promise<void>;
  private readonly keepChars: number;
  private readonly onTable: ((written: number, rows: number) => void) | undefined;

  /**
   * `keepChars`: row text an aligned table keeps in memory (default 32 Mi characters); the rest goes
   * to a file. `onTable`: an aligned table's lines written so far, of all its rows, as it writes them.
   */
  constructor(format: TextFormat, write: (text: string) => Promise<void>, options: { keepChars?: number; onTable?: (written: number, rows: number) => void } = {}) {
    this.format = format;
    this.write = write;
    this.keepChars = options.keepChars ?? KEEP_CHARS;
    this.onTable = options.onTable;
  }

  /** Whether an aligned table's rows are kept in a file (they outgrew keepChars). */
  get spooled(): boolean {
    return this.spool !== undefined;
  }

  /** Takes the next bytes of the result. */
  async push(bytes: Buffer): Promise<void> {
    await this.take(this.lines.push(bytes));
  }

  /** Takes the end of the result and writes what is left (an aligned table, all of it); returns the rows. */
  async end(): Promise<number> {
    await this.take([this.lines.end()]);
    // no header at all (a statement without a result): the text of a table without columns
    if (!this.columns) await this.flush(this.begin([], []));
    if (this.format === 'table') await this.writeTable();
    return this.rows;
  }

  /** Removes the file an aligned table's rows were kept in; call it however the result ended. */
  async dispose(): Promise<void> {
    if (!this.spool) return;
    this.spool.file.destroy();
    await rm(this.spool.folder, { recursive: true, force: true });
    this.spool.release();
    this.spool = undefined;
  }

  private async take(lines: string[]): Promise<void> {
    let text = '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      if (!this.columns) {
        this.head.push(line);
        if (this.head.length === 2) text += this.begin(JSON.parse(this.head[0]!) as string[], JSON.parse(this.head[1]!) as string[]);
        continue;
      }
      this.rows++;
      const n = this.columns.length;
      switch (this.format) {
        case 'csv':
          text += csvLine(JSON.parse(line) as unknown[]);
          break;
        case 'tsv':
          text += tsvLine(JSON.parse(line) as unknown[]);
          break;
        case 'markdown':
          text += markdownRow(JSON.parse(line) as unknown[], n);
          break;
        case 'table':
          terminalCells(JSON.parse(line) as unknown[], n).forEach((cell, i) => {
            const width = displayWidth(cell);
            if (width > this.widths[i]!) this.widths[i] = width;
          });
          await this.keep(line);
          break;
      }
      if (text.length >= WRITE_CHARS) text = await this.flush(text);
    }
    await this.flush(text);
  }

  /** The header's text (an aligned table's comes at the end, when its widths are known). */
  private begin(names: string[], types: string[]): string {
    this.columns = names.map((name, i) => ({ name, type: types[i] ?? '' }));
    switch (this.format) {
      case 'csv':
        return csvLine(names);
      case 'tsv':
        return tsvLine(names);
      case 'markdown':
        return markdownHead(this.columns);
      case 'table':
        this.widths = names.map((name) => displayWidth(name));
        this.numeric = this.columns.map((c) => isNumericType(c.type));
        return '';
    }
  }

  private async flush(text: string): Promise<string> {
    if (text !== '') await this.write(text);
    return '';
  }

  private async keep(line: string): Promise<void> {
    if (!this.spool && this.keptChars + line.length <= this.keepChars) {
      this.kept.push(line);
      this.keptChars += line.length;
      return;
    }
    if (!this.spool) {
      const folder = await mkdtemp(path.join(os.tmpdir(), 'openpulse-table-'));
      // removed on Ctrl-C too: a large table's rows are as large as the result
      this.spool = { folder, file: new ChunkedFile(path.join(folder, 'rows.ndjson')), release: removedOnStop(folder) };
      for (const kept of this.kept) this.spool.file.add(`${kept}\n`);
      this.kept = [];
    }
    this.spool.file.add(`${line}\n`);
    if (this.spool.file.full) await this.spool.file.flush();
  }

  private async writeTable(): Promise<void> {
    const names = this.columns!.map((c) => c.name);
    let text = alignedLine(names, this.widths, this.numeric) + alignedRule(this.widths);
    let written = 0;
    const row = (line: string) => {
      written++;
      return alignedLine(terminalCells(JSON.parse(line) as unknown[], names.length), this.widths, this.numeric);
    };
    const flush = async (piece: string) => {
      const rest = await this.flush(piece);
      this.onTable?.(written, this.rows);
      return rest;
    };
    if (!this.spool) {
      for (const line of this.kept) {
        text += row(line);
        if (text.length >= WRITE_CHARS) text = await flush(text);
      }
      this.kept = [];
    } else {
      await this.spool.file.close();
      const stream = createReadStream(path.join(this.spool.folder, 'rows.ndjson'));
      const reader = createInterface({ input: stream, crlfDelay: Infinity });
      try {
        for await (const line of reader) {
          text += row(line);
          if (text.length >= WRITE_CHARS) text = await flush(text);
        }
      } finally {
        reader.close();
        stream.destroy();
        if (!stream.closed) await once(stream, 'close').catch(() => undefined);
      }
    }
    await flush(text);
  }
}
