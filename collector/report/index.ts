// Trend reports: build the model from named queries, render it in a format, in English or Chinese.

import { renderCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import type { ReportModel } from './model.ts';

export const REPORT_FORMATS = ['md', 'html', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(model: ReportModel, format: ReportFormat): string {
  switch (format) {
    case 'md':
      return renderMarkdown(model);
    case 'html':
      return renderHtml(model);
    case 'csv':
      return renderCsv(model);
    case 'json':
      return `${JSON.stringify(model, null, 2)}\n`;
  }
}

export { buildReport, inLanguage, REPORT_METRICS, type ReportModel, type ReportOptions } from './model.ts';
export { REPORT_LANGS, type Lang } from './words.ts';
