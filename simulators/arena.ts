// The Arena's leaderboard dataset on the simulated Hugging Face Hub, answered as the Hub and
// its dataset viewer answer (test/fixtures/arena/ holds recorded shapes):
//
//   Hub (under HF_ENDPOINT)         /api/datasets/{id}                       info: sha, lastModified, cardData.configs, siblings
//                                   /api/datasets/{id}/tree/main[/{path}]    [{type, oid, size, path, lfs?}]
//                                   /datasets/{id}/resolve/main/{file}       README.md (the card); Parquet files are stand-ins
//                                                                            (their magic bytes only: the simulator writes no Parquet)
//   Dataset viewer (HF_DATASETS_SERVER_URL)  /rows, /filter                 {features, rows: [{row_idx, row, truncated_cells}],
//                                                                            num_rows_total, num_rows_per_page, partial}; at most 100 rows
//
// /filter's `where` takes what the viewer documents for simple predicates: "column" op value,
// joined by AND (op one of = <> > >= < <=, a value quoted '…' or a number).

import { createHash } from 'node:crypto';
import { intParam, json, text, type Reply, type SimRequest } from './http-reply.ts';
import { ARENA_DATASET_ID, ARENA_FEATURES, ARENA_SUBSETS, arenaDates, arenaSplitRows, type ArenaDatasetRow } from './arena-data.ts';
import type { World } from './world.ts';

const SPLITS = ['latest', 'full'] as const;
const MAX_LENGTH = 100;
const NOT_FOUND = 'The dataset does not exist, or is not accessible without authentication (private or gated). Please check the spelling of the dataset name or retry with authentication.';

function sha(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex');
}

/** The dataset's revision changes with each publication, as the real one is committed per update. */
function revision(world: World): { sha: string; lastModified: string } {
  const newest = arenaDates(world.today()).at(-1) ?? '2023-05-08';
  return { sha: sha(ARENA_DATASET_ID, newest), lastModified: `${newest}T03:02:16.000Z` };
}

const parquetFiles = () => ARENA_SUBSETS.flatMap((subset) => SPLITS.map((split) => `${subset}/${split}-00000-of-00001.parquet`));
/** A stand-in for a Parquet file: its magic bytes at both ends, nothing between (the simulator writes no Parquet). */
const PARQUET_STAND_IN = 'PAR1\u0000\u0000\u0000\u0000PAR1';

function card(): string {
  const configs = ARENA_SUBSETS.map(
    (subset) => `- config_name: ${subset}\n  data_files:\n  - split: latest\n    path: ${subset}/latest-*\n  - split: full\n    path: ${subset}/full-*`,
  ).join('\n');
  return `---\nlicense: cc-by-4.0\nconfigs:\n${configs}\n---\n\n# Arena leaderboard dataset (simulated)\n\nEvery published leaderboard, per publication date and category: ${ARENA_FEATURES.map((f) => f.name).join(', ')}.\n`;
}

function datasetInfo(world: World): Reply {
  const { sha: head, lastModified } = revision(world);
  return json(200, {
    _id: '68a1c0ffee0000000000a1e5',
    id: ARENA_DATASET_ID,
    author: 'lmarena-ai',
    sha: head,
    lastModified,
    private: false,
    gated: false,
    disabled: false,
    downloads: 38816,
    likes: 61,
    tags: ['license:cc-by-4.0', 'size_categories:1M<n<10M', 'format:parquet', 'modality:tabular', 'modality:text', 'library:datasets', 'library:pandas', 'library:polars'],
    cardData: { license: 'cc-by-4.0', configs: ARENA_SUBSETS.map((subset) => ({ config_name: subset, data_files: SPLITS.map((split) => ({ split, path: `${subset}/${split}-*` })) })) },
    siblings: [{ rfilename: '.gitattributes' }, { rfilename: 'README.md' }, ...parquetFiles().map((rfilename) => ({ rfilename }))],
    createdAt: '2025-10-14T17:20:41.000Z',
    usedStorage: 48_213_880,
  });
}

function tree(world: World, under: string): Reply {
  const { sha: head } = revision(world);
  const size = (file: string) => 1_000 + (parseInt(sha(file, head).slice(0, 6), 16) % 9_000_000);
  const entry = (path: string) =>
    path.endsWith('.parquet')
      ? { type: 'file', oid: sha('oid', path, head), size: size(path), path, xetHash: sha('xet', path, head) }
      : { type: 'file', oid: sha('oid', path), size: path === 'README.md' ? card().length : 2_464, path };
  if (under === '') return json(200, [entry('.gitattributes'), entry('README.md'), ...ARENA_SUBSETS.map((s) => ({ type: 'directory', oid: sha('dir', s, head), size: 0, path: s }))]);
  if ((ARENA_SUBSETS as readonly string[]).includes(under)) return json(200, SPLITS.map((split) => entry(`${under}/${split}-00000-of-00001.parquet`)));
  return json(404, { error: `Entry not found: ${under}` }, { 'x-error-code': 'EntryNotFound' });
}

/** The Hub's dataset routes, or null for any other path (the Hub service answers those). */
export function handleHubDataset(world: World, req: SimRequest): Reply | null {
  const api = /^\/api\/datasets\/([^/]+\/[^/]+?)(?:\/tree\/main(?:\/(.*))?)?\/?$/.exec(req.path);
  const resolve = /^\/datasets\/([^/]+\/[^/]+)\/resolve\/main\/(.+)$/.exec(req.path);
  const id = api?.[1] ?? resolve?.[1];
  if (!id) return null;
  if (id !== ARENA_DATASET_ID) {
    // Without credentials the Hub cannot tell "private" from "absent" and answers 401.
    const status = req.headers.authorization ? 404 : 401;
    return json(status, { error: 'Repository not found' }, { 'x-error-code': 'RepoNotFound', 'x-error-message': 'Repository not found' });
  }
  if (resolve) {
    const file = decodeURIComponent(resolve[2]!);
    if (file === 'README.md') return text(200, card(), 'text/plain; charset=utf-8', { 'x-repo-commit': revision(world).sha });
    if (parquetFiles().includes(file)) return text(200, PARQUET_STAND_IN, 'application/octet-stream', { 'x-repo-commit': revision(world).sha });
    return text(404, 'Entry not found', 'text/plain; charset=utf-8', { 'x-error-code': 'EntryNotFound' });
  }
  if (req.path.includes('/tree/main')) return tree(world, decodeURIComponent(api![2] ?? '').replace(/\/$/, ''));
  return datasetInfo(world);
}

type Predicate = (row: ArenaDatasetRow) => boolean;

/** Parses the simple predicates the viewer's /filter documents, joined by AND; null when it cannot. */
export function parseWhere(where: string): Predicate | null {
  const parts = where.split(/\s+AND\s+/i);
  const tests: Predicate[] = [];
  for (const part of parts) {
    const m = /^\s*\(?\s*"([^"]+)"\s*(=|<>|>=|<=|>|<)\s*('(?:[^']|'')*'|-?\d+(?:\.\d+)?)\s*\)?\s*$/.exec(part);
    if (!m) return null;
    const column = m[1] as keyof ArenaDatasetRow;
    if (!ARENA_FEATURES.some((f) => f.name === column)) return null;
    const literal = m[3]!.startsWith("'") ? m[3]!.slice(1, -1).replaceAll("''", "'") : Number(m[3]);
    const op = m[2]!;
    tests.push((row) => {
      const v = row[column];
      const cmp = typeof literal === 'number' ? Number(v) - literal : String(v) < literal ? -1 : String(v) > literal ? 1 : 0;
      return op === '=' ? cmp === 0 : op === '<>' ? cmp !== 0 : op === '>' ? cmp > 0 : op === '>=' ? cmp >= 0 : op === '<' ? cmp < 0 : cmp <= 0;
    });
  }
  return (row) => tests.every((t) => t(row));
}

export function createDatasetsServerService(world: World) {
  return {
    endpointOf: (req: SimRequest) => (req.path === '/filter' ? 'datasets-server.filter' : req.path === '/rows' ? 'datasets-server.rows' : 'datasets-server.other'),
    handle(req: SimRequest): Reply {
      if (req.path !== '/rows' && req.path !== '/filter') return json(404, { error: 'Not found.' });
      const dataset = req.query.get('dataset');
      const config = req.query.get('config');
      const split = req.query.get('split');
      if (!dataset || !config || !split) return json(422, { error: "Parameters 'dataset', 'config' and 'split' are required" });
      if (dataset !== ARENA_DATASET_ID) return json(404, { error: NOT_FOUND }, { 'x-error-code': 'ResponseNotFound' });
      if (!(ARENA_SUBSETS as readonly string[]).includes(config) || !(SPLITS as readonly string[]).includes(split)) {
        return json(404, { error: 'The config or the split does not exist in the dataset' }, { 'x-error-code': 'ResponseNotFound' });
      }
      const offset = intParam(req.query, 'offset', 0);
      const length = intParam(req.query, 'length', MAX_LENGTH);
      if (offset < 0) return json(422, { error: "Parameter 'offset' must be positive" }, { 'x-error-code': 'InvalidParameter' });
      if (length < 0 || length > MAX_LENGTH) return json(422, { error: `Parameter 'length' must be between 0 and ${MAX_LENGTH}` }, { 'x-error-code': 'InvalidParameter' });
      let indexed = arenaSplitRows(config, split, world.today()).map((row, i) => ({ row, i }));
      if (req.path === '/filter') {
        const where = req.query.get('where');
        if (where === null || where.trim() === '') return json(422, { error: "Parameter 'where' is required" }, { 'x-error-code': 'MissingRequiredParameter' });
        const test = parseWhere(where);
        if (!test) return json(400, { error: "Parameter 'where' is invalid" }, { 'x-error-code': 'InvalidParameter' });
        indexed = indexed.filter(({ row }) => test(row));
      }
      return json(200, {
        features: ARENA_FEATURES.map((f, i) => ({ feature_idx: i, name: f.name, type: { dtype: f.dtype, _type: 'Value' } })),
        rows: indexed.slice(offset, offset + length).map(({ row, i }) => ({ row_idx: i, row, truncated_cells: [] })),
        num_rows_total: indexed.length,
        num_rows_per_page: MAX_LENGTH,
        partial: false,
      });
    },
  };
}

