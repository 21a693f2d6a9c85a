// The Reports page's content: `openpulse report`'s renderer run at build time
// (while the store is open) for the latest weeks and months, written into the
// snapshot as HTML and Markdown so the pages only read it.

import { buildReport, renderReport } from '../report/index.ts';
import type { Store } from '../store/index.ts';
import { daysBefore } from './manifest.ts';
import type { SiteReport } from './site-data.ts';

/** How many windows of each period the archive keeps: the newest is "the latest report". */
export const REPORT_ARCHIVE = [
  { period: 'week', days: 7, count: 3 },
  { period: 'month', days: 30, count: 2 },
] as const;

export async function siteReports(store: Store, now: Date, simulated: boolean): Promise<SiteReport[]> {
  const reports: SiteReport[] = [];
  for (const { period, days, count } of REPORT_ARCHIVE) {
    for (let n = 0; n < count; n++) {
      const to = daysBefore(now, n * days);
      const from = daysBefore(now, n * days + days - 1);
      const model = await buildReport(store, { from, to, families: [], now, simulated });
      reports.push({ id: `${period}-${to}`, period, from, to, title: model.title, html: renderReport(model, 'html'), markdown: renderReport(model, 'md') });
    }
  }
  return reports;
}
