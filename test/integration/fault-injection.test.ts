// Fault injection (issue 11): every fault the simulators inject, on every upstream it applies
// to, during collect, backfill and import, checked against a fault-free run: no fact lost,
// none duplicated, none wrong.
//
// Jobs: collect (one source at a time, so a case runs only the source its fault can reach),
// backfill github-counts and npm (npm also extending an earlier backfill back), and counts
// through REST search, the only way GitHub flags an incomplete search.
//
// The truth comes first: each job run fault-free into an empty store, then all of them into
// one store (they must agree), exported as NDJSON and imported into an empty store (the same
// facts must come back); it is checked against the simulated world. Each case then empties
// the store, runs its job with one fault installed and checks that no fact key is stored
// twice and that every stored value is the truth's; then removes the fault, runs the job
// again and checks that the store now holds exactly the truth. Import is checked with bad
// files: each is refused whole.
//
// chDB binds one data directory per process, so the whole file shares one store and empties
// it between cases with TRUNCATE through the store's own write path. The simulated clock is
// fixed: the run's clock reads it and its sleeps (back-offs, Retry-After, rate-limit resets)
// return at once without moving it, so every run measures the same instant and a
// re-collected fact must equal the truth exactly.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { loadCatalog, type Catalog } from '../../collector/catalog.ts';
import { collectInto } from '../../collector/commands/collect.ts';
import type { CommandIO } from '../../collector/commands/types.ts';
import { loadConfig, type Config } from '../../collector/config.ts';
import { silentLogger } from '../../collector/log.ts';
import type { SourceName } from '../../collector/observation.ts';
import { newRunId, runSources, type SourceOutcome } from '../../collector/run.ts';
import { createGitHubSource } from '../../collector/sources/github/index.ts';
import { huggingfaceSource } from '../../collector/sources/huggingface.ts';
import { leaderboardSource } from '../../collector/sources/leaderboard.ts';
import { NPM_EARLIEST_DAY, npmSource } from '../../collector/sources/npm.ts';
import { pypiSource } from '../../collector/sources/pypi.ts';
import type { BackfillOptions, Clock, Source } from '../../collector/sources/types.ts';
import { DERIVED_TABLES } from '../../collector/store/derived.ts';
import { openStore, type Store } from '../../collector/store/index.ts';
import { runInProcess, type Ran } from '../helpers/cli.ts';
import { driftedTables } from '../helpers/store.ts';
import type { FaultHandle, FaultKind, FaultSpec } from '../../simulators/faults.ts';
import type { SimRequest } from '../../simulators/http-reply.ts';
import type { Simulator } from '../../simulators/server.ts';
import { DEFAULT_CATALOG, startDefaultSimulator } from '../../simulators/testing.ts';
import { FAST } from '../../simulators/github-context.ts';

const NOW = new Date('2026-11-29T12:00:00Z');
const TOKEN = 'ghp_faultInjectionTokenAbcdefghijklmn';
/** A small catalog: GitHub counts and repositories, Hugging Face models and organisations, scoped and unscoped npm packages, PyPI packages, leaderboard patterns. */
const FAMILIES = ['llama', 'claude', 'chatglm'];
/** One repository: each costs a star-history request per 30 weeks of its life, and two store writes per request. */
const REPOS: Record<string, string[]> = { llama: ['ggerganov/llama.cpp'], claude: [], chatglm: [] };
/** Far above a loaded machine's slowest local answer. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Only for the 'timeout' fault, whose requests are never answered: how long a run waits for each. */
const TIMEOUT_FAULT_REQUEST_TIMEOUT_MS = 300;

let sim: Simulator;
let dir: string;
let catalogFile: string;
let catalog: Catalog;
let config: Config;
let store: Store;

/** The fixed simulated clock: sleeping returns at once and does not move it. */
const clock: Clock = { now: () => sim.clock.now(), sleep: async () => {} };

// ---------------------------------------------------------------------------------------
// Facts and their comparison

interface Fact {
  source: string;
  subject: string;
  metric: string;
  day: string;
  value: number;
}
type Truth = Map<string, number>;

const keyOf = (f: Pick<Fact, 'source' | 'subject' | 'metric' | 'day'>) => `${f.source}|${f.subject}|${f.metric}|${f.day}`;

async function readFacts(): Promise<Fact[]> {
  return store.rows<Fact>('SELECT source, subject, metric, toString(observed_at) AS day, value FROM facts ORDER BY source, subject, metric, day');
}

function asTruth(facts: Fact[]): Truth {
  return new Map(facts.map((f) => [keyOf(f), f.value]));
}

/** Keys stored more than once (the `facts` view must never show one twice). */
function duplicateKeys(facts: Fact[]): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const f of facts) {
    const key = keyOf(f);
    if (seen.has(key)) twice.push(key);
    seen.add(key);
  }
  return twice;
}

const SHOWN = 10;
const first = <T>(items: T[]) => (items.length > SHOWN ? [...items.slice(0, SHOWN), `… and ${items.length - SHOWN} more`] : items);

/** Stored facts whose key the truth lacks or whose value differs from it. */
function wrongFacts(facts: Fact[], truth: Truth): string[] {
  return first(
    facts
      .filter((f) => truth.get(keyOf(f)) !== f.value)
      .map((f) => `${keyOf(f)}: stored ${f.value}, truth ${truth.has(keyOf(f)) ? truth.get(keyOf(f)) : 'has no such fact'}`),
  );
}

/** Truth keys the store lacks. */
function missingKeys(facts: Fact[], truth: Truth): string[] {
  const stored = new Set(facts.map(keyOf));
  return [...truth.keys()].filter((k) => !stored.has(k));
}

const missingFacts = (facts: Fact[], truth: Truth) => first(missingKeys(facts, truth));

function restrictTo(truth: Truth, sources: readonly string[]): Truth {
  return new Map([...truth].filter(([key]) => sources.includes(key.slice(0, key.indexOf('|')))));
}

// ---------------------------------------------------------------------------------------
// The store, emptied through its own write path

async function emptyStore(): Promise<void> {
  for (const table of ['observations', ...DERIVED_TABLES.map((d) => d.table), 'source_state', 'runs', 'problems']) {
    await store.rows(`TRUNCATE TABLE ${table}`, {}, { readonly: false, context: `emptying ${table}` });
  }
  expect(await readFacts()).toEqual([]);
}

/** Runs `work` with the store closed, for commands that open it themselves. */
async function withStoreClosed<T>(work: () => Promise<T>): Promise<T> {
  await store.close();
  try {
    return await work();
  } finally {
    store = await openStore(config, { job: 'fault-injection test' });
  }
}

function openpulse(...argv: string[]): Promise<Ran> {
  return runInProcess(argv, {
    clock,
    env: { OPENPULSE_DATA_DIR: config.dataDir, OPENPULSE_CATALOG: catalogFile, OPENPULSE_STORE_LOCK_WAIT_MS: '0' },
  });
}

// ---------------------------------------------------------------------------------------
// Jobs

/** The product's sources; GitHub's pacing and retry back-off shortened (real-time waits), as its settings allow for tests. */
const SOURCES: Source[] = [createGitHubSource(FAST), huggingfaceSource, npmSource, pypiSource, leaderboardSource];

function io(runConfig: Config): CommandIO {
  return { stdout: { write: () => true }, log: silentLogger(), clock, fetch: globalThis.fetch, env: {}, config: () => runConfig };
}

interface Job {
  name: string;
  /** Sources whose facts the job writes (reference figures come with every collect). */
  sources: SourceName[];
  run(runConfig: Config, only: SourceName[]): Promise<SourceOutcome[]>;
  /** Run fault-free before the job in every case: what the store already holds. */
  prepare?: (runConfig: Config) => Promise<unknown>;
  /** The job whose fault-free run into an empty store is this one's truth; default itself. */
  truthOf?: Job;
  /** The first day of the npm series the job asks for. */
  npmFirstDay?: string;
}

/** `openpulse collect [--source NAME]…` */
const COLLECT: Job = {
  name: 'collect',
  sources: ['github', 'huggingface', 'npm', 'pypi', 'leaderboard', 'reference'],
  run: (runConfig, only) => collectInto(store, catalog, runConfig, io(runConfig), only, SOURCES),
  npmFirstDay: NPM_EARLIEST_DAY,
};

/** `openpulse backfill WHAT --since … --until …` */
function backfillJob(what: string, sourceName: SourceName, options: BackfillOptions, source = SOURCES.find((s) => s.name === sourceName)!): Job {
  return {
    name: `backfill ${what}`,
    sources: [sourceName],
    async run(runConfig) {
      await store.syncCatalog(catalog, clock.now());
      const out = io(runConfig);
      return runSources({ store, catalog, config: runConfig, clock, log: out.log, fetch: out.fetch }, [source], {
        runId: newRunId(clock.now()),
        job: 'backfill',
        backfill: options,
      });
    },
  };
}

const BACKFILL_COUNTS = backfillJob('github-counts', 'github', { since: '2025-11-01', until: '2026-10-31', what: 'github-counts' });
const NPM_BACKFILL_SINCE = '2026-08-01';
const BACKFILL_NPM: Job = { ...backfillJob('npm', 'npm', { since: NPM_BACKFILL_SINCE }), npmFirstDay: NPM_BACKFILL_SINCE };

/** Backfills that extend what an earlier backfill stored further back: they must end where one backfill over the whole window ends. */
const NPM_LONG_SINCE = '2024-06-01';
const BACKFILL_NPM_LONG: Job = { ...backfillJob('npm', 'npm', { since: NPM_LONG_SINCE }), name: `backfill npm --since ${NPM_LONG_SINCE}` };
const BACKFILL_NPM_EXTENDING: Job = {
  ...BACKFILL_NPM_LONG,
  name: 'backfill npm (extending back)',
  prepare: (runConfig) => BACKFILL_NPM.run(runConfig, []),
  truthOf: BACKFILL_NPM_LONG,
  npmFirstDay: NPM_LONG_SINCE,
};
const BACKFILL_COUNTS_EXTENDING: Job = {
  ...BACKFILL_COUNTS,
  name: 'backfill github-counts (extending back)',
  prepare: (runConfig) => backfillJob('github-counts', 'github', { since: '2026-06-01', until: '2026-10-31', what: 'github-counts' }).run(runConfig, []),
  truthOf: BACKFILL_COUNTS,
};

/**
 * Counts through REST search, as without a token: the only way GitHub flags an incomplete
 * search. The backfill window is five months, 20 searches: under the 30 a minute the fixed
 * clock never sees reset.
 */
const REST_COUNTS_SOURCE = createGitHubSource({ ...FAST, countsVia: 'rest' });
const COLLECT_REST_COUNTS: Job = {
  name: 'collect (REST counts)',
  sources: ['github', 'reference'],
  run: (runConfig) => collectInto(store, catalog, runConfig, io(runConfig), ['github'], [REST_COUNTS_SOURCE]),
};
const BACKFILL_COUNTS_REST: Job = {
  ...backfillJob('github-counts', 'github', { since: '2026-06-01', until: '2026-10-31', what: 'github-counts' }, REST_COUNTS_SOURCE),
  name: 'backfill github-counts (REST)',
};

const JOBS = [COLLECT, BACKFILL_COUNTS, BACKFILL_NPM, BACKFILL_NPM_LONG, COLLECT_REST_COUNTS, BACKFILL_COUNTS_REST];

/** Truth per job, each from a fault-free run into an empty store. */
const truths = new Map<string, Truth>();
/** All jobs into one store, then exported: what `import facts` must reproduce. */
let unionTruth: Truth;
let exportedFile: string;

// ---------------------------------------------------------------------------------------
// Upstreams and faults

type Upstream = 'github-rest' | 'github-graphql' | 'github' | 'huggingface' | 'npm' | 'pypistats' | 'leaderboard';

const UPSTREAMS: Record<Upstream, { source: SourceName; match: FaultSpec['match'] }> = {
  'github-rest': { source: 'github', match: (req: SimRequest) => req.fullPath.startsWith('/github/') && req.fullPath !== '/github/graphql' },
  'github-graphql': { source: 'github', match: '/github/graphql' },
  github: { source: 'github', match: '/github/*' },
  huggingface: { source: 'huggingface', match: '/hf/*' },
  npm: { source: 'npm', match: '/npm/*' },
  pypistats: { source: 'pypi', match: '/pypistats/*' },
  leaderboard: { source: 'leaderboard', match: '/leaderboard*' },
};

type Mode = 'once' | 'persistent';

interface FaultKindCase {
  kind: FaultKind;
  /** Shown in the case name instead of the kind, for variants of one kind. */
  label?: string;
  modes: Mode[];
  /** Fields of the fault beyond match, kind and mode; may replace match or after. */
  spec?: (upstream: Upstream, job: Job) => Partial<FaultSpec>;
  /** A persistent fault that need not cost a fact: it delays or changes answers, or the product may recover within the run. */
  mayCostNothing?: true;
  /** Undoes a 'mutate' fault's change to the shared world after the case. */
  restore?: (upstream: Upstream) => void;
  /** Upstreams the fault means something on; default all. */
  only?: Upstream[];
}

const GITHUB_UPSTREAMS: Upstream[] = ['github-rest', 'github-graphql', 'github'];
const YESTERDAY = '2026-11-28';
/** The oldest day pypistats keeps (180 days), the first of every answer. */
const PYPISTATS_FIRST_DAY = '2026-06-02';
/** Renamed mid-run: a catalog repository and a catalog model of an organisation the catalog lists. */
const RENAMES: Partial<Record<Upstream, { from: string; to: string; model: boolean }>> = {
  'github-rest': { from: 'ggerganov/llama.cpp', to: 'ggml-org/llama.cpp', model: false },
  'github-graphql': { from: 'ggerganov/llama.cpp', to: 'ggml-org/llama.cpp', model: false },
  huggingface: { from: 'THUDM/chatglm-6b', to: 'zai-org/chatglm-6b', model: true },
};

const FAULT_KINDS: FaultKindCase[] = [
  { kind: 'latency', modes: ['persistent'], spec: () => ({ ms: 20 }), mayCostNothing: true },
  { kind: 'status', modes: ['once', 'persistent'], spec: () => ({ status: 503 }) },
  { kind: 'timeout', modes: ['once', 'persistent'] },
  { kind: 'drop', modes: ['once', 'persistent'] },
  { kind: 'primary-limit', modes: ['once', 'persistent'] },
  { kind: 'secondary-limit', modes: ['once', 'persistent'], only: GITHUB_UPSTREAMS },
  { kind: 'malformed-json', modes: ['once', 'persistent'] },
  { kind: 'truncated-json', modes: ['once', 'persistent'] },
  { kind: 'html-error', modes: ['once', 'persistent'] },
  // The middle day of each answer: npm's end-of-run retry asks narrower ranges, whose middle days differ.
  { kind: 'missing-day', modes: ['once', 'persistent'], only: ['npm', 'pypistats'], mayCostNothing: true },
  {
    // The last complete day, the one a daily run comes for: only answers that include it.
    kind: 'missing-day',
    label: 'missing-day (yesterday)',
    modes: ['once', 'persistent'],
    only: ['npm', 'pypistats'],
    spec: (upstream) => ({ day: YESTERDAY, after: 0, ...(upstream === 'npm' ? { match: new RegExp(`^/npm/downloads/range/[^/]*:${YESTERDAY}/`) } : {}) }),
  },
  {
    // The first day asked for: where a stored interval starts.
    kind: 'missing-day',
    label: 'missing-day (first day)',
    modes: ['once', 'persistent'],
    only: ['npm', 'pypistats'],
    spec: (upstream, job) => {
      if (upstream === 'pypistats') return { day: PYPISTATS_FIRST_DAY, after: 0 };
      const day = job.npmFirstDay!;
      return { day, after: 0, match: new RegExp(`^/npm/downloads/range/${day}:`) };
    },
  },
  {
    // GitHub's own answer, so its ETag names the incomplete body.
    kind: 'incomplete-results',
    modes: ['once', 'persistent'],
    only: ['github-rest'],
    spec: () => ({ match: '/github/search/*', after: 0, etag: 'recomputed' }),
    mayCostNothing: true,
  },
  {
    kind: 'mutate',
    label: 'mutate (renamed mid-run)',
    modes: ['once'],
    only: ['github-rest', 'github-graphql', 'huggingface'],
    mayCostNothing: true,
    spec: (upstream) => {
      const { from, to, model } = RENAMES[upstream]!;
      return { run: (world) => (model ? world.renameModel(from, to) : world.renameRepo(from, to)) };
    },
    restore: (upstream) => {
      const { from, to, model } = RENAMES[upstream]!;
      if (model) sim.world.renameModel(to, from);
      else sim.world.renameRepo(to, from);
    },
  },
];

/**
 * 'once': the second matching request fails, once (the first is often a cheap one, such as
 * /rate_limit or an index). 'persistent': every matching request from the second on, until
 * the fault is removed: the job stops part-way and the next run must complete it.
 */
function faultSpec(job: Job, upstream: Upstream, kind: FaultKindCase, mode: Mode): FaultSpec {
  return { match: UPSTREAMS[upstream].match, kind: kind.kind, after: 1, ...(mode === 'once' ? { times: 1 } : {}), ...kind.spec?.(upstream, job) };
}

interface Case {
  name: string;
  job: Job;
  upstream: Upstream;
  fault: FaultKindCase;
  mode: Mode;
}

function casesFor(job: Job, upstreams: Upstream[], kinds: FaultKindCase[] = FAULT_KINDS): Case[] {
  const cases: Case[] = [];
  for (const upstream of upstreams) {
    for (const fault of kinds) {
      if (fault.only && !fault.only.includes(upstream)) continue;
      for (const mode of fault.modes) cases.push({ name: `${job.name} | ${upstream} | ${fault.label ?? fault.kind} ${mode}`, job, upstream, fault, mode });
    }
  }
  return cases;
}

const ALL_BUT = (...kinds: FaultKind[]) => FAULT_KINDS.filter((k) => !kinds.includes(k.kind));
const ONLY = (...kinds: FaultKind[]) => FAULT_KINDS.filter((k) => kinds.includes(k.kind));

const describeOutcomes = (outcomes: SourceOutcome[]) => outcomes.map((o) => `${o.source} ${o.status} rows=${o.rows} problems=${o.problems}${o.message ? ` — ${o.message}` : ''}`).join('\n');

async function runFaultCase({ job, upstream, fault, mode }: Case): Promise<void> {
  await emptyStore();
  const only = job === COLLECT ? [UPSTREAMS[upstream].source] : [];
  const truth = restrictTo(truths.get((job.truthOf ?? job).name)!, job === COLLECT ? [UPSTREAMS[upstream].source, 'reference'] : job.sources);
  await job.prepare?.(config);
  sim.limits.reset();

  const handle = sim.faults.add(faultSpec(job, upstream, fault, mode));
  try {
    await faultThenRerun(job, only, truth, handle, fault, mode);
  } finally {
    handle.remove();
    if (handle.fired > 0) fault.restore?.(upstream);
  }
}

async function faultThenRerun(job: Job, only: SourceName[], truth: Truth, handle: FaultHandle, fault: FaultKindCase, mode: Mode): Promise<void> {
  const faultyConfig = fault.kind === 'timeout' ? { ...config, requestTimeoutMs: TIMEOUT_FAULT_REQUEST_TIMEOUT_MS } : config;
  let faulty: SourceOutcome[];
  try {
    faulty = await job.run(faultyConfig, only);
  } finally {
    handle.remove();
  }
  expect(handle.fired, 'the fault never fired: this case tests nothing').toBeGreaterThan(0);

  const afterFault = await readFacts();
  const during = `during the faulty run:\n${describeOutcomes(faulty)}`;
  expect.soft(duplicateKeys(afterFault), `duplicated ${during}`).toEqual([]);
  expect.soft(wrongFacts(afterFault, truth), `wrong ${during}`).toEqual([]);
  // the figures read the day and leaderboard rows the store writes with the facts: they must say what the facts say
  expect.soft(await driftedTables(store), `derived rows that differ from the facts ${during}`).toEqual([]);
  if (mode === 'persistent' && !fault.mayCostNothing) {
    // A fault that withholds answers must cost facts, or the rerun below would prove nothing about recovering them.
    expect.soft(missingKeys(afterFault, truth).length, `a persistent ${fault.kind} cost nothing ${during}`).toBeGreaterThan(0);
  }

  sim.limits.reset();
  const rerun = await job.run(config, only);
  const afterRerun = await readFacts();
  const after = `after the fault-free rerun:\n${describeOutcomes(rerun)}\n(the faulty run: ${describeOutcomes(faulty)})`;
  expect.soft(duplicateKeys(afterRerun), `duplicated ${after}`).toEqual([]);
  expect.soft(wrongFacts(afterRerun, truth), `wrong ${after}`).toEqual([]);
  expect.soft(missingFacts(afterRerun, truth), `lost ${after}`).toEqual([]);
  expect.soft(await driftedTables(store), `derived rows that differ from the facts ${after}`).toEqual([]);
}

// ---------------------------------------------------------------------------------------
// The truth

beforeAll(async () => {
  sim = await startDefaultSimulator({ now: NOW, tokens: { [TOKEN]: {} } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-faults-'));
  const doc = YAML.parse(await readFile(DEFAULT_CATALOG, 'utf8')) as { families: { id: string }[] };
  doc.families = doc.families.filter((f) => FAMILIES.includes(f.id));
  for (const family of doc.families as { id: string; github: { repos: string[] } }[]) family.github.repos = REPOS[family.id]!;
  catalogFile = path.join(dir, 'catalog.yml');
  await writeFile(catalogFile, YAML.stringify(doc));
  catalog = await loadCatalog(catalogFile);
  config = loadConfig({
    env: {},
    flags: {
      dataDir: path.join(dir, 'data'),
      distDir: path.join(dir, 'dist'),
      catalog: catalogFile,
      storeLockWaitMs: 0,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      githubToken: TOKEN,
      githubApiUrl: sim.env.GITHUB_API_URL,
      hfEndpoint: sim.env.HF_ENDPOINT,
      npmDownloadsUrl: sim.env.NPM_DOWNLOADS_URL,
      pypistatsUrl: sim.env.PYPISTATS_URL,
      leaderboardUrl: sim.env.LEADERBOARD_URL,
    },
  });
  store = await openStore(config, { job: 'fault-injection test' });

  for (const job of JOBS) {
    await emptyStore();
    sim.limits.reset();
    const outcomes = await job.run(config, []);
    expect(outcomes.map((o) => [o.source, o.status, o.problems]), describeOutcomes(outcomes)).toEqual(outcomes.map((o) => [o.source, 'ok', 0]));
    const facts = await readFacts();
    expect(duplicateKeys(facts)).toEqual([]);
    truths.set(job.name, asTruth(facts));
  }

  // All jobs into one store: they agree on every fact they share, and the store holds their union.
  await emptyStore();
  for (const job of JOBS) {
    sim.limits.reset();
    await job.run(config, []);
  }
  const union = await readFacts();
  expect(duplicateKeys(union)).toEqual([]);
  unionTruth = asTruth(union);
  const merged: Truth = new Map();
  const disagreements: string[] = [];
  for (const truth of truths.values()) {
    for (const [key, value] of truth) {
      if (merged.has(key) && merged.get(key) !== value) disagreements.push(`${key}: ${merged.get(key)} vs ${value}`);
      merged.set(key, value);
    }
  }
  expect(disagreements).toEqual([]);
  expect(wrongFacts(union, merged)).toEqual([]);
  expect(missingFacts(union, merged)).toEqual([]);

  // What `export` writes, `import facts` reads back into an empty store, unchanged.
  exportedFile = path.join(dir, 'facts.ndjson');
  const exported = await withStoreClosed(() => openpulse('export', '--out', exportedFile));
  expect(exported.code, exported.stderr).toBe(0);
  await emptyStore();
  const imported = await withStoreClosed(() => openpulse('import', 'facts', exportedFile));
  expect(imported.code, `${imported.stdout}\n${imported.stderr}`).toBe(0);
  const roundTrip = await readFacts();
  expect(duplicateKeys(roundTrip)).toEqual([]);
  expect(wrongFacts(roundTrip, unionTruth)).toEqual([]);
  expect(missingFacts(roundTrip, unionTruth)).toEqual([]);
  truths.set('import', unionTruth);
});

afterAll(async () => {
  await store?.close();
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  sim.clock.set(NOW);
  sim.faults.clear();
  sim.limits.reset();
  sim.accounting.reset();
});

// ---------------------------------------------------------------------------------------
// The cases

describe('the truth', () => {
  it('holds every metric the small catalog asks for, from each job', () => {
    const metricsOf = (job: string) => [...new Set([...truths.get(job)!.keys()].map((k) => `${k.split('|')[0]} ${k.split('|')[2]}`))].sort();
    expect(metricsOf('collect')).toEqual(
      expect.arrayContaining([
        'github github_projects',
        'github github_stars',
        'github github_stars_gained',
        'huggingface hf_downloads_30d',
        'npm npm_downloads',
        'pypi pypi_downloads',
        'leaderboard arena_models',
        'reference github_projects',
      ]),
    );
    expect(metricsOf('backfill github-counts')).toEqual(['github github_projects_existing']);
    expect(metricsOf('backfill npm')).toEqual(['npm npm_downloads']);
    expect(truths.get('import')!.size).toBeGreaterThan(truths.get('collect')!.size);
  });

  it('is what the simulated world says, so the cases compare against right values', () => {
    const wrong: string[] = [];
    let checked = 0;
    const check = (key: string, value: number, expected: number | undefined) => {
      checked++;
      if (value !== expected) wrong.push(`${key}: stored ${value}, the world says ${expected}`);
    };
    for (const [key, value] of unionTruth) {
      const [source, subject, metric, day] = key.split('|') as [string, string, string, string];
      if (source === 'reference') continue; // cited figures of the real world
      const name = subject.slice(subject.indexOf(':') + 1);
      if (source === 'npm') check(key, value, sim.world.npmDaily(name, day));
      else if (source === 'pypi') check(key, value, sim.world.pypiDaily(name, day));
      else if (metric === 'github_projects') check(key, value, sim.world.searchCount(name));
      else if (metric === 'github_projects_existing') check(key, value, sim.world.searchCount(name, day));
      else if (metric === 'github_stars') check(key, value, sim.world.repo(name)?.stars);
      // Weekly history: days of the creation week before the creation day gained nothing.
      else if (metric === 'github_stars_gained') check(key, value, sim.world.repo(name)?.starDays.get(day) ?? 0);
      else if (metric === 'hf_downloads_30d') check(key, value, sim.world.hfModel(name)?.downloads);
      else if (metric === 'hf_likes') check(key, value, sim.world.hfModel(name)?.likes);
    }
    expect(first(wrong)).toEqual([]);
    expect(checked).toBeGreaterThan(5000);
  });
});

describe('the truth, reached in two steps', () => {
  it.each([BACKFILL_NPM_EXTENDING, BACKFILL_COUNTS_EXTENDING])('$name stores what one backfill over the whole window stores', async (job) => {
    await emptyStore();
    await job.prepare!(config);
    sim.limits.reset();
    const outcomes = await job.run(config, []);
    const facts = await readFacts();
    const truth = truths.get(job.truthOf!.name)!;
    expect.soft(duplicateKeys(facts)).toEqual([]);
    expect.soft(wrongFacts(facts, truth), describeOutcomes(outcomes)).toEqual([]);
    expect.soft(missingFacts(facts, truth), `lost:\n${describeOutcomes(outcomes)}`).toEqual([]);
  });
});

describe.each([
  { job: COLLECT, upstreams: ['github-rest', 'github-graphql', 'huggingface', 'npm', 'pypistats', 'leaderboard'] as Upstream[], kinds: ALL_BUT('incomplete-results') },
  { job: BACKFILL_COUNTS, upstreams: ['github'] as Upstream[], kinds: FAULT_KINDS },
  { job: BACKFILL_NPM, upstreams: ['npm'] as Upstream[], kinds: FAULT_KINDS },
  // Backwards from a stored interval: a few kinds, once and persistently.
  { job: BACKFILL_NPM_EXTENDING, upstreams: ['npm'] as Upstream[], kinds: FAULT_KINDS.filter((k) => ['status', 'drop', 'truncated-json'].includes(k.kind) || (k.kind === 'missing-day' && k.label !== 'missing-day (yesterday)')) },
  { job: COLLECT_REST_COUNTS, upstreams: ['github-rest'] as Upstream[], kinds: ONLY('incomplete-results') },
  { job: BACKFILL_COUNTS_REST, upstreams: ['github-rest'] as Upstream[], kinds: ONLY('incomplete-results') },
])('$job.name under faults', ({ job, upstreams, kinds }) => {
  it.each(casesFor(job, upstreams, kinds))('$name', (c) => runFaultCase(c));
});

// ---------------------------------------------------------------------------------------
// import facts: a file goes in whole or not at all

/** The exported facts with every value changed, so that any line that got in would show. */
async function changedLines(): Promise<string[]> {
  const lines = (await readFile(exportedFile, 'utf8')).split('\n').filter((l) => l.trim());
  return lines.map((line) => {
    const row = JSON.parse(line) as Record<string, unknown>;
    return JSON.stringify({ ...row, value: Number(row.value) + 1 });
  });
}

function withLine(lines: string[], index: number, change: (row: Record<string, unknown>) => void): string[] {
  const row = JSON.parse(lines[index]!) as Record<string, unknown>;
  change(row);
  return lines.map((l, i) => (i === index ? JSON.stringify(row) : l));
}

const BAD_FILES: { name: string; text: (lines: string[]) => string }[] = [
  {
    name: 'a file cut in the middle of a line',
    text: (lines) => {
      const whole = `${lines.join('\n')}\n`;
      const middle = lines.slice(0, Math.floor(lines.length / 2)).join('\n').length + 1;
      return whole.slice(0, middle + Math.floor(lines[Math.floor(lines.length / 2)]!.length / 2));
    },
  },
  { name: 'a line with an impossible date', text: (lines) => `${withLine(lines, Math.floor(lines.length / 3), (row) => (row.observed_at = '2026-02-30')).join('\n')}\n` },
  { name: 'a line with a non-numeric value', text: (lines) => `${withLine(lines, Math.floor((2 * lines.length) / 3), (row) => (row.value = 'lots')).join('\n')}\n` },
];

async function importFacts(...files: string[]): Promise<Ran> {
  return withStoreClosed(() => openpulse('import', 'facts', ...files));
}

describe('import facts under bad files', () => {
  it.each(BAD_FILES)('import | $name: refused whole, the store unchanged, exit 1', async ({ name, text }) => {
    await emptyStore();
    const good = await importFacts(exportedFile);
    expect(good.code, good.stderr).toBe(0);
    const before = await readFacts();
    expect(wrongFacts(before, unionTruth)).toEqual([]);
    expect(missingFacts(before, unionTruth)).toEqual([]);

    const bad = path.join(dir, `${name.replaceAll(' ', '-')}.ndjson`);
    await writeFile(bad, text(await changedLines()));
    const ran = await importFacts(bad);
    expect(ran.code, `${ran.stdout}\n${ran.stderr}`).toBe(1);
    const after = await readFacts();
    expect(duplicateKeys(after)).toEqual([]);
    expect(wrongFacts(after, unionTruth), 'the refused file changed stored values').toEqual([]);
    expect(missingFacts(after, unionTruth)).toEqual([]);
    expect(await driftedTables(store), 'derived rows that differ from the facts').toEqual([]);
  });

  it.each(BAD_FILES)('import | $name, beside a good file: the good file goes in whole, exit 1', async ({ name, text }) => {
    await emptyStore();
    const bad = path.join(dir, `${name.replaceAll(' ', '-')}.ndjson`);
    await writeFile(bad, text(await changedLines()));
    const ran = await importFacts(bad, exportedFile);
    expect(ran.code, `${ran.stdout}\n${ran.stderr}`).toBe(1);
    const after = await readFacts();
    expect(duplicateKeys(after)).toEqual([]);
    expect(wrongFacts(after, unionTruth), 'a line of the refused file was stored').toEqual([]);
    expect(missingFacts(after, unionTruth), 'the good file did not go in whole').toEqual([]);
  });
});
