// How fresh the data is: when each source last has facts, and whether that is
// older than twice the source's collection schedule (the stale banner).

import { formatMinute } from '../../charts/format.ts';
import { rowsOf, siteData } from './data.ts';
import { keys } from '../../collector/snapshot/manifest.ts';
import type { DataFreshnessRow } from '../../collector/snapshot/site-data.ts';
import { SOURCE_SCHEDULE_DAYS } from '../../registry/sources.ts';

/** Days between two collections of each source: the sources' registry (registry/sources.ts). */
export { SOURCE_SCHEDULE_DAYS };

const DAY_MS = 86_400_000;

export interface StaleSource {
  source: string;
  newestDay: string;
  ageDays: number;
  scheduleDays: number;
}

function collected(): (DataFreshnessRow & { newest_day: string })[] {
  return rowsOf<DataFreshnessRow>(keys.freshness).filter((r): r is DataFreshnessRow & { newest_day: string } => r.source !== 'reference' && r.newest_day !== null);
}

/** The newest day any collected source has facts for; null before the first collection. */
export function newestDataDay(): string | null {
  const days = collected().map((r) => r.newest_day).sort();
  return days.at(-1) ?? null;
}

/** When the newest run finished (UTC, to the minute); null when nothing ran. */
export function lastRun(): string | null {
  const runs = rowsOf<DataFreshnessRow>(keys.freshness).map((r) => r.last_run).filter(Boolean).sort();
  const last = runs.at(-1);
  return last ? formatMinute(last) : null;
}

/** Sources whose newest facts are older than twice their schedule, measured at build time. */
export function staleSources(): StaleSource[] {
  const built = Date.parse(siteData().generatedAt);
  return collected().flatMap((r) => {
    const scheduleDays = SOURCE_SCHEDULE_DAYS[r.source];
    if (!scheduleDays) return [];
    const ageDays = Math.floor((built - Date.parse(`${r.newest_day}T00:00:00Z`)) / DAY_MS);
    return ageDays > 2 * scheduleDays ? [{ source: r.source, newestDay: r.newest_day, ageDays, scheduleDays }] : [];
  });
}
