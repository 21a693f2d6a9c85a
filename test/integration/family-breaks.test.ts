// Where a series joins or leaves a family's sum (family_breaks, queries/schema/views.sql): the
// per-family project counts and the Compare page's series say so on the day it happens, from one
// definition, so a family's second side searched from a later day is never read as growth.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../collector/catalog.ts';
import type { Observation } from '../../collector/observation.ts';
import { catalogYaml, GPT4, LLAMA } from '../helpers/catalogs.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';

const DAYS = ['2025-08-01', '2025-08-02', '2025-08-03', '2025-08-04'];

// GPT: its closed search every day; its open side (gpt-oss, added to the catalog after its
// release) from the third day: a start. Llama: its open search every day; a closed-side search
// on the first two days only: a stop on the second (its first day is the family's: no start).
const OPENAI = { ...GPT4, github: { search: ['"gpt-5" in:name', { id: 'gpt-oss in:name', openness: 'open-weights-osi', licence: 'Apache-2.0' }] } };
const META = { ...LLAMA, github: { search: ['llama in:name', { id: 'llama-closed in:name', openness: 'closed', licence: 'Proprietary' }] } };

function facts(subject: string, family: string, days: string[], value: number): Observation[] {
  return days.map((observed_at) => ({ source: 'github', subject, family, metric: 'github_projects', observed_at, value }));
}

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
  await t.store.syncCatalog(parseCatalog(catalogYaml(META, OPENAI), 'family-breaks.yml'));
  await t.store.insert(
    [
      ...facts('search:"gpt-5" in:name', 'gpt', DAYS, 300),
      ...facts('search:gpt-oss in:name', 'gpt', DAYS.slice(2), 100),
      ...facts('search:llama in:name', 'llama', DAYS, 200),
      ...facts('search:llama-closed in:name', 'llama', DAYS.slice(0, 2), 7),
    ],
    'run-1',
  );
  // a cited figure on the day gpt-oss joins: its row is a series of its own, with no break
  await t.store.insert(
    [{ source: 'reference', subject: 'search:GPT', family: 'gpt', metric: 'github_projects', observed_at: DAYS[2]!, value: 500, citation: 'test citation' }],
    'reference-run',
  );
});
afterAll(async () => t?.cleanup());

type Counts = { day: string; family: string; projects: number; searches: number; is_reference: number; starts: number; stops: number };
const line = (r: Counts) => `${r.day} ${r.family} ${r.projects} searches=${r.searches} ref=${r.is_reference} starts=${r.starts} stops=${r.stops}`;

describe('family_breaks', () => {
  it('project_counts_by_family: how many searches each day adds, and the day one joins (starts) or leaves (stops) the sum', async () => {
    const rows = await t.store.query<Counts>('project_counts_by_family', { from: DAYS[0]!, to: DAYS[3]! });
    expect(rows.map(line)).toEqual([
      '2025-08-01 llama 207 searches=2 ref=0 starts=0 stops=0',
      '2025-08-01 gpt 300 searches=1 ref=0 starts=0 stops=0',
      '2025-08-02 llama 207 searches=2 ref=0 starts=0 stops=1',
      '2025-08-02 gpt 300 searches=1 ref=0 starts=0 stops=0',
      '2025-08-03 llama 200 searches=1 ref=0 starts=0 stops=0',
      '2025-08-03 gpt 400 searches=2 ref=0 starts=1 stops=0',
      '2025-08-03 gpt 500 searches=1 ref=1 starts=0 stops=0',
      '2025-08-04 llama 200 searches=1 ref=0 starts=0 stops=0',
      '2025-08-04 gpt 400 searches=2 ref=0 starts=0 stops=0',
    ]);
  });

  it('a break is inside the window: a window that opens after a search joined has none, and the families filter keeps each family its own breaks', async () => {
    const later = await t.store.query<Counts>('project_counts_by_family', { from: DAYS[2]!, to: DAYS[3]! });
    expect(later.filter((r) => r.starts > 0 || r.stops > 0)).toEqual([]);
    const gpt = await t.store.query<Counts>('project_counts_by_family', { from: DAYS[0]!, to: DAYS[3]!, families: ['gpt'] });
    expect(gpt.filter((r) => r.starts > 0).map(line)).toEqual(['2025-08-03 gpt 400 searches=2 ref=0 starts=1 stops=0']);
  });

  it('site_compare_series marks the same days (one definition of a break)', async () => {
    const rows = await t.store.query<{ day: string; family: string; value: number; starts: number; stops: number }>('site_compare_series', { metric: 'projects', from: DAYS[0]!, to: DAYS[3]! });
    expect(rows.filter((r) => r.starts > 0 || r.stops > 0).map((r) => `${r.day} ${r.family} ${r.value} starts=${r.starts} stops=${r.stops}`)).toEqual([
      '2025-08-02 llama 207 starts=0 stops=1',
      '2025-08-03 gpt 400 starts=1 stops=0',
    ]);
  });
});
