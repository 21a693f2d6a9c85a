// What the GitHub source's tests and the GitHub cost bench share besides the memory context
// (memory-context.ts): facts as a store keeps them, the catalog cut down, settings for full speed.

import type { Catalog } from '../collector/catalog.ts';
import type { Observation } from '../collector/observation.ts';

/** The last value stored for (subject, metric, day), as a store that replaces on the same key would keep it. */
export function factsByKey(rows: readonly Observation[]): Map<string, Observation> {
  const out = new Map<string, Observation>();
  for (const r of rows) out.set(`${r.subject}|${r.metric}|${r.observed_at}`, r);
  return out;
}

/** The default catalog cut down to some families (the simulated world keeps all of them). */
export function subsetCatalog(catalog: Catalog, familyIds: readonly string[]): Catalog {
  return { ...catalog, families: catalog.families.filter((f) => familyIds.includes(f.id)) };
}

/** Settings that let a run against the simulator go at full speed: no pacing, 1 ms backoff. */
export const FAST = { searchSpacingMs: 0, graphqlSpacingMs: 0, retryBaseMs: 1 } as const;
