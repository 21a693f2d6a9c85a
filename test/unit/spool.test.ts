// The spool keeps facts while the store is unreachable. A file that cannot be
// read whole is moved aside and named, never loaded in part, dropped, or left
// to fail every command that opens the store.

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drainSpool, loadsSpool, spoolRows } from '../../collector/store/spool.ts';
import type { StoredRow } from '../../collector/store/rows.ts';

const row = (subject: string): StoredRow => ({
  source: 'npm',
  subject,
  family: 'gpt',
  metric: 'npm_downloads',
  observed_at: '2026-01-01',
  value: 1,
  detail: '',
  citation: '',
  run_id: 'r1',
  collected_at: '2026-01-02 00:00:00.000',
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-spool-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function drain() {
  const loaded: StoredRow[] = [];
  const lines: string[] = [];
  const result = await drainSpool(dir, async (rows) => void loaded.push(...rows), (line) => lines.push(line));
  return { loaded, lines, result };
}

describe('spool', () => {
  it('writes a file whole under its final name, leaving no temporary file, and loads it once', async () => {
    const file = await spoolRows(dir, 'r1', [row('npm:a'), row('npm:b')]);
    expect(await readdir(dir)).toEqual([path.basename(file)]);
    const first = await drain();
    expect(first.loaded.map((r) => r.subject)).toEqual(['npm:a', 'npm:b']);
    expect(first.result).toEqual({ files: 1, rows: 2, quarantined: [] });
    expect((await drain()).loaded).toEqual([]);
  });

  it('moves a corrupt or half-written file aside as *.corrupt, saying which and what to do, and still loads the others', async () => {
    await spoolRows(dir, 'a-good', [row('npm:good')]);
    await writeFile(path.join(dir, 'b-bad.ndjson'), `${JSON.stringify(row('npm:before'))}\n{"source": "npm", "subj\n`);
    await writeFile(path.join(dir, 'c-cut.ndjson'), `${JSON.stringify(row('npm:whole'))}\n${JSON.stringify(row('npm:cut')).slice(0, 30)}`);
    const { loaded, lines, result } = await drain();
    expect(loaded.map((r) => r.subject)).toEqual(['npm:good']);
    expect(result.quarantined).toEqual([path.join(dir, 'b-bad.ndjson.corrupt'), path.join(dir, 'c-cut.ndjson.corrupt')]);
    expect(lines[0]).toContain(`spool file ${path.join(dir, 'b-bad.ndjson')} cannot be read: line 2 is not JSON`);
    expect(lines[0]).toContain(`moved aside to ${path.join(dir, 'b-bad.ndjson.corrupt')}, nothing of it loaded`);
    expect(lines[0]).toMatch(/rename it back to end in \.ndjson .* otherwise delete it/);
    expect(lines[1]).toContain('c-cut.ndjson cannot be read: it ends in the middle of a line');
    // Kept for a person to look at, and not tried again.
    expect((await readdir(dir)).sort()).toEqual(['b-bad.ndjson.corrupt', 'c-cut.ndjson.corrupt']);
    expect(await readFile(path.join(dir, 'b-bad.ndjson.corrupt'), 'utf8')).toContain('npm:before');
    expect((await drain()).lines).toEqual([]);
  });

  it('refuses a line that is JSON but not a stored fact', async () => {
    await writeFile(path.join(dir, 'x.ndjson'), '{"hello":"world"}\n');
    const { loaded, lines } = await drain();
    expect(loaded).toEqual([]);
    expect(lines[0]).toContain('line 1 is not a stored fact');
  });

  it('hands a note to remake derived rows to the store, and sets aside one whose subjects are not names', async () => {
    await spoolRows(dir, 'refold', [{ spooled: 'refold', subjects: ['npm:a', 'npm:b'] }]);
    await spoolRows(dir, 'refold-all', [{ spooled: 'refold', subjects: null }]);
    await writeFile(path.join(dir, 'x-bad.ndjson'), '{"spooled":"refold","subjects":[1]}\n');
    const refolded: (string[] | null)[] = [];
    const lines: string[] = [];
    const result = await drainSpool(dir, { insert: async () => {}, refold: async (subjects) => void refolded.push(subjects) }, (line) => lines.push(line));
    expect(refolded.sort()).toEqual([['npm:a', 'npm:b'], null].sort());
    expect(result).toMatchObject({ files: 2, rows: 0 });
    expect(lines.join('\n')).toMatch(/line 1 is a note to remake derived rows whose subjects are neither a list of names nor null/);
    expect(await readdir(dir)).toEqual(['x-bad.ndjson.corrupt']);
  });

  it('quarantines a temporary file whose writer no longer runs, and leaves one being written alone', async () => {
    // pid 2^22+1 is above Linux's pid_max default range: no such process.
    await writeFile(path.join(dir, '.r1-1-abc.ndjson.4194305.tmp'), JSON.stringify(row('npm:half')));
    await writeFile(path.join(dir, `.r2-1-abc.ndjson.${process.pid}.tmp`), JSON.stringify(row('npm:writing')));
    const { loaded, lines } = await drain();
    expect(loaded).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('.r1-1-abc.ndjson.4194305.tmp was left half-written by a run that stopped while writing it');
    expect((await readdir(dir)).sort()).toEqual(['.r1-1-abc.ndjson.4194305.tmp.corrupt', `.r2-1-abc.ndjson.${process.pid}.tmp`]);
  });

  it('is loaded only by jobs that write facts', () => {
    for (const job of ['collect', 'backfill npm', 'main', 'schedule', 'import leaderboard', 'import facts']) expect(loadsSpool(job), job).toBe(true);
    for (const job of ['status', 'query', 'build', 'report', 'export', 'test']) expect(loadsSpool(job), job).toBe(false);
  });
});
