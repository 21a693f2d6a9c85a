// The built site's size, and the warning before GitHub Pages' 1 GB limit fails a publish (site-size.ts).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes, measureSite, PAGES_LIMIT_BYTES, siteSizeMessages } from '../../collector/snapshot/site-size.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-site-size-'));
  // a site's shape: downloads in data/ (nested too), pictures in charts/, a page at the top
  await mkdir(path.join(dir, 'data', 'compare', 'stars'), { recursive: true });
  await mkdir(path.join(dir, 'charts'), { recursive: true });
  await mkdir(path.join(dir, 'empty'), { recursive: true });
  await writeFile(path.join(dir, 'data', 'family_chart_facts-llama.json'), 'x'.repeat(5_000));
  await writeFile(path.join(dir, 'data', 'family_chart_facts-llama.csv'), 'x'.repeat(2_000));
  await writeFile(path.join(dir, 'data', 'compare', 'stars', 'llama.json'), 'x'.repeat(1_000));
  await writeFile(path.join(dir, 'charts', 'family-llama-stars.svg'), 'x'.repeat(3_000));
  await writeFile(path.join(dir, 'index.html'), 'x'.repeat(500));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the built site\'s size', () => {
  it('counts every file, nested ones too, per top-level file or folder, the largest first', async () => {
    expect(await measureSite(dir)).toEqual({
      bytes: 11_500,
      files: 5,
      parts: [
        { name: 'data/', bytes: 8_000, files: 3 },
        { name: 'charts/', bytes: 3_000, files: 1 },
        { name: 'index.html', bytes: 500, files: 1 },
        { name: 'empty/', bytes: 0, files: 0 },
      ],
    });
  });

  it('says how big the site is and its largest parts, without a warning within the limit', async () => {
    expect(siteSizeMessages(await measureSite(dir))).toEqual({ info: 'site: 11.5 kB in 5 files (largest: data/ 8.0 kB, charts/ 3.0 kB, index.html 500 B)' });
  });

  it("warns when the site is over GitHub Pages' limit, saying what fails and what to do", async () => {
    const size = await measureSite(dir);
    expect(siteSizeMessages(size, 11_499).warning).toBe(
      "site: 11.5 kB is over GitHub Pages' limit of 11.5 kB for a published site, so the scheduled workflow's publish step (.github/workflows/collect.yml) would fail; the site was built. Publish dist/ to a host without that limit, or narrow the catalog: deploy/README.md, \"Site size\"",
    );
    expect(siteSizeMessages(size, 11_500).warning).toBeUndefined();
    // the limit as GitHub states it, and a 50 M-fact site measured in bytes as a reader reads them
    expect(PAGES_LIMIT_BYTES).toBe(1e9);
    expect(siteSizeMessages({ bytes: 1_730_150_400, files: 7_777, parts: [{ name: 'data/', bytes: 1_142_000_000, files: 885 }] }).warning).toMatch(/^site: 1\.73 GB is over GitHub Pages' limit of 1\.00 GB/);
    expect([formatBytes(999), formatBytes(1_000), formatBytes(96_500_000), formatBytes(1e9)]).toEqual(['999 B', '1.0 kB', '96.5 MB', '1.00 GB']);
  });
});
