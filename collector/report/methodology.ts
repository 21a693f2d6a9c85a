// What each metric in a report means and what it misses, and how each source is
// collected, in words from the registries. A report is handed to readers: it
// names no file of the repository (the collectors' own notes are for developers).

import { FAMILY_METRICS, type FamilyMetric } from '../../registry/metrics.ts';
import { SOURCES, type SourceEntry } from '../../registry/sources.ts';

/** What each family-level metric misses: the registry's caveats. */
export const METRIC_NOTES: Record<FamilyMetric, readonly string[]> = Object.fromEntries(FAMILY_METRICS.map((m): [string, readonly string[]] => [m.id, m.caveats])) as Record<FamilyMetric, readonly string[]>;

/** The upstream APIs behind the facts, one row each, from the sources' registry. */
export const DATA_SOURCES: { name: string; what: string; url: string; sources: string[] }[] = SOURCES.flatMap((s) => s.apis.map((api) => ({ ...api, sources: [s.name] })));

/** One collected source in a sentence: what it reads, how often, and what a missed collection costs. */
export function collectionNote(source: SourceEntry): string {
  const every = source.scheduleDays === 1 ? 'every day' : `every ${source.scheduleDays} days`;
  const history =
    source.historyDays === null
      ? 'the upstream keeps its past data, so a missed collection can be made up later'
      : source.historyDays === 0
        ? 'the upstream keeps no history, so a day not collected is lost for good'
        : `the upstream answers for the last ${source.historyDays} days only, so a day missed for longer is lost`;
  return `${source.apis.map((a) => a.name).join(' and ')}: collected ${every}; ${history}.`;
}

/** How each collected source is collected, one sentence each, in the registry's order. */
export function collectionNotes(): string[] {
  return (SOURCES as readonly SourceEntry[]).filter((s) => s.scheduleDays !== null).map(collectionNote);
}
