// The simulated world behind every upstream: a seeded, deterministic history of GitHub
// repositories, Hugging Face models, npm and PyPI downloads and leaderboard tables, read
// at the instant the simulated clock shows. Tests read the truth here and compare what a
// collector stored against it; mutators (renames, deletions) can be applied at any time.

import type { Catalog } from '../collector/catalog.ts';
import { createClock, type SimClock } from './clock.ts';
import { dayNumber, dayString, isDayString } from './days.ts';
import { LEADERBOARD_DATES, leaderboardCsv } from './leaderboard-data.ts';
import { createModelWorld, type ModelWorld } from './models.ts';
import { createPackageWorld, type PackageWorld } from './packages.ts';
import { createOpenrouterWorld, type OpenrouterWorld, type RankingRow } from './openrouter-models.ts';
import { unit } from './random.ts';
import { createRepositoryUniverse, type RepoRecord, type RepositoryUniverse } from './repositories.ts';

export { createClock, type SimClock };

export interface RepoTruth {
  id: number;
  fullName: string;
  createdAt: string;
  /** Stargazers now; equals the sum of starDays. */
  stars: number;
  forks: number;
  /** Subscribers (GraphQL `watchers`, REST `subscribers_count`). */
  watchers: number;
  openIssues: number;
  /** Stars still held, by the UTC day (YYYY-MM-DD) they were given; today's are the ones given so far. */
  starDays: Map<string, number>;
  flagship: boolean;
}

export interface ModelTruth {
  id: string;
  author: string;
  createdAt: string;
  /** Rolling count over the 30 completed days before today. */
  downloads: number;
  downloadsAllTime: number;
  likes: number;
  gated: false | 'auto' | 'manual';
}

export interface World {
  readonly catalog: Catalog;
  readonly seed: number;
  readonly clock: SimClock;
  /** Engines the HTTP layer reads; tests normally use the accessors below. */
  readonly github: RepositoryUniverse;
  readonly hub: ModelWorld;
  readonly packages: PackageWorld;
  /** Tokens routed per model per day through OpenRouter. */
  readonly openrouter: OpenrouterWorld;

  /** Today's UTC date, YYYY-MM-DD. */
  today(): string;
  /** Repositories matching a GitHub search query (its own `created:` qualifiers honoured), optionally only those created up to a day. */
  searchCount(query: string, createdUpTo?: string): number;
  /** Current truth about a repository by its current name; undefined when unknown, deleted or not yet created. */
  repo(fullName: string): RepoTruth | undefined;
  /** The catalog's flagship repositories under their current names. */
  flagshipRepos(): string[];
  repoFacts(record: RepoRecord): Omit<RepoTruth, 'starDays'>;
  /** Downloads on a completed day; undefined for today or later, unknown or removed packages. */
  npmDaily(pkg: string, day: string): number | undefined;
  pypiDaily(pkg: string, day: string): number | undefined;
  hfModel(id: string): ModelTruth | undefined;
  hfAuthorModels(author: string): string[];
  /** The direct derivatives of a model (every model tagged base_model:<id>), with their relations and 30-day downloads. */
  hfDerivatives(id: string): { id: string; relations: string[]; downloads: number }[];
  /** The Hub's API quota per 5-minute fixed window (its published tiers: 500 anonymous, 1,000 with a token); tests lower it. */
  hubQuota: { anonymous: number; token: number; windowSeconds: number };
  /** OpenRouter's ranking of a completed day (top 50 and `other`), as its Data API lists it; undefined for today or later. */
  openrouterDay(day: string): RankingRow[] | undefined;
  /** OpenRouter's Data API limits (its published 30 requests a minute per key, 500 a day per account); tests lower them. */
  openrouterQuota: { perMinute: number; perDay: number };
  /** Dates (YYYY-MM-DD) of the leaderboard tables published by today. */
  leaderboardDates(): string[];
  leaderboardCsv(date: string): string | undefined;

  renameRepo(from: string, to: string): void;
  deleteRepo(fullName: string): void;
  renameModel(from: string, to: string): void;
  /** Makes `alias` a legacy id the Hub answers 200 for, with `id`'s repository (no redirect). */
  aliasModel(alias: string, id: string): void;
  removeModel(id: string): void;
  /** Removes an npm and/or PyPI package of that name; false when there was none. */
  removePackage(name: string): boolean;
}

export interface WorldOptions {
  catalog: Catalog;
  /** Default 1. The same seed always yields the same world. */
  seed?: number;
  clock: SimClock;
  /** About this many more repositories in every searched population by 2026-11-29 (default 0), to scale benchmarks. */
  extraRepos?: number;
  /** Further search queries whose terms get their own repository populations (default none). */
  extraKeywords?: string[];
}

export function createWorld(opts: WorldOptions): World {
  const seed = opts.seed ?? 1;
  const { catalog, clock } = opts;
  const github = createRepositoryUniverse({ catalog, seed, extraRepos: opts.extraRepos ?? 0, extraKeywords: opts.extraKeywords ?? [] });
  const hub = createModelWorld(catalog, seed);
  const packages = createPackageWorld(catalog, seed);
  const openrouter = createOpenrouterWorld(catalog, seed);

  const completedDay = (day: string): number | undefined => {
    if (!isDayString(day)) return undefined;
    const n = dayNumber(day);
    return n < dayNumber(clock.now()) ? n : undefined;
  };

  const repoFacts = (record: RepoRecord) => {
    const now = clock.now();
    const stars = github.starsAt(record, now);
    return {
      id: record.id,
      fullName: github.currentName(record),
      createdAt: new Date(record.createdMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      stars,
      forks: Math.round(stars * record.forkRatio),
      watchers: Math.round(stars * record.watcherRatio) + 1,
      openIssues: Math.round(stars * 0.004 + 2 + 25 * unit(seed, 'issues', record.id, dayNumber(now))),
      flagship: record.flagship,
    };
  };

  return {
    catalog,
    seed,
    clock,
    github,
    hub,
    packages,
    openrouter,
    today: () => dayString(dayNumber(clock.now())),
    searchCount: (query, createdUpTo) => github.count(query, clock.now(), createdUpTo === undefined ? undefined : dayNumber(createdUpTo)),
    repo: (fullName) => {
      const found = github.resolve(fullName, clock.now());
      if (found.kind !== 'found') return undefined;
      const starDays = new Map<string, number>();
      for (const [day, n] of github.starsByDay(found.record, clock.now())) starDays.set(dayString(day), n);
      return { ...repoFacts(found.record), starDays };
    },
    flagshipRepos: () => github.flagshipNames(),
    repoFacts,
    npmDaily: (pkg, day) => {
      const record = packages.find('npm', pkg);
      const n = completedDay(day);
      return record && n !== undefined ? packages.daily(record, n) : undefined;
    },
    pypiDaily: (pkg, day) => {
      const record = packages.find('pypi', pkg);
      const n = completedDay(day);
      return record && n !== undefined ? packages.daily(record, n) : undefined;
    },
    hfModel: (id) => {
      const now = clock.now();
      const found = hub.resolve(id, now);
      if (found.kind !== 'found') return undefined;
      const r = found.record;
      return {
        id: r.id,
        author: r.author,
        createdAt: new Date(r.createdMs).toISOString(),
        downloads: hub.downloads30d(r, now),
        downloadsAllTime: hub.downloadsAllTime(r, now),
        likes: hub.likesAt(r, now),
        gated: r.gated,
      };
    },
    hfAuthorModels: (author) => hub.byAuthor(author, clock.now()).map((r) => r.id),
    hfDerivatives: (id) => {
      const now = clock.now();
      return hub.byTags([`base_model:${id}`], now).map((r) => ({
        id: r.id,
        relations: r.baseTags.filter((t) => t.startsWith('base_model:') && t.endsWith(`:${id}`) && t !== `base_model:${id}`).map((t) => t.split(':')[1]!),
        downloads: hub.downloads30d(r, now),
      }));
    },
    hubQuota: { anonymous: 500, token: 1000, windowSeconds: 300 },
    openrouterDay: (day) => {
      const n = completedDay(day);
      return n === undefined ? undefined : openrouter.day(n);
    },
    openrouterQuota: { perMinute: 30, perDay: 500 },
    leaderboardDates: () => LEADERBOARD_DATES.filter((d) => dayNumber(d) <= dayNumber(clock.now())),
    leaderboardCsv: (date) => (dayNumber(date) <= dayNumber(clock.now()) ? leaderboardCsv(date) ?? undefined : undefined),
    renameRepo: (from, to) => github.rename(from, to, clock.now()),
    deleteRepo: (fullName) => github.remove(fullName, clock.now()),
    renameModel: (from, to) => hub.rename(from, to, clock.now()),
    aliasModel: (alias, id) => hub.alias(alias, id, clock.now()),
    removeModel: (id) => hub.remove(id, clock.now()),
    removePackage: (name) => packages.remove(name),
  };
}
