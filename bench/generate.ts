// A generated store of N facts, shaped like a real one, for the benchmarks that
// need size (bench/queries.ts, bench/ingest.ts). Not a test.
//   node bench/generate.ts [--facts 5000000] [--data-dir DIR] [--families 92]
//
// The catalog: F families (default 92) of 22 subjects each (~2,000), over every kind
// the views read: 3 GitHub searches, 5 repositories, 7 Hugging Face models and their
// organisation, 1 npm and 2 PyPI packages, 3 OpenRouter slugs; one family in four
// closed (its models and searches partly open, as Google's Gemma beside Gemini), one
// in ten image models, one in fifteen tooling; regions US, CN, EU, FR, AE, CA. It is
// written as catalog YAML (<data-dir>/catalog.yml, for `--catalog`), validated as
// every catalog is, and synced with store.syncCatalog.
//
// The facts: one series per subject and metric, as the collectors emit them (a
// repository has stars, forks, watchers, open issues and stars gained; a model its
// 30-day and all-time downloads, likes, derivatives and their downloads; two Arena
// models a family have rating, interval, votes and rank), one fact a day back from
// 2026-11-28. A store grows by days: N facts cover ceil(N / series) days. Past ten
// years the catalog's series are full, and the rest are models listed under the
// families' Hugging Face organisations (as the collector stores every model of a
// listed organisation), three series each. Values are a function of series and day
// only, so a fact is the same at every size.
//
// The facts are made by the engine itself (INSERT … SELECT FROM numbers_mt joined
// with the series list), in chunks so progress shows: 50 M facts take minutes.
// Then OPTIMIZE FINAL merges the parts, so the query timings that follow are not
// skewed by background merges and the bytes per fact are those of a settled table.
// The newest day is written after the merge, in an insert of its own, as a day's
// collection writes it: a store in use always holds such a part beside its merged
// ones (the engine does not merge a small part into one thousands of times larger
// soon), and reads through FINAL cost what they cost there. A store merged whole
// hid a read that took every fact of the window once a second part existed
// (family_metrics, before 2026-12-07: 0.2 s a family merged whole, 1.0 s after one
// more week was written).

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { parseCatalog, type Catalog } from '../collector/catalog.ts';
import { loadConfig } from '../collector/config.ts';
import type { Metric, SourceName } from '../collector/observation.ts';
import { openStore, type Store } from '../collector/store/index.ts';
import { DERIVED_TABLES } from '../collector/store/derived.ts';
import { benchArgs, int, isMain, sizeLabel, wholeArg } from './common.ts';

/** The last day of the generated facts (the store's "today"). */
export const LAST_DAY = '2026-11-28';
/** The longest history generated: ten years of days. */
export const MAX_DAYS = 3650;
/** Facts inserted per statement; progress is printed after each. */
const CHUNK = 5_000_000;

const OPEN_RUNGS = ['open-weights-restricted', 'open-weights-osi', 'open-source'] as const;
const REGIONS = ['US', 'CN', 'US', 'CN', 'EU', 'FR', 'AE', 'CA'] as const;
const PER_FAMILY = { search: 3, repos: 5, models: 7, npm: 1, pypi: 2, openrouter: 3, arena: 2 } as const;

const REPO_METRICS: Metric[] = ['github_stars', 'github_forks', 'github_watchers', 'github_open_issues', 'github_stars_gained'];
const MODEL_METRICS: Metric[] = ['hf_downloads_30d', 'hf_downloads_all_time', 'hf_likes', 'hf_derivatives', 'hf_derivative_downloads_30d'];
const LISTED_METRICS: Metric[] = ['hf_downloads_30d', 'hf_downloads_all_time', 'hf_likes'];
const ARENA_METRICS: Metric[] = ['arena_model_elo', 'arena_model_rating_lower', 'arena_model_rating_upper', 'arena_model_votes', 'arena_model_rank'];
/** Metrics that count what happened that day (or in a trailing window): they go up and down. The others only grow. */
const FLOW_METRICS = new Set<Metric>(['github_stars_gained', 'hf_downloads_30d', 'hf_derivative_downloads_30d', 'npm_downloads', 'pypi_downloads', 'openrouter_tokens']);

/** How each Arena metric moves: a rating with its interval, votes that accumulate, a rank. */
const ARENA_SHAPES: Partial<Record<Metric, Series['shape']>> = {
  arena_model_elo: 'elo',
  arena_model_rating_lower: 'elo_lower',
  arena_model_rating_upper: 'elo_upper',
  arena_model_votes: 'votes',
  arena_model_rank: 'rank',
};

const pad = (i: number) => String(i).padStart(3, '0');

/** The generated catalog as YAML, in the form collector/catalog.yml takes. */
export function generatedCatalogYaml(families: number): string {
  const list = [];
  for (let i = 0; i < families; i++) {
    const closed = i % 4 === 0;
    const openness = closed ? 'closed' : OPEN_RUNGS[i % OPEN_RUNGS.length]!;
    const licence = closed ? { name: 'Proprietary', commercial_use: 'under the API terms' } : { name: 'Apache-2.0', commercial_use: 'yes' };
    // In a closed family, the weights, their organisation and every search but the first are open subjects with their own licence (gpt-oss, Gemma).
    const open = (id: string, k: number) => (closed && k > 0 ? { id, openness: 'open-weights-osi', licence: 'Apache-2.0' } : id);
    const vendor = `vendor${i}`;
    list.push({
      id: `gen-${pad(i)}`,
      name: `Generated ${i}`,
      vendor: `Vendor ${i}`,
      openness,
      kind: i % 15 === 14 ? 'tooling' : 'model',
      modality: i % 10 === 9 ? 'image' : 'text',
      region: REGIONS[i % REGIONS.length],
      licence,
      releases: [
        { date: `20${17 + (i % 9)}-0${1 + (i % 9)}-15`, label: `Generated ${i} 1` },
        { date: `2025-0${1 + (i % 9)}-01`, label: `Generated ${i} 2` },
      ],
      github: {
        search: Array.from({ length: PER_FAMILY.search }, (_, k) => open(`gen${i}model${k} in:name,description,topics`, k)),
        repos: Array.from({ length: PER_FAMILY.repos }, (_, k) => `${vendor}/model-${k}`),
      },
      huggingface: {
        models: Array.from({ length: PER_FAMILY.models }, (_, k) => open(`${vendor}/Model-${k}-7B`, k + 1)),
        authors: [open(vendor, 1)],
      },
      npm: Array.from({ length: PER_FAMILY.npm }, (_, k) => `${vendor}-sdk${k}`),
      pypi: Array.from({ length: PER_FAMILY.pypi }, (_, k) => `${vendor}-py${k}`),
      openrouter: Array.from({ length: PER_FAMILY.openrouter }, (_, k) => `${vendor}/model-${k}`),
      leaderboard: [`^gen-model-${i}-`],
    });
  }
  return stringify({
    families: list,
    leaderboard_licences: { closed: ['Proprietary'], 'open-weights-osi': ['Apache 2.0'], 'open-weights-restricted': ['Generated Community License'] },
  });
}

/** One generated series: a subject's metric, one fact a day. */
export interface Series {
  id: number;
  source: SourceName;
  subject: string;
  family: string;
  metric: Metric;
  detail: string;
  shape: 'level' | 'flow' | 'elo' | 'elo_lower' | 'elo_upper' | 'votes' | 'rank';
  /** A per-series size, so families and subjects differ. */
  scale: number;
}

/** A small deterministic hash (FNV-1a) for per-series sizes. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The series of the catalog's subjects, then `listed` models under the families' organisations. */
export function generatedSeries(catalog: Catalog, listed: number): Series[] {
  const out: Series[] = [];
  const add = (source: SourceName, subject: string, family: string, metrics: Metric[], detail: (m: Metric) => string = () => '') => {
    for (const metric of metrics) {
      const shape = ARENA_SHAPES[metric] ?? (FLOW_METRICS.has(metric) ? 'flow' : 'level');
      out.push({ id: out.length, source, subject, family, metric, detail: detail(metric), shape, scale: 10 + (hash(`${subject}|${metric}`) % 10_000) });
    }
  };
  for (const [i, f] of catalog.families.entries()) {
    for (const q of f.github.search) add('github', `search:${q}`, f.id, ['github_projects'], () => '{"incomplete_results":false}');
    for (const r of f.github.repos) add('github', `repo:${r}`, f.id, REPO_METRICS);
    for (const m of f.huggingface.models) add('huggingface', `hf:${m}`, f.id, MODEL_METRICS);
    for (const p of f.npm) add('npm', `npm:${p}`, f.id, ['npm_downloads']);
    for (const p of f.pypi) add('pypi', `pypi:${p}`, f.id, ['pypi_downloads']);
    for (const slug of f.openrouter) add('openrouter', `openrouter:${slug}`, f.id, ['openrouter_tokens'], () => JSON.stringify({ licence: f.licence.name, entry: slug }));
    for (let k = 0; k < PER_FAMILY.arena; k++) {
      const model = `gen-model-${i}-${k}`;
      const cls = f.openness === 'closed' ? 'closed' : 'open-weights-osi';
      add('arena', `arena-model:${model}`, f.id, ARENA_METRICS, (m) =>
        m === 'arena_model_elo' ? JSON.stringify({ model, organization: f.vendor, licence: cls === 'closed' ? 'Proprietary' : 'Apache 2.0', class: cls }) : '',
      );
    }
  }
  for (let k = 0; k < listed; k++) {
    const f = catalog.families[k % catalog.families.length]!;
    add('huggingface', `hf:${f.huggingface.authors[0] ?? f.id}/listed-${Math.floor(k / catalog.families.length)}`, f.id, LISTED_METRICS);
  }
  return out;
}

/** How many series and days N facts take: days first, then listed models past MAX_DAYS. */
export function layout(facts: number, catalogSeries: number): { listed: number; series: number; days: number } {
  const needed = Math.ceil(facts / MAX_DAYS);
  const listed = needed > catalogSeries ? Math.ceil((needed - catalogSeries) / LISTED_METRICS.length) : 0;
  const series = catalogSeries + listed * LISTED_METRICS.length;
  return { listed, series, days: Math.ceil(facts / series) };
}

export interface GeneratedStore {
  dataDir: string;
  catalogFile: string;
  facts: number;
  families: number;
  /** Subjects in the catalog, and subjects with facts in the store (listed models and Arena models included). */
  catalogSubjects: number;
  storeSubjects: number;
  series: number;
  days: number;
  firstDay: string;
  lastDay: string;
  insertSeconds: number;
  mergeSeconds: number;
  /** Facts of the newest day, written after the merge as a day's collection is (absent in runs before 2026-12-07 15:20: every fact merged). */
  newestDayApart?: number;
  /** The observations table on disk after the merge and the newest day's insert. */
  disk: {
    parts: number;
    compressedBytes: number;
    uncompressedBytes: number;
    bytesPerFact: number;
    columns: { name: string; compressedBytes: number }[];
    /** The day rows the store writes with the facts (subject_days, its projection included); absent in runs before it existed. */
    dayRows?: { rows: number; bytesOnDisk: number };
    /** The leaderboard rows the store writes with the facts (leaderboard_entries); absent in runs before it existed. */
    leaderboardRows?: { rows: number; bytesOnDisk: number };
    /** The week rows the store writes with the day rows (subject_weeks); absent in runs before it existed. */
    weekRows?: { rows: number; bytesOnDisk: number };
  };
}

/** The store's own SQL path for statements that write: the same one `openpulse query --write` takes. */
const WRITE = { readonly: false } as const;

/** Generates a store of `facts` facts in `dataDir` (created if missing; must not hold a store already). */
export async function generateStore(options: { facts: number; dataDir: string; families?: number; log?: (line: string) => void }): Promise<GeneratedStore> {
  const log = options.log ?? (() => {});
  const families = options.families ?? 92;
  const catalogFile = path.join(options.dataDir, 'catalog.yml');
  const yaml = generatedCatalogYaml(families);
  const catalog = parseCatalog(yaml, catalogFile);
  const catalogSeries = generatedSeries(catalog, 0).length;
  const plan = layout(options.facts, catalogSeries);
  const series = generatedSeries(catalog, plan.listed);
  const catalogSubjects = catalog.families.reduce((n, f) => n + f.subjects.length, 0);
  await mkdir(options.dataDir, { recursive: true });
  await writeFile(catalogFile, yaml);
  // The series list, which the engine reads through file(): a scratch file outside the store.
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'openpulse-generate-'));
  const seriesFile = path.join(scratch, 'series.ndjson');
  let store: Store | undefined;
  try {
    await writeFile(seriesFile, series.map((s) => JSON.stringify(s)).join('\n') + '\n');
    store = await openStore(loadConfig({ env: {}, flags: { dataDir: options.dataDir } }), { job: 'bench' });
    const existing = (await store.rows<{ n: number }>('SELECT count() AS n FROM observations'))[0]?.n ?? 0;
    if (existing > 0) throw new Error(`${options.dataDir} already holds ${int(existing)} facts; generate into an empty directory`);
    await store.syncCatalog(catalog, new Date(`${LAST_DAY}T00:00:00Z`));
    log(`generate: ${families} families, ${catalogSubjects} catalog subjects, ${int(series.length)} series (${int(plan.listed)} listed models), ${plan.days} days back from ${LAST_DAY}`);
    // Facts 0…newest-1 are the newest day's (insertSql): written last, after the merge.
    const newest = Math.min(series.length, options.facts);
    const t0 = performance.now();
    for (let start = newest; start < options.facts; start += CHUNK) {
      const count = Math.min(CHUNK, options.facts - start);
      await store.rows(insertSql(seriesFile), { start, count, series: series.length }, WRITE);
      log(`generate: ${int(start + count - newest)} / ${int(options.facts - newest)} facts before the newest day (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
    const insertSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await store.rows('OPTIMIZE TABLE observations FINAL', {}, WRITE);
    for (const derived of DERIVED_TABLES) await store.rows(`OPTIMIZE TABLE ${derived.table} FINAL`, {}, WRITE);
    const mergeSeconds = (performance.now() - t1) / 1000;
    log(`generate: inserted in ${insertSeconds.toFixed(1)} s (${int((options.facts - newest) / Math.max(insertSeconds, 1e-3))} facts/s), merged in ${mergeSeconds.toFixed(1)} s`);
    await store.rows(insertSql(seriesFile), { start: 0, count: newest, series: series.length }, WRITE);
    log(`generate: the newest day's ${int(newest)} facts written after the merge, as a day's collection`);
    const disk = await diskUse(store);
    const span = (await store.rows<{ first: string; last: string; subjects: number; n: number }>('SELECT toString(min(observed_at)) AS first, toString(max(observed_at)) AS last, uniqExact(subject) AS subjects, count() AS n FROM observations'))[0]!;
    if (span.n !== options.facts) throw new Error(`generated ${span.n} facts, expected ${options.facts}`);
    return {
      dataDir: options.dataDir,
      catalogFile,
      facts: options.facts,
      families,
      catalogSubjects,
      storeSubjects: span.subjects,
      series: series.length,
      days: plan.days,
      firstDay: span.first,
      lastDay: span.last,
      insertSeconds,
      mergeSeconds,
      newestDayApart: newest,
      disk,
    };
  } finally {
    await store?.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Facts start…start+count-1: fact i is series i mod S on day LAST_DAY − floor(i / S), so
 * every day back to the oldest has every series (the oldest day may be partial). The
 * value depends on series and day only (x: days since ten years before LAST_DAY).
 */
function insertSql(seriesFile: string): string {
  const columns = 'id UInt64, source String, subject String, family String, metric String, detail String, shape String, scale Float64';
  return `INSERT INTO observations (source, subject, family, metric, observed_at, value, detail, citation, run_id, collected_at)
SELECT source, subject, family, metric, day,
       multiIf(shape = 'level', round(scale * (1 + x / 365)),
               shape = 'flow', round(scale * (1 + x / 730) * (0.75 + (cityHash64(id, x) % 500) / 1000)),
               shape = 'elo', 1000 + scale % 400 + round(x / 20),
               shape = 'elo_lower', 994 + scale % 400 + round(x / 20),
               shape = 'elo_upper', 1006 + scale % 400 + round(x / 20),
               shape = 'votes', round(100 + scale * x / 10),
               1 + id % 100) AS value,
       detail, '' AS citation,
       concat(formatDateTime(day, '%Y%m%d'), 'T060000Z-', lower(hex(toUInt16(cityHash64(day) % 65536)))) AS run_id,
       toDateTime64(toDateTime(day, 'UTC') + 21600 + id % 600, 3, 'UTC') AS collected_at
FROM
(
  SELECT s.id AS id, s.source AS source, s.subject AS subject, s.family AS family, s.metric AS metric, s.detail AS detail, s.shape AS shape, s.scale AS scale,
         toDate('${LAST_DAY}') - toUInt32(intDiv(n.number, {series:UInt64})) AS day,
         ${MAX_DAYS} - toInt64(intDiv(n.number, {series:UInt64})) AS x
  FROM numbers_mt({start:UInt64}, {count:UInt64}) AS n
  INNER JOIN file('${seriesFile.replace(/'/g, "\\'")}', JSONEachRow, '${columns}') AS s ON s.id = n.number % {series:UInt64}
)`;
}

/** The observations table's parts, bytes and bytes per fact on disk, from system.parts and system.columns. */
export async function diskUse(store: Store): Promise<GeneratedStore['disk']> {
  const parts = (await store.rows<{ parts: number; rows: number; compressed: number; uncompressed: number }>(
    "SELECT count() AS parts, sum(rows) AS rows, sum(data_compressed_bytes) AS compressed, sum(data_uncompressed_bytes) AS uncompressed FROM system.parts WHERE database = currentDatabase() AND table = 'observations' AND active",
  ))[0]!;
  const columns = await store.rows<{ name: string; compressedBytes: number }>(
    "SELECT name, data_compressed_bytes AS compressedBytes FROM system.columns WHERE database = currentDatabase() AND table = 'observations' ORDER BY data_compressed_bytes DESC",
  );
  const partsOf = async (table: string) => {
    const [row] = await store.rows<{ rows: number; bytesOnDisk: number }>(
      'SELECT sum(rows) AS rows, sum(bytes_on_disk) AS bytesOnDisk FROM system.parts WHERE database = currentDatabase() AND table = {table:String} AND active',
      { table },
    );
    return { rows: Number(row?.rows ?? 0), bytesOnDisk: Number(row?.bytesOnDisk ?? 0) };
  };
  return {
    dayRows: await partsOf('subject_days'),
    leaderboardRows: await partsOf('leaderboard_entries'),
    weekRows: await partsOf('subject_weeks'),
    parts: parts.parts,
    compressedBytes: parts.compressed,
    uncompressedBytes: parts.uncompressed,
    bytesPerFact: parts.rows ? parts.compressed / parts.rows : 0,
    columns,
  };
}

if (isMain(import.meta)) {
  const values = benchArgs(import.meta, { facts: { type: 'string', default: '5000000' }, 'data-dir': { type: 'string' }, families: { type: 'string', default: '92' } });
  const facts = wholeArg(values.facts, '--facts');
  const families = wholeArg(values.families, '--families');
  const dataDir = values['data-dir'] ?? (await mkdtemp(path.join(os.tmpdir(), 'openpulse-generated-')));
  const result = await generateStore({ facts, dataDir, families, log: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(
    `generated ${sizeLabel(facts)} facts in ${result.dataDir} (catalog ${result.catalogFile}): ${result.storeSubjects} subjects with facts, ${result.days} days ${result.firstDay}..${result.lastDay}, ` +
      `${(result.disk.compressedBytes / 2 ** 20).toFixed(1)} MiB on disk (${result.disk.bytesPerFact.toFixed(2)} bytes a fact)\n`,
  );
}
