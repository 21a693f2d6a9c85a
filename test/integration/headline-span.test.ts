// headline_figures reads the 485 days up to the newest family-level fact on or before as_of
// (queries/headline_figures.sql), so its cost follows that span and not the store's years.
// The newest day and both comparison days are found in the span: a share older than it is
// never a "365 days ago", and as_of before every recent fact moves the span back with it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../collector/catalog.ts';
import type { Observation } from '../../collector/observation.ts';
import { catalogYaml, GPT4, LLAMA } from '../helpers/catalogs.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';

const NEWEST = '2026-11-28';
const DAY_MS = 86_400_000;
const before = (n: number) => new Date(Date.parse(`${NEWEST}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);

/** One package's downloads, `value` a day, from `firstAgo` to `lastAgo` days before NEWEST. */
function downloads(package_: string, family: string, value: number, firstAgo: number, lastAgo = 0): Observation[] {
  const out: Observation[] = [];
  for (let n = firstAgo; n >= lastAgo; n--) out.push({ source: 'npm', subject: `npm:${package_}`, family, metric: 'npm_downloads', observed_at: before(n), value });
  return out;
}

let t: TestStore;

beforeAll(async () => {
  t = await openTestStore();
  await t.store.syncCatalog(parseCatalog(catalogYaml({ ...LLAMA, npm: ['llama-js'] }, { ...GPT4, npm: ['gpt-js'] }), 'span.yml'), new Date(`${NEWEST}T12:00:00Z`));
  await t.store.insert(
    [
      // 401 recent days of both sides, then nothing for 500 days, then one old day with another share
      ...downloads('llama-js', 'llama', 100, 400),
      ...downloads('gpt-js', 'gpt', 300, 400),
      ...downloads('llama-js', 'llama', 900, 900, 900),
      ...downloads('gpt-js', 'gpt', 100, 900, 900),
    ],
    'span-run',
    new Date(`${NEWEST}T12:00:00Z`),
  );
});
afterAll(async () => t?.cleanup());

type Figure = { metric: string; open_share: number; as_of_day: string; day_30d_ago: string | null; day_365d_ago: string | null; open_share_365d_ago: number | null };

describe('headline_figures reads the 485 days up to the newest fact', () => {
  it('finds the newest day and both comparison days in the span', async () => {
    const [row] = await t.store.query<Figure>('headline_figures', { as_of: '2100-01-01' });
    expect(row).toMatchObject({ metric: 'downloads', open_share: 0.25, as_of_day: NEWEST, day_30d_ago: before(30), day_365d_ago: before(365), open_share_365d_ago: 0.25 });
  });

  it('never reaches past the span for a comparison: a share 520 days before the newest day is not "365 days ago"', async () => {
    // the newest fact on or before as_of is 380 days back: the span reaches 865 days back, and the old share (900) is outside it
    const [row] = await t.store.query<Figure>('headline_figures', { as_of: before(380) });
    expect(row).toMatchObject({ as_of_day: before(380), open_share: 0.25, day_30d_ago: null, day_365d_ago: null, open_share_365d_ago: null });
  });

  it('moves with as_of: before every recent fact, the old share is the newest', async () => {
    const [row] = await t.store.query<Figure>('headline_figures', { as_of: before(800) });
    expect(row).toMatchObject({ as_of_day: before(900), open_share: 0.9, day_30d_ago: null, day_365d_ago: null });
  });
});
