// The site build's Astro child runs with a bounded JavaScript heap (OPENPULSE_BUILD_HEAP_MB).
// A build that runs out of it ends with an error that says so and names the setting to raise,
// and the site already in the output folder stays as it was.

import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../collector/commands/build.ts';
import { loadConfig } from '../../collector/config.ts';
import { OpenPulseError } from '../../collector/errors.ts';
import { fakeIO } from '../helpers/cli.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'openpulse-build-heap-'));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('the site build\'s heap bound', () => {
  it('says the Astro build ran out of its heap, names the setting to raise, and keeps the previous site', async () => {
    const distDir = path.join(root, 'dist');
    await mkdir(distDir, { recursive: true });
    await writeFile(path.join(distDir, 'index.html'), 'the previous site');
    const env = { OPENPULSE_DATA_DIR: path.join(root, 'data'), OPENPULSE_DIST_DIR: distDir };
    // 16 MiB, below what a user may set (256): less than Astro needs to load itself, so V8 aborts the
    // child (SIGABRT, exit 134) at once, as it would a catalog too large for the heap, only later.
    const config = { ...loadConfig({ env }), buildHeapMb: 16 };
    const { io } = fakeIO({ env });
    const error = await buildSite(path.join(root, 'snapshot'), config, io).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(OpenPulseError);
    expect((error as OpenPulseError).code).toBe('BUILD');
    expect((error as OpenPulseError).message).toBe('the Astro build ran out of its 16 MiB heap (exit 134); see its messages above');
    expect((error as OpenPulseError).hint).toMatch(/^raise OPENPULSE_BUILD_HEAP_MB \(or "buildHeapMb" in the config file\) above 16; the previous site in the output folder was left as it was$/);
    expect(await readFile(path.join(distDir, 'index.html'), 'utf8')).toBe('the previous site');
    // No staging folder is left beside it.
    expect(await readdir(root)).toEqual(['dist']);
  });
});
