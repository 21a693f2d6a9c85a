// Every source the collector knows, in the order a run calls them.

import { githubSource } from './github/index.ts';
import { huggingfaceSource } from './huggingface.ts';
import { leaderboardSource } from './leaderboard.ts';
import { npmSource } from './npm.ts';
import { pypiSource } from './pypi.ts';
import type { Source } from './types.ts';

export const SOURCES: Source[] = [githubSource, huggingfaceSource, npmSource, pypiSource, leaderboardSource];

export function sourceByName(name: string): Source | undefined {
  return SOURCES.find((s) => s.name === name);
}
