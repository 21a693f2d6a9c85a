// Every source the collector knows, in the order a run calls them: one
// implementation per collected source of the registry (registry/sources.ts),
// in the registry's order (test/unit/registry.test.ts checks both).

import { arenaSource } from './arena.ts';
import { githubSource } from './github/index.ts';
import { huggingfaceSource } from './huggingface.ts';
import { leaderboardSource } from './leaderboard.ts';
import { npmSource } from './npm.ts';
import { openrouterSource } from './openrouter.ts';
import { pypiSource } from './pypi.ts';
import type { Source } from './types.ts';

import { COLLECTED_SOURCE_NAMES, type CollectedSourceName } from '../../registry/sources.ts';

const IMPLEMENTATIONS: Record<CollectedSourceName, Source> = {
  github: githubSource,
  huggingface: huggingfaceSource,
  npm: npmSource,
  pypi: pypiSource,
  leaderboard: leaderboardSource,
  arena: arenaSource,
  openrouter: openrouterSource,
};

export const SOURCES: Source[] = COLLECTED_SOURCE_NAMES.map((name) => IMPLEMENTATIONS[name]);

export function sourceByName(name: string): Source | undefined {
  return SOURCES.find((s) => s.name === name);
}
