// `openpulse import` and `openpulse export` refuse what would store wrong numbers, through
// the real command (each run its own process): impossible dates, values that are not
// numbers, files in an unknown encoding. A file goes in whole or not at all; the others of
// the same import still go in, and each file is reported.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInChild } from '../helpers/cli.ts';

let dir: string;
const openpulse = (...args: string[]) => runInChild(args, { cwd: dir });
const fact = (subject: string, observedAt: string, value: unknown) =>
  JSON.stringify({ source: 'npm', subject, family: '', metric: 'npm_downloads', observed_at: observedAt, value });
const npmFacts = async (dataDir: string) => {
  const q = await openpulse('query', "SELECT subject, toString(observed_at) AS day, value FROM facts WHERE source = 'npm' ORDER BY subject, day", '--format', 'csv', '--data-dir', dataDir);
  expect(q.code, q.stderr).toBe(0);
  return q.stdout.trim().split(/\r?\n/).slice(1);
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-import-'));
});
afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

describe('import facts', () => {
  it('refuses impossible dates and values that are not numbers, with file:line and the raw value, and stores nothing of the file', async () => {
    await writeFile(
      path.join(dir, 'dates.ndjson'),
      [fact('npm:ok', '2024-02-29', 5), fact('npm:feb30', '2024-02-30', 1), fact('npm:old', '1900-01-01', 2), fact('npm:abc', '2024-01-01', 'abc'), ''].join('\n'),
    );
    const r = await openpulse('import', 'facts', 'dates.ndjson', '--data-dir', 'dates');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('dates.ndjson: 3 line(s) cannot be imported, so nothing from this file was stored');
    expect(r.stderr).toContain('dates.ndjson:2: observed_at "2024-02-30" is not a calendar date written YYYY-MM-DD');
    expect(r.stderr).toContain('dates.ndjson:3: observed_at 1900-01-01 is before 2000-01-01');
    expect(r.stderr).toContain('dates.ndjson:4: value "abc" is not a number');
    expect(r.stderr).toMatch(/→ fix these lines .* and import dates\.ndjson again/);
    expect(r.stdout).toContain('dates.ndjson: refused, nothing stored');
    expect(r.stdout).toContain('imported 0 facts from 0 file(s), 1 refused: dates.ndjson');
    expect(await npmFacts('dates')).toEqual([]);
  });

  it('imports the good file of two and reports the bad one (exit 1)', async () => {
    await writeFile(path.join(dir, 'good.ndjson'), [fact('npm:a', '2024-01-01', 5), fact('npm:a', '2024-01-02', '7')].join('\n') + '\n');
    await writeFile(path.join(dir, 'bad.ndjson'), [fact('npm:b', '2024-01-01', 3), '{"source":"npm","subject":"npm:b","metric":"npm_downl'].join('\n'));
    const r = await openpulse('import', 'facts', 'bad.ndjson', 'good.ndjson', '--data-dir', 'two');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.ndjson:2: not a JSON object/);
    expect(r.stdout.trim().split('\n')).toEqual([
      'bad.ndjson: refused, nothing stored (why: see the warnings above)',
      'good.ndjson: 2 facts stored',
      'imported 2 facts from 1 file(s), 1 refused: bad.ndjson',
    ]);
    expect(await npmFacts('two')).toEqual(['npm:a,2024-01-01,5', 'npm:a,2024-01-02,7']);
  });

  it('refuses a file that is not UTF-8, naming it and how to convert it', async () => {
    await writeFile(path.join(dir, 'latin1.ndjson'), Buffer.from(`${fact('npm:café', '2024-01-01', 1)}\n`, 'latin1'));
    const r = await openpulse('import', 'facts', 'latin1.ndjson', '--data-dir', 'latin1');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/latin1\.ndjson:1: the file is not UTF-8 text .*\(perhaps Latin-1 or Windows-1252\); convert it to UTF-8 .*iconv -f LATIN1 -t UTF-8 latin1\.ndjson/);
    expect(await npmFacts('latin1')).toEqual([]);
  });
});

describe('import leaderboard', () => {
  const TABLE = 'Model,MT-bench (score),Arena Elo rating,MMLU,License,Link\nGPT-4,8.99,1206,86.4,Proprietary,https://openai.com/research/gpt-4\nCafé-13B,6.1,1001,50,Apache 2.0,https://example.org/cafe\n';

  it('reads a UTF-16 table with its accented names, and refuses a Latin-1 one by name', async () => {
    await writeFile(path.join(dir, 'leaderboard_table_20230801.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TABLE, 'utf16le')]));
    const ok = await openpulse('import', 'leaderboard', 'leaderboard_table_20230801.csv', '--data-dir', 'lb');
    expect(ok.code, ok.stderr).toBe(0);
    const q = await openpulse('query', "SELECT subject FROM facts WHERE metric = 'arena_model_elo' ORDER BY subject", '--format', 'csv', '--data-dir', 'lb');
    expect(q.stdout.trim().split(/\r?\n/).slice(1)).toEqual(['arena-model:Café-13B', 'arena-model:GPT-4']);

    await writeFile(path.join(dir, 'leaderboard_table_20230802.csv'), Buffer.from(TABLE, 'latin1'));
    const bad = await openpulse('import', 'leaderboard', 'leaderboard_table_20230802.csv', '--data-dir', 'lb');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/leaderboard_table_20230802\.csv:3: the file is not UTF-8 text near "Caf\uFFFD".*iconv -f LATIN1 -t UTF-8/);
  });

  it('refuses a table cut short, naming file and line, and stores none of it', async () => {
    await writeFile(path.join(dir, 'leaderboard_table_20230803.csv'), TABLE.slice(0, TABLE.indexOf('example.org')));
    const r = await openpulse('import', 'leaderboard', 'leaderboard_table_20230803.csv', '--data-dir', 'cut');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/leaderboard_table_20230803\.csv:3: the last line does not end with a line break .*cut short/);
    expect(r.stdout).toContain('imported 0 leaderboard table(s): 0 facts stored, 1 problem(s)');
  });
});

describe('export', () => {
  it('refuses a date that is not a calendar date (exit 2)', async () => {
    const r = await openpulse('export', '--from', '2023-13-45', '--data-dir', 'dates');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from "2023-13-45" is not a calendar date written YYYY-MM-DD');
    expect(r.stdout).toBe('');
    const reversed = await openpulse('export', '--from', '2024-02-01', '--to', '2024-01-01', '--data-dir', 'dates');
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain('--from 2024-02-01 is after --to 2024-01-01');
  });
});
