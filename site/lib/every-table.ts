// The Leaderboard page's "Every table": each leaderboard publication's rows, newest first. The
// page lists a bounded number of publications, so its weight follows the page, not the years of
// history (50 M generated facts, 1,489 daily publications: 594 KB and 2,978 rows before, 130 KB and
// 400 rows now); every publication is in the result's data (CSV and JSON), which the page links.

/** How many publications the page lists: the whole history as published by late 2026 (about 100), with room for years more. */
export const EVERY_TABLE_SHOWN = 200;

/** The newest `limit` publications' rows, newest first, each publication's rows in the order given; and how many there are. */
export function newestTables<T extends { table_date: string }>(rows: readonly T[], limit = EVERY_TABLE_SHOWN): { shown: [string, T[]][]; total: number } {
  const byDate = new Map<string, T[]>();
  for (const r of rows) {
    const list = byDate.get(r.table_date);
    if (list) list.push(r);
    else byDate.set(r.table_date, [r]);
  }
  const dates = [...byDate.keys()].sort().reverse();
  return { shown: dates.slice(0, limit).map((d): [string, T[]] => [d, byDate.get(d)!]), total: dates.length };
}
