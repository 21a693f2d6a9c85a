// The Reports page's content: `openpulse report`'s renderer run at build time
// (while the store is open) for the latest weeks and months, kept in the
// snapshot so the pages never touch the store.

import { buildReport, renderReport } from '../../collector/report/index.ts';
import type { SiteReport } from '../../collector/site-data.ts';
import type { Store } from '../../collector/store/index.ts';

/** How many windows of each period the archive keeps: the newest is "the latest report". */
export const REPORT_ARCHIVE = [
  { period: 'week', days: 7, count: 3 },
  { period: 'month', days: 30, count: 2 },
] as const;

const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

export async function siteReports(store: Store, now: Date, simulated: boolean): Promise<SiteReport[]> {
  const today = Date.parse(`${isoDay(now.getTime())}T00:00:00Z`);
  const reports: SiteReport[] = [];
  for (const { period, days, count } of REPORT_ARCHIVE) {
    for (let n = 0; n < count; n++) {
      const to = isoDay(today - n * days * DAY_MS);
      const from = isoDay(today - (n * days + days - 1) * DAY_MS);
      const model = await buildReport(store, { from, to, families: [], now, simulated });
      reports.push({ id: `${period}-${to}`, period, from, to, title: model.title, html: renderReport(model, 'html'), markdown: renderReport(model, 'md') });
    }
  }
  return reports;
}
