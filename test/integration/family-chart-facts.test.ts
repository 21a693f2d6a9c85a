// family_chart_facts (what a family page charts): every day from daily_from, one point a week
// before it (the week's last day with a value, per subject and metric: a count per day as the
// average of the week's days), cited figures all, only
// the fact metrics asked for. This keeps a family page, and the build, the same size whatever
// the length of the history (issue 18, point 1).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../collector/observation.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';

const DAY_MS = 86_400_000;
/** Every day from `from` to `to`, inclusive. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Saturday or Sunday. */
function weekend(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

let t: TestStore;

beforeAll(async () => {
  t = await openTestStore();
  const facts: Observation[] = [
    // daily stars from Monday 2024-01-01 to Wednesday 2024-01-31
    ...days('2024-01-01', '2024-01-31').map((day, i): Observation => ({ source: 'github', subject: 'repo:a/one', family: 'alpha', metric: 'github_stars', observed_at: day, value: 100 + i })),
    // a backfilled series of the same repository, a few days a week, ending on a Saturday
    ...['2024-01-02', '2024-01-04', '2024-01-09', '2024-01-13'].map((day): Observation => ({ source: 'github', subject: 'repo:a/one', family: 'alpha', metric: 'github_stars_retained', observed_at: day, value: 90 })),
    // a metric no chart draws, and another family
    ...days('2024-01-01', '2024-01-31').map((day): Observation => ({ source: 'github', subject: 'repo:a/one', family: 'alpha', metric: 'github_forks', observed_at: day, value: 7 })),
    ...days('2024-01-01', '2024-01-31').map((day): Observation => ({ source: 'github', subject: 'repo:b/two', family: 'beta', metric: 'github_stars', observed_at: day, value: 5 })),
    // downloads a day, 100 on weekdays and 40 at weekends, none on the weekend of 13-14 January
    ...days('2024-01-01', '2024-01-31')
      .filter((day) => day !== '2024-01-13' && day !== '2024-01-14')
      .map((day): Observation => ({ source: 'npm', subject: 'npm:one', family: 'gamma', metric: 'npm_downloads', observed_at: day, value: weekend(day) ? 40 : 100 })),
  ];
  await t.store.insert(facts, 'run-chart-facts', new Date('2024-02-01T00:00:00Z'));
});

afterAll(async () => {
  await t?.cleanup();
});

describe('family_chart_facts', () => {
  it('keeps every day from daily_from and the last day of each week before it, per subject and metric', async () => {
    const rows = await t.store.query<{ day: string; metric: string; subject: string; value: number; is_reference: number; days: number }>('family_chart_facts', {
      family: 'alpha',
      metrics: ['github_stars', 'github_stars_retained'],
      daily_from: '2024-01-24',
    });
    const of = (metric: string) => rows.filter((r) => r.metric === metric).map((r) => r.day);
    // weeks (Monday to Sunday): 01-01..07, 01-08..14, 01-15..21, 01-22..28 (its days before the 24th are not its last), then daily
    expect(of('github_stars')).toEqual(['2024-01-07', '2024-01-14', '2024-01-21', ...days('2024-01-24', '2024-01-31')]);
    expect(of('github_stars_retained')).toEqual(['2024-01-04', '2024-01-13']);
    expect(rows.every((r) => r.subject === 'repo:a/one' && r.is_reference === 0)).toBe(true);
    // the value is the day's own: a count held is not averaged
    expect(rows.find((r) => r.metric === 'github_stars' && r.day === '2024-01-14')!.value).toBe(113);
    expect(rows.every((r) => r.days === 1)).toBe(true);
  });

  it("draws a week of a count per day as its days' average, on the week's last day with a value, saying how many days", async () => {
    const rows = await t.store.query<{ day: string; metric: string; value: number; days: number }>('family_chart_facts', {
      family: 'gamma',
      metrics: ['npm_downloads'],
      daily_from: '2024-01-24',
    });
    const before = rows.filter((r) => r.day < '2024-01-24').map((r) => [r.day, Number(r.value.toFixed(3)), r.days]);
    expect(before).toEqual([
      // Monday 1 to Sunday 7: five weekdays and a weekend
      ['2024-01-07', Number((580 / 7).toFixed(3)), 7],
      // Monday 8 to Friday 12: the weekend has no value
      ['2024-01-12', 100, 5],
      ['2024-01-21', Number((580 / 7).toFixed(3)), 7],
    ]);
    // from daily_from every day as collected, the weekend's lower value included; the days of its week before it are not drawn
    const daily = rows.filter((r) => r.day >= '2024-01-24');
    expect(daily.map((r) => r.day)).toEqual(days('2024-01-24', '2024-01-31'));
    expect(daily.map((r) => r.value)).toEqual(days('2024-01-24', '2024-01-31').map((day) => (weekend(day) ? 40 : 100)));
    expect(daily.every((r) => r.days === 1)).toBe(true);
  });

  it('is every fact of those metrics when daily_from is the first day, and nothing of a metric not asked for', async () => {
    const rows = await t.store.query<{ day: string; metric: string }>('family_chart_facts', { family: 'alpha', metrics: ['github_stars'], daily_from: '2024-01-01' });
    expect(rows.map((r) => r.day)).toEqual(days('2024-01-01', '2024-01-31'));
    expect(await t.store.query('family_chart_facts', { family: 'alpha', metrics: ['npm_downloads'] })).toEqual([]);
  });
});

describe('a family\'s facts with the table in several parts (family_metrics, family_chart_facts)', () => {
  const parts = async () =>
    Number((await t.store.rows<{ n: number }>("SELECT count() AS n FROM system.parts WHERE database = currentDatabase() AND table = 'observations' AND active"))[0]!.n);
  const rowsRead = async (run: () => Promise<unknown>) => {
    const read = async () => Number((await t.store.rows<{ value: number }>("SELECT value FROM system.events WHERE event = 'SelectedRows'"))[0]?.value ?? 0);
    const before = await read();
    await run();
    // the second read of system.events counts its own row too, as the first did not
    return (await read()) - before;
  };

  beforeAll(async () => {
    // 30 families of 12 repositories, 100 days each: 36,000 facts, about five granules of the table,
    // each family's repositories next to each other in its key (source, subject, …)
    const many: Observation[] = [];
    for (let f = 0; f < 30; f++) {
      for (let r = 0; r < 12; r++) {
        for (const day of days('2023-06-01', '2023-09-08')) many.push({ source: 'github', subject: `repo:f${String(f).padStart(2, '0')}/r${r}`, family: `many-${f}`, metric: 'github_stars', observed_at: day, value: r });
      }
    }
    await t.store.insert(many, 'run-many', new Date('2023-09-09T00:00:00Z'));
    // a repository of delta, written again from 2024-01-20 on under epsilon (the catalog moved it): those days are epsilon's
    await t.store.insert(days('2024-01-01', '2024-01-31').map((day): Observation => ({ source: 'github', subject: 'repo:d/moved', family: 'delta', metric: 'github_stars', observed_at: day, value: 1 })), 'run-moved-1', new Date('2024-02-01T00:00:00Z'));
    await t.store.insert(days('2024-01-20', '2024-01-31').map((day): Observation => ({ source: 'github', subject: 'repo:d/moved', family: 'epsilon', metric: 'github_stars', observed_at: day, value: 2 })), 'run-moved-2', new Date('2024-02-02T00:00:00Z'));
    // the day after, every repository of every family collected again: a part whose keys span the whole table
    await t.store.insert(
      Array.from({ length: 30 * 12 }, (_, i): Observation => ({ source: 'github', subject: `repo:f${String(Math.floor(i / 12)).padStart(2, '0')}/r${i % 12}`, family: `many-${Math.floor(i / 12)}`, metric: 'github_stars', observed_at: '2023-09-09', value: 50 })),
      'run-many-2',
      new Date('2023-09-10T00:00:00Z'),
    );
  });

  it('are the newest version of each fact: one written again under another family counts there only', async () => {
    expect(await parts()).toBeGreaterThan(1);
    for (const query of ['family_metrics', 'family_chart_facts']) {
      const delta = await t.store.query<{ day: string; value: number }>(query, { family: 'delta' });
      expect(delta.map((r) => r.day), query).toEqual(days('2024-01-01', '2024-01-19'));
      const epsilon = await t.store.query<{ day: string; value: number }>(query, { family: 'epsilon' });
      expect(epsilon.map((r) => [r.day, r.value]), query).toEqual(days('2024-01-20', '2024-01-31').map((day) => [day, 2]));
    }
  });

  it('read the family\'s own subjects\' facts, not every fact of the window, while the table is in several parts', async () => {
    expect(await parts()).toBeGreaterThan(1);
    const total = Number((await t.store.rows<{ n: number }>('SELECT count() AS n FROM observations'))[0]!.n);
    for (const query of ['family_metrics', 'family_chart_facts']) {
      const rows = await t.store.query<{ day: string; subject: string }>(query, { family: 'many-7' });
      expect(rows).toHaveLength(12 * 101);
      expect(new Set(rows.map((r) => r.subject))).toEqual(new Set(Array.from({ length: 12 }, (_, r) => `repo:f07/r${r}`)));
      // the family is 1,212 of the table's facts: its subjects' granules and their neighbours', in every part, at most half the table
      const read = await rowsRead(() => t.store.query(query, { family: 'many-7' }));
      expect(read, query).toBeLessThan(total / 2);
    }
  });
});
