// Every named query on a small known data set (queries.fixture.ts), with exact answers.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedQueries, resolveParams } from '../../queries/index.ts';
import { loadReferenceFigures } from '../../collector/run.ts';
import { inlineMaterializedCtes, withoutTuning, type Store } from '../../collector/store/index.ts';
import { openFixtureStore, type FixtureStore } from './queries.fixture.ts';
import { arenaObservations } from '../../collector/sources/arena-data.ts';
import type { LeaderboardClass } from '../../collector/catalog.ts';
import type { Observation } from '../../collector/observation.ts';

let fixture: FixtureStore;
let store: Store;
const tested = new Set<string>();

/** Runs a named query and remembers that it has a test. */
async function run<T = Record<string, unknown>>(name: string, params: Record<string, string | number | string[]> = {}): Promise<T[]> {
  tested.add(name);
  return store.query<T>(name, params);
}

const window = { from: '2023-12-01', to: '2024-01-15' };

beforeAll(async () => {
  fixture = await openFixtureStore();
  store = fixture.store;
});

afterAll(async () => {
  await fixture?.close();
});

describe('catalog queries', () => {
  it('families: catalog order, openness and licence', async () => {
    const rows = await run('families');
    expect(rows.map((r) => [r.id, r.openness, r.is_open, r.region, r.catalog_order])).toEqual([
      ['alpha', 'open-weights-restricted', 1, 'US', 0],
      ['beta', 'closed', 0, 'US', 1],
      ['gamma', 'open-source', 1, 'CN', 2],
      ['delta', 'closed', 0, 'CN', 3],
    ]);
    expect(rows[1]).toMatchObject({ name: 'Beta', vendor: 'Beta Inc', licence: 'Proprietary', commercial_use: 'paid API only' });
  });

  it('family_items: searches, repositories, models, packages in catalog order', async () => {
    expect(await run('family_items', { family: 'beta' })).toEqual([
      { kind: 'github_search', item: 'beta in:name', position: 0 },
      { kind: 'github_search', item: 'beta2 in:name', position: 1 },
      { kind: 'github_repo', item: 'b/beta-sdk', position: 0 },
      { kind: 'pypi', item: 'beta', position: 0 },
    ]);
  });

  it('release_events: by date, with the family name, and each release\'s own openness and licence (the family\'s where it names none)', async () => {
    expect(await run('release_events')).toEqual([
      { family: 'beta', name: 'Beta', openness: 'closed', released_at: '2023-12-20', label: 'Beta 4', licence: 'Proprietary', source: '' },
      { family: 'alpha', name: 'Alpha', openness: 'open-weights-restricted', released_at: '2024-01-05', label: 'Alpha 2', licence: 'Apache 2.0', source: '' },
      // a closed family's open-weights release: the family's class follows its releases
      { family: 'beta', name: 'Beta', openness: 'open-weights-osi', released_at: '2024-01-10', label: 'Beta Open', licence: 'Apache-2.0', source: 'https://example.org/beta-open' },
    ]);
  });
});

describe('project counts', () => {
  it('project_counts_by_family: the headline search of a side only (not the family\'s second search); a snapshot wins over a backfilled count; the second write of a fact replaces the first', async () => {
    const rows = await run<{ day: string; family: string; projects: number; is_reference: number }>('project_counts_by_family', window);
    expect(rows.map((r) => `${r.day} ${r.family} ${r.projects} ${r.is_reference}`)).toEqual([
      '2023-12-01 alpha 50 0',
      '2023-12-01 beta 150 0',
      '2024-01-01 alpha 100 0',
      '2024-01-01 beta 200 0',
      '2024-01-01 delta 0 0',
      '2024-01-08 alpha 125 0',
      '2024-01-08 gamma 50 0',
      '2024-01-15 alpha 150 0',
      '2024-01-15 beta 220 0',
      '2024-01-15 gamma 40 0',
      '2024-01-15 delta 10 0',
    ]);
    expect(rows[0]).toMatchObject({ name: 'Alpha', openness: 'open-weights-restricted' });
  });

  it('project_counts_by_family: the window is inclusive and families filter', async () => {
    const rows = await run<{ day: string; family: string }>('project_counts_by_family', { from: '2024-01-08', to: '2024-01-08', families: 'gamma,delta' });
    expect(rows.map((r) => `${r.day} ${r.family}`)).toEqual(['2024-01-08 gamma']);
  });

  it('project_counts_by_openness: sums by open/closed with the number of families', async () => {
    const rows = await run<{ day: string; openness: string; projects: number; families: number }>('project_counts_by_openness', { from: '2024-01-01', to: '2024-01-15' });
    expect(rows.map((r) => `${r.day} ${r.openness} ${r.projects} ${r.families}`)).toEqual([
      '2024-01-01 closed 200 2',
      '2024-01-01 open 100 1',
      '2024-01-08 open 175 2',
      '2024-01-15 closed 230 2',
      '2024-01-15 open 190 2',
    ]);
  });
});

describe('family-level metrics', () => {
  it('metric_by_family stars: snapshot where there is one, else star history; repositories outside the catalog ignored', async () => {
    const rows = await run<{ day: string; family: string; name: string; openness: string; value: number; subjects: number }>('metric_by_family', { metric: 'stars', ...window });
    expect(rows.map((r) => `${r.day} ${r.family} ${r.value} ${r.subjects}`)).toEqual([
      '2024-01-01 alpha 900 1',
      '2024-01-01 beta 300 1',
      '2024-01-08 alpha 950 1',
      '2024-01-15 alpha 1000 1',
      '2024-01-15 beta 330 1',
    ]);
    // each row names its own family (read from the class arrays by the family's place there, after the sort)
    expect(rows.slice(0, 2).map((r) => [r.family, r.name, r.openness])).toEqual([
      ['alpha', 'Alpha', 'open-weights-restricted'],
      ['beta', 'Beta', 'closed'],
    ]);
  });

  it('site_compare_series: every family\'s series per day in catalog order, each row with its own family\'s name and openness', async () => {
    const rows = await run<{ day: string; family: string; name: string; openness: string; value: number }>('site_compare_series', { metric: 'projects', ...window });
    expect(rows.map((r) => `${r.day} ${r.family} ${r.name} ${r.openness} ${r.value}`)).toEqual([
      '2023-12-01 alpha Alpha open-weights-restricted 50',
      '2023-12-01 beta Beta closed 150',
      '2024-01-01 alpha Alpha open-weights-restricted 100',
      '2024-01-01 beta Beta closed 200',
      '2024-01-01 delta Delta closed 0',
      '2024-01-08 alpha Alpha open-weights-restricted 125',
      '2024-01-08 gamma Gamma open-source 50',
      '2024-01-15 alpha Alpha open-weights-restricted 150',
      '2024-01-15 beta Beta closed 220',
      '2024-01-15 gamma Gamma open-source 40',
      '2024-01-15 delta Delta closed 10',
    ]);
  });

  it('metric_by_family downloads: npm + PyPI per day; hf_downloads_30d apart', async () => {
    const downloads = await run<{ day: string; family: string; value: number; subjects: number }>('metric_by_family', { metric: 'downloads', ...window });
    expect(downloads.map((r) => `${r.day} ${r.family} ${r.value} ${r.subjects}`)).toEqual([
      '2024-01-01 alpha 15 2',
      '2024-01-01 beta 100 1',
      '2024-01-15 alpha 27 2',
      '2024-01-15 beta 90 1',
    ]);
    const hf = await run<{ day: string; family: string; value: number }>('metric_by_family', { metric: 'hf_downloads_30d', ...window });
    expect(hf.map((r) => `${r.day} ${r.family} ${r.value}`)).toEqual(['2024-01-15 alpha 3000']);
  });

  it('metric_by_family refuses an unknown metric instead of answering nothing', async () => {
    await expect(run('metric_by_family', { metric: 'forks', ...window })).rejects.toThrow(/Unknown element 'forks' for enum/);
  });

  it('metric_by_openness: per day, open vs closed', async () => {
    const rows = await run<{ day: string; openness: string; value: number; families: number }>('metric_by_openness', { metric: 'stars', ...window });
    expect(rows.map((r) => `${r.day} ${r.openness} ${r.value} ${r.families}`)).toEqual([
      '2024-01-01 closed 300 1',
      '2024-01-01 open 900 1',
      '2024-01-08 open 950 1',
      '2024-01-15 closed 330 1',
      '2024-01-15 open 1000 1',
    ]);
  });

  it('open_share: only days with both open and closed values, from the series that cover the window', async () => {
    // gamma's search starts on 2024-01-08, inside the window: it is left out (series_breaks lists it), so 2024-01-08 has only open values
    const rows = await run<{ day: string; open: number; closed: number; open_share: number; open_families: number; closed_families: number }>('open_share', { from: '2024-01-01', to: '2024-01-15' });
    expect(rows.map((r) => [r.day, r.open, r.closed, r.open_families, r.closed_families])).toEqual([
      ['2024-01-01', 100, 200, 1, 2],
      ['2024-01-15', 150, 230, 1, 2],
    ]);
    expect(rows.map((r) => r.open_share)).toEqual([100 / 300, 150 / 380]);
    // over the longer window delta's search begins inside it, at zero: a count held, it found nothing before
    // either (held_metrics), so it covers the window, at zero before its first day, and adds its 10 on the last
    const longer = await run<{ day: string; open: number; closed: number }>('open_share', window);
    expect(longer.map((r) => [r.day, r.open, r.closed])).toEqual([
      ['2023-12-01', 50, 150],
      ['2024-01-01', 100, 200],
      ['2024-01-15', 150, 230],
    ]);
  });

  it('open_share_growth: share on the first and last day, change in points, open share of what was added', async () => {
    expect(await run('open_share_growth', { from: '2024-01-01', to: '2024-01-15' })).toEqual([
      {
        start_day: '2024-01-01',
        start_share: 100 / 300,
        end_day: '2024-01-15',
        end_share: 150 / 380,
        change_points: 100 * (150 / 380 - 100 / 300),
        // alpha +50 (gamma starts inside the window: left out); beta +20 and delta +10
        open_added: 50,
        closed_added: 30,
        new_open_share: 50 / 80,
      },
    ]);
    // a window without a day on which both open and closed families have a value: no row
    expect(await run('open_share_growth', { from: '2024-01-08', to: '2024-01-08' })).toEqual([]);
  });

  it('metric_by_region: by origin region and openness', async () => {
    const rows = await run<{ day: string; region: string; openness: string; value: number; families: number }>('metric_by_region', { metric: 'projects', from: '2024-01-15', to: '2024-01-15' });
    expect(rows.map((r) => `${r.region} ${r.openness} ${r.value} ${r.families}`)).toEqual(['CN closed 10 1', 'CN open 40 1', 'US closed 220 1', 'US open 150 1']);
  });

  it('headline_figures: open share on the newest day and 30 days before; NULL where there is no share that early', async () => {
    const rows = await run<{ metric: string; open_share: number; open_share_30d_ago: number | null; change_30d: number | null; open_share_365d_ago: number | null; as_of_day: string; day_30d_ago: string | null }>(
      'headline_figures',
      { as_of: '2024-01-15' },
    );
    expect(rows.map((r) => r.metric)).toEqual(['projects', 'stars', 'downloads']);
    const projects = rows[0]!;
    expect(projects).toMatchObject({ as_of_day: '2024-01-15', open_share_30d_ago: 0.25, day_30d_ago: '2023-12-01', open_share_365d_ago: null, change_365d: null });
    expect(projects.open_share).toBeCloseTo(190 / 420, 12);
    // the change compares only the searches with a value on both days (alpha and beta), and delta, whose count
    // begins at zero in between (it found nothing before either); gamma begins at 50 in between: left out
    expect(projects.change_30d).toBeCloseTo(150 / 380 - 0.25, 12);
    expect(projects).toMatchObject({ excluded_30d: 1, excluded_365d: 0, comparable_share_365d: null });
    expect((projects as unknown as { comparable_share_30d: number }).comparable_share_30d).toBeCloseTo(150 / 380, 12);
    expect(rows[1]!.open_share).toBeCloseTo(1000 / 1330, 12);
    expect(rows[2]!.open_share).toBeCloseTo(27 / 117, 12);
    // as of 2024-01-10 the newest day with both open and closed projects is 2024-01-01
    const earlier = await run<{ metric: string; open_share: number; as_of_day: string }>('headline_figures', { as_of: '2024-01-10' });
    expect(earlier.find((r) => r.metric === 'projects')).toMatchObject({ as_of_day: '2024-01-01', open_share: 100 / 300 });
  });
});

describe('the headline question', () => {
  it('headline_answer: per signal, the open share now and of what was added since a date, with coverage and caveat, all of one week', async () => {
    // the week of 2024-01-15 to 2024-01-21 ends on as_of; the fixture's downloads have no whole week, so the
    // answer is of the week of the newest value (exact weeks: headline-week.test.ts)
    const rows = await run<Record<string, unknown>>('headline_answer', { since: '2024-01-01', as_of: '2024-01-21' });
    expect(rows.map((r) => r.signal)).toEqual(['projects', 'stars', 'downloads', 'tokens', 'derivatives', 'leaderboard', 'leaderboard_top20']);
    expect(new Set(rows.map((r) => `${r.week_from} ${r.week_to}`))).toEqual(new Set(['2024-01-15 2024-01-21']));
    const bySignal = (signal: string) => rows.find((r) => r.signal === signal) as Record<string, number | string | null>;
    const [projects, stars, downloads, leaderboard] = ['projects', 'stars', 'downloads', 'leaderboard'].map(bySignal);
    // no routed tokens or derivatives in the fixture: a row each, with no number
    expect(bySignal('tokens')).toMatchObject({ shape: 'flow', now_share: null, since_share: null, covering: 0, open_now: null });
    expect(bySignal('derivatives')).toMatchObject({ shape: 'count', now_share: null, since_share: null, open_now: null, now_by_rung: {} });
    // now: every search counted on the week's newest day; since: only the searches counted on both days
    expect(projects).toMatchObject({ shape: 'stock', now_to: '2024-01-15', since_from: '2024-01-01', since_to: '2024-01-15', open_value: 50, closed_value: 30, excluded: 1 });
    expect(projects).toMatchObject({ open_now: 190, closed_now: 230, now_by_rung: { 'open-weights-restricted': 150, 'open-source': 40, closed: 230 }, added_by_rung: { 'open-weights-restricted': 50, closed: 30 } });
    expect(projects!.now_share).toBeCloseTo(190 / 420, 12);
    expect(projects!.since_share).toBeCloseTo(50 / 80, 12);
    expect(projects!.then_share).toBeCloseTo(100 / 300, 12);
    expect(stars!.since_share).toBeCloseTo(100 / 130, 12);
    // the fixture has no 7 consecutive days of downloads: no "now" for a flow
    expect(downloads).toMatchObject({ shape: 'flow', now_share: null, open_value: 42, closed_value: 190 });
    expect(leaderboard).toMatchObject({ shape: 'table', now_share: 0.7, then_share: 0.7, open_value: 7, closed_value: 3, since_share: null });
    for (const r of rows) expect(String(r.caveat).length).toBeGreaterThan(40);
    // since 2023-12-01: delta's search begins after it at zero (it found nothing before either) and counts as
    // added from zero; gamma's begins after it at 50, already held: left out
    const earlier = await run<Record<string, unknown>>('headline_answer', { since: '2023-12-01', as_of: '2024-01-21' });
    const fromZero = earlier.find((r) => r.signal === 'projects') as Record<string, number | string | null>;
    expect(fromZero).toMatchObject({ since_from: '2023-12-01', since_to: '2024-01-15', open_value: 100, closed_value: 80, covering: 3, excluded: 1 });
    expect(fromZero.since_share).toBeCloseTo(100 / 180, 12);
    expect(fromZero.then_share).toBeCloseTo(50 / 200, 12);
    // a date after every fact: nothing added since, so no share since (never a 0/0)
    const late = await run<Record<string, unknown>>('headline_answer', { since: '2030-01-01', as_of: '2024-01-21' });
    expect(late.find((r) => r.signal === 'projects')).toMatchObject({ since_share: null, since_from: null, covering: 0 });
    // as of 2024-01-15 (a Monday) the week of 2024-01-15 has not ended: the answer is of the week before, GitHub as of 2024-01-08
    const monday = await run<Record<string, unknown>>('headline_answer', { since: '2024-01-01', as_of: '2024-01-15' });
    expect(new Set(monday.map((r) => `${r.week_from} ${r.week_to}`))).toEqual(new Set(['2024-01-08 2024-01-14']));
    expect(monday.find((r) => r.signal === 'projects')).toMatchObject({ now_to: '2024-01-08', since_to: '2024-01-08' });
    expect(monday.find((r) => r.signal === 'leaderboard')).toMatchObject({ now_to: '2024-01-10', now_share: 0.7 });
  });
});

describe('OpenRouter (exact figures: openrouter-store.test.ts)', () => {
  it('openrouter_share and openrouter_unmapped: a store without routed tokens has no row, never a 0/0 share', async () => {
    expect(await run('openrouter_share', {})).toEqual([]);
    expect(await run('openrouter_share', { grain: 'week' })).toEqual([]);
    expect(await run('openrouter_unmapped', {})).toEqual([]);
  });
});

describe('growth', () => {
  it('growth_by_family: first and last value in the window, change and percent change (NULL from zero); series that start inside the window left out', async () => {
    const rows = await run('growth_by_family', { metric: 'projects', from: '2024-01-01', to: '2024-01-15' });
    expect(rows).toEqual([
      { family: 'alpha', name: 'Alpha', openness: 'open-weights-restricted', start_day: '2024-01-01', start_value: 100, end_day: '2024-01-15', end_value: 150, change: 50, pct_change: 50 },
      { family: 'beta', name: 'Beta', openness: 'closed', start_day: '2024-01-01', start_value: 200, end_day: '2024-01-15', end_value: 220, change: 20, pct_change: 10 },
      { family: 'delta', name: 'Delta', openness: 'closed', start_day: '2024-01-01', start_value: 0, end_day: '2024-01-15', end_value: 10, change: 10, pct_change: null },
    ]);
    const longer = await run<{ family: string; start_day: string; change: number }>('growth_by_family', { metric: 'projects', ...window });
    // delta's search begins inside the longer window at zero (it found nothing before either): its growth is from zero
    expect(longer.map((r) => `${r.family} ${r.start_day} ${r.change}`)).toEqual(['alpha 2023-12-01 100', 'beta 2023-12-01 70', 'delta 2024-01-01 10']);
  });

  it('growth_by_openness: each family\'s first and last value, summed per class', async () => {
    const rows = await run('growth_by_openness', { metric: 'projects', from: '2024-01-01', to: '2024-01-15' });
    expect(rows).toEqual([
      { openness: 'closed', start_value: 200, end_value: 230, change: 30, pct_change: 15, start_day: '2024-01-01', end_day: '2024-01-15', families: 2 },
      // gamma (from 2024-01-08) starts inside the window: not counted as growth
      { openness: 'open', start_value: 100, end_value: 150, change: 50, pct_change: 50, start_day: '2024-01-01', end_day: '2024-01-15', families: 1 },
    ]);
  });

  it('top_movers: largest absolute change first, losses included, ties in catalog order, limited', async () => {
    const rows = await run<{ family: string; change: number }>('top_movers', { metric: 'projects', from: '2024-01-01', to: '2024-01-15', limit: 2 });
    expect(rows.map((r) => `${r.family} ${r.change}`)).toEqual(['alpha 50', 'beta 20']);
    // from 2024-01-08 gamma covers the window (and beta, delta, with no value that day, do not)
    const week = await run<{ family: string; change: number }>('top_movers', { metric: 'projects', from: '2024-01-08', to: '2024-01-15' });
    expect(week.map((r) => `${r.family} ${r.change}`)).toEqual(['alpha 25', 'gamma -10']);
  });
});

describe('coverage', () => {
  it('series_breaks: the subjects that start or stop inside the window, left out of its totals, shares and growth', async () => {
    const rows = await run<Record<string, unknown>>('series_breaks', { metric: 'projects', ...window });
    expect(rows).toEqual([
      { family: 'gamma', name: 'Gamma', openness: 'open-source', subject: 'search:gamma in:name', first_day: '2024-01-08', last_day: '2024-01-15', days: 2, window_first_day: '2023-12-01', window_last_day: '2024-01-15', reason: 'starts inside the window', family_step: 0 },
    ]);
    // delta's search also begins inside the window, but at zero: it held nothing before, so it is no break
    // a window that every series covers has no break
    expect(await run('series_breaks', { metric: 'downloads', ...window })).toEqual([]);
  });
});

describe('leaderboard, family detail and freshness', () => {
  it('leaderboard_openness: models per licence class with best rank and Elo', async () => {
    expect(await run('leaderboard_openness')).toEqual([
      { table_date: '2024-01-10', class: 'closed', models: 3, best_rank: 1, best_elo: 1250, is_reference: 0, origin: 'table' },
      { table_date: '2024-01-10', class: 'open_noncommercial', models: 2, best_rank: null, best_elo: null, is_reference: 0, origin: 'table' },
      { table_date: '2024-01-10', class: 'open', models: 5, best_rank: 2, best_elo: 1200, is_reference: 0, origin: 'table' },
    ]);
  });

  it('leaderboard_unknown_licences: none while every licence of the tables is classed (with some: leaderboard-licences.test.ts)', async () => {
    expect(await run('leaderboard_unknown_licences')).toEqual([]);
  });

  it('family_metrics: every fact of the family in the window', async () => {
    const rows = await run<{ day: string; metric: string; subject: string; value: number }>('family_metrics', { family: 'beta', from: '2024-01-15', to: '2024-01-15' });
    expect(rows.map((r) => `${r.metric} ${r.subject} ${r.value}`)).toEqual([
      'github_projects search:beta in:name 220',
      'github_projects search:beta2 in:name 999',
      'github_stars repo:b/beta-sdk 330',
      'github_stars repo:b/old-sdk 5000',
      'pypi_downloads pypi:beta 90',
    ]);
  });

  it('family_chart_facts: the family\'s facts of the metrics asked for, cited figures included (weekly before daily_from: family-chart-facts.test.ts)', async () => {
    const rows = await run<{ day: string; metric: string; subject: string; value: number }>('family_chart_facts', { family: 'beta', metrics: ['github_stars', 'pypi_downloads'], from: '2024-01-15', to: '2024-01-15' });
    expect(rows.map((r) => `${r.metric} ${r.subject} ${r.value}`)).toEqual(['github_stars repo:b/beta-sdk 330', 'github_stars repo:b/old-sdk 5000', 'pypi_downloads pypi:beta 90']);
  });

  it('family_subjects_latest: newest value and detail of each subject and metric', async () => {
    const rows = await run<{ subject: string; metric: string; day: string; value: number; detail: string }>('family_subjects_latest', { family: 'alpha' });
    const search = rows.filter((r) => r.subject === 'search:alpha in:name');
    expect(search).toEqual([
      { subject: 'search:alpha in:name', metric: 'github_projects', day: '2024-01-15', value: 150, detail: '{"incomplete_results":false}' },
      { subject: 'search:alpha in:name', metric: 'github_projects_existing', day: '2024-01-08', value: 120, detail: '' },
    ]);
    expect(rows.find((r) => r.subject === 'npm:alpha-js')).toMatchObject({ day: '2024-01-15', value: 20 });
  });

  it('data_freshness: newest day and fact count per source, and its latest run', async () => {
    const rows = await run<Record<string, unknown>>('data_freshness');
    expect(rows.map((r) => [r.source, r.newest_day, r.facts, r.last_status, r.last_rows])).toEqual([
      ['github', '2024-01-15', 22, 'partial', 22],
      ['huggingface', '2024-01-15', 1, '', 0],
      ['leaderboard', '2024-01-10', 7, '', 0],
      ['npm', '2024-01-15', 2, 'unreachable', 0],
      ['pypi', '2024-01-15', 4, '', 0],
    ]);
    expect(rows[0]).toMatchObject({ last_run: '2024-01-15 12:00:00.000', last_message: 'one search refused', last_problems: 1 });
    expect(rows[1]).toMatchObject({ last_run: null });
  });

  it('site_compare_series: days since the family\'s first release', async () => {
    const rows = await run<{ day: string; family: string; value: number; days_since_release: number | null }>('site_compare_series', { metric: 'projects', from: '2024-01-15', to: '2024-01-15' });
    expect(rows.map((r) => `${r.family} ${r.value} ${r.days_since_release}`)).toEqual(['alpha 150 10', 'beta 220 26', 'gamma 40 null', 'delta 10 null']);
  });
});

/**
 * Three publications of the Arena's leaderboard dataset (source arena), as the arena source
 * emits them, and a leaderboard table on the last date (which counts, while the dataset rates):
 *   2024-11-01  beta-1 1290 [1280,1300] closed · delta-1 1240 closed · mystery 1150 (licence "Other": unknown)
 *   2025-02-01  gamma-x 1310 [1295,1325] open (OSI) · beta-1 1300 [1290,1310] · alpha-1 1280 [1270,1290] open ·
 *               gamma-nc 1250 [1240,1260] open non-commercial · delta-1 1250 [1245,1255] · mystery 1200
 *   2025-03-01  beta-2 1350 [1340,1360] · alpha-2 1320 [1310,1330] · beta-1 1305 [1285,1325] · alpha-1 1282 [1275,1289] ·
 *               gamma-nc 1252 · delta-1 1249 · mystery 1201 · five fillers 1140…1100 (unknown "N/A", open ×2, closed ×2)
 * gamma-x is rated only on 2025-02-01, so on the newest scale it is unrated.
 */
function arenaFixture(): Observation[] {
  type M = [model: string, cls: LeaderboardClass, licence: string, family: string, rating: number, lower?: number, upper?: number, votes?: number, rank?: number];
  const publication = (date: string, models: M[]): Observation[] =>
    arenaObservations(
      {
        date,
        category: 'overall',
        models: models.map(([model, cls, licence, family, rating, lower, upper, votes, rank]) => ({
          where: 'fixture', date, category: 'overall', model, organization: family ? `${family} org` : '', licence, rating, cls, family,
          ...(lower === undefined ? {} : { lower, upper }), ...(votes === undefined ? {} : { votes }), ...(rank === undefined ? {} : { rank }),
        })),
      },
      { dataset: 'lmarena-ai/leaderboard-dataset', subset: 'text' },
    );
  const table = (subject: string, value: number, detail?: Record<string, unknown>): Observation => ({ source: 'leaderboard', subject, family: '', metric: 'arena_models', observed_at: '2025-03-01', value, ...(detail ? { detail } : {}) });
  return [
    ...publication('2024-11-01', [
      ['beta-1', 'closed', 'Proprietary', 'beta', 1290, 1280, 1300, 1000, 1],
      ['delta-1', 'closed', 'Proprietary', 'delta', 1240, 1230, 1250, 800, 2],
      ['mystery', 'unknown', 'Other', '', 1150, undefined, undefined, 300, 3],
    ]),
    ...publication('2025-02-01', [
      ['gamma-x', 'open-weights-osi', 'Apache 2.0', 'gamma', 1310, 1295, 1325, 600, 1],
      ['beta-1', 'closed', 'Proprietary', 'beta', 1300, 1290, 1310, 5000, 1],
      ['alpha-1', 'open-weights-restricted', 'Alpha Community', 'alpha', 1280, 1270, 1290, 4000, 3],
      ['gamma-nc', 'open-weights-restricted-noncommercial', 'CC-BY-NC-4.0', 'gamma', 1250, 1240, 1260, 900, 4],
      ['delta-1', 'closed', 'Proprietary', 'delta', 1250, 1245, 1255, 2000, 4],
      ['mystery', 'unknown', 'Other', '', 1200, undefined, undefined, 400, 6],
    ]),
    ...publication('2025-03-01', [
      ['beta-2', 'closed', 'Proprietary', 'beta', 1350, 1340, 1360, 3000, 1],
      ['alpha-2', 'open-weights-restricted', 'Alpha Community', 'alpha', 1320, 1310, 1330, 2500, 2],
      ['beta-1', 'closed', 'Proprietary', 'beta', 1305, 1285, 1325, 6000, 2],
      ['alpha-1', 'open-weights-restricted', 'Alpha Community', 'alpha', 1282, 1275, 1289, 4500, 4],
      ['gamma-nc', 'open-weights-restricted-noncommercial', 'CC-BY-NC-4.0', 'gamma', 1252, undefined, undefined, 1000, 5],
      ['delta-1', 'closed', 'Proprietary', 'delta', 1249, undefined, undefined, 2100, 5],
      ['mystery', 'unknown', 'Other', '', 1201, undefined, undefined, 450, 7],
      ['filler-5', 'unknown', 'N/A', '', 1140],
      ['filler-4', 'open-weights-osi', 'MIT', '', 1130],
      ['filler-3', 'open-weights-osi', 'MIT', '', 1120],
      ['filler-2', 'closed', 'Proprietary', '', 1110],
      ['filler-1', 'closed', 'Proprietary', '', 1100],
    ]),
    table('arena:closed', 3),
    table('arena:open-weights-restricted', 2),
    table('arena:open-weights-restricted-noncommercial', 1),
    table('arena:unknown', 1, { licences: { Other: 1 }, examples: { Other: ['mystery'] } }),
  ];
}

const MONTH_DAYS = 30.436875;

describe('leaderboard publications: the top of the table and how far open trails closed', () => {
  beforeAll(async () => {
    await store.insert(arenaFixture(), 'run-arena', new Date('2025-03-02T00:00:00Z'));
  });

  it('leaderboard_top_models: per publication the top models by rating, ties sharing a position, with class, interval and votes', async () => {
    const rows = await run<Record<string, unknown>>('leaderboard_top_models', { from: '2025-01-01', to: '2025-03-31', top: 3 });
    expect(rows.map((r) => `${r.table_date} ${r.position} ${r.model} ${r.class} ${r.rating} ${r.rating_lower}-${r.rating_upper}`)).toEqual([
      '2025-02-01 1 gamma-x open 1310 1295-1325',
      '2025-02-01 2 beta-1 closed 1300 1290-1310',
      '2025-02-01 3 alpha-1 open 1280 1270-1290',
      '2025-03-01 1 beta-2 closed 1350 1340-1360',
      '2025-03-01 2 alpha-2 open 1320 1310-1330',
      '2025-03-01 3 beta-1 closed 1305 1285-1325',
    ]);
    expect(rows[0]).toEqual({
      table_date: '2025-02-01', position: 1, model: 'gamma-x', organization: 'gamma org', licence: 'Apache 2.0', class: 'open', licence_class: 'open-weights-osi', family: 'gamma',
      rating: 1310, rating_lower: 1295, rating_upper: 1325, votes: 600, arena_rank: 1, models: 6, origin: 'dataset',
    });
    // gamma-nc and delta-1 tie at 1250: both fourth, both listed
    const four = await run<{ model: string; position: number }>('leaderboard_top_models', { from: '2025-02-01', to: '2025-02-01', top: 4 });
    expect(four.map((r) => `${r.position} ${r.model}`)).toEqual(['1 gamma-x', '2 beta-1', '3 alpha-1', '4 delta-1', '4 gamma-nc']);
  });

  it('leaderboard_best_open_closed: the best open and closed model of each publication, the gap and its interval end to end', async () => {
    expect(await run('leaderboard_best_open_closed')).toEqual([
      {
        table_date: '2025-02-01', best_open: 'gamma-x', open_position: 1, open_rating: 1310, open_lower: 1295, open_upper: 1325,
        best_closed: 'beta-1', closed_position: 2, closed_rating: 1300, closed_lower: 1290, closed_upper: 1310, gap: -10, gap_lower: -35, gap_upper: 15, models: 6, origin: 'dataset',
      },
      {
        table_date: '2025-03-01', best_open: 'alpha-2', open_position: 2, open_rating: 1320, open_lower: 1310, open_upper: 1330,
        best_closed: 'beta-2', closed_position: 1, closed_rating: 1350, closed_lower: 1340, closed_upper: 1360, gap: 30, gap_lower: 10, gap_upper: 50, models: 12, origin: 'dataset',
      },
    ]);
  });

  it('leaderboard_top_share: open, closed and unknown among the top 10 (no row for a top larger than the table)', async () => {
    expect(await run('leaderboard_top_share')).toEqual([
      { table_date: '2025-03-01', top: 10, models: 10, open: 5, open_noncommercial: 1, closed: 3, unknown: 2, open_share: 0.5, origin: 'dataset' },
    ]);
  });

  it('leaderboard_family_best: each family\'s best model per publication, families filter', async () => {
    const rows = await run<Record<string, unknown>>('leaderboard_family_best', { from: '2025-03-01', to: '2025-03-01' });
    expect(rows.map((r) => `${r.family} ${r.name} ${r.best_model} ${r.position} ${r.rating} ${r.class} ${r.family_models}/${r.models}`)).toEqual([
      'beta Beta beta-2 1 1350 closed 2/12',
      'alpha Alpha alpha-2 2 1320 open 2/12',
      'gamma Gamma gamma-nc 5 1252 open_noncommercial 1/12',
      'delta Delta delta-1 6 1249 closed 1/12',
    ]);
    expect(rows[0]).toMatchObject({ table_date: '2025-03-01', rating_lower: 1340, rating_upper: 1360, origin: 'dataset' });
    const gamma = await run<Record<string, unknown>>('leaderboard_family_best', { families: ['gamma'] });
    expect(gamma.map((r) => `${r.table_date} ${r.best_model} ${r.position} ${r.class} ${r.family_models}`)).toEqual(['2025-02-01 gamma-x 1 open 2', '2025-03-01 gamma-nc 5 open_noncommercial 1']);
  });

  it('leaderboard_gap_months: on the newest scale, months since the closed frontier first reached the best open model, with bounds from the intervals', async () => {
    const rows = await run<Record<string, unknown>>('leaderboard_gap_months');
    // 2024-11-01 has no open model: no row. 2025-02-01: alpha-1 (1282 on the newest scale; gamma-x is unrated there)
    // was reached by beta-1, first listed 2024-11-01, 92 days before; 2025-03-01: alpha-2 (1320) only by beta-2 that day.
    expect(rows).toEqual([
      {
        day: '2025-02-01', scale_date: '2025-03-01', best_open: 'alpha-1', open_rating: 1282, open_first_seen: '2025-02-01', closed_best: 'beta-1', closed_rating: 1305,
        matched_by: 'beta-1', matched_on: '2024-11-01', months: expect.closeTo(92 / MONTH_DAYS, 9), months_low: 0, months_high: expect.closeTo(92 / MONTH_DAYS, 9), open_leads: 0, rated: 4, unrated: 2,
      },
      {
        day: '2025-03-01', scale_date: '2025-03-01', best_open: 'alpha-2', open_rating: 1320, open_first_seen: '2025-03-01', closed_best: 'beta-2', closed_rating: 1350,
        matched_by: 'beta-2', matched_on: '2025-03-01', months: 0, months_low: 0, months_high: expect.closeTo(120 / MONTH_DAYS, 9), open_leads: 0, rated: 10, unrated: 3,
      },
    ]);
    // On the 2025-02-01 scale gamma-x (1310) is above every closed model: open leads, 0 months; within the intervals beta-1 (upper 1310 ≥ 1295) may have been level since 2024-11-01.
    expect(await run('leaderboard_gap_months', { scale: '2025-02-01' })).toEqual([
      {
        day: '2025-02-01', scale_date: '2025-02-01', best_open: 'gamma-x', open_rating: 1310, open_first_seen: '2025-02-01', closed_best: 'beta-1', closed_rating: 1300,
        matched_by: '', matched_on: null, months: 0, months_low: 0, months_high: expect.closeTo(92 / MONTH_DAYS, 9), open_leads: 1, rated: 5, unrated: 1,
      },
    ]);
  });

  it('leaderboard_openness: a table counts its models, the dataset\'s ratings of that date give the best rank; dates only the dataset has count what it rates', async () => {
    const rows = await run<Record<string, unknown>>('leaderboard_openness', { from: '2024-11-01', to: '2025-03-31' });
    expect(rows.map((r) => `${r.table_date} ${r.class} ${r.models} ${r.best_rank} ${r.best_elo} ${r.origin}`)).toEqual([
      '2024-11-01 closed 2 1 1290 dataset',
      '2024-11-01 unknown 1 3 1150 dataset',
      '2025-02-01 closed 2 2 1300 dataset',
      '2025-02-01 open_noncommercial 1 4 1250 dataset',
      '2025-02-01 open 2 1 1310 dataset',
      '2025-02-01 unknown 1 6 1200 dataset',
      '2025-03-01 closed 3 1 1350 table+dataset',
      '2025-03-01 open_noncommercial 1 5 1252 table+dataset',
      '2025-03-01 open 2 2 1320 table+dataset',
      '2025-03-01 unknown 1 7 1201 table+dataset',
    ]);
  });

  it('leaderboard_unknown_licences: the tables\' unknown strings and, on dates no table has, the dataset\'s', async () => {
    expect(await run('leaderboard_unknown_licences')).toEqual([
      { licence: 'Other', models: 3, tables: 3, first_table: '2024-11-01', last_table: '2025-03-01', examples: ['mystery'] },
    ]);
  });
});

describe('reference figures', () => {
  beforeAll(async () => {
    await loadReferenceFigures({ store, clock: { now: () => new Date('2024-01-16T00:00:00Z'), sleep: async () => {} } }, 'reference-run');
  });

  it('reference_points: every cited figure with its citation', async () => {
    const rows = await run<{ day: string; family: string; subject: string; value: number; citation: string }>('reference_points');
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => r.subject === 'search:LLaMA').map((r) => `${r.day} ${r.value}`)).toEqual(['2023-07-19 5600', '2023-08-02 6200']);
    expect(rows[0]!.citation).toMatch(/Huxiu/);
  });

  it('reference_points: each figure with its family, qualifier, derivation, date basis and source', async () => {
    const rows = await run<Record<string, unknown>>('reference_points');
    const at = (subject: string, day: string) => rows.find((r) => r.subject === subject && r.day === day);
    expect(at('search:LLaMA', '2023-07-19')).toMatchObject({ family: 'llama', qualifier: 'at least', derivation: '', date_basis: 'stated', source_publisher: 'Huxiu (虎嗅)', source_published: '2023-08', source_language: 'zh', source_url: '' });
    expect(at('search:LLaMA', '2023-08-02')).toMatchObject({ qualifier: 'at least', date_basis: 'inferred', date_inferred_from: expect.stringContaining('two weeks later') });
    expect(at('repo:facebookresearch/llama', '2023-08-02')).toMatchObject({ family: 'llama', qualifier: 'derived', derivation: '32,000 − 3,000' });
    expect(at('arena:closed', '2023-07-20')).toMatchObject({ family: '', family_name: '', qualifier: 'exact', source_url: 'https://lmsys.org/blog/2023-07-20-dataset/', source_publisher: 'LMSYS Org', source_published: '2023-07-20' });
  });

  it('reference figures are a series of their own: never added to collected values, returned with series=reference', async () => {
    const cite = 'test citation';
    await store.insert(
      [
        { source: 'reference', subject: 'search:Alpha', family: 'alpha', metric: 'github_projects', observed_at: '2024-01-01', value: 80, citation: cite },
        { source: 'reference', subject: 'search:Alpha', family: 'alpha', metric: 'github_projects', observed_at: '2024-01-15', value: 88, citation: cite },
      ],
      'reference-run-2',
    );
    const span = { metric: 'projects', from: '2024-01-01', to: '2024-01-15' };
    const collected = await store.query<{ family: string; start_value: number; end_value: number }>('growth_by_family', span);
    expect(collected.find((r) => r.family === 'alpha')).toMatchObject({ start_value: 100, end_value: 150 });
    const reference = await store.query('growth_by_family', { ...span, series: 'reference' });
    expect(reference).toEqual([
      { family: 'alpha', name: 'Alpha', openness: 'open-weights-restricted', start_day: '2024-01-01', start_value: 80, end_day: '2024-01-15', end_value: 88, change: 8, pct_change: 10 },
    ]);
    // never a class total: the open/closed sums are collected facts only; the cited figure stays its family's
    const byOpenness = await store.query<{ day: string; openness: string; projects: number }>('project_counts_by_openness', { from: '2024-01-15', to: '2024-01-15' });
    expect(byOpenness.map((r) => `${r.openness} ${r.projects}`)).toEqual(['closed 230', 'open 190']);
    const byFamily = await store.query<{ family: string; projects: number; is_reference: number }>('project_counts_by_family', { from: '2024-01-15', to: '2024-01-15', families: ['alpha'] });
    expect(byFamily.map((r) => `${r.family} ${r.projects} ${r.is_reference}`)).toEqual(['alpha 150 0', 'alpha 88 1']);
    // the Huxiu figures belong to llama and gpt, which this catalog does not have: nothing joins
    expect(await store.query('growth_by_family', { metric: 'projects', from: '2023-07-01', to: '2023-08-31', series: 'reference' })).toEqual([]);
  });

  it('leaderboard_openness flags the reference table', async () => {
    const rows = await store.query<{ table_date: string; class: string; models: number; best_rank: number | null; is_reference: number }>('leaderboard_openness', { from: '2023-07-20', to: '2023-07-20' });
    expect(rows.map((r) => `${r.class} ${r.models} ${r.best_rank} ${r.is_reference}`)).toEqual(['closed 6 1 1', 'open_noncommercial 15 6 1', 'open 19 null 1']);
  });
});

describe('the contract', () => {
  it('every named query returns exactly the columns and types its header states', async () => {
    const sample: Record<string, string> = { metric: 'projects', family: 'alpha', from: '2023-12-01', to: '2024-01-15', as_of: '2024-01-15' };
    const mismatches: string[] = [];
    for (const [name, query] of namedQueries()) {
      const given = Object.fromEntries(query.params.filter((p) => sample[p.name] !== undefined).map((p) => [p.name, sample[p.name]!]));
      const text = (await store.raw(query.sql, resolveParams(query, given), { format: 'JSONCompactEachRowWithNamesAndTypes' })).toString('utf8');
      const [names, types] = text.trim().split('\n').slice(0, 2).map((line) => JSON.parse(line) as string[]);
      const got = names!.map((n, i) => `${n} ${types![i]!.replace(/LowCardinality\((.*)\)/, '$1')}`);
      const declared = query.returns.map((c) => `${c.name} ${c.type}`);
      if (JSON.stringify(got) !== JSON.stringify(declared)) mismatches.push(`${query.file}\n  header: ${declared.join(', ')}\n  actual: ${got.join(', ')}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('a query that materializes its CTEs or sets a planner setting gives the same rows without, as an older engine runs it', async () => {
    const sample: Record<string, string> = { from: '2023-12-01', to: '2024-01-15', as_of: '2024-01-15', since: '2023-12-01' };
    const marked = [...namedQueries().values()].filter((q) => /\bAS MATERIALIZED \(/.test(q.sql) || withoutTuning(q.sql) !== q.sql);
    expect(marked.map((q) => q.name).sort()).toEqual(['headline_answer', 'headline_figures', 'leaderboard_gap_months', 'leaderboard_openness', 'open_share_growth']);
    expect(marked.filter((q) => withoutTuning(q.sql) !== q.sql).map((q) => q.name)).toEqual(['headline_answer']);
    for (const query of marked) {
      // the leaderboard's publications (2025, above) lie outside the sample window: their defaults cover them
      const given = query.name.startsWith('leaderboard_') ? {} : Object.fromEntries(query.params.filter((p) => sample[p.name] !== undefined).map((p) => [p.name, sample[p.name]!]));
      const inlined = withoutTuning(inlineMaterializedCtes(query.sql));
      expect(inlined, query.name).not.toMatch(/MATERIALIZED|optimize_and_compare_chain =/);
      const materialized = await store.query(query.name, given);
      expect(materialized.length, query.name).toBeGreaterThan(0);
      expect(await store.rows(inlined, resolveParams(query, given)), query.name).toEqual(materialized);
    }
  });

  it('no named query sets a setting other than a planner setting the store may leave out', () => {
    // A server's read where the engine cannot materialize CTEs runs under readonly=1, which refuses
    // every setting a query sets (the store, readSettings): such a query would fail there.
    const setting = [...namedQueries().values()].filter((q) => /(?:^|\n)SETTINGS\s/.test(withoutTuning(q.sql)));
    expect(setting.map((q) => q.name)).toEqual([]);
  });

  it('every named query has a test above', () => {
    // vitest runs the tests of a file in order, so every `run` above has happened
    expect([...namedQueries().keys()].filter((name) => !tested.has(name))).toEqual([]);
  });
});
