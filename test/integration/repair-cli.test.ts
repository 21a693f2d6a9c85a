// openpulse repair: the day rows the figures read (subject_days) made again from the facts,
// and --check, which says whether they agree.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.ts';
import { openFixtureStore, type FixtureStore } from './queries.fixture.ts';

let fixture: FixtureStore;
const openpulse = (...argv: string[]) => runInProcess([...argv, '--data-dir', fixture.dataDir]);

beforeAll(async () => {
  fixture = await openFixtureStore();
  // the command opens the store itself: one store per directory at a time
  await fixture.release();
});

afterAll(async () => fixture?.close());

describe('openpulse repair', () => {
  it('checks the day rows against the facts, remakes them when they are lost, and the figures come back the same', async () => {
    const figures = async () => (await openpulse('query', 'project_counts_by_family', '--format', 'csv')).stdout;
    const before = await figures();
    expect(before.split('\n').length).toBeGreaterThan(5);

    const fine = await openpulse('repair', '--check');
    expect(fine.code, fine.stderr).toBe(0);
    expect(fine.stderr).toMatch(/repair: 0 day row\(s\) differ from the facts/);

    const lost = await openpulse('query', '--write', 'TRUNCATE TABLE subject_days');
    expect(lost.code, lost.stderr).toBe(0);
    expect(await figures()).not.toBe(before);
    const drifted = await openpulse('repair', '--check');
    expect(drifted.code).toBe(1);
    expect(drifted.stderr).toMatch(/repair: [1-9][\d,]* day row\(s\) differ from the facts/);

    const repaired = await openpulse('repair');
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stderr).toMatch(/made every subject's day rows again in [\d.]+ s; 0 differ now/);
    expect(await figures()).toBe(before);
    expect((await openpulse('repair', '--check')).code).toBe(0);
  });
});
