// A read handed over as the engine makes it (Store.rawEach), and a whole-file format written by the
// engine into its file (Store.rawToFile): the bytes `raw` returns whole, in bounded memory, which is
// how `openpulse export` writes a store of any size (12.5 GB of NDJSON at 50 M generated facts).

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../helpers/store.ts';

let t: TestStore;
let dir: string;
// more rows than one block of the engine's (65,409 rows by default)
const MANY = 'SELECT number AS n, toString(number) AS s, number / 7 AS f FROM system.numbers LIMIT 200000';

beforeAll(async () => {
  t = await openTestStore();
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-export-stream-'));
});
afterAll(async () => {
  await t?.cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe('a read handed over a block at a time', () => {
  it.each(['JSONEachRow', 'CSV', 'JSONCompactEachRow'] as const)('gives the bytes raw() gives whole, in several pieces (%s)', async (format) => {
    const pieces: Buffer[] = [];
    const bytes = await t.store.rawEach(MANY, {}, { format }, (b) => {
      pieces.push(Buffer.from(b));
    });
    const whole = await t.store.raw(MANY, {}, { format });
    expect(pieces.length).toBeGreaterThan(1);
    expect(bytes).toBe(whole.length);
    expect(Buffer.concat(pieces).equals(whole)).toBe(true);
  });

  it('waits for each piece to be taken before the next', async () => {
    let busy = false;
    let overlapped = false;
    await t.store.rawEach(MANY, {}, { format: 'JSONEachRow' }, async () => {
      if (busy) overlapped = true;
      busy = true;
      await new Promise((resolve) => setImmediate(resolve));
      busy = false;
    });
    expect(overlapped).toBe(false);
  });

  it('binds parameters as raw() does, and refuses a write unless told readonly: false', async () => {
    const pieces: Buffer[] = [];
    await t.store.rawEach('SELECT {a:UInt32} + 1 AS x, {names:Array(String)} AS names', { a: 41, names: ["it's", 'a\\b'] }, { format: 'JSONEachRow' }, (b) => {
      pieces.push(Buffer.from(b));
    });
    expect(JSON.parse(Buffer.concat(pieces).toString('utf8'))).toEqual({ x: 42, names: ["it's", 'a\\b'] });
    await expect(t.store.rawEach('CREATE TABLE nope (x UInt8) ENGINE = Memory', {}, { format: 'JSONEachRow' }, () => {})).rejects.toThrow(/read-only|--write|not a read/i);
  });

  it('hands over a header once: the bytes raw() gives whole (JSONCompactEachRowWithNamesAndTypes)', async () => {
    const pieces: Buffer[] = [];
    await t.store.rawEach(MANY, {}, { format: 'JSONCompactEachRowWithNamesAndTypes' }, (b) => {
      pieces.push(Buffer.from(b));
    });
    const whole = await t.store.raw(MANY, {}, { format: 'JSONCompactEachRowWithNamesAndTypes' });
    expect(pieces.length).toBeGreaterThan(1);
    expect(Buffer.concat(pieces).equals(whole)).toBe(true);
    const lines = whole.toString('utf8').trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual(['["n", "s", "f"]', '["UInt64", "String", "Float64"]']);
    expect(lines).toHaveLength(2 + 200000);
  });

  it('reads whole what the engine cannot stream (EXPLAIN, SHOW, EXISTS)', async () => {
    for (const sql of ['EXPLAIN SELECT 1', 'SHOW TABLES', 'EXISTS TABLE facts']) {
      const pieces: Buffer[] = [];
      await t.store.rawEach(sql, {}, { format: 'JSONEachRow' }, (b) => {
        pieces.push(Buffer.from(b));
      });
      expect(Buffer.concat(pieces).toString('utf8'), sql).toBe((await t.store.raw(sql, {}, { format: 'JSONEachRow' })).toString('utf8'));
    }
  });

  it("fails as the engine's other reads fail: its code, its type and its message, without the store's settings", async () => {
    const failure = await t.store.rawEach('SELECT no_such_column FROM facts', {}, { format: 'JSONEachRow', context: 'a test' }, () => {}).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'STORE_QUERY', message: expect.stringMatching(/^a test: ClickHouse error 47 \(UNKNOWN_IDENTIFIER\): Unknown expression identifier `no_such_column`/) });
    expect((failure as Error).message).not.toMatch(/SETTINGS|output_format|enable_materialized_cte/);
  });

  it('runs a change with readonly: false, and hands over nothing', async () => {
    const pieces: Buffer[] = [];
    const bytes = await t.store.rawEach('CREATE TABLE made_by_stream (x UInt8) ENGINE = Memory', {}, { format: 'JSONEachRow', readonly: false }, (b) => {
      pieces.push(b);
    });
    expect(bytes).toBe(0);
    expect(pieces).toEqual([]);
    expect(await t.store.rows('EXISTS TABLE made_by_stream')).toEqual([{ result: 1 }]);
  });

  it('refuses a format whose blocks would not join into one result', async () => {
    await expect(t.store.rawEach(MANY, {}, { format: 'CSVWithNames' }, () => {})).rejects.toThrow(/CSVWithNames is not a format of one line per row/);
    await expect(t.store.rawEach(MANY, {}, { format: 'Parquet' }, () => {})).rejects.toMatchObject({ hint: expect.stringMatching(/Parquet and other whole files: rawToFile/) });
  });
});

describe('a whole-file format written by the engine', () => {
  it('writes the Parquet file raw() returns, which the engine reads back row for row', async () => {
    const file = path.join(dir, 'many.parquet');
    const size = await t.store.rawToFile(MANY, {}, { format: 'Parquet' }, file);
    const written = await readFile(file);
    expect(size).toBe(written.length);
    expect(written.equals(await t.store.raw(MANY, {}, { format: 'Parquet' }))).toBe(true);
    const [back] = await t.store.rows<{ rows: number; total: number }>(`SELECT count() AS rows, sum(n) AS total FROM file({file:String}, 'Parquet')`, { file }, { readonly: false });
    expect(back).toEqual({ rows: 200000, total: (199999 * 200000) / 2 });
  });

  it('replaces a file already there', async () => {
    const file = path.join(dir, 'again.parquet');
    await t.store.rawToFile(MANY, {}, { format: 'Parquet' }, file);
    await t.store.rawToFile('SELECT 1 AS n', {}, { format: 'Parquet' }, file);
    const [back] = await t.store.rows<{ n: number }>(`SELECT count() AS n FROM file({file:String}, 'Parquet')`, { file }, { readonly: false });
    expect(back!.n).toBe(1);
  });
});
