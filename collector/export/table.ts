// Query results as text for people: an aligned table for the terminal and a
// Markdown table. The data comes from ClickHouse's JSONCompactEachRowWithNamesAndTypes.

import { cellText } from '../../charts/csv.ts';
import { escapeText } from '../../charts/escape.ts';
import { showControls } from '../errors.ts';

export interface ResultTable {
  columns: { name: string; type: string }[];
  rows: unknown[][];
}

/** Parses ClickHouse's JSONCompactEachRowWithNamesAndTypes output. */
export function parseCompactWithNamesAndTypes(text: string): ResultTable {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length < 2) return { columns: [], rows: [] };
  const names = JSON.parse(lines[0]!) as string[];
  const types = JSON.parse(lines[1]!) as string[];
  return {
    columns: names.map((name, i) => ({ name, type: types[i] ?? '' })),
    rows: lines.slice(2).map((line) => JSON.parse(line) as unknown[]),
  };
}

const NUMERIC = /^(Nullable\()?(U?Int\d+|Float\d+|Decimal)/;

export function isNumericType(type: string): boolean {
  return NUMERIC.test(type.replace(/^LowCardinality\(/, ''));
}

/** Columns a terminal shows as two cells wide (CJK, full-width forms, most emoji). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function terminalCell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  // one line per row, and nothing that drives the terminal: control characters shown escaped
  return showControls(cellText(value).replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t'));
}

/** An aligned text table: numbers right-aligned, a rule under the header. */
export function toAlignedTable(table: ResultTable): string {
  const header = table.columns.map((c) => c.name);
  const body = table.rows.map((row) => table.columns.map((_, i) => terminalCell(row[i])));
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...body.map((r) => displayWidth(r[i]!))));
  const numeric = table.columns.map((c) => isNumericType(c.type));
  const pad = (text: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - displayWidth(text));
    return numeric[i] ? fill + text : text + fill;
  };
  const line = (cells: string[]) => cells.map(pad).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].map((l) => `${l}\n`).join('');
}

/** A GitHub-flavoured Markdown table; | and line breaks inside cells escaped. */
export function toMarkdownTable(table: ResultTable): string {
  const cell = (value: unknown) => (value === null || value === undefined ? '' : markdownCell(cellText(value)));
  const header = `| ${table.columns.map((c) => markdownCell(c.name)).join(' | ')} |`;
  const rule = `| ${table.columns.map((c) => (isNumericType(c.type) ? '---:' : '---')).join(' | ')} |`;
  const rows = table.rows.map((row) => `| ${table.columns.map((_, i) => cell(row[i])).join(' | ')} |`);
  return [header, rule, ...rows].map((l) => `${l}\n`).join('');
}

export function markdownCell(text: string): string {
  return markdownText(text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|')).replace(/\r?\n|\r/g, '<br>');
}

/** Markdown prose from data (catalog names, upstream text): HTML in it is shown as text, never rendered. */
export function markdownText(text: string): string {
  return escapeText(text);
}
