// The simulated GitHub: populations of repositories that mention the catalog's search
// terms, created over time along closed-form curves, plus the catalog's flagship
// repositories. Nothing is materialised: the k-th repository of a population is computed
// from (seed, population, k) whenever it is needed, and counts come from the curves.

import type { Catalog, Family } from '../collector/catalog.ts';
import { DAY_MS, dayFraction, dayNumber } from './days.ts';
import { cumulativeAt, cumulativeAtDayEnd, populationCountUpTo, populationDayOf, type CumulativeCurve, type PopulationCurve } from './growth.ts';
import { hash, intBetween, pick, unit } from './random.ts';
import { parseSearchQuery, termsMatch, type Conjunction } from './search-query.ts';

/** Star totals are calibrated to this day; the world keeps growing after it. */
export const REFERENCE_DAY = dayNumber('2026-11-29');
const DEFAULT_START_DAY = dayNumber('2023-01-01');

export interface Population extends PopulationCurve {
  index: number;
  key: string;
  slug: string;
  terms: ReadonlySet<string>;
}

/** Everything fixed about one repository; live numbers (stars...) are derived from it and the clock. */
export interface RepoRecord {
  id: number;
  /** The name it was created with; renames are kept separately. */
  originalName: string;
  terms: ReadonlySet<string>;
  createdMs: number;
  stars: CumulativeCurve;
  forkRatio: number;
  watcherRatio: number;
  language: string;
  description: string;
  topics: string[];
  licence: { key: string; name: string; spdx_id: string } | null;
  flagship: boolean;
  ownerType: 'User' | 'Organization';
}

export type Resolution = { kind: 'found'; record: RepoRecord; fullName: string } | { kind: 'moved'; id: number } | { kind: 'missing' };

/** Launch sizes for well-known terms; others get a default scaled by how niche the query is. */
const POPULARITY: Record<string, { burst: number; tau: number; perDay: number }> = {
  llama: { burst: 4500, tau: 60, perDay: 12 },
  llama2: { burst: 1400, tau: 50, perDay: 2.5 },
  llama3: { burst: 1100, tau: 50, perDay: 2 },
  chatgpt: { burst: 9000, tau: 90, perDay: 22 },
  'gpt-4': { burst: 2600, tau: 70, perDay: 4 },
  gpt4: { burst: 1800, tau: 70, perDay: 3 },
  'claude&anthropic': { burst: 250, tau: 80, perDay: 2.2 },
  gemini: { burst: 1800, tau: 60, perDay: 6 },
  palm2: { burst: 150, tau: 40, perDay: 0.1 },
  'stable diffusion': { burst: 5000, tau: 100, perDay: 9 },
  'stable-diffusion': { burst: 4200, tau: 100, perDay: 7 },
  ollama: { burst: 1500, tau: 60, perDay: 14 },
  mistral: { burst: 900, tau: 50, perDay: 2.5 },
  mixtral: { burst: 400, tau: 40, perDay: 0.6 },
  deepseek: { burst: 700, tau: 60, perDay: 5 },
  chatglm: { burst: 1600, tau: 60, perDay: 1.2 },
  qwen: { burst: 600, tau: 60, perDay: 3 },
  midjourney: { burst: 1500, tau: 90, perDay: 2 },
  dalle: { burst: 900, tau: 90, perDay: 0.8 },
  'dall-e': { burst: 700, tau: 90, perDay: 0.7 },
  rwkv: { burst: 250, tau: 60, perDay: 0.4 },
};

const NAME_WORDS = ['chat', 'bot', 'ui', 'api', 'demo', 'agent', 'server', 'finetune', 'rag', 'playground', 'toolkit', 'webui', 'cli', 'notes', 'eval', 'lab', 'docker', 'plugin', 'bench', 'infer'] as const;
const OWNER_WORDS = ['dev', 'ai', 'ml', 'code', 'byte', 'neuro', 'data', 'open', 'deep', 'tensor', 'quant', 'pixel'] as const;
const LANGUAGES = ['Python', 'Python', 'Python', 'TypeScript', 'JavaScript', 'Jupyter Notebook', 'Go', 'Rust', 'C++', 'Java'] as const;
const LICENCES = [
  { key: 'mit', name: 'MIT License', spdx_id: 'MIT' },
  { key: 'apache-2.0', name: 'Apache License 2.0', spdx_id: 'Apache-2.0' },
  { key: 'gpl-3.0', name: 'GNU General Public License v3.0', spdx_id: 'GPL-3.0' },
  null,
] as const;

const SYNTHETIC_ID_BASE = 600_000_000;
const SYNTHETIC_ID_STRIDE = 4_000_000;

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The release a term is about (its label contains the term), else the family's first release. */
function startDayFor(family: Family | undefined, terms: string[]): number {
  if (!family || family.releases.length === 0) return DEFAULT_START_DAY;
  const sorted = [...family.releases].sort((a, b) => a.date.localeCompare(b.date));
  const aboutTerm = sorted.find((r) => terms.some((t) => normalise(t).length > 2 && normalise(r.label).includes(normalise(t))));
  return dayNumber((aboutTerm ?? sorted[0]!).date) - 7;
}

/** Terms a repository carries: each phrase and, as GitHub tokenises them, the phrase's words. */
function termSet(terms: string[]): Set<string> {
  const set = new Set<string>();
  for (const t of terms) {
    set.add(t);
    for (const word of t.split(/\s+/)) set.add(word);
  }
  return set;
}

export interface RepositoryUniverse {
  populations: readonly Population[];
  flagshipNames(): string[];
  resolve(fullName: string, now: Date): Resolution;
  byId(id: number, now: Date): { record: RepoRecord; fullName: string } | null;
  currentName(record: RepoRecord): string;
  search(query: string, now: Date, createdUpTo?: number): RepoRecord[];
  count(query: string, now: Date, createdUpTo?: number): number;
  starsAt(record: RepoRecord, now: Date): number;
  starsByDay(record: RepoRecord, now: Date): Map<number, number>;
  rename(from: string, to: string, now: Date): void;
  remove(fullName: string, now: Date): void;
}

export function createRepositoryUniverse(opts: { catalog: Catalog; seed: number; extraRepos: number; extraKeywords: string[] }): RepositoryUniverse {
  const { catalog, seed } = opts;
  const populations: Population[] = [];
  const populationBySlug = new Map<string, Population>();
  const populationByKey = new Map<string, Population>();

  const addPopulation = (terms: string[], family: Family | undefined, niche: boolean) => {
    const key = [...terms].sort().join('&');
    if (key === '' || populationByKey.has(key)) return;
    const startDay = startDayFor(family, terms);
    const known = POPULARITY[key];
    const size = known ?? (niche ? { burst: 90, tau: 60, perDay: 0.15 } : { burst: 500, tau: 80, perDay: 1.2 });
    const daysToRef = Math.max(30, REFERENCE_DAY - startDay);
    let slug = terms.join('-').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'repo';
    if (populationBySlug.has(slug)) slug = `${slug}${populations.length}`;
    const population: Population = {
      index: populations.length,
      key,
      slug,
      terms: termSet(terms),
      startDay,
      burst: size.burst,
      tau: size.tau,
      perDay: size.perDay + opts.extraRepos / daysToRef,
    };
    populations.push(population);
    populationBySlug.set(slug, population);
    populationByKey.set(key, population);
  };

  for (const family of catalog.families) {
    for (const query of family.github.search) {
      for (const alt of parseSearchQuery(query).alternatives) {
        addPopulation(alt.must, family, alt.must.length > 1 && !POPULARITY[[...alt.must].sort().join('&')]);
        // Repositories that mention only the first word of a multi-word query ("claude" without "anthropic").
        if (alt.must.length > 1) addPopulation([alt.must[0]!], family, false);
      }
    }
  }
  for (const keyword of opts.extraKeywords) {
    for (const alt of parseSearchQuery(keyword).alternatives) addPopulation(alt.must, undefined, false);
  }

  // Flagship repositories from the catalog: large, starred, created near the release they are named after
  // (openai/gpt-oss with gpt-oss in August 2025, QwenLM/Qwen3 with Qwen3), else near the family's launch.
  const flagships = new Map<string, RepoRecord>();
  for (const family of catalog.families) {
    const headline = family.github.search[0] ? parseSearchQuery(family.github.search[0]).alternatives[0]?.must ?? [] : [];
    for (const fullName of family.github.repos) {
      const lower = fullName.toLowerCase();
      if (flagships.has(lower)) continue;
      const nameTerms = fullName.split('/')[1]!.toLowerCase().split(/[-_.]+/).filter(Boolean);
      const createdDay = startDayFor(family, [fullName.split('/')[1]!]) + 7 + intBetween(-3, 25, seed, 'flagship-day', lower);
      const createdMs = createdDay * DAY_MS + intBetween(0, DAY_MS - 1, seed, 'flagship-ms', lower);
      const total = intBetween(10_000, 60_000, seed, 'flagship-stars', lower);
      flagships.set(lower, {
        id: 200_000_000 + (hash(seed, 'flagship-id', lower) % 390_000_000),
        originalName: fullName,
        terms: termSet([...headline, ...nameTerms]),
        createdMs,
        stars: { seed, key: `stars:${lower}`, startDay: createdDay, refDay: REFERENCE_DAY, totalAtRef: total, burst: 25, tau: 40 },
        forkRatio: 0.08 + 0.1 * unit(seed, 'forks', lower),
        watcherRatio: 0.006 + 0.006 * unit(seed, 'watchers', lower),
        language: pick(LANGUAGES, seed, 'lang', lower),
        description: `${family.name}: ${nameTerms.join(' ')}`,
        topics: [...new Set([family.id, ...headline.map((t) => t.replace(/\s+/g, '-'))])],
        licence: pick(LICENCES.slice(0, 2), seed, 'licence', lower),
        flagship: true,
        ownerType: 'Organization',
      });
    }
  }
  const flagshipById = new Map([...flagships.values()].map((r) => [r.id, r]));

  // Synthetic repositories, computed on demand and cached (search pages revisit them).
  const syntheticCache = new Map<number, RepoRecord>();
  const synthetic = (population: Population, k: number): RepoRecord => {
    const id = SYNTHETIC_ID_BASE + population.index * SYNTHETIC_ID_STRIDE + k;
    const cached = syntheticCache.get(id);
    if (cached) return cached;
    const day = populationDayOf(population, k);
    const word = pick(NAME_WORDS, seed, 'word', population.slug, k);
    const owner = `${pick(OWNER_WORDS, seed, 'owner', population.slug, k)}${hash(seed, 'owner-n', population.slug, k) % 10_000}`;
    const u = unit(seed, 'popularity', population.slug, k);
    // Heavy tail: most repositories have a handful of stars, a few have thousands.
    const total = Math.min(25_000, Math.floor(0.4 * Math.pow(1 / (1 - u * 0.9999), 1.25)) - 0);
    const record: RepoRecord = {
      id,
      originalName: `${owner}/${population.slug}-${word}-${k}`,
      terms: population.terms,
      createdMs: day * DAY_MS + intBetween(0, DAY_MS - 1, seed, 'created-ms', population.slug, k),
      stars: { seed, key: `stars:${id}`, startDay: day, refDay: REFERENCE_DAY, totalAtRef: total, burst: 8, tau: 20 },
      forkRatio: 0.05 + 0.15 * unit(seed, 'forks', id),
      watcherRatio: 0.01 + 0.02 * unit(seed, 'watchers', id),
      language: pick(LANGUAGES, seed, 'lang', id),
      description: `${word[0]!.toUpperCase()}${word.slice(1)} built on ${[...population.terms][0]}`,
      topics: [...population.terms].filter((t) => !t.includes(' ')),
      licence: pick(LICENCES, seed, 'licence', id),
      flagship: false,
      ownerType: 'User',
    };
    if (syntheticCache.size > 200_000) syntheticCache.clear();
    syntheticCache.set(id, record);
    return record;
  };

  // Renames and deletions applied by tests, by repository id.
  const currentNameById = new Map<number, string>();
  const idByCurrentName = new Map<string, number>();
  const idByOldName = new Map<string, number>();
  const deleted = new Set<number>();

  const existsAt = (record: RepoRecord, now: Date) => record.createdMs <= now.getTime() && !deleted.has(record.id);

  const recordByOriginalName = (lower: string): RepoRecord | null => {
    const flagship = flagships.get(lower);
    if (flagship) return flagship;
    const m = /^([a-z]+\d+)\/(.+)-([a-z]+)-(\d+)$/.exec(lower);
    if (!m) return null;
    const population = populationBySlug.get(m[2]!);
    if (!population) return null;
    const record = synthetic(population, Number(m[4]));
    return record.originalName.toLowerCase() === lower ? record : null;
  };

  const recordById = (id: number): RepoRecord | null => {
    const flagship = flagshipById.get(id);
    if (flagship) return flagship;
    const offset = id - SYNTHETIC_ID_BASE;
    const population = populations[Math.floor(offset / SYNTHETIC_ID_STRIDE)];
    if (offset < 0 || !population) return null;
    return synthetic(population, offset % SYNTHETIC_ID_STRIDE);
  };

  const currentName = (record: RepoRecord) => currentNameById.get(record.id) ?? record.originalName;

  const resolve = (fullName: string, now: Date): Resolution => {
    const lower = fullName.toLowerCase();
    const renamedId = idByCurrentName.get(lower);
    if (renamedId !== undefined) {
      const record = recordById(renamedId);
      return record && existsAt(record, now) ? { kind: 'found', record, fullName: currentName(record) } : { kind: 'missing' };
    }
    const oldId = idByOldName.get(lower);
    if (oldId !== undefined) {
      const record = recordById(oldId);
      return record && existsAt(record, now) ? { kind: 'moved', id: oldId } : { kind: 'missing' };
    }
    const record = recordByOriginalName(lower);
    return record && existsAt(record, now) ? { kind: 'found', record, fullName: currentName(record) } : { kind: 'missing' };
  };

  /** Inclusive creation-day bounds of a query, clipped to what exists now. */
  const bounds = (query: string, now: Date, createdUpTo?: number) => {
    const parsed = parseSearchQuery(query);
    const today = dayNumber(now);
    const to = Math.min(today, parsed.createdTo ?? today, createdUpTo ?? today);
    const from = parsed.createdFrom ?? -Infinity;
    return { alternatives: parsed.alternatives, from, to };
  };

  const matchingPopulations = (alternatives: Conjunction[]) => populations.filter((p) => termsMatch(alternatives, p.terms));

  /** Visits every matching repository; `visit` gets k-ranges for whole days and records for edge cases. */
  const eachMatch = (query: string, now: Date, createdUpTo: number | undefined, onRange: (p: Population, kFrom: number, kTo: number) => void, onRecord: (r: RepoRecord) => void) => {
    const { alternatives, from, to } = bounds(query, now, createdUpTo);
    if (to < from) return;
    const today = dayNumber(now);
    for (const population of matchingPopulations(alternatives)) {
      const kFrom = from === -Infinity ? 0 : populationCountUpTo(population, from - 1);
      const lastWholeDay = to === today ? today - 1 : to;
      const kTo = Math.max(kFrom, populationCountUpTo(population, lastWholeDay));
      onRange(population, kFrom, kTo);
      if (to === today) {
        // Repositories created today exist only once their creation instant has passed.
        for (let k = Math.max(kTo, populationCountUpTo(population, today - 1)); k < populationCountUpTo(population, today); k++) {
          onRecord(synthetic(population, k));
        }
      }
    }
    for (const record of flagships.values()) {
      const day = Math.floor(record.createdMs / DAY_MS);
      if (termsMatch(alternatives, record.terms) && day >= from && day <= to) onRecord(record);
    }
  };

  const isCounted = (record: RepoRecord, now: Date) => existsAt(record, now);

  const count = (query: string, now: Date, createdUpTo?: number): number => {
    let n = 0;
    eachMatch(
      query,
      now,
      createdUpTo,
      (population, kFrom, kTo) => {
        n += kTo - kFrom;
        for (const id of deleted) {
          const k = id - SYNTHETIC_ID_BASE - population.index * SYNTHETIC_ID_STRIDE;
          if (k >= kFrom && k < kTo) n--;
        }
      },
      (record) => {
        if (isCounted(record, now)) n++;
      },
    );
    return n;
  };

  const search = (query: string, now: Date, createdUpTo?: number): RepoRecord[] => {
    const out: RepoRecord[] = [];
    eachMatch(
      query,
      now,
      createdUpTo,
      (population, kFrom, kTo) => {
        for (let k = kFrom; k < kTo; k++) {
          const record = synthetic(population, k);
          if (!deleted.has(record.id)) out.push(record);
        }
      },
      (record) => {
        if (isCounted(record, now)) out.push(record);
      },
    );
    return out;
  };

  const starsAt = (record: RepoRecord, now: Date) => cumulativeAt(record.stars, dayNumber(now), dayFraction(now));

  const starsByDay = (record: RepoRecord, now: Date) => {
    const today = dayNumber(now);
    const days = new Map<number, number>();
    let before = 0;
    for (let day = record.stars.startDay; day < today; day++) {
      const total = cumulativeAtDayEnd(record.stars, day);
      if (total > before) days.set(day, total - before);
      before = total;
    }
    const current = starsAt(record, now);
    if (today >= record.stars.startDay && current > before) days.set(today, current - before);
    return days;
  };

  const requireFound = (fullName: string, now: Date, what: string): RepoRecord => {
    const found = resolve(fullName, now);
    if (found.kind === 'found') return found.record;
    if (found.kind === 'moved') return recordById(found.id)!;
    throw new Error(`${what}: no repository ${fullName} in the simulated world`);
  };

  return {
    populations,
    flagshipNames: () => [...flagships.values()].map((r) => currentName(r)),
    resolve,
    byId: (id, now) => {
      const record = recordById(id);
      return record && existsAt(record, now) ? { record, fullName: currentName(record) } : null;
    },
    currentName,
    search,
    count,
    starsAt,
    starsByDay,
    rename: (from, to, now) => {
      const record = requireFound(from, now, 'renameRepo');
      const previous = currentName(record).toLowerCase();
      idByCurrentName.delete(previous);
      idByOldName.set(previous, record.id);
      idByOldName.delete(to.toLowerCase());
      currentNameById.set(record.id, to);
      idByCurrentName.set(to.toLowerCase(), record.id);
    },
    remove: (fullName, now) => {
      deleted.add(requireFound(fullName, now, 'deleteRepo').id);
    },
  };
}
