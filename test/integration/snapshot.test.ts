// The site's snapshot folder (collector/snapshot): every result's rows streamed into a file
// of their own and read back, page by page, as the same rows the store answers; a snapshot
// that fails half-way leaves the previous one whole, and the folders a killed build was writing
// one into are cleared by the next; the site's downloads written from it a
// row at a time are the whole result written at once.

import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARCHIVED_REPORTS, siteReports } from '../../collector/snapshot/report-archive.ts';
import { parseCatalog } from '../../collector/catalog.ts';
import type { Observation } from '../../collector/observation.ts';
import { recordsToCsv } from '../../charts/csv.ts';
import { copyDownloads, downloadPaths, writeDownloads } from '../../collector/snapshot/downloads.ts';
import { openSnapshot, rowLines, rowRecords } from '../../collector/snapshot/read.ts';
import { snapshotCatalog, writeResults, type SiteDataRequest, type SnapshotIndex } from '../../collector/snapshot/site-data.ts';
import { snapshotDir, writeSnapshot } from '../../collector/snapshot/write.ts';
import type { Store } from '../../collector/store/index.ts';
import { catalogYaml, GPT4, LLAMA } from '../helpers/catalogs.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';

const CATALOG = parseCatalog(catalogYaml({ ...LLAMA, npm: ['llama-stack'] }, { ...GPT4, npm: ['openai'] }), 'test.yml');
let t: TestStore;

beforeAll(async () => {
  t = await openTestStore();
  await t.store.syncCatalog(CATALOG);
  const facts: Observation[] = [];
  for (let d = 0; d < 400; d++) {
    const day = new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    facts.push({ source: 'npm', subject: 'npm:openai', family: 'gpt', metric: 'npm_downloads', observed_at: day, value: 1000 + d });
    facts.push({ source: 'npm', subject: 'npm:llama-stack', family: 'llama', metric: 'npm_downloads', observed_at: day, value: 500 + 2 * d });
  }
  await t.store.insert(facts, 'snapshot-test');
});
afterAll(async () => t?.cleanup());

describe('snapshot folder', () => {
  it('streams each result into its own file and reads back the rows the store answers', async () => {
    const dir = path.join(t.dir, 'results');
    const requests: SiteDataRequest[] = [
      { key: 'families', query: 'families' },
      { key: 'downloads', query: 'metric_by_family', params: { metric: 'downloads', from: '2025-01-01', to: '2026-02-04' } },
      { key: 'empty', query: 'metric_by_family', params: { metric: 'stars', from: '2025-01-01', to: '2025-02-01' } },
    ];
    const progress: number[] = [];
    const results = await writeResults(t.store, requests, dir, (done) => progress.push(done));
    expect(progress).toEqual([1, 2, 3]);
    expect(results.downloads!.rowCount).toBe(800);
    expect(results.empty!.rowCount).toBe(0);
    expect((await readdir(path.join(dir, 'rows'))).sort()).toEqual(['0.ndjson', '1.ndjson', '2.ndjson']);
    // The columns' names, then a JSON array of values per row in their order, as the pages read them.
    const lines = (await readFile(path.join(dir, results.downloads!.rowsFile), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as unknown[]);
    expect(lines).toHaveLength(801);
    expect(lines[0]).toEqual(['day', 'family', 'name', 'openness', 'value', 'subjects', 'excluded_subjects']);
    expect(lines.slice(1).every((l) => Array.isArray(l) && l.length === 7)).toBe(true);
    // A result without rows still names its columns.
    expect((await readFile(path.join(dir, results.empty!.rowsFile), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([lines[0]]);
  });

  it('reads the rows back lazily, the same after other results have pushed them out of memory', async () => {
    const dir = snapshotDir(t.config.dataDir);
    // More results than are kept parsed at once (32), the first one the largest.
    const requests: SiteDataRequest[] = [
      { key: 'downloads', query: 'metric_by_family', params: { metric: 'downloads', from: '2025-01-01', to: '2026-02-04' } },
      ...Array.from({ length: 40 }, (_, i) => ({ key: `families-${i}`, query: 'families' })),
    ];
    const written = await writeResults(t.store, requests, dir);
    const head = { generatedAt: '2026-02-05T12:00:00.000Z', simulated: false };
    const bytes = await writeDownloads(dir, written, head);
    const results = Object.fromEntries(Object.entries(written).map(([key, r]) => [key, { ...r, downloadBytes: bytes[key]! }]));
    const index: SnapshotIndex = { ...head, store: 'embedded', catalog: snapshotCatalog(CATALOG), results, reports: [] };
    await writeFile(path.join(dir, 'index.json'), JSON.stringify(index));
    const data = openSnapshot(dir);
    expect(data.catalog.file).toBe('test.yml');
    const expected = await t.store.query('metric_by_family', data.results.downloads!.params);
    expect(data.results.downloads!.rows).toEqual(expected);
    for (let i = 0; i < 40; i++) expect(data.results[`families-${i}`]!.rows).toEqual(await t.store.query('families'));
    expect(data.results.downloads!.rows).toEqual(expected);
    // Serialised (the Data page's JSON files), a result carries its rows.
    expect(JSON.parse(JSON.stringify(data.results.downloads)).rows).toHaveLength(800);
  });

  it('keeps the previous snapshot whole when a query fails half-way through a new one', async () => {
    // The snapshot the previous test wrote is the one in place.
    const before = openSnapshot(snapshotDir(t.config.dataDir));
    let calls = 0;
    const failing: Store = Object.create(t.store, {
      queryEach: {
        value: (name: string, params: never, onBytes: (bytes: Buffer) => void) => {
          if (++calls === 5) throw new Error('the store went away');
          return t.store.queryEach(name, params, onBytes);
        },
      },
    });
    await expect(writeSnapshot(failing, CATALOG, { dataDir: t.config.dataDir, now: new Date('2026-02-06T12:00:00Z'), simulated: false })).rejects.toThrow(/cannot write the site data in .*site-data: the store went away/);
    const after = openSnapshot(snapshotDir(t.config.dataDir));
    expect(after.generatedAt).toBe(before.generatedAt);
    expect(Object.keys(after.results)).toEqual(Object.keys(before.results));
    // No half-written folder is left beside it.
    expect((await readdir(t.config.dataDir)).filter((f) => f.includes('site-data')).sort()).toEqual(['site-data']);
  });

  it('removes the folders a killed build was writing a snapshot into, and leaves a running one\'s', async () => {
    // a data directory of its own, so the snapshot the other tests read stays theirs
    const dataDir = path.join(t.dir, 'abandoned');
    // a process that has ended: its number is free
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    const running = process.ppid;
    for (const name of [`.site-data.${ended}.tmp`, `.site-data.${ended}.tmp.previous`, `.site-data.${running}.tmp`]) {
      await mkdir(path.join(dataDir, name, 'rows'), { recursive: true });
      await writeFile(path.join(dataDir, name, 'rows', '0.ndjson'), '["day"]\n');
    }
    // cleared before the first query: a store that fails at once writes nothing of its own
    const failing: Store = Object.create(t.store, {
      queryEach: {
        value: () => {
          throw new Error('the store went away');
        },
      },
    });
    await expect(writeSnapshot(failing, CATALOG, { dataDir, now: new Date('2026-02-06T12:00:00Z'), simulated: false })).rejects.toThrow(/the store went away/);
    expect(await readdir(dataDir)).toEqual([`.site-data.${running}.tmp`]);
  });

  it('keeps the previous snapshot whole when a report fails while the downloads are written, and says why', async () => {
    const before = openSnapshot(snapshotDir(t.config.dataDir));
    // The reports' queries go through query(), the site's through queryEach(): the first report query fails.
    let calls = 0;
    const failing: Store = Object.create(t.store, {
      query: {
        value: (name: string, params?: never) => {
          if (++calls === 1) return Promise.reject(new Error('the engine ran out of memory'));
          return t.store.query(name, params);
        },
      },
    });
    const downloads: [number, number][] = [];
    await expect(
      writeSnapshot(failing, CATALOG, { dataDir: t.config.dataDir, now: new Date('2026-02-06T12:00:00Z'), simulated: false, onDownloads: (done, total) => downloads.push([done, total]) }),
    ).rejects.toThrow(/cannot write the site data in .*site-data: the engine ran out of memory/);
    // The downloads ran to their end before the folder was removed: nothing was writing into it then.
    const [done, total] = downloads.at(-1)!;
    expect(total).toBeGreaterThan(0);
    expect(done).toBe(total);
    const after = openSnapshot(snapshotDir(t.config.dataDir));
    expect(after.generatedAt).toBe(before.generatedAt);
    expect((await readdir(t.config.dataDir)).filter((f) => f.includes('site-data')).sort()).toEqual(['site-data']);
  });

  it('makes the archived reports one after another, saying after each how many are made', async () => {
    const progress: string[] = [];
    const reports = await siteReports(t.store, new Date('2026-02-06T12:00:00Z'), false, CATALOG, (done, total) => progress.push(`${done}/${total}`));
    const total = ARCHIVED_REPORTS;
    expect(reports).toHaveLength(total);
    expect(progress).toEqual(Array.from({ length: total + 1 }, (_, i) => `${i}/${total}`));
  });

  it('reads a result\'s first rows without the rest, the same as its rows\' head', async () => {
    const data = openSnapshot(snapshotDir(t.config.dataDir));
    const downloads = data.results.downloads!;
    expect(downloads.rowCount).toBe(800);
    // Fewer, as many and more rows than the result has.
    const all = await t.store.query('metric_by_family', downloads.params);
    for (const count of [0, 1, 700, 800, 5000]) expect(downloads.firstRows!(count), `${count}`).toEqual(all.slice(0, count));
    // Not part of a result written as JSON.
    expect(Object.keys(JSON.parse(JSON.stringify(downloads)))).not.toContain('firstRows');
  });

  it('writes every result\'s CSV and JSON a row at a time, the same as the whole result written at once, and the build copies them', async () => {
    const dir = path.join(t.dir, 'downloads-snapshot');
    const requests: SiteDataRequest[] = [
      { key: 'families', query: 'families' },
      { key: 'downloads', query: 'metric_by_family', params: { metric: 'downloads', from: '2025-01-01', to: '2026-02-04' } },
      { key: 'empty', query: 'metric_by_family', params: { metric: 'stars', from: '2025-01-01', to: '2025-02-01' } },
    ];
    const written = await writeResults(t.store, requests, dir);
    // A result with text a spreadsheet or a JSON reader could trip on, as rows file lines the store would write.
    const hostile = [
      { name: '=HYPERLINK("x")', note: 'a "quoted", comma\r\nand lines', tags: ['a', 'b'], value: null },
      { name: '-12.5', note: '开源 ✓ \u2028', tags: [], value: -3 },
    ];
    const names = Object.keys(hostile[0]!);
    await writeFile(path.join(dir, 'rows', 'hostile.ndjson'), [names, ...hostile.map((r) => Object.values(r))].map((l) => `${JSON.stringify(l)}\n`).join(''));
    written.hostile = {
      query: 'families', description: 'hand-written rows', sql: 'SELECT 1', params: {}, rowCount: 2, rowsFile: 'rows/hostile.ndjson',
      columns: [{ name: 'name', type: 'String' }, { name: 'note', type: 'String' }, { name: 'tags', type: 'Array(String)' }, { name: 'value', type: 'Nullable(Int64)' }],
    };
    const head = { generatedAt: '2026-02-05T12:00:00.000Z', simulated: true };
    const progress: number[] = [];
    const bytes = await writeDownloads(dir, written, head, (done) => progress.push(done));
    expect(progress).toEqual([1, 2, 3, 4]);
    const results = Object.fromEntries(Object.entries(written).map(([key, r]) => [key, { ...r, downloadBytes: bytes[key]! }]));
    await writeFile(path.join(dir, 'index.json'), JSON.stringify({ ...head, store: 'embedded', catalog: snapshotCatalog(CATALOG), results, reports: [] } satisfies SnapshotIndex));
    const data = openSnapshot(dir);
    for (const key of ['families', 'downloads', 'empty', 'hostile']) {
      const { rowCount: _count, downloadBytes: _bytes, ...r } = data.results[key]!;
      const files = downloadPaths(key);
      // Byte for byte what the whole result written at once is: the JSON with its rows last, the CSV of every row.
      const json = await readFile(path.join(dir, files.json), 'utf8');
      const csv = await readFile(path.join(dir, files.csv), 'utf8');
      expect(json, key).toBe(JSON.stringify({ key, generated_at: head.generatedAt, simulated: true, ...r }));
      expect(csv, key).toBe(recordsToCsv(r.columns.map((c) => c.name), r.rows));
      // The sizes the pages' links state.
      expect(data.results[key]!.downloadBytes, key).toEqual({ csv: Buffer.byteLength(csv), json: Buffer.byteLength(json) });
    }
    expect(JSON.parse(await readFile(path.join(dir, 'data/downloads.json'), 'utf8')).rows).toEqual(await t.store.query('metric_by_family', requests[1]!.params));
    expect(await readFile(path.join(dir, 'data/hostile.csv'), 'utf8')).toBe('name,note,tags,value\r\n"\'=HYPERLINK(""x"")","a ""quoted"", comma\r\nand lines","[""a"",""b""]",\r\n-12.5,开源 ✓ \u2028,[],-3\r\n');
    // The build publishes them as they are.
    const site = path.join(t.dir, 'downloads-site');
    expect(await copyDownloads(dir, site)).toBe(8);
    for (const key of ['families', 'downloads', 'empty', 'hostile']) {
      for (const file of Object.values(downloadPaths(key))) expect(await readFile(path.join(site, file), 'utf8'), file).toBe(await readFile(path.join(dir, file), 'utf8'));
    }
  });

  it('refuses a rows file that does not hold the rows its index counts, and says what to do', async () => {
    const dir = path.join(t.dir, 'downloads-snapshot');
    const index = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as SnapshotIndex;
    await expect(writeDownloads(dir, { hostile: { ...index.results.hostile!, rowCount: 3 } }, index)).rejects.toThrow(
      /the site data's result "hostile" has 2 rows in rows\/hostile\.ndjson, but its index says 3: run "openpulse build" again/,
    );
  });

  it('fails with the file\'s error, not an unhandled one, when a download cannot be written', async () => {
    const dir = path.join(t.dir, 'downloads-snapshot');
    const index = JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as SnapshotIndex;
    // A folder where the JSON file goes: opening it for writing fails (EISDIR).
    await mkdir(path.join(dir, 'data', 'blocked.json'), { recursive: true });
    await expect(writeDownloads(dir, { blocked: { ...index.results.families! } }, index)).rejects.toThrow(/EISDIR/);
  });

  it('reads a rows file line by line across chunk boundaries, multi-byte characters and a last line without a newline', async () => {
    const file = path.join(t.dir, 'lines.ndjson');
    const lines = ['{"a":"开源 ✓"}', '{"b":"\u2028 — é"}', '{"c":[1,2,3]}', '{"d":"last"}'];
    await writeFile(file, `${lines.slice(0, 3).join('\n')}\n\n${lines[3]}`);
    for (const chunkBytes of [1, 2, 3, 7, 64, 1 << 16]) expect([...rowLines(file, chunkBytes)], `${chunkBytes}`).toEqual(lines);
  });

  it('refuses a rows file without its columns\' names first, or with a row of other columns, and says what to do', async () => {
    // An object per line: the rows files of an older snapshot.
    const objects = path.join(t.dir, 'objects.ndjson');
    await writeFile(objects, '{"day":"2025-01-01","value":1}\n');
    expect(() => [...rowRecords(objects)]).toThrow(/objects\.ndjson does not begin with its columns' names .*: run "openpulse build" again/);
    const short = path.join(t.dir, 'short.ndjson');
    await writeFile(short, '["day","value"]\n["2025-01-01",1]\n["2025-01-02"]\n');
    expect(() => [...rowRecords(short)]).toThrow(/short\.ndjson:3 is not a row of its 2 columns .*: run "openpulse build" again/);
    // Its rows before that one come as they are.
    const first = rowRecords(short).next();
    expect(first.value).toEqual({ day: '2025-01-01', value: 1 });
  });

  it('makes each row an object of its columns, whatever they are named', async () => {
    const file = path.join(t.dir, 'names.ndjson');
    await writeFile(file, '["__proto__","constructor","a b","\\"q\\"","开源"]\n[{"x":1},"c",1,2,3]\n');
    const [row] = [...rowRecords(file)];
    // Own keys, in the columns' order, as JSON.parse makes them from an object: a column named __proto__ sets no prototype.
    expect(Object.keys(row!)).toEqual(['__proto__', 'constructor', 'a b', '"q"', '开源']);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(row).toEqual(JSON.parse('{"__proto__":{"x":1},"constructor":"c","a b":1,"\\"q\\"":2,"开源":3}'));
  });

  it('says what to do when there is no snapshot', () => {
    expect(() => openSnapshot(path.join(t.dir, 'nowhere'))).toThrow(/cannot read the site data in .*nowhere \(ENOENT\): run "openpulse build"/);
  });
});
