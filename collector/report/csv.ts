// The report's headline table as CSV (RFC 4180, formulas neutralised): one row
// per metric, series and family or class, with exact (unrounded) values.

import { toCsv } from '../../charts/csv.ts';
import type { ReportModel } from './model.ts';

export const REPORT_CSV_COLUMNS = ['metric', 'level', 'series', 'family', 'name', 'openness', 'start_day', 'start_value', 'end_day', 'end_value', 'change', 'pct_change'] as const;

export function renderCsv(model: ReportModel): string {
  const rows: unknown[][] = [];
  for (const section of model.metrics) {
    for (const [level, list] of [['family', section.families], ['openness', section.classes]] as const) {
      for (const r of list) {
        rows.push([section.metric, level, r.series, level === 'family' ? r.key : '', r.label, r.openness, r.start_day, r.start_value, r.end_day, r.end_value, r.change, r.pct_change]);
      }
    }
  }
  return toCsv(REPORT_CSV_COLUMNS, rows);
}
