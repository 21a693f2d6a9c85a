// What each metric in a report means and what it misses. The collectors' own
// methodology files, where their engineers wrote them, are included as well.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';

export const METRIC_NOTES: Record<'projects' | 'stars' | 'downloads' | 'hf_downloads_30d', string[]> = {
  projects: [
    "A family's projects are the repositories GitHub's search finds for the family's headline query (the first search in the catalog), in repository names, descriptions and topics. They count mentions, not use.",
    'Search counts drift: GitHub re-indexes, and a count is a lower bound when GitHub reports incomplete results. Counts for past dates come from `created:<=DATE` searches asked later, which miss repositories deleted, made private or renamed since, so the past is understated, the more the further back.',
    'Where a day has no snapshot the backfilled count stands in for it; the two are close but not the same measurement.',
    "Cited reference figures (marked †) come from a publication, for a search that is not the catalog's headline query: they are shown as their own series and never added to collected counts.",
  ],
  stars: [
    "A family's stars are summed over its flagship repositories in the catalog; a repository without a value on a day is missing from that day's sum, not counted as zero.",
    'Past days come from star history, which counts retained stars: stars given on a day and still held today. Stars withdrawn since are not in it, so history understates past totals; it meets the collected count on the day it was fetched.',
  ],
  downloads: [
    'Downloads are the npm and PyPI counts of the family\'s packages for one day (UTC), summed. A day\'s figure is final only after UTC midnight; weekdays run higher than weekends, so compare like days.',
    'Package downloads include CI systems and mirrors; they measure installs, not users. PyPI figures exclude mirrors (pypistats `mirrors=false`).',
  ],
  hf_downloads_30d: [
    'Hugging Face downloads are a rolling 30-day window reported on the day of the snapshot, not a daily figure and not a total: do not add days together. Hugging Face keeps no history, so the series starts on the first snapshot.',
  ],
};

export const DATA_SOURCES: { name: string; what: string; url: string; sources: string[] }[] = [
  { name: 'GitHub search', what: 'repository counts per catalog query (REST /search/repositories, GraphQL search)', url: 'https://docs.github.com/en/rest/search/search', sources: ['github'] },
  { name: 'GitHub repositories', what: 'stars, forks, watchers, open issues (GraphQL), star history (/stargazers/history)', url: 'https://docs.github.com/en/rest/repos', sources: ['github'] },
  { name: 'npm', what: 'daily package downloads (api.npmjs.org/downloads/range)', url: 'https://github.com/npm/registry/blob/main/docs/download-counts.md', sources: ['npm'] },
  { name: 'PyPI', what: 'daily package downloads without mirrors (pypistats.org)', url: 'https://pypistats.org/api/', sources: ['pypi'] },
  { name: 'Hugging Face Hub', what: '30-day and all-time model downloads, likes (/api/models)', url: 'https://huggingface.co/docs/hub/api', sources: ['huggingface'] },
  { name: 'LMSYS / LMArena leaderboard', what: 'models per licence class, best rank and Elo per table', url: 'https://huggingface.co/spaces/lmarena-ai/chatbot-arena-leaderboard', sources: ['leaderboard'] },
  { name: 'Cited reference figures', what: 'figures reported before OpenPulse existed, each with its citation', url: '', sources: ['reference'] },
];

/** The collectors' methodology files, relative to the project root. */
export const COLLECTOR_METHODOLOGY_FILES = ['collector/sources/github/METHODOLOGY.md', 'collector/sources/METHODOLOGY-downloads.md'];

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
