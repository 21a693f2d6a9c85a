// CSV downloads reuse the export module's writer: RFC 4180 (CRLF line ends,
// fields with a comma, quote or line break quoted, quotes doubled), with
// spreadsheet formulas neutralised (a text cell starting with = + - @ tab or
// CR gets a leading ').

import { toCsv as rowsToCsv } from '../../collector/export/csv.ts';

export function toCsv(columns: string[], rows: Record<string, unknown>[]): string {
  return rowsToCsv(columns, rows.map((row) => columns.map((c) => row[c])));
}
