// Benchmark (not a test): `openpulse import facts` next to the engine inserting the same
// file, at each size. A generated store (bench/generate.ts) is written out as one NDJSON
// file by the engine, the way `openpulse export --format ndjson` writes it (same columns,
// from the facts view; export itself holds its whole output in memory, which 50 M facts
// would not fit); then, each in a fresh store and its own child process under GNU time
// (wall time and peak resident memory):
//   import   node collector/cli.mjs import facts FILE --data-dir D --catalog C
//   engine   the store opened the same way, the catalog synced, then one
//            INSERT INTO observations SELECT … FROM file(FILE, JSONEachRow)
//   opening  the store opened and the catalog synced, nothing inserted: the fixed cost in both
// Writes bench/results/ingest.json (sizes not measured now are kept).
//   node bench/ingest.ts [--sizes 1e6] [--families 92]

import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../collector/catalog.ts';
import { EXECUTABLE, loadConfig } from '../collector/config.ts';
import { isoDay } from '../collector/days.ts';
import { openStore } from '../collector/store/index.ts';
import { benchArgs, childFailed, int, isMain, mergedSizes, mib, parseSizes, runChild, sizeFlag, sizeLabel, wholeArg, writeResult } from './common.ts';
import { generateStore, LAST_DAY } from './generate.ts';

const WRITE = { readonly: false } as const;
/** The columns `openpulse export --format ndjson` writes, in its order. */
const COLUMNS = 'source, subject, family, metric, observed_at, value, detail, citation, run_id, collected_at';
/** The file's structure, given to file() so the engine reads it as it is, without inferring; quoted for a SQL string. */
const STRUCTURE = "source String, subject String, family String, metric String, observed_at Date, value Float64, detail String, citation String, run_id String, collected_at DateTime64(3, \\'UTC\\')";

interface Way {
  seconds: number;
  factsPerSecond: number;
  peakRssBytes: number | null;
  /** Facts in the store afterwards. */
  stored: number;
  /** For the engine: the INSERT statement alone, without starting Node and opening the store. */
  statementSeconds?: number;
}

export interface IngestSize {
  facts: number;
  date: string;
  fileBytes: number;
  exportSeconds: number;
  import: Way;
  engine: Way;
  opening: { seconds: number; peakRssBytes: number | null };
}

export interface IngestFigures {
  sizes: IngestSize[];
}

/** Writes the store's facts to one NDJSON file, by the engine; returns the seconds it took. */
async function exportFacts(dataDir: string, file: string): Promise<number> {
  const store = await openStore(loadConfig({ env: {}, flags: { dataDir } }), { job: 'bench' });
  const t0 = performance.now();
  try {
    await store.rows(`INSERT INTO FUNCTION file('${file}', JSONEachRow, '${STRUCTURE}') SELECT ${COLUMNS} FROM facts`, {}, WRITE);
  } finally {
    await store.close();
  }
  return (performance.now() - t0) / 1000;
}

async function storedFacts(dataDir: string): Promise<number> {
  const store = await openStore(loadConfig({ env: {}, flags: { dataDir } }), { job: 'bench' });
  try {
    return (await store.rows<{ n: number }>('SELECT count() AS n FROM facts'))[0]?.n ?? 0;
  } finally {
    await store.close();
  }
}

async function measureSize(facts: number, options: { families: number; log: (line: string) => void }): Promise<IngestSize> {
  const { log } = options;
  const work = await mkdtemp(path.join(os.tmpdir(), 'openpulse-bench-ingest-'));
  try {
    const generated = await generateStore({ facts, dataDir: path.join(work, 'generated'), families: options.families, log });
    const file = path.join(work, 'facts.ndjson');
    const exportSeconds = await exportFacts(generated.dataDir, file);
    const fileBytes = (await stat(file)).size;
    log(`ingest: ${mib(fileBytes)} of NDJSON written by the engine in ${exportSeconds.toFixed(1)} s`);

    const catalog = ['--catalog', generated.catalogFile];
    const opening = await runChild(process.execPath, ['bench/ingest.ts', '--engine-insert', '', '--data-dir', path.join(work, 'opening'), ...catalog]);
    if (opening.code !== 0) throw childFailed('opening a store', opening);
    log(`ingest: opening a fresh store and syncing the catalog: ${opening.seconds.toFixed(1)} s, peak ${opening.peakRss ? mib(opening.peakRss) : '?'}`);

    const imported = await runChild(process.execPath, [EXECUTABLE, 'import', 'facts', file, '--data-dir', path.join(work, 'import'), ...catalog]);
    if (imported.code !== 0) throw childFailed('openpulse import facts', imported);
    const importStored = await storedFacts(path.join(work, 'import'));
    log(`ingest: openpulse import facts: ${imported.seconds.toFixed(1)} s (${int(facts / imported.seconds)} facts/s), peak ${imported.peakRss ? mib(imported.peakRss) : '?'}, ${int(importStored)} stored`);

    const engine = await runChild(process.execPath, ['bench/ingest.ts', '--engine-insert', file, '--data-dir', path.join(work, 'engine'), ...catalog]);
    if (engine.code !== 0) throw childFailed('the engine insert', engine);
    const reported = JSON.parse(engine.stdout.trim().split('\n').pop()!) as { statementSeconds: number; stored: number };
    log(`ingest: engine INSERT … FROM file(): ${engine.seconds.toFixed(1)} s (statement ${reported.statementSeconds.toFixed(1)} s), peak ${engine.peakRss ? mib(engine.peakRss) : '?'}, ${int(reported.stored)} stored`);

    return {
      facts,
      date: new Date().toISOString(),
      fileBytes,
      exportSeconds,
      import: { seconds: imported.seconds, factsPerSecond: facts / imported.seconds, peakRssBytes: imported.peakRss, stored: importStored },
      engine: { seconds: engine.seconds, factsPerSecond: facts / engine.seconds, peakRssBytes: engine.peakRss, stored: reported.stored, statementSeconds: reported.statementSeconds },
      opening: { seconds: opening.seconds, peakRssBytes: opening.peakRss },
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The child that stands for the engine: opens a fresh store and syncs the catalog as
 * `openpulse import` does, then inserts the file in one statement (none when `file` is
 * empty: the opening cost alone). Prints its figures as one JSON line.
 */
async function engineInsert(file: string, dataDir: string, catalogFile: string): Promise<void> {
  const store = await openStore(loadConfig({ env: {}, flags: { dataDir, catalog: catalogFile } }), { job: 'import facts' });
  try {
    await store.syncCatalog(await loadCatalog(catalogFile));
    const t0 = performance.now();
    if (file) await store.rows(`INSERT INTO observations (${COLUMNS}) SELECT ${COLUMNS} FROM file('${file}', JSONEachRow, '${STRUCTURE}')`, {}, WRITE);
    const statementSeconds = (performance.now() - t0) / 1000;
    const stored = (await store.rows<{ n: number }>('SELECT count() AS n FROM facts'))[0]?.n ?? 0;
    process.stdout.write(`${JSON.stringify({ statementSeconds, stored })}\n`);
  } finally {
    await store.close();
  }
}

export function ingestMarkdown(figures: IngestFigures): string {
  const sizes = [...figures.sizes].sort((a, b) => a.facts - b.facts);
  const rss = (n: number | null) => (n === null ? '–' : mib(n));
  return [
    'The same NDJSON file (the columns `openpulse export --format ndjson` writes, written by the engine from a generated store), each way into a fresh embedded store in its own process; wall time and peak resident memory of that process (GNU time). "Opening" is a process that opens a fresh store, syncs the catalog and inserts nothing: the fixed cost inside both. Both read the file through the engine\'s `file()`. The engine\'s INSERT here reads it as chDB does by default, mapped into memory (`storage_file_read_method` mmap): its peak counts the mapped pages of the file, page cache the kernel can take back, so it grows with the file. `openpulse import` reads it in buffers (`pread`, collector/store/fact-import.ts) since 2026-12-05 19:00, so its peak is what the engine holds while it parses and writes; before, it read the file mapped as well, and its peak grew with the file like the engine\'s (run of 2026-12-04: 1 M facts 955 MiB, 5 M 2,473 MiB, 10 M 3,703 MiB, 50 M 13,221 MiB).',
    '',
    '| facts | NDJSON | `openpulse import facts` | facts/s | peak memory | engine `INSERT … FROM file()` | facts/s | statement alone | peak memory | opening | stored (import / engine) | run |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...sizes.map(
      (s) =>
        `| ${sizeLabel(s.facts)} | ${mib(s.fileBytes)} | ${s.import.seconds.toFixed(1)} s | ${int(s.import.factsPerSecond)} | ${rss(s.import.peakRssBytes)} | ${s.engine.seconds.toFixed(1)} s | ${int(s.engine.factsPerSecond)} | ${s.engine.statementSeconds?.toFixed(1) ?? '–'} s | ${rss(s.engine.peakRssBytes)} | ${s.opening.seconds.toFixed(1)} s, ${rss(s.opening.peakRssBytes)} | ${int(s.import.stored)} / ${int(s.engine.stored)} | ${s.date.slice(0, 10)} |`,
    ),
  ].join('\n');
}

if (isMain(import.meta)) {
  const values = benchArgs(import.meta, {
    sizes: { type: 'string', default: '1e6' },
    families: { type: 'string', default: '92' },
    // the engine's side of one measurement, in a child process of this script (measureSize)
    'engine-insert': { type: 'string' },
    'data-dir': { type: 'string' },
    catalog: { type: 'string' },
  });
  if (values['engine-insert'] !== undefined) {
    await engineInsert(values['engine-insert'], values['data-dir']!, values.catalog!);
  } else {
    // import refuses facts dated after today; the generated ones end on LAST_DAY.
    if (isoDay(new Date()) < LAST_DAY) throw new Error(`the generated facts end on ${LAST_DAY}, after today (${isoDay(new Date())}): openpulse import would refuse them`);
    const sizes = parseSizes(values.sizes);
    const families = wholeArg(values.families, '--families');
    const log = (line: string) => process.stdout.write(`${line}\n`);
    const measured: IngestSize[] = [];
    for (const facts of sizes) measured.push(await measureSize(facts, { families, log }));
    const figures: IngestFigures = { sizes: await mergedSizes('ingest', measured) };
    const file = await writeResult({
      name: 'ingest',
      title: 'Ingest: openpulse import next to the engine',
      command: `node bench/ingest.ts --sizes ${figures.sizes.map((s) => sizeFlag(s.facts)).join(',')}`,
      figures,
      markdown: ingestMarkdown(figures),
    });
    log(`ingest: written to ${path.relative(process.cwd(), file)}`);
  }
}
