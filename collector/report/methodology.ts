// What each metric in a report means and what it misses. The collectors' own
// methodology files, where their engineers wrote them, are included as well.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';
import { FAMILY_METRICS, type FamilyMetric } from '../../registry/metrics.ts';
import { SOURCES } from '../../registry/sources.ts';

/** What each family-level metric misses: the registry's caveats. */
export const METRIC_NOTES: Record<FamilyMetric, readonly string[]> = Object.fromEntries(FAMILY_METRICS.map((m): [string, readonly string[]] => [m.id, m.caveats])) as Record<FamilyMetric, readonly string[]>;

/** The upstream APIs behind the facts, one row each, from the sources' registry. */
export const DATA_SOURCES: { name: string; what: string; url: string; sources: string[] }[] = SOURCES.flatMap((s) => s.apis.map((api) => ({ ...api, sources: [s.name] })));

/** The collectors' methodology files, relative to the project root. */
export const COLLECTOR_METHODOLOGY_FILES = ['collector/sources/github/METHODOLOGY.md', 'collector/sources/METHODOLOGY-downloads.md', 'collector/sources/METHODOLOGY-leaderboard.md', 'collector/sources/METHODOLOGY-openrouter.md'];

export interface CollectorNote {
  file: string;
  markdown: string;
}

/** The collectors' methodology files that exist, as Markdown. */
export async function collectorMethodology(files = COLLECTOR_METHODOLOGY_FILES, root = PROJECT_ROOT): Promise<CollectorNote[]> {
  const notes: CollectorNote[] = [];
  for (const file of files) {
    try {
      notes.push({ file, markdown: (await readFile(path.join(root, file), 'utf8')).trim() });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return notes;
}
