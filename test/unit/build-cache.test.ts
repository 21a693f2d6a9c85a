// The site build's disk cache of values it makes more than once (site/lib/build-cache.ts):
// a value comes back as it was made, only within a build that has a cache folder of its own.

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASTRO_ENV } from '../../collector/snapshot/astro-contract.ts';
import { buildCacheFile, cachedValue } from '../../site/lib/build-cache.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-build-cache-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('build cache', () => {
  it('makes a value once and reads it back as it was made: Maps, NaN, undefined, shared objects', () => {
    const file = buildCacheFile('family-charts-zh-llama', { [ASTRO_ENV.cacheDir]: dir })!;
    expect(file).toBe(path.join(dir, 'openpulse', 'family-charts-zh-llama.v8'));
    const shared = { day: '2024-07-23', value: 405 };
    const made = { rows: [shared, shared], points: new Map([['llama', [[1, Number.NaN]]]]), missing: undefined, lang: 'zh' };
    let calls = 0;
    const first = cachedValue(file, () => (calls++, made));
    const second = cachedValue<unknown>(file, () => (calls++, { other: true })) as typeof made;
    expect(calls).toBe(1);
    expect(first).toBe(made);
    expect(second).toEqual(made);
    expect(second).not.toBe(made);
    expect(Object.hasOwn(second, 'missing')).toBe(true);
    expect(second.rows[0]).toBe(second.rows[1]);
  });

  it('keeps nothing without a cache folder of the build\'s own', async () => {
    expect(buildCacheFile('family-charts-en-llama', {})).toBeUndefined();
    let calls = 0;
    cachedValue(undefined, () => ++calls);
    cachedValue(undefined, () => ++calls);
    expect(calls).toBe(2);
    // Nothing written but the first test's value, and no temporary file left beside it.
    expect(await readdir(path.join(dir, 'openpulse'))).toEqual(['family-charts-zh-llama.v8']);
  });

  it('refuses a name that is not a plain file name', () => {
    expect(() => buildCacheFile('../escape', { [ASTRO_ENV.cacheDir]: dir })).toThrow(/a build cache name is letters, digits, "\.", "-" and "_", not "\.\.\/escape"/);
  });
});
