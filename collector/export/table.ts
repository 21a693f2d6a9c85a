// Query results as text for people: an aligned table for the terminal and a
// Markdown table, whole (toAlignedTable, toMarkdownTable) or a line at a time (result-text.ts).

import { cellText } from '../../charts/csv.ts';
import { escapeText } from '../../charts/escape.ts';
import { showControls } from '../errors.ts';

export interface ResultTable {
  columns: { name: string; type: string }[];
  rows: unknown[][];
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

/** A row's cells as an aligned table shows them: one line each, NULL spelt out, controls escaped. */
export function terminalCells(row: readonly unknown[], columns: number): string[] {
  const cells: string[] = [];
  for (let i = 0; i < columns; i++) cells.push(terminalCell(row[i]));
  return cells;
}

/** One line of an aligned table, its newline included: numbers right-aligned to `widths`. */
export function alignedLine(cells: readonly string[], widths: readonly number[], numeric: readonly boolean[]): string {
  const padded = cells.map((text, i) => {
    const fill = ' '.repeat(widths[i]! - displayWidth(text));
    return numeric[i] ? fill + text : text + fill;
  });
  return `${padded.join('  ').trimEnd()}\n`;
}

/** The rule under an aligned table's header, its newline included. */
export function alignedRule(widths: readonly number[]): string {
  return `${widths.map((w) => '-'.repeat(w)).join('  ')}\n`;
}

/** An aligned text table: numbers right-aligned, a rule under the header. */
export function toAlignedTable(table: ResultTable): string {
  const header = table.columns.map((c) => c.name);
  const body = table.rows.map((row) => terminalCells(row, header.length));
  const widths = header.map((h) => displayWidth(h));
  for (const cells of body) cells.forEach((cell, i) => (widths[i] = Math.max(widths[i]!, displayWidth(cell))));
  const numeric = table.columns.map((c) => isNumericType(c.type));
  return [alignedLine(header, widths, numeric), alignedRule(widths), ...body.map((cells) => alignedLine(cells, widths, numeric))].join('');
}

/** A Markdown table's header and rule, newlines included. */
export function markdownHead(columns: ResultTable['columns']): string {
  return `| ${columns.map((c) => markdownCell(c.name)).join(' | ')} |\n| ${columns.map((c) => (isNumericType(c.type) ? '---:' : '---')).join(' | ')} |\n`;
}

/** One row of a Markdown table, its newline included. */
export function markdownRow(row: readonly unknown[], columns: number): string {
  const cells: string[] = [];
  for (let i = 0; i < columns; i++) {
    const value = row[i];
    cells.push(value === null || value === undefined ? '' : markdownCell(cellText(value)));
  }
  return `| ${cells.join(' | ')} |\n`;
}

/** A GitHub-flavoured Markdown table; | and line breaks inside cells escaped. */
export function toMarkdownTable(table: ResultTable): string {
  return markdownHead(table.columns) + table.rows.map((row) => markdownRow(row, table.columns.length)).join('');
}

export function markdownCell(text: string): string {
  return markdownText(text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|')).replace(/\r?\n|\r/g, '<br>');
}

/** Markdown prose from data (catalog names, upstream text): HTML in it is shown as text, never rendered. */
export function markdownText(text: string): string {
  return escapeText(text);
}
