// CSV and TSV that are safe to open in a spreadsheet, for every table OpenPulse
// hands out: the site's chart and data downloads, report CSV, query and export
// output. RFC 4180 CSV (CRLF line ends, fields with a comma, quote, CR or LF
// quoted, quotes doubled) and tab-separated values escaped the way
// ClickHouse's TabSeparated format does.
// Both neutralise spreadsheet formulas (OWASP "CSV injection"): a text cell
// starting with =, +, -, @, tab or carriage return gets a leading apostrophe,
// so Excel, LibreOffice and Google Sheets show it as text instead of running it.
// A cell that is a plain number (-12.5, +3, 1e-9) stays as it is: it cannot run
// anything, and prefixing it would turn a number into text.

/** Characters that make a spreadsheet treat a cell as a formula (OWASP). */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The text of a cell with a formula trigger at its start made inert by a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  if (text.length === 0 || !FORMULA_TRIGGERS.includes(text[0]!)) return text;
  if (PLAIN_NUMBER.test(text)) return text;
  return `'${text}`;
}

/** A value as cell text: NULL is empty, numbers as JSON writes them, arrays and objects as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** One RFC 4180 field. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line of toCsv, its CRLF included: for writing a table a row at a time. */
export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map((c) => csvField(neutraliseFormula(cellText(c)))).join(',')}\r\n`;
}

/** RFC 4180 CSV with a header row, CRLF line ends and formulas neutralised. */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [csvLine(columns), ...rows.map(csvLine)].join('');
}

/** Rows given as records (a query's rows), in the order of `columns`. */
export function recordsToCsv(columns: readonly string[], records: readonly Record<string, unknown>[]): string {
  return toCsv(columns, records.map((record) => columns.map((c) => record[c])));
}

/** One TSV field, escaped as ClickHouse's TabSeparated format does (\t, \n, \r, \\). */
export function tsvField(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** One TSV line of toTsv, its newline included: for writing a table a row at a time. */
export function tsvLine(cells: readonly unknown[]): string {
  return `${cells.map((c) => tsvField(neutraliseFormula(cellText(c)))).join('\t')}\n`;
}

/** Tab-separated values with a header row and formulas neutralised. */
export function toTsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [tsvLine(columns), ...rows.map(tsvLine)].join('');
}
