// Values a site build makes more than once, kept on disk for the rest of the build.
// Astro renders a family's page, pictures, plots and numbers as separate routes, one
// route at a time over every family, so a family's charts are asked for about ten
// times, far apart, and memory keeps only the last few families' (site-charts.ts).
// Built once, they are written to the build's own cache folder (ASTRO_ENV.cacheDir,
// which `openpulse build` makes for each build and removes after it) in V8's
// serialization (the structured clone: Maps, NaN and undefined come back as they
// were), and read back instead of built again. Without that folder (a build not run
// by `openpulse build`) nothing is kept.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { threadId } from 'node:worker_threads';
import { ASTRO_ENV } from '../../collector/snapshot/astro-contract.ts';

/** Where the build keeps a value by name, or undefined when this build has no cache folder of its own. */
export function buildCacheFile(name: string, env: Record<string, string | undefined> = process.env): string | undefined {
  const dir = env[ASTRO_ENV.cacheDir];
  if (!dir) return undefined;
  if (!/^[\w.-]+$/.test(name)) throw new Error(`a build cache name is letters, digits, ".", "-" and "_", not "${name}"`);
  return path.join(dir, 'openpulse', `${name}.v8`);
}

/** The value kept in `file`, else `make()`'s, kept there for the next call; with no file, always `make()`'s. */
export function cachedValue<T>(file: string | undefined, make: () => T): T {
  if (file && existsSync(file)) return deserialize(readFileSync(file)) as T;
  const value = make();
  if (file) write(file, value);
  return value;
}

/** Keeps `make()`'s value in `file` for later calls of cachedValue, unless it is there already (not read back). */
export function keepValue<T>(file: string | undefined, make: () => T): void {
  if (file && !existsSync(file)) write(file, make());
}

function write(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // Written whole under a name of this thread's own, then renamed: a reader never sees half of
  // it, and the build's other thread (svg-prerender.ts) may write the same value at the same time.
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  writeFileSync(temporary, serialize(value));
  renameSync(temporary, file);
}
