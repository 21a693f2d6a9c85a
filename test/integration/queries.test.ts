// Every named query on a small known data set (queries.fixture.ts), with exact answers.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedQueries, resolveParams } from '../../queries/index.ts';
import { loadReferenceFigures } from '../../collector/run.ts';
import type { Store } from '../../collector/store/index.ts';
import { openFixtureStore, type FixtureStore } from './queries.fixture.ts';

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
      ['alpha', 'open-weights', 1, 'US', 0],
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

  it('release_events: by date, with the family name and openness', async () => {
    expect(await run('release_events')).toEqual([
      { family: 'beta', name: 'Beta', openness: 'closed', released_at: '2023-12-20', label: 'Beta 4' },
      { family: 'alpha', name: 'Alpha', openness: 'open-weights', released_at: '2024-01-05', label: 'Alpha 2' },
    ]);
  });
});

describe('project counts', () => {
  it('project_counts_by_family: the headline search only; a snapshot wins over a backfilled count; the second write of a fact replaces the first', async () => {
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
    expect(rows[0]).toMatchObject({ name: 'Alpha', openness: 'open-weights' });
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
    const rows = await run<{ day: string; family: string; value: number; subjects: number }>('metric_by_family', { metric: 'stars', ...window });
    expect(rows.map((r) => `${r.day} ${r.family} ${r.value} ${r.subjects}`)).toEqual([
      '2024-01-01 alpha 900 1',
      '2024-01-01 beta 300 1',
      '2024-01-08 alpha 950 1',
      '2024-01-15 alpha 1000 1',
      '2024-01-15 beta 330 1',
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
    // over the longer window delta (from 2024-01-01) starts inside it too
    const longer = await run<{ day: string; open: number; closed: number }>('open_share', window);
    expect(longer.map((r) => [r.day, r.open, r.closed])).toEqual([
      ['2023-12-01', 50, 150],
      ['2024-01-01', 100, 200],
      ['2024-01-15', 150, 220],
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
    // the change compares only the searches with a value on both days (alpha and beta; gamma and delta start in between)
    expect(projects.change_30d).toBeCloseTo(150 / 370 - 0.25, 12);
    expect(projects).toMatchObject({ excluded_30d: 2, excluded_365d: 0, comparable_share_365d: null });
    expect((projects as unknown as { comparable_share_30d: number }).comparable_share_30d).toBeCloseTo(150 / 370, 12);
    expect(rows[1]!.open_share).toBeCloseTo(1000 / 1330, 12);
    expect(rows[2]!.open_share).toBeCloseTo(27 / 117, 12);
    // as of 2024-01-10 the newest day with both open and closed projects is 2024-01-01
    const earlier = await run<{ metric: string; open_share: number; as_of_day: string }>('headline_figures', { as_of: '2024-01-10' });
    expect(earlier.find((r) => r.metric === 'projects')).toMatchObject({ as_of_day: '2024-01-01', open_share: 100 / 300 });
  });
});

describe('growth', () => {
  it('growth_by_family: first and last value in the window, change and percent change (NULL from zero); series that start inside the window left out', async () => {
    const rows = await run('growth_by_family', { metric: 'projects', from: '2024-01-01', to: '2024-01-15' });
    expect(rows).toEqual([
      { family: 'alpha', name: 'Alpha', openness: 'open-weights', start_day: '2024-01-01', start_value: 100, end_day: '2024-01-15', end_value: 150, change: 50, pct_change: 50 },
      { family: 'beta', name: 'Beta', openness: 'closed', start_day: '2024-01-01', start_value: 200, end_day: '2024-01-15', end_value: 220, change: 20, pct_change: 10 },
      { family: 'delta', name: 'Delta', openness: 'closed', start_day: '2024-01-01', start_value: 0, end_day: '2024-01-15', end_value: 10, change: 10, pct_change: null },
    ]);
    const longer = await run<{ family: string; start_day: string; change: number }>('growth_by_family', { metric: 'projects', ...window });
    expect(longer.map((r) => `${r.family} ${r.start_day} ${r.change}`)).toEqual(['alpha 2023-12-01 100', 'beta 2023-12-01 70']);
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
      { family: 'delta', name: 'Delta', openness: 'closed', subject: 'search:delta in:name', first_day: '2024-01-01', last_day: '2024-01-15', days: 2, window_first_day: '2023-12-01', window_last_day: '2024-01-15', reason: 'starts inside the window', family_step: 0 },
    ]);
    // a window that every series covers has no break
    expect(await run('series_breaks', { metric: 'downloads', ...window })).toEqual([]);
  });
});

describe('leaderboard, family detail and freshness', () => {
  it('leaderboard_openness: models per licence class with best rank and Elo', async () => {
    expect(await run('leaderboard_openness')).toEqual([
      { table_date: '2024-01-10', class: 'closed', models: 3, best_rank: 1, best_elo: 1250, is_reference: 0 },
      { table_date: '2024-01-10', class: 'open_noncommercial', models: 2, best_rank: null, best_elo: null, is_reference: 0 },
      { table_date: '2024-01-10', class: 'open', models: 5, best_rank: 2, best_elo: 1200, is_reference: 0 },
    ]);
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
      { family: 'alpha', name: 'Alpha', openness: 'open-weights', start_day: '2024-01-01', start_value: 80, end_day: '2024-01-15', end_value: 88, change: 8, pct_change: 10 },
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

  it('every named query has a test above', () => {
    // vitest runs the tests of a file in order, so every `run` above has happened
    expect([...namedQueries().keys()].filter((name) => !tested.has(name))).toEqual([]);
  });
});
