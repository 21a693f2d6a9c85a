// openpulse repair: the derived rows the figures read (day rows in subject_days, the week rows made
// from them in subject_weeks, leaderboard rows in leaderboard_entries) made again from the facts,
// and --check, which says whether they agree.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.ts';
import { openFixtureStore, type FixtureStore } from './queries.fixture.ts';

let fixture: FixtureStore;
const openpulse = (...argv: string[]) => runInProcess([...argv, '--data-dir', fixture.dataDir]);

beforeAll(async () => {
  fixture = await openFixtureStore();
  // two Arena publications of three models each (the fixture's leaderboard is a 2023-style table of classes only)
  const models = [
    ['gpt-x', 'Proprietary', 'closed', 1300],
    ['alpha-70b', 'Apache 2.0', 'open-permissive', 1250],
    ['beta-nc', 'Non-commercial', 'open-noncommercial', 1200],
  ] as const;
  await fixture.store.insert(
    ['2024-02-01', '2024-03-01'].flatMap((day, i) =>
      models.flatMap(([model, licence, cls, rating]) => [
        { source: 'arena' as const, subject: `arena-model:${model}`, family: '', metric: 'arena_model_elo' as const, observed_at: day, value: rating + i, detail: { licence, class: cls } },
        { source: 'arena' as const, subject: `arena-model:${model}`, family: '', metric: 'arena_model_votes' as const, observed_at: day, value: 1000 * (i + 1) },
      ]),
    ),
    'run-arena',
  );
  // the command opens the store itself: one store per directory at a time
  await fixture.release();
});

afterAll(async () => fixture?.close());

describe('openpulse repair', () => {
  it.each([
    // a query that reads the table: project_counts_by_family sums week rows, project_counts_by_openness day rows
    ['subject_days', 'day rows', 'the facts', ['project_counts_by_openness']],
    ['subject_weeks', 'week rows', 'the day rows', ['project_counts_by_family']],
    ['leaderboard_entries', 'leaderboard rows', 'the facts', ['leaderboard_top_models']],
  ])('checks %s against what it is made from, remakes it when its rows are lost, and the figures come back the same', async (table, rows, from, query) => {
    const figures = async () => (await openpulse('query', ...query, '--format', 'csv')).stdout;
    const before = await figures();
    expect(before.split('\n').length).toBeGreaterThan(5);

    const fine = await openpulse('repair', '--check');
    expect(fine.code, fine.stderr).toBe(0);
    expect(fine.stderr).toContain(`repair: 0 ${rows} (${table}) differ from ${from}`);

    const lost = await openpulse('query', '--write', `TRUNCATE TABLE ${table}`);
    expect(lost.code, lost.stderr).toBe(0);
    expect(await figures()).not.toBe(before);
    const drifted = await openpulse('repair', '--check');
    expect(drifted.code).toBe(1);
    expect(drifted.stderr).toMatch(new RegExp(`repair: [1-9][\\d,]* ${rows} \\(${table}\\) differ from ${from}`));

    const repaired = await openpulse('repair');
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stderr).toMatch(/made every subject's derived rows again in [\d.]+ s/);
    expect(repaired.stderr).toMatch(/repair: merged the derived rows in [\d.]+ s/);
    expect(repaired.stderr).toContain(`repair: now 0 ${rows} (${table}) differ from ${from}`);
    expect(await figures()).toBe(before);
    expect((await openpulse('repair', '--check')).code).toBe(0);
  });
});
