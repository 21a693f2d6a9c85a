// The Reports page's content: `openpulse report`'s renderer run at build time
// (while the store is open) for the latest weeks and months, written into the
// snapshot as HTML and Markdown, in English and in Chinese, so the pages only
// read it. The queries run once per report; its words are set per language.

import type { Catalog } from '../catalog.ts';
import { buildReport, inLanguage, renderReport } from '../report/index.ts';
import type { Store } from '../store/index.ts';
import { daysBefore } from './manifest.ts';
import type { SiteReport } from './site-data.ts';

/** How many windows of each period the archive keeps: the newest is "the latest report". */
export const REPORT_ARCHIVE = [
  { period: 'week', days: 7, count: 3 },
  { period: 'month', days: 30, count: 2 },
] as const;

/** How many reports the archive holds, all periods together. */
export const ARCHIVED_REPORTS = REPORT_ARCHIVE.reduce((n, r) => n + r.count, 0);

/** Every archived report in both languages; the catalog gives the releases' Chinese labels; `onProgress` follows each report made. */
export async function siteReports(
  store: Store,
  now: Date,
  simulated: boolean,
  catalog?: Pick<Catalog, 'families'>,
  onProgress?: (done: number, total: number) => void,
): Promise<SiteReport[]> {
  const reports: SiteReport[] = [];
  onProgress?.(0, ARCHIVED_REPORTS);
  for (const { period, days, count } of REPORT_ARCHIVE) {
    for (let n = 0; n < count; n++) {
      const to = daysBefore(now, n * days);
      const from = daysBefore(now, n * days + days - 1);
      const model = await buildReport(store, { from, to, families: [], now, simulated, lang: 'en', ...(catalog ? { catalog } : {}) });
      const zh = inLanguage(model, 'zh');
      reports.push({
        id: `${period}-${to}`, period, from, to,
        title: model.title, html: renderReport(model, 'html'), markdown: renderReport(model, 'md'),
        title_zh: zh.title, html_zh: renderReport(zh, 'html'), markdown_zh: renderReport(zh, 'md'),
      });
      onProgress?.(reports.length, ARCHIVED_REPORTS);
    }
  }
  return reports;
}
