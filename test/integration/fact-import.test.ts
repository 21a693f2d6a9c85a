// Bulk `import facts` runs in the engine (collector/store/fact-import.ts): the file is staged,
// every row checked by one query, and all rows stored or none. The engine's check and the
// line reader's (parseFactsNdjson, which names the lines at fault) must refuse the same lines
// and accept the same ones, or a file could go in that the line reader would refuse.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFactsNdjson } from '../../collector/commands/import.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';

const TODAY = '2026-12-01';
const base = { source: 'npm', subject: 'npm:openai', family: 'gpt', metric: 'npm_downloads', observed_at: '2024-01-02', value: 12 };
const line = (over: Record<string, unknown>) => JSON.stringify({ ...base, ...over });
const without = (key: string) => JSON.stringify(Object.fromEntries(Object.entries(base).filter(([k]) => k !== key)));

/** Lines the line reader refuses, each for its own reason. */
const BAD: [string, string][] = [
  ['unknown source', line({ source: 'nuget' })],
  ['unknown metric', line({ metric: 'npm_installs' })],
  ['empty subject', line({ subject: '' })],
  ['no subject', without('subject')],
  ['day that does not exist', line({ observed_at: '2024-02-30' })],
  ['day before 2000', line({ observed_at: '1999-12-31' })],
  ['day after today', line({ observed_at: '2026-12-02' })],
  ['day without leading zeros', line({ observed_at: '2024-1-02' })],
  ['day as a number', line({ observed_at: 20240102 })],
  ['no day', without('observed_at')],
  ['value in words', line({ value: 'abc' })],
  ['value true', line({ value: true })],
  ['value null', line({ value: null })],
  ['no value', without('value')],
  ['negative value', line({ value: -1 })],
  ['absurd value', line({ value: 1e14 })],
  ['value past Float64', line({ value: '1e400' })],
  ['value an object', line({ value: { n: 1 } })],
  ['value an array', line({ value: [1] })],
  ['value with trailing text', line({ value: '12 x' })],
  ['detail not JSON', line({ detail: 'not json' })],
  ['line cut short', '{"source":"npm","subject":"npm:openai","metric":"npm_downl'],
  ['not JSON', 'hello'],
];

/** Lines both accept, with the value each stores. */
const GOOD: [string, string, number][] = [
  ['a number', line({}), 12],
  ['a number in a string, spaced', line({ value: ' 13 ' }), 13],
  ['a trailing point', line({ value: '1.' }), 1],
  ['a leading point', line({ value: '.5' }), 0.5],
  ['an exponent', line({ value: 1.5e3 }), 1500],
  ['the largest value', line({ value: 1e13 }), 1e13],
  ['JSON detail and export columns', line({ detail: '{"entry":"x"}', run_id: 'r1', collected_at: '2024-01-03 00:00:00.000' }), 12],
  ['a leap day', line({ observed_at: '2024-02-29' }), 12],
  ['today', line({ observed_at: TODAY }), 12],
];

let t: TestStore;
let dir: string;
let n = 0;

async function engineImport(lines: string[]) {
  const file = path.join(dir, `f${++n}.ndjson`);
  await writeFile(file, `${lines.join('\n')}\n`);
  return t.store.importFactFile(file, { runId: `run-${n}`, collectedAt: new Date('2026-12-01T10:00:00Z'), today: TODAY });
}

beforeAll(async () => {
  t = await openTestStore();
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-fact-import-'));
});
afterAll(async () => {
  await t?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('engine import and the line reader agree', () => {
  it.each(BAD)('both refuse a line with %s, and the engine stores nothing of its file', async (_why, bad) => {
    expect(parseFactsNdjson(`${line({ subject: 'npm:fine' })}\n${bad}\n`, 'f.ndjson', TODAY).errors).toHaveLength(1);
    const result = await engineImport([line({ subject: 'npm:fine' }), bad]);
    expect(['invalid', 'unreadable']).toContain(result.status);
    const stored = await t.store.rows<{ n: number }>("SELECT count() AS n FROM observations WHERE subject = 'npm:fine'");
    expect(Number(stored[0]!.n)).toBe(0);
  });

  it.each(GOOD)('both accept %s and store the same value', async (_why, good, value) => {
    const parsed = parseFactsNdjson(good, 'f.ndjson', TODAY);
    expect(parsed.errors).toEqual([]);
    expect(parsed.facts[0]!.value).toBe(value);
    const subject = `npm:good-${n + 1}`;
    const result = await engineImport([JSON.stringify({ ...JSON.parse(good), subject })]);
    expect(result).toEqual({ status: 'stored', bySource: [{ source: 'npm', rows: 1 }] });
    const rows = await t.store.rows<{ value: number; run_id: string }>('SELECT value, run_id FROM observations WHERE subject = {s:String}', { s: subject });
    expect(rows).toEqual([{ value, run_id: `run-${n}` }]);
  });
});

describe('engine import of a file in many batches', () => {
  it('stores every row of every batch, counted per source, and leaves no staging table behind', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      // 40 subjects × 500 days, each (subject, day) once: no row replaces another.
      const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 40) * 86_400_000).toISOString().slice(0, 10);
      lines.push(i % 4 === 0 ? line({ source: 'pypi', metric: 'pypi_downloads', subject: `pypi:p${i % 40}`, observed_at: day, value: i }) : line({ subject: `npm:p${i % 40}`, observed_at: day, value: i }));
    }
    const file = path.join(dir, 'many.ndjson');
    await writeFile(file, `${lines.join('\n')}\n`);
    const progress: number[] = [];
    // Batches of 64 KB: about 25 of them for this 1.8 MB file.
    const result = await t.store.importFactFile(file, { runId: 'many', collectedAt: new Date('2026-12-01T10:00:00Z'), today: TODAY, batchBytes: 64 * 1024, onProgress: (b) => progress.push(b) });
    expect(result).toEqual({ status: 'stored', bySource: [{ source: 'npm', rows: 15_000 }, { source: 'pypi', rows: 5_000 }] });
    expect(progress.length).toBeGreaterThan(10);
    const [sum] = await t.store.rows<{ n: number; s: number }>("SELECT count() AS n, sum(value) AS s FROM observations WHERE run_id = 'many'");
    expect(Number(sum!.n)).toBe(20_000);
    expect(Number(sum!.s)).toBe((19_999 * 20_000) / 2);
    const staging = await t.store.rows<{ name: string }>("SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE 'openpulse_import%'");
    expect(staging).toEqual([]);
  });

  it('stores nothing when a bad row is in the last batch of many', async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => line({ subject: `npm:late${i}` }));
    lines.push(line({ subject: 'npm:late-bad', value: -5 }));
    const file = path.join(dir, 'late.ndjson');
    await writeFile(file, `${lines.join('\n')}\n`);
    const result = await t.store.importFactFile(file, { runId: 'late', collectedAt: new Date(), today: TODAY, batchBytes: 32 * 1024 });
    expect(result).toEqual({ status: 'invalid', rows: 1 });
    const [count] = await t.store.rows<{ n: number }>("SELECT count() AS n FROM observations WHERE run_id = 'late'");
    expect(Number(count!.n)).toBe(0);
  });

  it('hands a file with a byte-order mark back to the line reader, which decodes it', async () => {
    const file = path.join(dir, 'bom.ndjson');
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${line({})}\n`)]));
    const result = await t.store.importFactFile(file, { runId: 'bom', collectedAt: new Date(), today: TODAY });
    expect(result).toEqual({ status: 'unreadable', why: 'the file starts with a byte-order mark' });
  });
});
