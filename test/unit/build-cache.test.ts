// The site build's disk cache of values it makes more than once (site/lib/build-cache.ts):
// a value comes back as it was made, only within a build that has a cache folder of its own.

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASTRO_ENV, astroBuildEnv, astroHeaps } from '../../collector/snapshot/astro-contract.ts';
import { buildCacheFile, cachedValue, keepValue } from '../../site/lib/build-cache.ts';

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

  it('keeps a value for later reads without making it again once it is kept', () => {
    const file = buildCacheFile('numbers-csv-family-llama-stars', { [ASTRO_ENV.cacheDir]: dir })!;
    let calls = 0;
    keepValue(file, () => (calls++, 'day,value\n2024-07-23,405\n'));
    keepValue(file, () => (calls++, 'something else'));
    expect(calls).toBe(1);
    expect(cachedValue(file, () => (calls++, 'made again'))).toBe('day,value\n2024-07-23,405\n');
    expect(calls).toBe(1);
    keepValue(undefined, () => calls++);
    expect(calls).toBe(1);
  });

  it('keeps nothing without a cache folder of the build\'s own', async () => {
    expect(buildCacheFile('family-charts-en-llama', {})).toBeUndefined();
    let calls = 0;
    cachedValue(undefined, () => ++calls);
    cachedValue(undefined, () => ++calls);
    expect(calls).toBe(2);
    // Nothing written but the first test's value, and no temporary file left beside it.
    expect((await readdir(path.join(dir, 'openpulse'))).sort()).toEqual(['family-charts-zh-llama.v8', 'numbers-csv-family-llama-stars.v8']);
  });

  it('lets two threads write the same values at once (the pages\' and the pictures\'), each through a temporary file of its own', async () => {
    const race = path.join(dir, 'race');
    const names = Array.from({ length: 2000 }, (_, i) => `picture-${i}`);
    const env = { [ASTRO_ENV.cacheDir]: race };
    // Both threads start together (a shared flag), and go through the same names in the same order.
    const start = new Int32Array(new SharedArrayBuffer(8));
    const other = new Worker(
      `const { workerData, parentPort } = require('node:worker_threads');
       import(workerData.module).then(({ buildCacheFile, cachedValue }) => {
         Atomics.store(workerData.start, 0, 1);
         Atomics.notify(workerData.start, 0);
         Atomics.wait(workerData.start, 1, 0);
         for (const name of workerData.names) cachedValue(buildCacheFile(name, workerData.env), () => 'picture ' + name);
         parentPort.postMessage('done');
       });`,
      { eval: true, workerData: { module: new URL('../../site/lib/build-cache.ts', import.meta.url).href, names, env, start } },
    );
    const finished = new Promise((resolve, reject) => {
      other.on('message', resolve);
      other.on('error', reject);
    });
    await Atomics.waitAsync(start, 0, 0).value;
    Atomics.store(start, 1, 1);
    Atomics.notify(start, 1);
    for (const name of names) expect(cachedValue(buildCacheFile(name, env), () => `picture ${name}`)).toBe(`picture ${name}`);
    await finished;
    for (const name of names) expect(cachedValue<string>(buildCacheFile(name, env), () => 'made again')).toBe(`picture ${name}`);
    expect((await readdir(path.join(race, 'openpulse'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('shares the Astro child\'s heap between the pages and the pictures\' thread, within the bound', () => {
    expect(astroHeaps(1024)).toEqual({ pagesMb: 768, picturesMb: 128, pagesSemiSpaceMb: 32 });
    expect(astroHeaps(2048)).toEqual({ pagesMb: 1792, picturesMb: 128, pagesSemiSpaceMb: 32 });
    expect(astroHeaps(512)).toEqual({ pagesMb: 512, picturesMb: undefined, pagesSemiSpaceMb: undefined });
    const build = { snapshot: '/s', outDir: '/o', cacheDir: '/c' };
    expect(astroBuildEnv({ ...build, pictureHeapMb: 128 }, {})[ASTRO_ENV.pictureHeapMb]).toBe('128');
    // without a thread, none is asked for, whatever the caller's environment says
    expect(astroBuildEnv(build, { [ASTRO_ENV.pictureHeapMb]: '64' })[ASTRO_ENV.pictureHeapMb]).toBeUndefined();
  });

  it("has the bundler's allocator commit memory as it is used and give it back as it is freed, unless the caller says otherwise", () => {
    const build = { snapshot: '/s', outDir: '/o', cacheDir: '/c' };
    const env = astroBuildEnv(build, {});
    expect([env.MIMALLOC_PURGE_DELAY, env.MIMALLOC_ARENA_EAGER_COMMIT]).toEqual(['0', '0']);
    const set = astroBuildEnv(build, { MIMALLOC_PURGE_DELAY: '10', MIMALLOC_ARENA_EAGER_COMMIT: '1' });
    expect([set.MIMALLOC_PURGE_DELAY, set.MIMALLOC_ARENA_EAGER_COMMIT]).toEqual(['10', '1']);
  });

  it('refuses a name that is not a plain file name', () => {
    expect(() => buildCacheFile('../escape', { [ASTRO_ENV.cacheDir]: dir })).toThrow(/a build cache name is letters, digits, "\.", "-" and "_", not "\.\.\/escape"/);
  });
});
