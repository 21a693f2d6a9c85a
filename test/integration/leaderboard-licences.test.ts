// A table with the real tables' problems (test/fixtures/leaderboard) through the real
// commands and store: `openpulse import leaderboard` keeps every model, the named queries
// give the three figures plus unknown and the unclassified strings, and `openpulse status`
// lists those strings with their row counts.

import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../collector/config.ts';
import { runInProcess } from '../helpers/cli.ts';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'leaderboard');
let dir: string;
let dataDir: string;

const openpulse = (...args: string[]) => runInProcess([...args, '--data-dir', dataDir]);
const csvRows = (stdout: string) => stdout.trim().split(/\r?\n/);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-lb-licences-'));
  dataDir = path.join(dir, 'data');
  // The same table again under a later date: a string's rows add up over tables.
  await copyFile(path.join(FIXTURES, 'leaderboard_table_20250505.csv'), path.join(dir, 'leaderboard_table_20250505.csv'));
  await copyFile(path.join(FIXTURES, 'leaderboard_table_20250505.csv'), path.join(dir, 'leaderboard_table_20250511.csv'));
});
afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

describe('unknown licences and model identity, end to end', () => {
  it('imports both tables whole, with no problem and the fold of the repeated key logged', async () => {
    const r = await openpulse('import', 'leaderboard', dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/imported 2 leaderboard table\(s\): \d+ facts stored, 0 problem\(s\)/);
    expect(r.stderr).toMatch(/leaderboard_table_20250511\.csv:28: key "yi-34b-chat" is listed again \(first on line 21\) in 2025-05-11's table; counted once/);
  });

  it('derives proprietary, open non-commercial and open, plus unknown, per table', async () => {
    const q = await openpulse('query', 'leaderboard_openness', '--param', 'from=2025-05-05', '--param', 'to=2025-05-05', '--format', 'csv');
    expect(q.code, q.stderr).toBe(0);
    expect(csvRows(q.stdout).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'table_date,class,models',
      '2025-05-05,closed,6',
      '2025-05-05,open_noncommercial,4',
      '2025-05-05,open,10',
      '2025-05-05,unknown,6',
    ]);
  });

  it('lists the strings in no class with their model rows over the tables', async () => {
    const q = await openpulse('query', 'leaderboard_unknown_licences', '--format', 'csv');
    expect(q.code, q.stderr).toBe(0);
    expect(csvRows(q.stdout).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'licence,models,tables',
      'Open,4,2',
      "'-,2,2", // CSV output guards a leading "-" against spreadsheet formulas
      'N/A,2,2',
      'NexusFlow,2,2',
      'Other,2,2',
    ]);
  });

  it('shows them in openpulse status', async () => {
    const r = await openpulse('status');
    expect(r.stdout).toContain('leaderboard licences in no class (counted as unknown; add each that names a licence to leaderboard_licences in the catalog, then import the tables again):');
    expect(r.stdout).toMatch(/\n  "Open"\s+4 model rows in 2 table\(s\), newest 2025-05-11 \(e\.g\. flux-1-dev-fp8, stable-diffusion-v35-large\)\n/);
    expect(r.stdout).toMatch(/\n  "-"\s+2 model rows in 2 table\(s\), newest 2025-05-11 \(e\.g\. nvila-internal-15b-v1\)\n/);
  });
});
