import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../collector/catalog.ts';
import { spoolDir } from '../../collector/config.ts';
import type { Observation } from '../../collector/observation.ts';
import { loadReferenceFigures } from '../../collector/run.ts';
import { listMigrations, openStore, viewsFile } from '../../collector/store/index.ts';
import { toStoredRow } from '../../collector/store/rows.ts';
import { spoolRows } from '../../collector/store/spool.ts';
import { systemClock } from '../../collector/sources/types.ts';
import { driftedTables, openTestStore, type TestStore } from '../helpers/store.ts';
import { catalogYaml, LLAMA, GPT4 } from '../helpers/catalogs.ts';

const CATALOG = parseCatalog(
  catalogYaml({ ...LLAMA, github: { search: ['llama', 'llama2 OR llama3'] } }, { ...GPT4, github: { search: ['"gpt-4" OR gpt4'] } }),
  'test.yml',
);

const fact = (over: Partial<Observation>): Observation => ({
  source: 'github',
  subject: 'search:llama',
  family: 'llama',
  metric: 'github_projects',
  observed_at: '2024-01-01',
  value: 100,
  ...over,
});

let t: TestStore;

/** The day row of search:llama's projects on a day. */
const projects = (day: string) =>
  t.store.rows<{ value: number; family: string }>("SELECT value, family FROM subject_daily WHERE metric = 'projects' AND subject = 'search:llama' AND day = {day:Date}", { day });

/** Closes the store and opens it for a job that writes, as `collect` does; returns what the open logged. */
async function reopenToWrite(): Promise<string> {
  await t.store.close();
  const lines: string[] = [];
  t.store = await openStore(t.config, { job: 'collect', log: (l) => lines.push(l) });
  return lines.join('\n');
}

/**
 * The derived tables whose rows differ from what they are made from, after a write failed in `failing`'s writer view:
 * that table, and any other the engine had not yet written when the write stopped. It runs the views of one
 * table in an order of its own, which differs from store to store, so which others is not fixed.
 */
async function driftAfterFailureIn(failing: string): Promise<{ failing: number; others: string[] }> {
  const drifted = await driftedTables(t.store);
  return { failing: drifted.find((d) => d.table === failing)?.differ ?? 0, others: drifted.filter((d) => d.table !== failing).map((d) => d.table) };
}

/** Runs a write while a constraint on a derived table refuses it (a fault in its writer view only), and returns the error. */
async function failingIn(table: string, constraint: string, check: string, write: () => Promise<unknown>): Promise<unknown> {
  await t.store.rows(`ALTER TABLE ${table} ADD CONSTRAINT ${constraint} CHECK ${check}`, {}, { readonly: false });
  try {
    await write();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await t.store.rows(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}`, {}, { readonly: false });
  }
}

/** A store as it was before migration `version` made `tables` (each with its writer view, `<table>_writer`), and before the later `versions` that change them or are made from them. */
async function reopenWithout(tables: string[], ...versions: number[]): Promise<void> {
  // the tables made from these first: a writer view reading a dropped table would fail the refill
  for (const table of [...tables].reverse()) {
    await t.store.rows(`DROP VIEW ${table}_writer`, {}, { readonly: false });
    await t.store.rows(`DROP TABLE ${table}`, {}, { readonly: false });
  }
  await t.store.rows(`ALTER TABLE openpulse_migrations DELETE WHERE version IN (${versions.join(', ')}) SETTINGS mutations_sync = 1`, {}, { readonly: false });
  await t.store.close();
  t.store = await openStore(t.config, { job: 'test' });
}

beforeAll(async () => {
  t = await openTestStore();
  await t.store.syncCatalog(CATALOG);
});
afterAll(async () => t?.cleanup());

describe('embedded store', () => {
  it('records its migrations', async () => {
    expect(t.store.kind).toBe('embedded');
    const recorded = await t.store.migrations();
    // every file in queries/schema/, in order, and the first ones by name
    expect(recorded).toEqual(listMigrations().map(({ version, name }) => ({ version, name })));
    expect(recorded.slice(0, 5)).toEqual([
      { version: 1, name: 'baseline' },
      { version: 2, name: 'family_daily' },
      { version: 3, name: 'family_window' },
      { version: 4, name: 'coverage' },
      { version: 5, name: 'subject_classes' },
    ]);
  });

  it('lets a large GROUP BY or ORDER BY go on in temporary files rather than grow the process past 256 MiB', async () => {
    const [row] = await t.store.rows<{ group_by: string; sort: string }>(
      "SELECT toString(getSetting('max_bytes_before_external_group_by')) AS group_by, toString(getSetting('max_bytes_before_external_sort')) AS sort",
    );
    expect(row).toEqual({ group_by: String(256 * 2 ** 20), sort: String(256 * 2 ** 20) });
  });

  it('checks at each open that migrations, views and registry tables are current, and repairs what is not', async () => {
    // An open of a current store reads one query and changes nothing; one that finds a
    // registry table emptied, a migration unrecorded or the views stale does the full work.
    const before = await t.store.rows<{ n: number }>('SELECT count() AS n FROM openpulse_views');
    await t.store.close();
    t.store = await openStore(t.config, { job: 'test' });
    expect(await t.store.rows<{ n: number }>('SELECT count() AS n FROM openpulse_views')).toEqual(before);
    const members = await t.store.rows<{ n: number }>('SELECT count() AS n FROM scope_members FINAL');
    expect(Number(members[0]!.n)).toBeGreaterThan(0);
    await t.store.rows('TRUNCATE TABLE scope_members', {}, { readonly: false });
    await t.store.rows("INSERT INTO openpulse_views VALUES ('stale', now64(3))", {}, { readonly: false });
    await t.store.close();
    t.store = await openStore(t.config, { job: 'test' });
    expect(await t.store.rows<{ n: number }>('SELECT count() AS n FROM scope_members FINAL')).toEqual(members);
    const views = await t.store.rows<{ hash: string }>('SELECT argMax(hash, applied_at) AS hash FROM openpulse_views');
    expect(views[0]!.hash).not.toBe('stale');
  });

  it('keeps the classes every query looks up (class_cache) as one row made from the catalog, the scopes and the current views, and makes it again at the next open when it is not', async () => {
    const live = async () => (await t.store.rows<{ keys: string[]; counted: number }>('SELECT keys, length(c) AS counted FROM class_lookup_live CROSS JOIN (SELECT groupArray(class_key) AS c FROM counted_subjects) AS s'))[0]!;
    const cached = async () => (await t.store.rows<{ keys: string[]; counted: number; views_hash: string }>('SELECT keys, length(counted_keys) AS counted, views_hash FROM class_cache FINAL'));
    const made = await cached();
    expect(made).toHaveLength(1);
    expect(made[0]!.keys.length).toBeGreaterThan(0);
    expect({ keys: made[0]!.keys, counted: made[0]!.counted }).toEqual(await live());
    expect(made[0]!.views_hash).toBe(viewsFile().hash);
    // a row made by other views (or none, or a row of no classes) is made again at the next open: not read as it is
    await t.store.rows("INSERT INTO class_cache (views_hash, made_at) VALUES ('other views', now64(3) + INTERVAL 1 HOUR)", {}, { readonly: false });
    expect((await cached())[0]!.keys).toEqual([]);
    await t.store.close();
    t.store = await openStore(t.config, { job: 'test' });
    const again = await cached();
    expect(again).toHaveLength(1);
    expect(again[0]!.views_hash).toBe(viewsFile().hash);
    expect({ keys: again[0]!.keys, counted: again[0]!.counted }).toEqual(await live());
  });

  it('never counts the same fact twice: a second write of a key replaces the first', async () => {
    await t.store.insert([fact({ value: 100 }), fact({ subject: 'search:"gpt-4" OR gpt4', family: 'gpt', value: 40 })], 'run-1', new Date('2024-01-01T10:00:00Z'));
    await t.store.insert([fact({ value: 120 })], 'run-2', new Date('2024-01-01T11:00:00Z'));
    await t.store.insert([fact({ value: 120 })], 'run-3', new Date('2024-01-01T12:00:00Z'));
    const rows = await t.store.rows<{ n: number; total: number; run_id: string }>(
      "SELECT count() AS n, sum(value) AS total, any(run_id) AS run_id FROM facts WHERE subject = 'search:llama'",
    );
    expect(rows).toEqual([{ n: 1, total: 120, run_id: 'run-3' }]);
    const byOpenness = await t.store.query<{ openness: string; projects: number }>('project_counts_by_openness', { from: '2024-01-01', to: '2024-01-01' });
    expect(byOpenness.map((r) => [r.openness, r.projects])).toEqual([
      ['closed', 40],
      ['open', 120],
    ]);
  });

  it('keeps reference figures apart: a collection of the same subject never overwrites them, and a reload adds nothing', async () => {
    const loaded = await loadReferenceFigures({ store: t.store, clock: systemClock }, 'ref-1');
    await loadReferenceFigures({ store: t.store, clock: systemClock }, 'ref-2');
    await t.store.insert([fact({ subject: 'search:LLaMA', observed_at: '2023-07-19', value: 1 })], 'collect-1');
    const reference = await t.store.rows<{ value: number; citation: string }>(
      "SELECT value, citation FROM facts WHERE is_reference = 1 AND subject = 'search:LLaMA' ORDER BY observed_at",
    );
    expect(reference.map((r) => r.value)).toEqual([5600, 6200]);
    expect(reference[0]!.citation).toMatch(/Huxiu/);
    const count = await t.store.rows<{ n: number }>('SELECT count() AS n FROM facts WHERE is_reference = 1');
    expect(count[0]!.n).toBe(loaded);
  });

  it('refuses statements that change data unless told it may', async () => {
    await expect(t.store.rows("INSERT INTO observations (source) VALUES ('x')")).rejects.toThrow(/refused: this INSERT statement changes data, and the store is read-only here/);
    await expect(t.store.rows('DROP TABLE observations')).rejects.toThrow(/read-only/);
    await expect(t.store.rows('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    await t.store.rows('CREATE TABLE scratch (x UInt8) ENGINE = Memory', {}, { readonly: false });
    await t.store.rows('INSERT INTO scratch VALUES (1), ({two:UInt8})', { two: 2 }, { readonly: false });
    await expect(t.store.rows('SELECT sum(x) AS n FROM scratch')).resolves.toEqual([{ n: 3 }]);
  });

  it('turns a SQL error into ClickHouse\'s message with its position', async () => {
    await expect(t.store.rows('SELECT nonsense FROM facts')).rejects.toThrow(/ClickHouse error 47 \(UNKNOWN_IDENTIFIER\).*nonsense/s);
    await expect(t.store.query('project_counts_by_openness', { form: '2024-01-01' })).rejects.toThrow(/has no parameter "form"/);
  });

  it('returns rows as objects whatever their values hold: newlines, quotes, NULL, arrays, maps, 64-bit integers; and no rows as none', async () => {
    expect(
      await t.store.rows(
        "SELECT 'a\\nb \"q\" 开源' AS text, CAST(NULL AS Nullable(Float64)) AS none, [1, 2] AS list, map('k', 1.5) AS m, toUInt64(9007199254740991) AS big, toDate('2024-01-02') AS day",
      ),
    ).toEqual([{ text: 'a\nb "q" 开源', none: null, list: [1, 2], m: { k: 1.5 }, big: 9007199254740991, day: '2024-01-02' }]);
    expect(await t.store.rows('SELECT number AS n FROM numbers(3) WHERE number > 5')).toEqual([]);
    expect(await t.store.rows('SELECT number AS n, toString(number) AS s FROM numbers(2)')).toEqual([{ n: 0, s: '0' }, { n: 1, s: '1' }]);
  });

  it('returns ClickHouse output formats as bytes', async () => {
    const csv = await t.store.raw("SELECT 'a,b' AS x, 2 AS y", {}, { format: 'CSVWithNames' });
    expect(csv.toString()).toBe('"x","y"\n"a,b",2\n');
  });

  it('keeps per-source state', async () => {
    await t.store.setState('github', 'etag:/repos/a/b', 'W/"1"');
    await t.store.setState('github', 'etag:/repos/a/b', 'W/"2"');
    expect(await t.store.getState('github', 'etag:/repos/a/b')).toBe('W/"2"');
    expect(await t.store.getState('github', 'missing')).toBeUndefined();
  });
});

describe('day rows (subject_days)', () => {
  it("keep a subject's collected value over the backfill that stands in for it, whichever is written first, and take a rewrite", async () => {
    // collected first, the backfill of the same day later (a later collection time)
    await t.store.insert([fact({ observed_at: '2024-03-01', value: 300 })], 'run-c', new Date('2024-03-01T10:00:00Z'));
    await t.store.insert([fact({ metric: 'github_projects_existing', observed_at: '2024-03-01', value: 290 })], 'run-b', new Date('2024-03-05T10:00:00Z'));
    // the backfill first, then the collected value
    await t.store.insert([fact({ metric: 'github_projects_existing', observed_at: '2024-03-02', value: 295 })], 'run-b', new Date('2024-03-01T10:00:00Z'));
    await t.store.insert([fact({ observed_at: '2024-03-02', value: 310 })], 'run-c', new Date('2024-03-02T10:00:00Z'));
    // only the backfill
    await t.store.insert([fact({ metric: 'github_projects_existing', observed_at: '2024-03-03', value: 299 })], 'run-b', new Date('2024-03-05T10:00:00Z'));
    expect(await projects('2024-03-01')).toEqual([{ value: 300, family: 'llama' }]);
    expect(await projects('2024-03-02')).toEqual([{ value: 310, family: 'llama' }]);
    expect(await projects('2024-03-03')).toEqual([{ value: 299, family: 'llama' }]);
    // a fact written again replaces its day row, as it replaces the fact
    await t.store.insert([fact({ observed_at: '2024-03-01', value: 305 })], 'run-c2', new Date('2024-03-06T10:00:00Z'));
    expect(await projects('2024-03-01')).toEqual([{ value: 305, family: 'llama' }]);
    expect(await driftedTables(t.store)).toEqual([]);
  });

  it('are made again from the facts at the next writing run when a write failed after storing the facts and not their day rows', async () => {
    // A fault in the writer view only: the facts go in, their day rows do not.
    const failed = await failingIn('subject_days', 'below_a_billion', 'value < 1e9', () =>
      t.store.insert([fact({ observed_at: '2024-04-01', value: 2e9 })], 'run-f', new Date('2024-04-01T10:00:00Z')),
    );
    expect(String(failed)).toMatch(/below_a_billion/);
    expect(await t.store.rows("SELECT value FROM facts WHERE subject = 'search:llama' AND observed_at = '2024-04-01'")).toEqual([{ value: 2e9 }]);
    expect(await projects('2024-04-01')).toEqual([]);
    expect(await driftAfterFailureIn('subject_days')).toMatchObject({ failing: 1 });
    // the failed write left a note; a reading open leaves it, the next writing open acts on it
    expect(await readdir(spoolDir(t.config))).toHaveLength(1);
    await t.store.close();
    t.store = await openStore(t.config, { job: 'status' });
    expect(await driftAfterFailureIn('subject_days')).toMatchObject({ failing: 1 });
    expect(await reopenToWrite()).toMatch(/made the day rows, week rows, newest-value rows and leaderboard rows of 1 subject\(s\) again from their facts/);
    expect(await projects('2024-04-01')).toEqual([{ value: 2e9, family: 'llama' }]);
    expect(await driftedTables(t.store)).toEqual([]);
    expect(await readdir(spoolDir(t.config))).toEqual([]);
  });

  it('are made for the facts a store held before the table existed (migration 007 fills it, 010 adds its class keys, 012 makes its week rows, 015 partitions both by metric)', async () => {
    const rows = 'SELECT metric, is_reference, subject, day, value, class_key, author_key FROM subject_days FINAL ORDER BY ALL';
    const weekRows = 'SELECT metric, is_reference, subject, week, latest, days, d1, d2, d3, d4, d5, d6, d7 FROM subject_weeks FINAL ORDER BY ALL';
    const partitionKeys = "SELECT name, partition_key FROM system.tables WHERE database = currentDatabase() AND name IN ('subject_days', 'subject_weeks') ORDER BY name";
    const before = await t.store.rows(rows);
    const weeksBefore = await t.store.rows(weekRows);
    expect(before.length).toBeGreaterThan(5);
    expect(await t.store.rows(partitionKeys)).toEqual([{ name: 'subject_days', partition_key: 'metric' }, { name: 'subject_weeks', partition_key: 'metric' }]);
    await reopenWithout(['subject_days', 'subject_weeks'], 7, 10, 12, 15);
    expect(await t.store.rows(rows)).toEqual(before);
    expect(await t.store.rows(weekRows)).toEqual(weeksBefore);
    // made again unpartitioned by 007 and 012, then partitioned by 015, and no copy left behind
    expect(await t.store.rows(partitionKeys)).toEqual([{ name: 'subject_days', partition_key: 'metric' }, { name: 'subject_weeks', partition_key: 'metric' }]);
    expect(await t.store.rows("SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE '%by_metric%'")).toEqual([]);
    // and the writers write into the exchanged tables: the day row, and its week row from it
    await t.store.insert([fact({ observed_at: '2024-05-01', value: 1 })], 'run-m');
    expect(await projects('2024-05-01')).toEqual([{ value: 1, family: 'llama' }]);
    expect(await t.store.rows("SELECT d3.2 AS value FROM subject_weeks FINAL WHERE metric = 'projects' AND subject = 'search:llama' AND week = '2024-04-29'")).toEqual([{ value: 1 }]);
    expect(await driftedTables(t.store)).toEqual([]);
    // run again (a migration stopped part way starts over): the same rows, still partitioned
    const [days, weeks] = [await t.store.rows(rows), await t.store.rows(weekRows)];
    await reopenWithout([], 15);
    expect(await t.store.rows(rows)).toEqual(days);
    expect(await t.store.rows(weekRows)).toEqual(weeks);
    expect(await t.store.rows(partitionKeys)).toEqual([{ name: 'subject_days', partition_key: 'metric' }, { name: 'subject_weeks', partition_key: 'metric' }]);
    expect(await driftedTables(t.store)).toEqual([]);
  });
});

describe('week rows (subject_weeks)', () => {
  const week = (subject: string, metric = 'projects') =>
    t.store.rows<{ family: string; days: number; vals: number[] }>(
      "SELECT family, days, vals FROM subject_weekly WHERE metric = {metric:String} AND subject = {subject:String} AND week = '2024-06-03'",
      { metric, subject },
    );
  /** The rows of a daily view that its weekly view, unfolded into days, does not have (both ways). */
  const unmatched = async (daily: string, weekly: string, columns: string) => {
    const unfolded = `SELECT ${columns.replace(/\bday\b/, 'week + i AS day').replace(/\bvalue\b/, 'vals[i + 1] AS value')} FROM ${weekly} ARRAY JOIN range(7) AS i WHERE bitTest(days, i)`;
    const days = `SELECT ${columns} FROM ${daily}`;
    return t.store.rows(`SELECT 'only daily' AS side, * FROM (${days} EXCEPT ${unfolded}) UNION ALL SELECT 'only weekly' AS side, * FROM (${unfolded} EXCEPT ${days})`);
  };

  it("hold each day's value as its day row does (the collected value over its backfill, a rewrite over the first write), one bit per day", async () => {
    await t.store.insert([fact({ observed_at: '2024-06-03', value: 10 }), fact({ observed_at: '2024-06-09', value: 16 })], 'run-w1', new Date('2024-06-10T10:00:00Z'));
    // Tuesday: the backfill written after the collected value, which still wins
    await t.store.insert([fact({ observed_at: '2024-06-04', value: 11 })], 'run-w2', new Date('2024-06-04T10:00:00Z'));
    await t.store.insert([fact({ metric: 'github_projects_existing', observed_at: '2024-06-04', value: 9 })], 'run-w3', new Date('2024-06-11T10:00:00Z'));
    // Wednesday: written twice, the later collection wins; Thursday: only a backfill
    await t.store.insert([fact({ observed_at: '2024-06-05', value: 12 })], 'run-w4', new Date('2024-06-05T10:00:00Z'));
    await t.store.insert([fact({ observed_at: '2024-06-05', value: 13 })], 'run-w5', new Date('2024-06-12T10:00:00Z'));
    await t.store.insert([fact({ metric: 'github_projects_existing', observed_at: '2024-06-06', value: 14 })], 'run-w6', new Date('2024-06-12T10:00:00Z'));
    expect(await week('search:llama')).toEqual([{ family: 'llama', days: 0b1001111, vals: [10, 11, 13, 14, 0, 0, 16] }]);
    // merged, the same
    await t.store.rows('OPTIMIZE TABLE subject_weeks FINAL', {}, { readonly: false });
    expect(await week('search:llama')).toEqual([{ family: 'llama', days: 0b1001111, vals: [10, 11, 13, 14, 0, 0, 16] }]);
    expect(await driftedTables(t.store)).toEqual([]);
  });

  it('unfold into exactly the day rows, with the same subjects counted and the same classes', async () => {
    expect(await unmatched('subject_daily', 'subject_weekly', 'metric, is_reference, subject, family, day, value')).toEqual([]);
    expect(await unmatched('subject_daily_classed', 'subject_weekly_classed', 'metric, is_reference, subject, family, day, value, openness, is_open, licence, kind, modality, scope_bits')).toEqual([]);
    // the comparison has rows to compare; a search the catalog does not count is stored, and counted in neither view
    expect((await t.store.rows<{ n: number }>("SELECT count() AS n FROM subject_daily WHERE metric = 'projects'"))[0]!.n).toBeGreaterThan(5);
    await t.store.insert([fact({ subject: 'search:not-in-catalog', observed_at: '2024-06-05', value: 1 })], 'run-w7');
    expect(await week('search:not-in-catalog')).toEqual([]);
    expect(await t.store.rows("SELECT count() AS n FROM subject_weeks WHERE subject = 'search:not-in-catalog'")).toEqual([{ n: 1 }]);
  });

  it('are made again at the next writing run when a write stored the facts and their day rows and not their week rows', async () => {
    const failed = await failingIn('subject_weeks', 'days_below_64', 'days < 64', () =>
      t.store.insert([fact({ observed_at: '2024-06-09', value: 17 })], 'run-wf', new Date('2024-06-13T10:00:00Z')),
    );
    expect(String(failed)).toMatch(/days_below_64/);
    // the week rows of that fact are missing; its day rows, written by the view the week rows are made from, may be missing too
    // (the engine's order of a write's views differs from store to store): then the week rows agree with the day rows they
    // are checked against, and the day rows are the ones that differ from the facts
    const drift = await driftAfterFailureIn('subject_weeks');
    expect(drift.failing === 1 || drift.others.includes('subject_days'), JSON.stringify(drift)).toBe(true);
    expect(drift.others.every((table) => ['subject_days', 'subject_latest'].includes(table))).toBe(true);
    expect(await reopenToWrite()).toMatch(/made the day rows, week rows, newest-value rows and leaderboard rows of 1 subject\(s\) again from their facts/);
    expect(await driftedTables(t.store)).toEqual([]);
    expect(await projects('2024-06-09')).toEqual([{ value: 17, family: 'llama' }]);
    expect((await week('search:llama'))[0]?.vals[6]).toBe(17);
  });

  it('are made for the day rows a store held before the table existed (migration 012 fills it)', async () => {
    const rows = 'SELECT metric, is_reference, subject, week, latest, days, d1, d2, d3, d4, d5, d6, d7 FROM subject_weeks FINAL ORDER BY ALL';
    const before = await t.store.rows(rows);
    expect(before.length).toBeGreaterThan(5);
    await reopenWithout(['subject_weeks'], 12, 15);
    expect(await t.store.rows(rows)).toEqual(before);
    await t.store.insert([fact({ observed_at: '2024-06-08', value: 15 })], 'run-wm', new Date('2024-06-14T10:00:00Z'));
    expect((await week('search:llama'))[0]?.vals[5]).toBe(15);
    expect(await driftedTables(t.store)).toEqual([]);
  });

  it("sum, a week at a time, to family_daily's rows over any window (family_days), and give the day rows' breaks (family_breaks)", async () => {
    const model = (subject: string, family: string, from: string, days: number, value: (i: number) => number) =>
      Array.from({ length: days }, (_, i) => ({
        source: 'huggingface', subject, family, metric: 'hf_downloads_30d',
        observed_at: new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), value: value(i),
      }) as Observation);
    // three models of one family whose series start and stop on days inside weeks, and one of another family
    await t.store.insert(
      [
        ...model('hf:meta-llama/a', 'llama', '2024-07-01', 21, (i) => 100 + i),
        ...model('hf:meta-llama/b', 'llama', '2024-07-03', 15, (i) => 0.5 * i),
        ...model('hf:meta-llama/c', 'llama', '2024-07-08', 7, () => 7), // a Monday to a Sunday
        ...model('hf:openai/x', 'gpt', '2024-07-08', 7, (i) => 3 * i),
        // a family that is not (or no longer) in the catalog: its facts stay, family_days has no rows of it
        ...model('hf:retired/z', 'retired', '2024-07-08', 7, () => 1),
      ],
      'run-fd',
    );
    // the day-row definitions: family_daily in the window (of the catalog's families), and each subject's first and last day in it
    const daily = (metric: string, from: string, to: string) =>
      `SELECT day, family, metric, is_reference, value, subjects FROM family_daily WHERE metric = '${metric}' AND day BETWEEN '${from}' AND '${to}' AND family IN (SELECT id FROM families FINAL)`;
    const weekly = (metric: string, from: string, to: string) =>
      `SELECT day, family, metric, is_reference, value, subjects FROM family_days(metric = '${metric}', from = '${from}', to = '${to}')`;
    const dayBreaks = (metric: string, from: string, to: string) => `
      SELECT family, e.1 AS day, countIf(e.2 = 1) AS starts, countIf(e.2 = 2) AS stops
      FROM (
        SELECT family, first_day, last_day, min(first_day) OVER (PARTITION BY family) AS family_first, max(last_day) OVER (PARTITION BY family) AS family_last
        FROM (SELECT family, subject, min(day) AS first_day, max(day) AS last_day FROM subject_daily
              WHERE metric = '${metric}' AND is_reference = 0 AND day BETWEEN '${from}' AND '${to}' AND family IN (SELECT id FROM families FINAL) GROUP BY family, subject)
      )
      ARRAY JOIN [(first_day, if(first_day > family_first, 1, 0)), (last_day, if(last_day < family_last, 2, 0))] AS e
      WHERE e.2 != 0
      GROUP BY family, day`;
    const weekBreaks = (metric: string, from: string, to: string) => `SELECT family, day, starts, stops FROM family_breaks(metric = '${metric}', from = '${from}', to = '${to}')`;
    const differ = (a: string, b: string) => t.store.rows(`SELECT 'only first' AS side, * FROM (${a} EXCEPT ${b}) UNION ALL SELECT 'only second' AS side, * FROM (${b} EXCEPT ${a})`);
    const windows = [
      ['2024-06-01', '2024-08-31'], // every day
      ['2024-07-02', '2024-07-16'], // from a Tuesday to a Tuesday
      ['2024-07-06', '2024-07-09'], // a weekend and the Monday after
      ['2024-07-04', '2024-07-04'], // one day
      ['2024-07-22', '2024-07-28'], // a week with no value
    ] as const;
    for (const [from, to] of windows) {
      for (const metric of ['hf_downloads_30d', 'projects']) {
        expect(await differ(daily(metric, from, to), weekly(metric, from, to))).toEqual([]);
      }
      expect(await differ(dayBreaks('hf_downloads_30d', from, to), weekBreaks('hf_downloads_30d', from, to))).toEqual([]);
    }
    // the comparisons have something to compare: sums of several subjects, a non-integer value, starts and stops
    expect(await t.store.rows(weekly('hf_downloads_30d', '2024-07-10', '2024-07-10'))).toEqual([
      { day: '2024-07-10', family: 'gpt', metric: 'hf_downloads_30d', is_reference: 0, value: 6, subjects: 1 },
      { day: '2024-07-10', family: 'llama', metric: 'hf_downloads_30d', is_reference: 0, value: 109 + 3.5 + 7, subjects: 3 },
    ].sort((a, b) => a.family.localeCompare(b.family)));
    // the family outside the catalog: in family_daily, not in family_days (above)
    expect(await t.store.rows("SELECT family, value FROM family_daily WHERE day = '2024-07-10' AND family = 'retired'")).toEqual([{ family: 'retired', value: 1 }]);
    expect(await t.store.rows(`${weekBreaks('hf_downloads_30d', '2024-07-02', '2024-07-16')} WHERE family = 'llama' ORDER BY day`)).toEqual([
      { family: 'llama', day: '2024-07-03', starts: 1, stops: 0 },
      { family: 'llama', day: '2024-07-08', starts: 1, stops: 0 },
      { family: 'llama', day: '2024-07-14', starts: 0, stops: 1 },
    ]);
    // a held count (derivatives) whose series begins at zero inside the window held nothing before: no start
    // there; one that begins above zero is a start. Each one's first value is its first week's (a week of one,
    // of several days, and a later week have their own values)
    const derivatives = (subject: string, from: string, days: number, value: (i: number) => number) =>
      model(subject, 'llama', from, days, value).map((o) => ({ ...o, metric: 'hf_derivatives' }) as Observation);
    await t.store.insert(
      [
        ...derivatives('hf:meta-llama/d0', '2024-07-01', 14, (i) => 2 + i),
        ...derivatives('hf:meta-llama/d1', '2024-07-03', 12, (i) => i),
        ...derivatives('hf:meta-llama/d2', '2024-07-04', 11, (i) => 5 + i),
      ],
      'run-fd-held',
    );
    expect(await t.store.rows(`${weekBreaks('derivatives', '2024-07-01', '2024-07-14')} ORDER BY day`)).toEqual([{ family: 'llama', day: '2024-07-04', starts: 1, stops: 0 }]);
  });

  it("give each subject's span and coverage, each family side's first and last covered value, and the covered sums per day from the week rows, as the day rows give them (subject_span, family_span, subject_window, family_window, metric_by_family, and the sums and shares across families)", async () => {
    const series = (subject: string, family: string, metric: 'hf_derivatives' | 'hf_downloads_30d', from: string, values: (number | null)[]) =>
      values.flatMap((value, i) => value === null ? [] : [{
        source: 'huggingface', subject, family, metric,
        observed_at: new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), value,
      } as Observation]);
    const days = (n: number, value: (i: number) => number | null) => Array.from({ length: n }, (_, i) => value(i));
    for (const metric of ['hf_derivatives', 'hf_downloads_30d'] as const) {
      await t.store.insert(
        [
          // covers every window, with days missing (a Wednesday, then a whole week)
          ...series('hf:meta-llama/span-a', 'llama', metric, '2024-09-02', days(42, (i) => (i === 2 || (i >= 14 && i < 21) ? null : 10 + i))),
          // a held count that begins at zero on a Thursday: covers a window that opens earlier
          ...series('hf:meta-llama/span-b', 'llama', metric, '2024-09-05', days(40, (i) => 2 * i)),
          // from the first day, but stops on a Saturday: left out of a window that ends later
          ...series('hf:meta-llama/span-c', 'llama', metric, '2024-09-02', days(12, () => 5)),
          // starts inside the windows with a value: left out of a window that opens earlier
          ...series('hf:meta-llama/span-d', 'llama', metric, '2024-09-18', days(20, (i) => 100 + i)),
          // the closed side: its only covering subject is held from zero and starts later than one that stops early;
          // the family starts a day after the others, with span-z, which covers the family's own span but not the window
          ...series('hf:openai/span-x', 'gpt', metric, '2024-09-10', days(30, (i) => i)),
          ...series('hf:openai/span-y', 'gpt', metric, '2024-09-03', days(5, () => 50)),
          ...series('hf:openai/span-z', 'gpt', metric, '2024-09-03', days(40, (i) => 7 + i)),
        ],
        `run-span-${metric}`,
      );
    }
    const params = (metric: string, from: string, to: string) => `metric = '${metric}', series = 'collected', from = '${from}', to = '${to}', families = [], scope = 'all'`;
    // the definition: family_window's first and last day per family and side, and its values on them
    const fromDays = (metric: string, from: string, to: string) => `
      SELECT family, is_open, min(day) AS first_day, argMin(value, day) AS first_value, max(day) AS last_day, argMax(value, day) AS last_value,
             any(excluded_subjects) AS excluded_subjects, any(name) AS name, any(family_openness) AS family_openness, any(catalog_order) AS catalog_order
      FROM family_window(${params(metric, from, to)}) GROUP BY family, is_open`;
    const span = (metric: string, from: string, to: string) =>
      `SELECT family, is_open, first_day, first_value, last_day, last_value, excluded_subjects, name, family_openness, catalog_order FROM family_span(${params(metric, from, to)})`;
    // and each subject's span and coverage (subject_span, which series_breaks reads too) as its day rows in the window give them
    const dayRows = (metric: string, from: string, to: string) =>
      `SELECT family, subject, is_open, day, value FROM subject_daily_classed WHERE metric = '${metric}' AND is_reference = 0 AND day BETWEEN '${from}' AND '${to}'`;
    const subjectOfDays = (metric: string, from: string, to: string) => `
      SELECT family, subject, min(day) AS first_day, max(day) AS last_day, count() AS days
      FROM (${dayRows(metric, from, to)}) GROUP BY family, subject`;
    const subjectOfWeeks = (metric: string, from: string, to: string) => `
      SELECT family, subject, any(first_day), any(last_day), sum(days) FROM subject_span(${params(metric, from, to)}) GROUP BY family, subject`;
    // subject_window spreads subject_span's week rows into exactly those day rows
    const windowDays = (metric: string, from: string, to: string) => `SELECT family, subject, is_open, day, value FROM subject_window(${params(metric, from, to)})`;
    // family_window and metric_by_family add a week at a time: the sums of the covering subjects' day rows, per day
    const coveredDays = (metric: string, from: string, to: string, rule: 'covers' | 'covers_family', bySide: boolean) => `
      SELECT d.day AS day, d.family AS family, ${bySide ? 'd.is_open AS is_open, ' : ''}sum(d.value) AS value, count() AS subjects
      FROM (${dayRows(metric, from, to)}) AS d
      INNER JOIN (SELECT family, subject, is_open FROM subject_span(${params(metric, from, to)}) WHERE ${rule} = 1) AS c
        ON c.family = d.family AND c.subject = d.subject AND c.is_open = d.is_open
      GROUP BY day, family${bySide ? ', is_open' : ''}`;
    const familyWindow = (metric: string, from: string, to: string) => `SELECT day, family, is_open, value, subjects FROM family_window(${params(metric, from, to)})`;
    const differ = (a: string, b: string) => t.store.rows(`SELECT 'only first' AS side, * FROM (${a} EXCEPT ${b}) UNION ALL SELECT 'only second' AS side, * FROM (${b} EXCEPT ${a})`);
    const windows = [
      ['2024-09-01', '2024-10-31'], // every day
      ['2024-09-03', '2024-10-01'], // from a Tuesday to a Tuesday
      ['2024-09-04', '2024-09-04'], // one day without a value of span-a
      ['2024-09-07', '2024-09-20'], // span-c stops, span-d starts
      ['2024-09-16', '2024-09-22'], // a week span-a has no value in
      ['2024-09-12', '2024-10-09'],
    ] as const;
    let compared = 0;
    let summed = 0;
    let shared = 0;
    for (const [from, to] of windows) {
      for (const metric of ['derivatives', 'hf_downloads_30d']) {
        expect(await differ(fromDays(metric, from, to), span(metric, from, to)), `${metric} ${from}..${to}`).toEqual([]);
        expect(await differ(subjectOfDays(metric, from, to), subjectOfWeeks(metric, from, to)), `subjects of ${metric} ${from}..${to}`).toEqual([]);
        expect(await differ(dayRows(metric, from, to), windowDays(metric, from, to)), `subject_window of ${metric} ${from}..${to}`).toEqual([]);
        expect(await differ(coveredDays(metric, from, to, 'covers', true), familyWindow(metric, from, to)), `family_window of ${metric} ${from}..${to}`).toEqual([]);
        const byFamily = await t.store.query<{ day: string; family: string; value: number; subjects: number }>('metric_by_family', { metric, from, to, scope: 'all' });
        expect(byFamily.map(({ day, family, value, subjects }) => ({ day, family, value, subjects })), `metric_by_family of ${metric} ${from}..${to}`)
          .toEqual(await t.store.rows(`${coveredDays(metric, from, to, 'covers_family', false)} ORDER BY day, family = 'gpt'`));
        summed += byFamily.length;
        // the sums and shares across families (metric_by_openness, open_share, metric_by_region, open_share_growth)
        // add family_window_weeks' weeks and spread the days after: the same rows as adding family_window's days
        const named = { metric, from, to, scope: 'all' };
        const fw = `family_window(${params(metric, from, to)})`;
        expect(await t.store.query('metric_by_openness', named), `metric_by_openness of ${metric} ${from}..${to}`).toEqual(await t.store.rows(
          `SELECT day, if(is_open = 1, 'open', 'closed') AS openness, sum(value) AS value, uniqExact(family) AS families FROM ${fw} GROUP BY day, openness ORDER BY day, openness`));
        expect(await t.store.query('metric_by_region', named), `metric_by_region of ${metric} ${from}..${to}`).toEqual(await t.store.rows(
          `SELECT day, region, if(is_open = 1, 'open', 'closed') AS openness, sum(value) AS value, uniqExact(family) AS families FROM ${fw} GROUP BY day, region, openness ORDER BY day, region, openness`));
        const shares = await t.store.query('open_share', named);
        expect(shares, `open_share of ${metric} ${from}..${to}`).toEqual(await t.store.rows(
          `SELECT day, sumIf(value, is_open = 1) AS open, sumIf(value, is_open = 0) AS closed, open / (open + closed) AS open_share,
                  uniqExactIf(family, is_open = 1) AS open_families, uniqExactIf(family, is_open = 0) AS closed_families
           FROM ${fw} GROUP BY day HAVING open_families > 0 AND closed_families > 0 AND open + closed > 0 ORDER BY day`));
        shared += shares.length;
        expect(await t.store.query('open_share_growth', named), `open_share_growth of ${metric} ${from}..${to}`).toEqual(await t.store.rows(`
          WITH added AS (
                 SELECT sumIf(last_value - first_value, is_open = 1) AS open_sum, sumIf(last_value - first_value, is_open = 0) AS closed_sum
                 FROM (SELECT family, is_open, argMin(value, day) AS first_value, argMax(value, day) AS last_value FROM ${fw} GROUP BY family, is_open)),
               shares AS (
                 SELECT day, sumIf(value, is_open = 1) / sum(value) AS share FROM ${fw}
                 GROUP BY day HAVING uniqExactIf(family, is_open = 1) > 0 AND uniqExactIf(family, is_open = 0) > 0 AND sum(value) > 0)
          SELECT min(s.day) AS start_day, argMin(s.share, s.day) AS start_share, max(s.day) AS end_day, argMax(s.share, s.day) AS end_share,
                 100 * (end_share - start_share) AS change_points, any(a.open_sum) AS open_added, any(a.closed_sum) AS closed_added,
                 if(open_added + closed_added <= 0, NULL, open_added / (open_added + closed_added)) AS new_open_share
          FROM shares AS s CROSS JOIN added AS a HAVING count() > 0`));
        compared += (await t.store.rows(span(metric, from, to))).length;
      }
    }
    expect(compared).toBeGreaterThan(10);
    expect(summed).toBeGreaterThan(100);
    expect(shared).toBeGreaterThan(20);
    // what the comparisons compare: the closed side's first day is span-x's, not span-y's earlier one, which stops
    // inside the window; the open side's first value adds span-a and span-b (from zero), not span-c or span-d;
    // span-z covers its family's span and not the window
    expect(await t.store.rows(`SELECT subject, covers, covers_family FROM subject_span(${params('derivatives', '2024-09-02', '2024-10-09')}) WHERE family = 'gpt' ORDER BY subject`)).toEqual([
      { subject: 'hf:openai/span-x', covers: 1, covers_family: 1 },
      { subject: 'hf:openai/span-y', covers: 0, covers_family: 0 },
      { subject: 'hf:openai/span-z', covers: 0, covers_family: 1 },
    ]);
    expect(await t.store.rows(`${span('derivatives', '2024-09-02', '2024-10-09')} ORDER BY family`)).toEqual([
      { family: 'gpt', is_open: 0, first_day: '2024-09-10', first_value: 0, last_day: '2024-10-09', last_value: 29, excluded_subjects: 2, name: 'GPT-4', family_openness: 'closed', catalog_order: expect.any(Number) },
      { family: 'llama', is_open: 1, first_day: '2024-09-02', first_value: 10, last_day: '2024-10-09', last_value: (10 + 37) + 2 * 34, excluded_subjects: 2, name: 'LLaMA', family_openness: 'open-weights-restricted', catalog_order: expect.any(Number) },
    ]);
  });

  it("take the family of the week's newest day row for the whole week", async () => {
    const model = (family: string, day: string, value: number) =>
      ({ source: 'huggingface', subject: 'hf:meta-llama/moved', family, metric: 'hf_downloads_30d', observed_at: day, value }) as Observation;
    await t.store.insert([model('llama', '2024-06-03', 5)], 'run-wa', new Date('2024-06-03T10:00:00Z'));
    await t.store.insert([model('gpt', '2024-06-04', 6)], 'run-wb', new Date('2024-06-04T10:00:00Z'));
    expect(await week('hf:meta-llama/moved', 'hf_downloads_30d')).toEqual([{ family: 'gpt', days: 0b11, vals: [5, 6, 0, 0, 0, 0, 0] }]);
    // so family_days counts the whole week under it, where family_daily counts each day under its own row's family
    const monday = "SELECT family, subjects FROM %s WHERE day = '2024-06-03' AND family IN ('llama', 'gpt') AND metric = 'hf_downloads_30d' ORDER BY family";
    expect(await t.store.rows(monday.replace('%s', 'family_daily'))).toEqual([{ family: 'llama', subjects: 1 }]);
    expect(await t.store.rows(monday.replace('%s', "family_days(metric = 'hf_downloads_30d', from = '2024-06-03', to = '2024-06-09')"))).toEqual([{ family: 'gpt', subjects: 1 }]);
    // and so do the coverage-aware sums, which add week rows too (family_window, metric_by_family)
    const window = "family_window(metric = 'hf_downloads_30d', series = 'collected', from = '2024-06-03', to = '2024-06-09', families = [], scope = 'all')";
    expect(await t.store.rows(`SELECT day, family, value FROM ${window} WHERE family IN ('llama', 'gpt') ORDER BY day`)).toEqual([
      { day: '2024-06-03', family: 'gpt', value: 5 },
      { day: '2024-06-04', family: 'gpt', value: 6 },
    ]);
  });
});

describe('leaderboard rows (leaderboard_entries)', () => {
  // The Arena dataset's facts of one model on one publication, as collector/sources/arena-data.ts writes them.
  const arena = (metric: Observation['metric'], value: number, over: Partial<Observation> = {}): Observation => ({
    source: 'arena',
    subject: 'arena-model:llama-3-70b',
    family: 'llama',
    metric,
    observed_at: '2025-06-01',
    value,
    ...over,
  });
  const elo = (value: number, licence: string, cls: string) =>
    arena('arena_model_elo', value, { detail: { licence, class: cls, organization: 'Meta', model: 'Llama 3 70B' } });
  interface Model { model: string; rating: number; votes: number | null; arena_rank: number | null }
  const models = () =>
    t.store.rows<Model>(
      "SELECT table_date, model, display, organization, licence, class, side, rating, rating_lower, rating_upper, votes, arena_rank, position, models FROM leaderboard_models WHERE table_date = '2025-06-01' ORDER BY position, model",
    );

  it('join the facts of a model that arrive in different writes, each at its latest collection', async () => {
    await t.store.insert([elo(1200, 'Llama 3 Community', 'open-restricted'), arena('arena_model_votes', 5000)], 'run-l1', new Date('2025-06-02T10:00:00Z'));
    await t.store.insert([arena('arena_model_rating_lower', 1190), arena('arena_model_rating_upper', 1210)], 'run-l2', new Date('2025-06-02T11:00:00Z'));
    // a rival with no interval, no votes and no rank: its columns are empty, not zero
    await t.store.insert([arena('arena_model_elo', 1250, { subject: 'arena-model:gpt-4o', family: 'gpt-4', detail: { licence: 'Proprietary', class: 'closed' } })], 'run-l3', new Date('2025-06-02T12:00:00Z'));
    // the same votes collected again, later, with another value; and an older collection arriving last
    await t.store.insert([arena('arena_model_votes', 5100)], 'run-l4', new Date('2025-06-03T10:00:00Z'));
    await t.store.insert([arena('arena_model_votes', 4000), elo(1100, 'stale', 'closed')], 'run-l5', new Date('2025-06-01T10:00:00Z'));
    expect(await models()).toEqual([
      { table_date: '2025-06-01', model: 'gpt-4o', display: 'gpt-4o', organization: '', licence: 'Proprietary', class: 'closed', side: 'closed', rating: 1250, rating_lower: null, rating_upper: null, votes: null, arena_rank: null, position: 1, models: 2 },
      { table_date: '2025-06-01', model: 'llama-3-70b', display: 'Llama 3 70B', organization: 'Meta', licence: 'Llama 3 Community', class: 'open-restricted', side: 'open', rating: 1200, rating_lower: 1190, rating_upper: 1210, votes: 5100, arena_rank: null, position: 2, models: 2 },
    ]);
    // the table keeps one row per model once merged, and the same answer
    await t.store.rows('OPTIMIZE TABLE leaderboard_entries FINAL', {}, { readonly: false });
    expect(await t.store.rows("SELECT count() AS n FROM leaderboard_entries WHERE table_date = '2025-06-01'")).toEqual([{ n: 2 }]);
    expect((await models()).map((m) => [m.model, m.votes, m.rating])).toEqual([['gpt-4o', null, 1250], ['llama-3-70b', 5100, 1200]]);
    expect(await driftedTables(t.store)).toEqual([]);
  });

  it('are made again from the facts at the next writing run when a write stored the facts and not their rows', async () => {
    const failed = await failingIn('leaderboard_entries', 'votes_below_a_billion', 'votes_fact.2 IS NULL OR votes_fact.2 < 1e9', () =>
      t.store.insert(
        [arena('arena_model_votes', 2e9, { observed_at: '2025-07-01' }), { ...elo(1300, 'Llama 3 Community', 'open-restricted'), observed_at: '2025-07-01' }],
        'run-lf',
        new Date('2025-07-02T10:00:00Z'),
      ),
    );
    expect(String(failed)).toMatch(/votes_below_a_billion/);
    expect(await t.store.rows("SELECT count() AS n FROM leaderboard_models WHERE table_date = '2025-07-01'")).toEqual([{ n: 0 }]);
    expect(await driftAfterFailureIn('leaderboard_entries')).toMatchObject({ failing: 1 });
    expect(await reopenToWrite()).toMatch(/made the day rows, week rows, newest-value rows and leaderboard rows of 1 subject\(s\) again from their facts/);
    expect(await driftedTables(t.store)).toEqual([]);
    expect(await t.store.rows("SELECT model, rating, votes FROM leaderboard_models WHERE table_date = '2025-07-01'")).toEqual([{ model: 'llama-3-70b', rating: 1300, votes: 2e9 }]);
  });

  it('are made for the facts a store held before the table existed (migration 008 fills it, 011 adds its projection of dates)', async () => {
    const before = await models();
    expect(before.length).toBe(2);
    await reopenWithout(['leaderboard_entries'], 8, 11);
    expect(await models()).toEqual(before);
    expect(await t.store.rows("SELECT name FROM system.projections WHERE database = currentDatabase() AND table = 'leaderboard_entries'")).toEqual([{ name: 'rated_days' }]);
    await t.store.insert([arena('arena_model_rank', 3)], 'run-lm', new Date('2025-06-04T10:00:00Z'));
    expect((await models()).find((m) => m.model === 'llama-3-70b')?.arena_rank).toBe(3);
    expect(await driftedTables(t.store)).toEqual([]);
  });
});

describe('newest-value rows (subject_latest)', () => {
  type Newest = { subject: string; metric: string; day: string; value: number; detail: string };
  const newest = (family: string) => t.store.query<Newest>('family_subjects_latest', { family });
  /** What family_subjects_latest must say, from every fact. */
  const fromFacts = (family: string) =>
    t.store.rows<Newest>(
      'SELECT subject, metric, max(observed_at) AS day, argMax(value, observed_at) AS value, argMax(detail, observed_at) AS detail FROM facts WHERE family = {family:String} AND is_reference = 0 GROUP BY subject, metric ORDER BY subject, metric',
      { family },
    );
  const stars = (over: Partial<Observation>) => fact({ subject: 'repo:acme/newest', metric: 'github_stars', family: 'gpt-4', ...over });

  it("keep each subject's newest day, that day's latest collection, across writes arriving in any order; never a cited figure", async () => {
    await t.store.insert([stars({ observed_at: '2025-03-02', value: 20, detail: { note: 'second day' } }), stars({ observed_at: '2025-03-01', value: 10 })], 'run-n1', new Date('2025-03-03T10:00:00Z'));
    // an older day written later, and the newest day collected again with another value
    await t.store.insert([stars({ observed_at: '2025-02-01', value: 5 })], 'run-n2', new Date('2025-03-04T10:00:00Z'));
    // (lower than before: the later collection wins, not the larger value)
    await t.store.insert([stars({ observed_at: '2025-03-02', value: 18, detail: { note: 'recollected' } })], 'run-n3', new Date('2025-03-05T10:00:00Z'));
    // an earlier collection of the newest day arriving last loses, as the facts' own FINAL has it, whatever its value
    await t.store.insert([stars({ observed_at: '2025-03-02', value: 25 })], 'run-n4', new Date('2025-03-02T23:00:00Z'));
    // a cited figure of a later day is no collected value
    await t.store.insert([stars({ source: 'reference', observed_at: '2025-06-01', value: 999, citation: 'https://example.com/figure' })], 'run-n5', new Date('2025-06-02T10:00:00Z'));
    const mine = (await newest('gpt-4')).filter((r) => r.subject === 'repo:acme/newest');
    expect(mine).toEqual([{ subject: 'repo:acme/newest', metric: 'github_stars', day: '2025-03-02', value: 18, detail: '{"note":"recollected"}' }]);
    expect(await newest('gpt-4')).toEqual(await fromFacts('gpt-4'));
    expect(await newest('llama')).toEqual(await fromFacts('llama'));
    // one row per key once merged, and the same answer
    await t.store.rows('OPTIMIZE TABLE subject_latest FINAL', {}, { readonly: false });
    expect(await t.store.rows("SELECT count() AS n FROM subject_latest WHERE subject = 'repo:acme/newest'")).toEqual([{ n: 1 }]);
    expect((await newest('gpt-4')).filter((r) => r.subject === 'repo:acme/newest').map((r) => r.value)).toEqual([18]);
    expect(await driftedTables(t.store)).toEqual([]);
  });

  it('are made again from the facts at the next writing run when a write stored the facts and not their rows', async () => {
    const failed = await failingIn('subject_latest', 'stars_below_a_billion', 'newest.3 < 1e9', () =>
      t.store.insert([stars({ observed_at: '2025-04-01', value: 2e9 })], 'run-nf', new Date('2025-04-02T10:00:00Z')),
    );
    expect(String(failed)).toMatch(/stars_below_a_billion/);
    expect(await t.store.rows("SELECT value FROM facts WHERE subject = 'repo:acme/newest' AND observed_at = '2025-04-01'")).toEqual([{ value: 2e9 }]);
    expect((await newest('gpt-4')).find((r) => r.subject === 'repo:acme/newest')?.day).toBe('2025-03-02');
    expect(await driftAfterFailureIn('subject_latest')).toMatchObject({ failing: 1 });
    expect(await reopenToWrite()).toMatch(/made the day rows, week rows, newest-value rows and leaderboard rows of 1 subject\(s\) again from their facts/);
    expect(await driftedTables(t.store)).toEqual([]);
    expect((await newest('gpt-4')).find((r) => r.subject === 'repo:acme/newest')).toMatchObject({ day: '2025-04-01', value: 2e9 });
  });

  it('are made for the facts a store held before the table existed (migration 014 fills it)', async () => {
    const before = await newest('gpt-4');
    expect(before.length).toBeGreaterThan(0);
    await reopenWithout(['subject_latest'], 14);
    expect(await newest('gpt-4')).toEqual(before);
    expect(await newest('gpt-4')).toEqual(await fromFacts('gpt-4'));
    expect(await driftedTables(t.store)).toEqual([]);
  });
});

describe('facts per source (source_facts)', () => {
  type Freshness = { source: string; newest_day: string; facts: number; newest_collected: string };
  const freshness = async () =>
    (await t.store.query<Freshness>('data_freshness')).map(({ source, newest_day, facts, newest_collected }) => ({ source, newest_day, facts, newest_collected }));
  /** What data_freshness must say, counted from every fact. */
  const counted = () =>
    t.store.rows<Freshness>(
      'SELECT source, toNullable(max(observed_at)) AS newest_day, count() AS facts, toNullable(max(collected_at)) AS newest_collected FROM facts GROUP BY source ORDER BY source',
    );
  const witness = async () => (await t.store.rows<{ witness: string }>('SELECT witness FROM observations_witness'))[0]!.witness;
  const reopen = async (job: string) => {
    await t.store.close();
    t.store = await openStore(t.config, { job });
  };

  it('are counted as a store that wrote facts closes, and data_freshness reads them while the facts are as counted', async () => {
    await t.store.insert([fact({ subject: 'search:counted', observed_at: '2024-03-01', value: 1 }), fact({ source: 'npm', subject: 'npm:counted', metric: 'npm_downloads', value: 5 })], 'run-c1', new Date('2024-03-01T10:00:00Z'));
    // the same key again: one fact, not two
    await t.store.insert([fact({ subject: 'search:counted', observed_at: '2024-03-01', value: 2 })], 'run-c2', new Date('2024-03-01T11:00:00Z'));
    await reopen('status');
    const stored = await t.store.rows<{ witness: string }>('SELECT DISTINCT witness FROM source_facts FINAL');
    expect(stored).toEqual([{ witness: await witness() }]);
    expect(await freshness()).toEqual(await counted());
    // the counts are what it reads: a count planted under the current witness is what it says
    await t.store.rows(`INSERT INTO source_facts VALUES ('npm', '2024-03-01', 999999, '2024-03-01 10:00:00', '${await witness()}', now64(3))`, {}, { readonly: false });
    expect((await freshness()).find((r) => r.source === 'npm')?.facts).toBe(999999);
  });

  it('stay current through a merge of the facts, which changes no fact', async () => {
    await t.store.insert([fact({ subject: 'search:merged', observed_at: '2024-03-02', value: 4 })], 'run-c3', new Date('2024-03-02T09:00:00Z'));
    await reopen('status');
    const before = await witness();
    // The engine also merges in the background, when it chooses: the merge is known by the parts it makes
    // (OPTIMIZE … FINAL merges even a table already in one part into a new one), not by how many there were.
    const parts = async () =>
      (await t.store.rows<{ name: string }>("SELECT name FROM system.parts WHERE database = currentDatabase() AND table = 'observations' AND active ORDER BY name")).map((p) => p.name);
    const unmerged = await parts();
    await t.store.rows('OPTIMIZE TABLE observations FINAL', {}, { readonly: false });
    const merged = await parts();
    expect(merged).toHaveLength(1);
    expect(unmerged).not.toContain(merged[0]);
    expect(await witness()).toBe(before);
    expect(await freshness()).toEqual(await counted());
    // still the counts it reads
    await t.store.rows(`INSERT INTO source_facts VALUES ('npm', '2024-03-01', 777777, '2024-03-01 10:00:00', '${before}', now64(3))`, {}, { readonly: false });
    expect((await freshness()).find((r) => r.source === 'npm')?.facts).toBe(777777);
  });

  it('are not read once the facts changed after them: a write, a mutation, until the writer closes', async () => {
    const before = await witness();
    await t.store.insert([fact({ subject: 'search:later', observed_at: '2024-03-02', value: 3 })], 'run-c3', new Date('2024-03-02T10:00:00Z'));
    expect(await witness()).not.toBe(before);
    expect(await freshness()).toEqual(await counted());
    // the store that wrote counted them before its next named query (a run that collects, then builds)
    expect(await t.store.rows('SELECT count() > 0 AS current FROM source_facts FINAL WHERE witness = (SELECT witness FROM observations_witness)')).toEqual([{ current: 1 }]);
    await reopen('status');
    expect(await freshness()).toEqual(await counted());
    const afterWrite = await witness();
    const github = async () => (await freshness()).find((r) => r.source === 'github')!.facts;
    const beforeDelete = await github();
    await t.store.rows("ALTER TABLE observations DELETE WHERE subject = 'search:later' SETTINGS mutations_sync = 2", {}, { readonly: false });
    expect(await witness()).not.toBe(afterWrite);
    expect(await github()).toBe(beforeDelete - 1);
    expect(await freshness()).toEqual(await counted());
  });

  it('are counted for the facts a store held before the table existed (migration 009)', async () => {
    await t.store.rows('DROP TABLE source_facts', {}, { readonly: false });
    await t.store.rows('ALTER TABLE openpulse_migrations DELETE WHERE version = 9 SETTINGS mutations_sync = 1', {}, { readonly: false });
    // a store that only reads: the migration counts what is there
    await reopen('status');
    expect(await t.store.rows('SELECT DISTINCT witness FROM source_facts FINAL')).toEqual([{ witness: await witness() }]);
    expect(await freshness()).toEqual(await counted());
  });
});

describe('spool', () => {
  it('loads rows a run spooled while the store was unreachable, then removes the file', async () => {
    // A second handle on the same directory is what the next run does: close ours first.
    await t.store.close();
    const dir = spoolDir(t.config);
    await mkdir(dir, { recursive: true });
    await spoolRows(dir, 'run-offline', [toStoredRow(fact({ subject: 'search:spooled', observed_at: '2024-02-02', value: 7 }), 'run-offline', new Date())]);
    const lines: string[] = [];
    t.store = await openStore(t.config, { job: 'collect', log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/loaded 1 spooled rows from 1 file/);
    expect(await t.store.rows("SELECT value FROM facts WHERE subject = 'search:spooled'")).toEqual([{ value: 7 }]);
    expect(await readdir(dir)).toEqual([]);
    expect(path.basename(t.store.location)).toBe('data');
  });
});
