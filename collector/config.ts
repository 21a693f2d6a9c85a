// Configuration, parsed once at the edge from the environment, an optional
// config file and command-line flags (flags win, then environment, then file).
// Every default is written beside its declaration.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { OpenPulseError, registerSecret } from './errors.ts';

/** The repository root: catalog, queries and site are found relative to it, not to the cwd. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The openpulse executable (collector/cli.mjs), for whatever starts it as a process of its own: tests, benchmarks. */
export const EXECUTABLE = path.join(PROJECT_ROOT, 'collector', 'cli.mjs');

const configSchema = z
  .object({
    /** Embedded store directory. Default ./data (relative to the working directory). */
    dataDir: z.string().default('data'),
    /** Catalog file. Default collector/catalog.yml in the project. */
    catalog: z.string().default(path.join(PROJECT_ROOT, 'collector', 'catalog.yml')),
    /** Where `build` writes the static site. Default ./dist. */
    distDir: z.string().default('dist'),
    /** Where rows wait when the store is unreachable. Default <dataDir>/spool. */
    spoolDir: z.string().optional(),
    /** ClickHouse server URL; unset means the embedded chDB store. */
    clickhouseUrl: z.string().url().optional(),
    /** ClickHouse user. Default "default". */
    clickhouseUser: z.string().default('default'),
    /** ClickHouse password. Default empty. Never printed. */
    clickhousePassword: z.string().default(''),
    /** ClickHouse database. Default "openpulse". */
    clickhouseDatabase: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a database name of letters, digits and _').default('openpulse'),
    /** Cluster name: DDL runs ON CLUSTER with Replicated engines and Distributed tables. Default unset. */
    clickhouseCluster: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'a cluster name').optional(),
    /** GitHub token. Default unset (lower limits: 60 core requests/h, 10 searches/min). Never printed. */
    githubToken: z.string().optional(),
    /** GitHub REST base URL; GraphQL is <url>/graphql (GitHub Enterprise Server: https://HOST/api/v3). */
    githubApiUrl: z.string().url().default('https://api.github.com'),
    /** GraphQL endpoint. Default derived from githubApiUrl (api.github.com/graphql, HOST/api/graphql on GHES). */
    githubGraphqlUrl: z.string().url().optional(),
    /** Hugging Face endpoint (HF_ENDPOINT, as huggingface_hub reads it). */
    hfEndpoint: z.string().url().default('https://huggingface.co'),
    /** Hugging Face token for gated models. Default unset. Never printed. */
    hfToken: z.string().optional(),
    /** npm downloads API. */
    npmDownloadsUrl: z.string().url().default('https://api.npmjs.org'),
    /** pypistats API. */
    pypistatsUrl: z.string().url().default('https://pypistats.org'),
    /** OpenRouter API base (its Data API is <url>/datasets/rankings-daily). Default https://openrouter.ai/api/v1. */
    openrouterUrl: z.string().url().default('https://openrouter.ai/api/v1'),
    /** OpenRouter API key (any valid key reads the Data API). Default unset: the source is off. Never printed. */
    openrouterApiKey: z.string().optional(),
    /** Where leaderboard tables are listed: a directory URL or local folder. Default unset (import only). */
    leaderboardUrl: z.string().optional(),
    /**
     * The Arena's leaderboard dataset on the Hugging Face Hub, read through HF_ENDPOINT and the
     * dataset viewer (hfDatasetsServerUrl). Default unset: the arena source is off (import only);
     * the real one is lmarena-ai/leaderboard-dataset.
     */
    arenaDataset: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'a dataset id such as lmarena-ai/leaderboard-dataset').optional(),
    /** The dataset's subset (the Hub's "config"): text is the text arena without style control, back to 2023. Default text. */
    arenaSubset: z.string().regex(/^[\w.-]+$/, 'a subset name such as text').default('text'),
    /** The leaderboard category stored per publication. Default overall. */
    arenaCategory: z.string().regex(/^[\w.-]+$/, 'a category name such as overall').default('overall'),
    /** The Hugging Face dataset viewer API (/filter, /rows, answers as JSON). Default https://datasets-server.huggingface.co. */
    hfDatasetsServerUrl: z.string().url().default('https://datasets-server.huggingface.co'),
    /** Per-request timeout for upstream APIs, in milliseconds. Default 15000. */
    requestTimeoutMs: z.coerce.number().int().positive().default(15_000),
    /** How long to wait for another OpenPulse process to release the embedded store. Default 600000 (10 min). */
    storeLockWaitMs: z.coerce.number().int().nonnegative().default(600_000),
    /**
     * The JavaScript heap of the site build's Astro process, in MiB (Node's --max-old-space-size).
     * What the pages hold at once is bounded (a few results and one family's charts), so a bounded
     * heap keeps the build's memory flat whatever the store's size; a catalog with many more
     * subjects per family may need more. Default 896 (50 M generated facts, the Astro child's peak:
     * 1,449 MiB at 1024, 1,369 and 1,411 MiB at 896 in the same time, 1,308 MiB at 768 but 19% slower).
     */
    buildHeapMb: z.coerce.number().int().min(256).default(896),
    /** Per-source cadence overrides for `schedule` and `status`: "source=interval,…" (e.g. "huggingface=6h,leaderboard=7d"). Default: the registry's. */
    cadence: z.string().optional(),
    /** The scheduler's time zone (an IANA name) for its --cron ticks and the times it prints. Default UTC. */
    timezone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as UTC or Asia/Shanghai').default('UTC'),
    /** Marks every page and report as built from simulated data (the demo). Default false. */
    simulated: z.coerce.boolean().default(false),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

/** Environment variables and the config key each one sets. */
export const ENVIRONMENT: Record<string, keyof ConfigInput> = {
  OPENPULSE_DATA_DIR: 'dataDir',
  OPENPULSE_CATALOG: 'catalog',
  OPENPULSE_DIST_DIR: 'distDir',
  OPENPULSE_SPOOL_DIR: 'spoolDir',
  CLICKHOUSE_URL: 'clickhouseUrl',
  CLICKHOUSE_USER: 'clickhouseUser',
  CLICKHOUSE_PASSWORD: 'clickhousePassword',
  CLICKHOUSE_DATABASE: 'clickhouseDatabase',
  CLICKHOUSE_CLUSTER: 'clickhouseCluster',
  GITHUB_TOKEN: 'githubToken',
  GITHUB_API_URL: 'githubApiUrl',
  GITHUB_GRAPHQL_URL: 'githubGraphqlUrl',
  HF_ENDPOINT: 'hfEndpoint',
  HF_TOKEN: 'hfToken',
  NPM_DOWNLOADS_URL: 'npmDownloadsUrl',
  PYPISTATS_URL: 'pypistatsUrl',
  OPENROUTER_URL: 'openrouterUrl',
  OPENROUTER_API_KEY: 'openrouterApiKey',
  LEADERBOARD_URL: 'leaderboardUrl',
  ARENA_DATASET: 'arenaDataset',
  ARENA_SUBSET: 'arenaSubset',
  ARENA_CATEGORY: 'arenaCategory',
  HF_DATASETS_SERVER_URL: 'hfDatasetsServerUrl',
  OPENPULSE_REQUEST_TIMEOUT_MS: 'requestTimeoutMs',
  OPENPULSE_STORE_LOCK_WAIT_MS: 'storeLockWaitMs',
  OPENPULSE_BUILD_HEAP_MB: 'buildHeapMb',
  OPENPULSE_SIMULATED: 'simulated',
  OPENPULSE_CADENCE: 'cadence',
  OPENPULSE_TIMEZONE: 'timezone',
};

/**
 * Builds the configuration. `file` is an optional JSON config file (keys as in
 * the schema); `flags` come from the command line.
 */
export function loadConfig(options: { env?: NodeJS.ProcessEnv; file?: string; flags?: Partial<ConfigInput> } = {}): Config {
  const env = options.env ?? process.env;
  const fromFile = options.file ? readConfigFile(options.file) : {};
  const fromEnv: Record<string, unknown> = {};
  for (const [variable, key] of Object.entries(ENVIRONMENT)) {
    const value = env[variable];
    if (value !== undefined && value !== '') fromEnv[key] = key === 'simulated' ? value === '1' || value === 'true' : value;
  }
  const merged = { ...fromFile, ...fromEnv, ...stripUndefined(options.flags ?? {}) };
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    const variable = Object.entries(ENVIRONMENT).find(([, k]) => k === key)?.[0];
    const where = variable ? `${variable} (or "${key}" in the config file)` : `"${key}"`;
    throw new OpenPulseError('CONFIG', `configuration ${where}: ${issue.message}`, {
      hint: 'see "Configuration" in the README for every setting and its default',
    });
  }
  const config = result.data;
  registerSecret(config.githubToken);
  registerSecret(config.clickhousePassword);
  registerSecret(config.hfToken);
  registerSecret(config.openrouterApiKey);
  return config;
}

function readConfigFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) {
    throw new OpenPulseError('CONFIG', `config file ${file} does not exist`, { hint: 'pass an existing JSON file with --config FILE' });
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new OpenPulseError('CONFIG', `config file ${file} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The GraphQL endpoint for a REST base URL, as GitHub and GitHub Enterprise Server lay them out. */
export function graphqlUrl(config: Pick<Config, 'githubApiUrl' | 'githubGraphqlUrl'>): string {
  if (config.githubGraphqlUrl) return config.githubGraphqlUrl;
  const base = config.githubApiUrl.replace(/\/+$/, '');
  return base.endsWith("/api/v3") ? `${base.slice(0, -"/v3".length)}/graphql` : `${base}/graphql`;
}

export function spoolDir(config: Config): string {
  return config.spoolDir ?? path.join(config.dataDir, 'spool');
}
