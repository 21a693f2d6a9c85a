// A known, deterministic data set for the site: every metric for every family
// of a catalog over two years, written into a fresh embedded store the way the
// collector would (catalog synced, reference figures loaded, runs logged).
// The browser tests build the site from it and compare what the pages offer
// with what the store's named queries answer.

import type { Catalog, Family } from '../collector/catalog.ts';
import type { Observation } from '../collector/observation.ts';
import { loadReferenceFigures } from '../collector/run.ts';
import type { Store } from '../collector/store/index.ts';
import type { Clock } from '../collector/sources/types.ts';

export interface FixtureOptions {
  /** First day of the data set. Default 2023-01-01. */
  from?: string;
  /** Last day of the data set (the "today" of the fixture). Default 2024-12-31. */
  to?: string;
  /** Families that get no facts at all, so their pages show the empty state. Default ['dolly']. */
  withoutData?: string[];
  /** Days the newest leaderboard table lags behind `to`, so the freshness banner has something to say. Default 75. */
  leaderboardLagDays?: number;
}

/** Text an upstream could send that must never become markup on the site. */
export const HOSTILE_TEXT = '<img src=x onerror="window.__pwned=1">"quoted" & <script>window.__pwned=1</script>';

const DAY_MS = 86_400_000;

function days(from: string, to: string, step = 1): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += step * DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** A smooth growth curve with a weekly ripple; whole numbers, never negative. */
function curve(base: number, monthlyGrowth: number, t: number, ripple = 0.02): number {
  const value = base * Math.pow(1 + monthlyGrowth, t / 30) * (1 + ripple * Math.sin((2 * Math.PI * t) / 7));
  return Math.max(0, Math.round(value));
}

/** Every fact of one family: searches, repositories, Hugging Face models, packages. */
function familyFacts(family: Family, index: number, from: string, to: string): Observation[] {
  const open = family.openness !== 'closed';
  // Open families start smaller and grow faster: the race the site is about.
  const growth = open ? 0.05 + (index % 5) * 0.01 : 0.02 + (index % 3) * 0.005;
  const scale = 1 + (index % 7);
  const all = days(from, to);
  const weekly = days(from, to, 7);
  const t = (day: string) => (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
  const out: Observation[] = [];
  const fact = (subject: string, metric: Observation['metric'], observed_at: string, value: number, detail?: Record<string, unknown>, source: Observation['source'] = 'github') =>
    out.push({ source, subject, family: family.id, metric, observed_at, value, ...(detail ? { detail } : {}) });

  // Searches: the first year reconstructed by backfill (weekly), the second snapshotted daily.
  const half = addDays(from, 365);
  family.github.search.forEach((query, position) => {
    const base = (open ? 300 : 900) * scale / (position + 1);
    for (const day of weekly) if (day < half) fact(`search:${query}`, 'github_projects_existing', day, curve(base, growth, t(day), 0));
    for (const day of all) if (day >= half) fact(`search:${query}`, 'github_projects', day, curve(base, growth, t(day), 0.01), day === to ? { incomplete_results: false } : undefined);
  });
  family.github.repos.forEach((repo, position) => {
    const base = (open ? 2000 : 5000) * scale / (position + 1);
    for (const day of all) fact(`repo:${repo}`, 'github_stars', day, curve(base, growth, t(day), 0));
    for (const day of weekly) {
      fact(`repo:${repo}`, 'github_forks', day, curve(base / 8, growth, t(day), 0));
      fact(`repo:${repo}`, 'github_watchers', day, curve(base / 40, growth, t(day), 0));
      fact(`repo:${repo}`, 'github_open_issues', day, curve(base / 100, growth / 2, t(day), 0.1));
      fact(`repo:${repo}`, 'github_stars_gained', day, curve(base / 60, growth, t(day), 0.2));
    }
  });
  family.huggingface.models.forEach((model, position) => {
    const base = 50_000 * scale / (position + 1);
    for (const day of all) fact(`hf:${model}`, 'hf_downloads_30d', day, curve(base, growth, t(day), 0.05), undefined, 'huggingface');
    for (const day of weekly) {
      fact(`hf:${model}`, 'hf_downloads_all_time', day, curve(base * 10, growth, t(day), 0), undefined, 'huggingface');
      fact(`hf:${model}`, 'hf_likes', day, curve(base / 500, growth, t(day), 0), undefined, 'huggingface');
    }
  });
  for (const [registry, packages] of [['npm', family.npm], ['pypi', family.pypi]] as const) {
    packages.forEach((pkg, position) => {
      const base = (registry === 'npm' ? 4000 : 9000) * scale / (position + 1);
      // A registry's figure for a day appears after UTC midnight: the newest day is yesterday.
      for (const day of all) if (day < to) fact(`${registry}:${pkg}`, `${registry}_downloads`, day, curve(base, growth, t(day), 0.15), undefined, registry);
    });
  }
  return out;
}

/** Leaderboard tables every four weeks: per class and a few models, the newest `lagDays` before `to`. */
function leaderboardFacts(catalog: Catalog, from: string, to: string, lagDays: number): Observation[] {
  const out: Observation[] = [];
  const tables = days(from, addDays(to, -lagDays), 28);
  tables.forEach((day, n) => {
    // Stored per licence class (rung plus non-commercial flag, or unknown), as the leaderboard source stores them.
    const classes = [
      { cls: 'closed', models: 6 + Math.floor(n / 3), rank: 1, elo: 1200 + n * 4 },
      { cls: 'open-weights-restricted-noncommercial', models: 10 + n, rank: Math.max(2, 9 - Math.floor(n / 4)), elo: 1080 + n * 6 },
      { cls: 'open-weights-restricted', models: 8 + n, rank: Math.max(2, 12 - Math.floor(n / 3)), elo: 1050 + n * 7 },
      { cls: 'open-weights-osi', models: 4 + n, rank: Math.max(3, 15 - Math.floor(n / 3)), elo: 1040 + n * 7 },
    ];
    for (const c of classes) {
      out.push({ source: 'leaderboard', subject: `arena:${c.cls}`, family: '', metric: 'arena_models', observed_at: day, value: c.models });
      out.push({ source: 'leaderboard', subject: `arena:${c.cls}`, family: '', metric: 'arena_best_rank', observed_at: day, value: c.rank });
      out.push({ source: 'leaderboard', subject: `arena:${c.cls}`, family: '', metric: 'arena_best_elo', observed_at: day, value: c.elo });
    }
    // Models whose licence string is in no class: placeholders, as the real tables carry them.
    const unknown = n % 3;
    const licences: Record<string, number> = unknown ? { '-': 1, ...(unknown > 1 ? { Open: unknown - 1 } : {}) } : {};
    const examples: Record<string, string[]> = unknown ? { '-': ['nvila-internal-15b-v1'], ...(unknown > 1 ? { Open: ['flux-1-dev-fp8'] } : {}) } : {};
    out.push({ source: 'leaderboard', subject: 'arena:unknown', family: '', metric: 'arena_models', observed_at: day, value: unknown, detail: { licences, examples } });
    const llama = catalog.families.find((f) => f.id === 'llama');
    if (llama) {
      out.push({ source: 'leaderboard', subject: 'arena-model:llama-2-70b-chat', family: 'llama', metric: 'arena_model_rank', observed_at: day, value: Math.max(2, 12 - Math.floor(n / 3)) });
      out.push({ source: 'leaderboard', subject: 'arena-model:llama-2-70b-chat', family: 'llama', metric: 'arena_model_elo', observed_at: day, value: 1050 + n * 7 });
      // A model name as an upstream might send it: it must reach the page as text.
      out.push({ source: 'leaderboard', subject: `arena-model:${HOSTILE_TEXT}`, family: 'llama', metric: 'arena_model_rank', observed_at: day, value: 30 });
    }
  });
  return out;
}

export function fixtureObservations(catalog: Catalog, options: FixtureOptions = {}): Observation[] {
  const from = options.from ?? '2023-01-01';
  const to = options.to ?? '2024-12-31';
  const without = new Set(options.withoutData ?? ['dolly']);
  const facts = catalog.families.flatMap((family, index) => (without.has(family.id) ? [] : familyFacts(family, index, from, to)));
  const llama = catalog.families.find((f) => f.id === 'llama');
  if (llama && !without.has('llama')) {
    // A repository description as GitHub could send it, on a subject of its own.
    facts.push({ source: 'github', subject: 'repo:example/hostile', family: 'llama', metric: 'github_stars', observed_at: to, value: 7, detail: { description: HOSTILE_TEXT } });
  }
  return [...facts, ...leaderboardFacts(catalog, from, to, options.leaderboardLagDays ?? 75)];
}

/** Fills a store with the fixture: catalog, reference figures, facts and one logged run per source. */
export async function seedStore(store: Store, catalog: Catalog, clock: Clock, options: FixtureOptions = {}): Promise<{ facts: number }> {
  const runId = 'fixture-run';
  await store.syncCatalog(catalog, clock.now());
  await loadReferenceFigures({ store, clock }, 'fixture-reference');
  const observations = fixtureObservations(catalog, options);
  const facts = await store.insert(observations, runId, clock.now());
  const bySource = new Map<string, number>();
  for (const o of observations) bySource.set(o.source, (bySource.get(o.source) ?? 0) + 1);
  for (const [source, rows] of bySource) {
    await store.logRun({ run_id: runId, job: 'collect', source, started_at: clock.now(), finished_at: clock.now(), status: 'ok', rows, problems: 0, message: '', rate_limit_left: null });
  }
  return { facts };
}

/** A clock stopped at a moment, for builds whose "today" must match the fixture. */
export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at), sleep: async () => {} };
}
