// The CSV and TSV writers live in charts/csv.ts, shared with the site and the
// reports; these names stay here for the commands that still import them.
export { cellText, csvField, FORMULA_TRIGGERS, neutraliseFormula, toCsv, toTsv, tsvField } from '../../charts/csv.ts';
