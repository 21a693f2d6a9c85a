// Every source the collector knows, in the order a run calls them.

import type { Source } from './types.ts';

export const SOURCES: Source[] = [];

export function sourceByName(name: string): Source | undefined {
  return SOURCES.find((s) => s.name === name);
}
