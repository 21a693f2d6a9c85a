// Coverage-aware aggregates (DESIGN.md, "Measuring honestly"; issue 13, point 3) on data
// shaped like the demo: an open family with a year of npm history and a PyPI package whose
// history begins 180 days ago (pypistats keeps 180 days), a closed family with both for the
// whole year and an old package that stops. A total, share or growth over a window adds only
// the series that cover it; the PyPI join and the stop are listed breaks, never a trend.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../collector/catalog.ts';
import type { Observation } from '../../collector/observation.ts';
import { catalogYaml, GPT4, LLAMA } from '../helpers/catalogs.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';

const AS_OF = '2024-12-31';
const DAY_MS = 86_400_000;
/** The day `n` days before AS_OF. */
function daysBefore(n: number): string {
  return new Date(Date.parse(`${AS_OF}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);
}
const PYPI_STARTS = daysBefore(179); // 180 days of PyPI history, as_of included
const OLD_STOPS = daysBefore(200);
const year = { from: daysBefore(364), to: AS_OF };
const quarter = { from: daysBefore(89), to: AS_OF };

function downloads(source: 'npm' | 'pypi', package_: string, family: string, value: number, firstAgo: number, lastAgo = 0): Observation[] {
  const out: Observation[] = [];
  for (let n = firstAgo; n >= lastAgo; n--) {
    out.push({ source, subject: `${source}:${package_}`, family, metric: source === 'npm' ? 'npm_downloads' : 'pypi_downloads', observed_at: daysBefore(n), value });
  }
  return out;
}

let t: TestStore;

beforeAll(async () => {
  t = await openTestStore();
  const catalog = parseCatalog(catalogYaml({ ...LLAMA, npm: ['llama-js'], pypi: ['llama-py'] }, { ...GPT4, npm: ['gpt-js', 'gpt-old'], pypi: ['gpt-py'] }), 'coverage.yml');
  await t.store.syncCatalog(catalog, new Date(`${AS_OF}T12:00:00Z`));
  await t.store.insert(
    [
      ...downloads('npm', 'llama-js', 'llama', 100, 365), // open: npm for the whole year (and the day before it)
      ...downloads('pypi', 'llama-py', 'llama', 600, 179), // open: PyPI history begins 180 days ago
      ...downloads('npm', 'gpt-js', 'gpt', 500, 365), // closed: both for the whole year
      ...downloads('pypi', 'gpt-py', 'gpt', 170, 365),
      ...downloads('npm', 'gpt-old', 'gpt', 50, 365, 200), // closed: a package that stops 200 days ago
    ],
    'demo-run',
    new Date(`${AS_OF}T12:00:00Z`),
  );
});
afterAll(async () => t?.cleanup());

describe('coverage-aware aggregates on a PyPI join', () => {
  it('the data has the join: family_daily steps from 100 to 700 on the day PyPI history begins', async () => {
    const rows = await t.store.rows<{ day: string; value: number }>(
      `SELECT toString(day) AS day, value FROM family_daily WHERE metric = 'downloads' AND family = 'llama' AND day IN ('${daysBefore(180)}', '${PYPI_STARTS}') ORDER BY day`,
    );
    expect(rows).toEqual([
      { day: daysBefore(180), value: 100 },
      { day: PYPI_STARTS, value: 700 },
    ]);
  });

  it('open_share over 365 days has no step when PyPI begins: the same series at every day', async () => {
    const rows = await t.store.query<{ day: string; open: number; closed: number; open_share: number }>('open_share', { metric: 'downloads', ...year });
    expect(rows).toHaveLength(365);
    expect(new Set(rows.map((r) => `${r.open} ${r.closed}`))).toEqual(new Set(['100 670']));
    expect(rows.find((r) => r.day === PYPI_STARTS)!.open_share).toBe(100 / 770);
  });

  it('metric_by_openness and metric_by_region over 365 days add only the covering series', async () => {
    const byClass = await t.store.query<{ openness: string; value: number }>('metric_by_openness', { metric: 'downloads', ...year });
    expect(new Set(byClass.map((r) => `${r.openness} ${r.value}`))).toEqual(new Set(['open 100', 'closed 670']));
    const byRegion = await t.store.query<{ openness: string; value: number }>('metric_by_region', { metric: 'downloads', ...year });
    expect(new Set(byRegion.map((r) => `${r.openness} ${r.value}`))).toEqual(new Set(['open 100', 'closed 670']));
  });

  it('growth_by_openness, growth_by_family, open_share_growth and top_movers over 365 days do not count the join or the stop as growth', async () => {
    const byClass = await t.store.query<{ openness: string; start_value: number; end_value: number; change: number; pct_change: number }>('growth_by_openness', { metric: 'downloads', ...year });
    expect(byClass.map((r) => [r.openness, r.start_value, r.end_value, r.change, r.pct_change])).toEqual([
      ['closed', 670, 670, 0, 0],
      ['open', 100, 100, 0, 0],
    ]);
    const byFamily = await t.store.query<{ family: string; start_value: number; end_value: number; pct_change: number }>('growth_by_family', { metric: 'downloads', ...year });
    expect(byFamily.map((r) => [r.family, r.start_value, r.end_value, r.pct_change])).toEqual([
      ['llama', 100, 100, 0],
      ['gpt', 670, 670, 0],
    ]);
    const [share] = await t.store.query<{ start_share: number; end_share: number; change_points: number; open_added: number; closed_added: number }>('open_share_growth', { metric: 'downloads', ...year });
    expect(share).toMatchObject({ start_share: 100 / 770, end_share: 100 / 770, change_points: 0, open_added: 0, closed_added: 0 });
    const movers = await t.store.query<{ family: string; change: number; pct_change: number }>('top_movers', { metric: 'downloads', ...year });
    expect(movers.map((r) => [r.family, r.change, r.pct_change])).toEqual([
      ['llama', 0, 0],
      ['gpt', 0, 0],
    ]);
  });

  it('metric_by_family draws each family from the series that cover its own span, and counts the ones left out', async () => {
    const rows = await t.store.query<{ day: string; family: string; value: number; subjects: number; excluded_subjects: number }>('metric_by_family', { metric: 'downloads', ...year });
    const llama = rows.filter((r) => r.family === 'llama');
    expect(new Set(llama.map((r) => `${r.value} ${r.subjects} ${r.excluded_subjects}`))).toEqual(new Set(['100 1 1']));
    const gpt = rows.filter((r) => r.family === 'gpt');
    expect(new Set(gpt.map((r) => `${r.value} ${r.subjects} ${r.excluded_subjects}`))).toEqual(new Set(['670 2 1']));
  });

  it('site_compare_series keeps every series of the day (the Compare page\'s lines) and says on which days one joins or leaves the sum', async () => {
    const rows = await t.store.query<{ day: string; family: string; value: number; starts: number; stops: number }>('site_compare_series', { metric: 'downloads', ...year });
    const llama = rows.filter((r) => r.family === 'llama');
    expect(llama).toHaveLength(365);
    // the step is still drawn (every package with a value that day), and marked where it happens
    expect(llama.filter((r) => r.day < PYPI_STARTS).every((r) => r.value === 100)).toBe(true);
    expect(llama.filter((r) => r.day >= PYPI_STARTS).every((r) => r.value === 700)).toBe(true);
    expect(rows.filter((r) => r.starts > 0 || r.stops > 0).map((r) => `${r.day} ${r.family} +${r.starts} -${r.stops}`)).toEqual([
      `${OLD_STOPS} gpt +0 -1`,
      `${PYPI_STARTS} llama +1 -0`,
    ]);
    // a series that covers the family's period is never a break: the last 90 days have none
    const recent = await t.store.query<{ starts: number; stops: number }>('site_compare_series', { metric: 'downloads', ...quarter });
    expect(recent.filter((r) => r.starts > 0 || r.stops > 0)).toEqual([]);
  });

  it('series_breaks lists the PyPI join and the stop, with their days and reason', async () => {
    expect(await t.store.query('series_breaks', { metric: 'downloads', ...year })).toEqual([
      { family: 'llama', name: 'LLaMA', openness: 'open-weights-restricted', subject: 'pypi:llama-py', first_day: PYPI_STARTS, last_day: AS_OF, days: 180, window_first_day: year.from, window_last_day: AS_OF, reason: 'starts inside the window', family_step: 1 },
      { family: 'gpt', name: 'GPT-4', openness: 'closed', subject: 'npm:gpt-old', first_day: year.from, last_day: OLD_STOPS, days: 165, window_first_day: year.from, window_last_day: AS_OF, reason: 'stops inside the window', family_step: 1 },
    ]);
  });

  it('a window of the last 90 days includes PyPI, which covers it, and has no break', async () => {
    const rows = await t.store.query<{ open: number; closed: number }>('open_share', { metric: 'downloads', ...quarter });
    expect(rows).toHaveLength(90);
    expect(new Set(rows.map((r) => `${r.open} ${r.closed}`))).toEqual(new Set(['700 670']));
    const byClass = await t.store.query<{ openness: string; start_value: number; end_value: number }>('growth_by_openness', { metric: 'downloads', ...quarter });
    expect(byClass.map((r) => [r.openness, r.start_value, r.end_value])).toEqual([
      ['closed', 670, 670],
      ['open', 700, 700],
    ]);
    const family = await t.store.query<{ family: string; value: number; excluded_subjects: number }>('metric_by_family', { metric: 'downloads', ...quarter });
    expect(new Set(family.filter((r) => r.family === 'llama').map((r) => `${r.value} ${r.excluded_subjects}`))).toEqual(new Set(['700 0']));
    expect(await t.store.query('series_breaks', { metric: 'downloads', ...quarter })).toEqual([]);
  });

  it('headline_answer: downloads since a date add only the packages counted on both ends; now is the answer\'s week, of every package counted on each of its days', async () => {
    const rows = await t.store.query<Record<string, unknown>>('headline_answer', { since: daysBefore(364), as_of: AS_OF });
    expect(rows.map((r) => r.signal)).toEqual(['projects', 'stars', 'downloads', 'tokens', 'derivatives', 'leaderboard', 'leaderboard_top20']);
    // AS_OF is a Tuesday: the latest whole ISO week is 2024-12-23 to 2024-12-29 (Monday to Sunday), the same on every row
    const SUNDAY = daysBefore(2);
    expect(new Set(rows.map((r) => `${r.week_from} ${r.week_to}`))).toEqual(new Set([`${daysBefore(8)} ${SUNDAY}`]));
    const downloads = rows.find((r) => r.signal === 'downloads')!;
    expect(downloads).toMatchObject({
      shape: 'flow',
      now_share: 700 / 1370,
      now_from: daysBefore(8),
      now_to: SUNDAY,
      open_now: 700 * 7,
      closed_now: 670 * 7,
      // the PyPI join (history starts inside) and gpt-old (stops inside) are left out: no step, no invented trend
      since_share: 100 / 770,
      since_from: daysBefore(364),
      since_to: SUNDAY,
      open_value: 100 * 363,
      closed_value: 670 * 363,
      covering: 3,
      excluded: 2,
    });
    expect(String(downloads.caveat)).toMatch(/180 days/);
    // no data: a row per signal all the same, with no number
    expect(rows.find((r) => r.signal === 'projects')).toMatchObject({ now_share: null, since_share: null, covering: 0 });
    expect(rows.find((r) => r.signal === 'leaderboard')).toMatchObject({ now_share: null, then_share: null });
  });

  it('headline_figures: the newest share counts every series; the 365-day change compares only the series with a value on both days', async () => {
    const rows = await t.store.query<Record<string, unknown>>('headline_figures', { as_of: AS_OF });
    expect(rows).toEqual([
      {
        metric: 'downloads',
        open_share: 700 / 1370,
        open_share_30d_ago: 700 / 1370,
        change_30d: 0,
        // a year ago among the series that also have a value today: not the PyPI package (starts since), not gpt-old (stopped since)
        open_share_365d_ago: 100 / 770,
        change_365d: 0,
        as_of_day: AS_OF,
        day_30d_ago: daysBefore(30),
        day_365d_ago: daysBefore(365),
        comparable_share_30d: 700 / 1370,
        comparable_share_365d: 100 / 770,
        excluded_30d: 0,
        excluded_365d: 2,
      },
    ]);
  });
});
