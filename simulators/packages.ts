// Simulated npm and PyPI download counts: a deterministic figure per package per day with
// a growth trend, a weekly rhythm (weekends are quiet, more so on npm) and noise. Days are
// independent, so any range is computed directly.

import type { Catalog } from '../collector/catalog.ts';
import { dayNumber } from './days.ts';
import { intBetween, unit } from './random.ts';
import { REFERENCE_DAY } from './repositories.ts';

export type Registry = 'npm' | 'pypi';

export interface PackageRecord {
  name: string;
  registry: Registry;
  startDay: number;
  /** Typical weekday downloads around the reference day. */
  level: number;
}

/** Roughly the real weekday volumes in late 2026, so charts look familiar. */
const LEVELS: Record<string, number> = {
  'npm:openai': 900_000,
  'npm:@anthropic-ai/sdk': 250_000,
  'npm:@google/generative-ai': 60_000,
  'npm:@mistralai/mistralai': 30_000,
  'npm:node-llama-cpp': 8_000,
  'npm:ollama': 90_000,
  'npm:llamaindex': 15_000,
  'npm:@huggingface/transformers': 40_000,
  'pypi:openai': 1_200_000,
  'pypi:tiktoken': 1_000_000,
  'pypi:anthropic': 400_000,
  'pypi:transformers': 2_000_000,
  'pypi:diffusers': 150_000,
  'pypi:vllm': 80_000,
  'pypi:llama-cpp-python': 60_000,
  'pypi:google-generativeai': 150_000,
  'pypi:mistralai': 100_000,
};

/** Packages older than the model families they now serve. */
const FIRST_DAYS: Record<string, string> = {
  'npm:openai': '2021-01-15',
  'pypi:openai': '2020-10-25',
  'pypi:transformers': '2019-09-26',
  'pypi:tiktoken': '2022-12-01',
  'pypi:diffusers': '2022-07-21',
  'npm:ollama': '2023-12-01',
  'pypi:vllm': '2023-06-20',
};

export interface PackageWorld {
  find(registry: Registry, name: string): PackageRecord | null;
  names(registry: Registry): string[];
  /** Downloads on a completed day; days before the package existed count 0. */
  daily(record: PackageRecord, day: number): number;
  remove(name: string): boolean;
}

export function createPackageWorld(catalog: Catalog, seed: number): PackageWorld {
  const records = new Map<string, PackageRecord>();
  const removed = new Set<string>();
  for (const family of catalog.families) {
    const firstRelease = [...family.releases].sort((a, b) => a.date.localeCompare(b.date))[0]?.date ?? '2023-01-01';
    for (const [registry, names] of [['npm', family.npm], ['pypi', family.pypi]] as const) {
      for (const name of names) {
        const key = `${registry}:${name.toLowerCase()}`;
        if (records.has(key)) continue;
        const startDay = FIRST_DAYS[key] ? dayNumber(FIRST_DAYS[key]) : dayNumber(firstRelease) + intBetween(0, 60, seed, 'pkg-start', key);
        records.set(key, { name, registry, startDay, level: LEVELS[key] ?? intBetween(2_000, 50_000, seed, 'pkg-level', key) });
      }
    }
  }
  return {
    find: (registry, name) => {
      const key = `${registry}:${name.toLowerCase()}`;
      return removed.has(key) ? null : records.get(key) ?? null;
    },
    names: (registry) => [...records.entries()].filter(([k, r]) => r.registry === registry && !removed.has(k)).map(([, r]) => r.name),
    daily: (record, day) => {
      if (day < record.startDay) return 0;
      const ramp = 1 - Math.exp(-(day - record.startDay + 1) / 45);
      const trend = Math.exp((day - REFERENCE_DAY) / 550);
      const weekday = (day + 4) % 7; // 0 = Sunday
      const weekend = weekday === 0 || weekday === 6 ? (record.registry === 'npm' ? 0.45 : 0.7) : 1;
      const noise = 0.9 + 0.2 * unit(seed, 'dl', record.registry, record.name, day);
      return Math.max(0, Math.round(record.level * ramp * trend * weekend * noise));
    },
    remove: (name) => {
      let any = false;
      for (const registry of ['npm', 'pypi'] as const) {
        const key = `${registry}:${name.toLowerCase()}`;
        if (records.has(key) && !removed.has(key)) {
          removed.add(key);
          any = true;
        }
      }
      return any;
    },
  };
}
