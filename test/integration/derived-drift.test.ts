// The comparison behind `openpulse repair --check` (store/derived.ts driftSql), made in parts of
// a table's subjects so a large store's comparison stays within bounded memory: every key is in
// exactly one part, so the parts' counts add up to the whole comparison's, whatever went wrong.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DERIVED_TABLES, DRIFT_PART_ROWS, driftParts, driftSql, writerSelect } from '../../collector/store/derived.ts';
import { listMigrations } from '../../collector/store/index.ts';
import { openFixtureStore, type FixtureStore } from './queries.fixture.ts';

let fixture: FixtureStore;

const write = (sql: string) => fixture.store.rows(sql, {}, { readonly: false });

async function differing(table: string, part?: { index: number; of: number }): Promise<number> {
  const derived = DERIVED_TABLES.find((d) => d.table === table)!;
  const [row] = await fixture.store.rows<{ n: number }>(driftSql(derived, writerSelect(derived, listMigrations), part));
  return Number(row!.n);
}

async function inParts(table: string, of: number): Promise<number[]> {
  const counts: number[] = [];
  for (let index = 0; index < of; index++) counts.push(await differing(table, { index, of }));
  return counts;
}

beforeAll(async () => {
  fixture = await openFixtureStore();
  // Three ways a day row goes wrong: another value (a later version), missing, left over.
  await write(`INSERT INTO subject_days SELECT metric, is_reference, subject, day, family, value + 1, class_subject, version + 1
               FROM subject_days FINAL WHERE metric = 'projects' ORDER BY subject, day LIMIT 3`);
  await write(`ALTER TABLE subject_days DELETE WHERE metric = 'downloads' SETTINGS mutations_sync = 2`);
  await write(`INSERT INTO subject_days SELECT 'stars', 0, 'gh:nobody/nothing', toDate('2024-01-02') + number, 'alpha', 5, 'gh:nobody/nothing', 1 FROM numbers(4)`);
  // A newest-value row lost.
  await write(`ALTER TABLE subject_latest DELETE WHERE metric = 'github_stars' SETTINGS mutations_sync = 2`);
});

afterAll(async () => fixture?.close());

describe('the derived rows compared in parts', () => {
  it('finds what differs, in one part or in several', async () => {
    expect(await differing('subject_days')).toBeGreaterThan(7);
    expect(await differing('subject_latest')).toBeGreaterThan(0);
  });

  it.each([2, 3, 5])('adds up, over %i parts, to the whole comparison of each table, each key in one part', async (of) => {
    for (const { table } of DERIVED_TABLES) {
      const whole = await differing(table);
      const parts = await inParts(table, of);
      expect(parts.reduce((a, b) => a + b, 0), `${table} in ${of} parts: ${parts.join(' + ')}`).toBe(whole);
    }
    // the parts split the subjects: the drifted day rows are not all in one part
    expect((await inParts('subject_days', of)).filter((n) => n > 0).length).toBeGreaterThan(1);
  });

  it('refuses a part that is not one', () => {
    const derived = DERIVED_TABLES[0]!;
    expect(() => driftSql(derived, 'SELECT 1', { index: 3, of: 3 })).toThrow(RangeError);
    expect(() => driftSql(derived, 'SELECT 1', { index: 0, of: 0 })).toThrow(RangeError);
  });

  it('takes as many parts as a table\'s rows need', () => {
    expect(driftParts(0)).toBe(1);
    expect(driftParts(DRIFT_PART_ROWS)).toBe(1);
    expect(driftParts(DRIFT_PART_ROWS + 1)).toBe(2);
    expect(driftParts(19_576_940)).toBe(8);
  });

  it('the store reports each table\'s count, part by part', async () => {
    const progress: string[] = [];
    const drift = await fixture.store.derivedDrift((label, done, total) => progress.push(`${label} ${done}/${total}`));
    expect(drift.find((d) => d.table === 'subject_days')!.differ).toBe(await differing('subject_days'));
    expect(progress).toContain('day rows (subject_days) 1/1');
    expect(progress).toContain('leaderboard rows (leaderboard_entries) 1/1');
  });

  it('merges the rows made again into one per key (mergeDerived), which a FINAL read showed merged already', async () => {
    const counts = async (table: string) => {
      const [row] = await fixture.store.rows<{ all: number; merged: number }>(`SELECT (SELECT count() FROM ${table}) AS all, (SELECT count() FROM ${table} FINAL) AS merged`);
      return { all: Number(row!.all), merged: Number(row!.merged) };
    };
    // no background merge in between: every key has its old row and its remade one
    for (const { table } of DERIVED_TABLES) await write(`SYSTEM STOP MERGES ${table}`);
    await fixture.store.refoldDerived(null);
    const remade = await counts('subject_days');
    expect(remade.all).toBeGreaterThan(remade.merged);
    for (const { table } of DERIVED_TABLES) await write(`SYSTEM START MERGES ${table}`);
    const progress: number[] = [];
    await fixture.store.mergeDerived((_label, done) => progress.push(done));
    for (const { table } of DERIVED_TABLES) {
      const after = await counts(table);
      expect(after.all, table).toBe(after.merged);
    }
    expect(progress).toEqual(DERIVED_TABLES.map((_, i) => i + 1));
    expect((await counts('subject_days')).merged).toBe(remade.merged);
    // every partition in one part, the one whose rows a mutation deleted too (its empty part, made
    // without the table's projection, is dropped: a merge refuses parts whose projections differ)
    const parts = await fixture.store.rows<{ table: string; partition: string; parts: number; empty: number }>(
      `SELECT table, partition, count() AS parts, countIf(rows = 0) AS empty FROM system.parts
       WHERE database = currentDatabase() AND active AND table IN ('subject_days', 'subject_weeks', 'subject_latest', 'leaderboard_entries')
       GROUP BY table, partition ORDER BY table, partition`,
    );
    expect(parts.map((p) => p.table)).toEqual(expect.arrayContaining(['subject_days', 'subject_weeks']));
    expect(parts.filter((p) => Number(p.parts) !== 1 || Number(p.empty) > 0)).toEqual([]);
    expect(parts.find((p) => p.table === 'subject_days' && p.partition === 'downloads')).toBeDefined();
  });

  it('merges every partition it can and names those it cannot', async () => {
    await fixture.store.refoldDerived(null);
    await write('SYSTEM STOP MERGES subject_weeks');
    try {
      const error = await fixture.store.mergeDerived().then(() => null, (e: Error) => e);
      expect(error?.message).toMatch(/partition\(s\) could not be merged, every other one was/);
      expect(error?.message).toMatch(/subject_weeks partition downloads: /);
      expect(error?.message).not.toMatch(/subject_days /);
      expect(error?.message).toMatch(/openpulse repair/);
    } finally {
      await write('SYSTEM START MERGES subject_weeks');
    }
    // the tables after it were merged all the same
    const [latest] = await fixture.store.rows<{ all: number; merged: number }>('SELECT (SELECT count() FROM subject_latest) AS all, (SELECT count() FROM subject_latest FINAL) AS merged');
    expect(Number(latest!.all)).toBe(Number(latest!.merged));
    await fixture.store.mergeDerived();
  });

  it('takes a partition left with an empty part alone away, and merges the rest', async () => {
    await write(`ALTER TABLE subject_days DELETE WHERE metric = 'stars' SETTINGS mutations_sync = 2`);
    const stars = () =>
      fixture.store.rows<{ parts: number; rows: number }>(
        `SELECT count() AS parts, sum(rows) AS rows FROM system.parts WHERE database = currentDatabase() AND table = 'subject_days' AND active AND partition = 'stars'`,
      );
    // the mutation leaves the partition one empty part
    expect((await stars()).map((r) => [Number(r.parts), Number(r.rows)])).toEqual([[1, 0]]);
    await fixture.store.mergeDerived();
    expect(Number((await stars())[0]!.parts)).toBe(0);
    // made again from the facts, and merged
    await fixture.store.refoldDerived(null);
    await fixture.store.mergeDerived();
    const [made] = await stars();
    expect([Number(made!.parts), Number(made!.rows) > 0]).toEqual([1, true]);
  });
});
