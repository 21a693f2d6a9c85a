// `openpulse import` and `openpulse export` through the real command, each run
// in its own process (one embedded store directory per process).

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInChild } from '../helpers/cli.ts';

let dir: string;

const openpulse = (...args: string[]) => runInChild(args, { cwd: dir });

// A 2023-layout table: two proprietary models and three open ones, one of them non-commercial.
const TABLE = `Model,MT-bench (score),Arena Elo rating,MMLU,License,Link
GPT-4,8.99,1206,86.4,Proprietary,https://openai.com/research/gpt-4
Claude-1,7.9,1158,77,Proprietary,https://www.anthropic.com/index/introducing-claude
Vicuna-33B,7.12,1096,59.2,Non-commercial,https://lmsys.org/blog/2023-03-30-vicuna/
=HYPERLINK("x"),6.5,1050,55,Apache 2.0,https://example.org
ChatGLM-6B,4.5,985,36.1,Apache 2.0,https://github.com/THUDM/ChatGLM-6B
`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-io-'));
  await writeFile(path.join(dir, 'leaderboard_table_20230720.csv'), TABLE);
});
afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

describe('import and export', () => {
  it('imports a leaderboard table and counts its classes exactly', async () => {
    const r = await openpulse('import', 'leaderboard', 'leaderboard_table_20230720.csv', '--data-dir', 'a');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/imported 1 leaderboard table\(s\): \d+ facts stored, 0 problem\(s\)/);
    const q = await openpulse('query', "SELECT subject, value FROM facts WHERE metric = 'arena_models' AND value > 0 ORDER BY subject", '--format', 'csv', '--data-dir', 'a');
    expect(q.stdout.trim().split(/\r?\n/)).toEqual(['subject,value', 'arena:closed,2', 'arena:open-weights-osi,2', 'arena:open-weights-restricted-noncommercial,1']);
  });

  it('exports facts as NDJSON that another store imports to the same facts', async () => {
    const out = await openpulse('export', '--out', 'facts.ndjson', '--data-dir', 'a');
    expect(out.code, out.stderr).toBe(0);
    const exported = (await readFile(path.join(dir, 'facts.ndjson'), 'utf8')).trim().split('\n');
    expect(exported.length).toBeGreaterThan(5);
    // the facts counted first, their progress shown, and how many were written said
    expect(out.stderr).toContain(`export facts ${exported.length}/${exported.length} (100%) eta done`);
    expect(out.stderr).toMatch(new RegExp(`export: ${exported.length} facts, \\d+ bytes written to facts\\.ndjson`));
    const imported = await openpulse('import', 'facts', 'facts.ndjson', '--data-dir', 'b');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`imported ${exported.length} facts from 1 file(s), 0 refused`);

    const strip = (lines: string[]) =>
      lines.map((l) => {
        const { run_id: _r, collected_at: _c, ...fact } = JSON.parse(l) as Record<string, unknown>;
        return fact;
      });
    const again = await openpulse('export', '--data-dir', 'b');
    expect(strip(again.stdout.trim().split('\n'))).toEqual(strip(exported));
  });

  it('exports a family\'s facts as each fact\'s newest version says: one written again under another family is that family\'s', async () => {
    const fact = (day: string, family: string, collected: string) =>
      JSON.stringify({ source: 'npm', subject: 'npm:moved', family, metric: 'npm_downloads', observed_at: day, value: 1, detail: '', citation: '', run_id: `run-${collected}`, collected_at: `${collected} 06:00:00.000` });
    const days = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'];
    await writeFile(path.join(dir, 'first.ndjson'), days.map((d) => fact(d, 'delta', '2024-01-06')).join('\n') + '\n');
    // the catalog moved the package: its last three days collected again under epsilon, later
    await writeFile(path.join(dir, 'again.ndjson'), days.slice(2).map((d) => fact(d, 'epsilon', '2024-01-07')).join('\n') + '\n');
    for (const file of ['first.ndjson', 'again.ndjson']) expect((await openpulse('import', 'facts', file, '--data-dir', 'moved')).code).toBe(0);
    const exported = async (...flags: string[]) => {
      const r = await openpulse('export', '--format', 'csv', ...flags, '--data-dir', 'moved');
      expect(r.code, r.stderr).toBe(0);
      return r.stdout.trim().split(/\r?\n/).slice(1).map((line) => line.split(',').slice(2, 5).join(' '));
    };
    expect(await exported('--family', 'delta')).toEqual(['delta npm_downloads 2024-01-01', 'delta npm_downloads 2024-01-02']);
    expect(await exported('--family', 'epsilon')).toEqual(days.slice(2).map((d) => `epsilon npm_downloads ${d}`));
    expect(await exported('--family', 'delta', '--family', 'epsilon', '--from', '2024-01-02', '--to', '2024-01-03')).toEqual(['delta npm_downloads 2024-01-02', 'epsilon npm_downloads 2024-01-03']);
    expect(await exported()).toHaveLength(5);
  });

  it('exports CSV with spreadsheet formulas neutralised', async () => {
    const r = await openpulse('export', '--format', 'csv', '--source', 'leaderboard', '--data-dir', 'a');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`"arena-model:=HYPERLINK(""x"")"`);
    expect(r.stdout).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('refuses a broken facts file, naming the file and line, and stores none of it', async () => {
    await writeFile(path.join(dir, 'broken.ndjson'), '{"source":"npm","subject":"npm:x","family":"","metric":"npm_downloads","observed_at":"2024-01-01","value":1}\n{not json\n');
    const r = await openpulse('import', 'facts', 'broken.ndjson', '--data-dir', 'c');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.ndjson:2: not a JSON object/);
    const q = await openpulse('query', "SELECT count() AS n FROM facts WHERE source = 'npm'", '--format', 'csv', '--data-dir', 'c');
    expect(q.stdout.trim().split(/\r?\n/)[1]).toBe('0');
  });

  it('refuses a facts file with a bad value whole, naming its line and value', async () => {
    await writeFile(
      path.join(dir, 'mixed.ndjson'),
      ['{"source":"pypi","subject":"pypi:a","family":"","metric":"pypi_downloads","observed_at":"2024-01-01","value":5}', '{"source":"pypi","subject":"pypi:b","family":"","metric":"pypi_downloads","observed_at":"2024-01-01","value":-3}'].join('\n'),
    );
    const r = await openpulse('import', 'facts', 'mixed.ndjson', '--data-dir', 'd');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mixed.ndjson:2: value -3 is negative');
    expect(r.stdout).toContain('imported 0 facts from 0 file(s), 1 refused: mixed.ndjson');
    const count = await openpulse('query', "SELECT count() AS n FROM facts WHERE subject LIKE 'pypi:%'", '--format', 'csv', '--data-dir', 'd');
    expect(count.stdout).toBe('n\r\n0\r\n');
  });

  it('says what is wrong with the arguments (exit 2)', async () => {
    expect((await openpulse('export', '--format', 'parquet', '--data-dir', 'a')).code).toBe(2);
    expect((await openpulse('export', '--format', 'xlsx', '--data-dir', 'a')).stderr).toMatch(/--format xlsx is not one of ndjson, csv, parquet/);
    expect((await openpulse('import', 'spreadsheet', 'x.csv', '--data-dir', 'a')).code).toBe(2);
  });
});
