// The built site's size, its upload's size as the scheduled workflow publishes it, and what the
// build says past GitHub's documented limit for a Pages site (site-size.ts).
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACT_WARNING_BYTES,
  artifactSampling,
  estimateArtifact,
  formatBytes,
  measureSite,
  PAGES_LIMIT_BYTES,
  PAGES_REFUSED_BYTES,
  siteSizeMessages,
  type SiteSize,
} from '../../collector/snapshot/site-size.ts';

let dir: string;
let site: string;

/** Numbers that look measured (a fixed sequence, so every run writes the same site). */
function numbers(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x;
  };
}

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

  // A site's kinds of file with contents like a build's: rows of days and counts as JSON and CSV,
  // a picture's paths, pages of markup, and one file that does not compress (an image).
  site = await mkdtemp(path.join(os.tmpdir(), 'openpulse-site-artifact-'));
  const next = numbers(7);
  for (const family of ['llama', 'qwen', 'deepseek', 'mistral', 'gemma', 'gpt', 'claude', 'gemini']) {
    await mkdir(path.join(site, 'data'), { recursive: true });
    await mkdir(path.join(site, 'charts'), { recursive: true });
    await mkdir(path.join(site, 'families', family), { recursive: true });
    const rows: string[] = [];
    for (let day = 0; day < 1_500; day++) {
      const date = new Date(Date.UTC(2022, 10, 1) + day * 86_400_000).toISOString().slice(0, 10);
      rows.push(`{"day":"${date}","family":"${family}","subject":"repo:${family}/model-${day % 7}","value":${next() % 900_000},"is_reference":0}`);
    }
    await writeFile(path.join(site, 'data', `family_metrics-${family}.json`), `{"key":"family_metrics-${family}","rows":[${rows.join(',')}]}`);
    await writeFile(path.join(site, 'data', `family_metrics-${family}.csv`), rows.map((r) => Object.values(JSON.parse(r) as object).join(',')).join('\n'));
    const points = Array.from({ length: 400 }, (_, i) => `L${i * 3} ${next() % 300}`).join(' ');
    await writeFile(path.join(site, 'charts', `family-${family}-stars.svg`), `<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0 ${points}" fill="none" stroke="#5470c6"/></svg>`);
    await writeFile(path.join(site, 'families', family, 'index.html'), `<!doctype html><html lang="en"><head><title>${family}</title></head><body>${'<p>Open vs closed, measured.</p>'.repeat(40)}</body></html>`);
  }
  const noise = Buffer.alloc(200_000);
  for (let i = 0; i < noise.length; i++) noise[i] = next() % 256;
  await writeFile(path.join(site, 'charts', 'preview.png'), noise);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(site, { recursive: true, force: true });
});

/** The artifact as the workflow makes it: GNU tar of the folder, deflated at upload-artifact's level 6. */
function realArtifact(folder: string): { tarBytes: number; bytes: number } {
  const tar = execFileSync('tar', ['-cf', '-', '-C', folder, '.'], { maxBuffer: 64 * 1024 * 1024 });
  return { tarBytes: tar.length, bytes: deflateRawSync(tar, { level: 6 }).length };
}

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
    expect([formatBytes(999), formatBytes(1_000), formatBytes(96_500_000), formatBytes(1e9)]).toEqual(['999 B', '1.0 kB', '96.5 MB', '1.00 GB']);
  });
});

describe("the site's upload, as the scheduled workflow publishes it", () => {
  it('estimates the tar deflated at level 6 as GNU tar and zlib make it, within a few percent', async () => {
    const real = realArtifact(site);
    const whole = await estimateArtifact(site);
    // all of a small site is deflated; its stream is the tar's but for the tar's last record's padding
    expect(whole.sampledBytes).toBe(whole.tarBytes);
    expect(real.tarBytes - whole.tarBytes).toBeGreaterThanOrEqual(0);
    expect(real.tarBytes - whole.tarBytes).toBeLessThan(10_240);
    expect(whole.bytes / real.bytes).toBeGreaterThan(0.97);
    expect(whole.bytes / real.bytes).toBeLessThan(1.06);
    // the site compresses (text), but not as far as the image lets it: the estimate is no constant ratio
    expect(real.bytes / real.tarBytes).toBeGreaterThan(0.1);
    expect(real.bytes / real.tarBytes).toBeLessThan(0.5);
  });

  it('deflates one segment in `every` of a large stream and scales it to the whole', async () => {
    const real = realArtifact(site);
    const sampled = await estimateArtifact(site, { segmentBytes: 16 * 1024, every: 4 });
    expect(sampled.sampledBytes).toBeLessThan(sampled.tarBytes / 3);
    expect(sampled.sampledBytes).toBeGreaterThan(sampled.tarBytes / 5);
    expect(sampled.bytes / real.bytes).toBeGreaterThan(0.85);
    expect(sampled.bytes / real.bytes).toBeLessThan(1.2);
    // about 64 MiB of a stream is deflated, never less than all of a small one, never more than one segment in eight
    expect([artifactSampling(10e6), artifactSampling(200 * 2 ** 20), artifactSampling(1.73e9), artifactSampling(20e9)]).toEqual([1, 3, 8, 8]);
  });
});

describe("what the build says past GitHub's documented limit", () => {
  const fifty: SiteSize = { bytes: 1_734_078_087, files: 7_777, parts: [{ name: 'data/', bytes: 1_190_000_000, files: 885 }] };

  it('the limits as GitHub documents them and as deploy-pages checks them', () => {
    expect([PAGES_LIMIT_BYTES, ARTIFACT_WARNING_BYTES, PAGES_REFUSED_BYTES]).toEqual([1e9, 2 ** 30, 10e9]);
  });

  it('over the documented 1 GB with an upload deploy-pages accepts: says so, and that GitHub may still act on it', () => {
    // a 50 M-fact store's site: its files and its upload as measured (tar and gzip -6: 156 MB)
    const messages = siteSizeMessages(fifty, { bytes: 158_281_421, tarBytes: 1_735_774_720, sampledBytes: 217_055_232 });
    expect(messages.info).toBe('site: 1.73 GB in 7,777 files (largest: data/ 1.19 GB); as the Pages upload (its tar, deflated as upload-artifact zips it) about 158.3 MB');
    expect(messages.warning).toBe(
      'site: 1.73 GB is over the 1.00 GB GitHub documents as the most a published Pages site may be. The scheduled workflow\'s publish (.github/workflows/collect.yml) accepts it: its upload is about 158.3 MB, where deploy-pages warns past 1.07 GB and Pages refuses 10.00 GB; but past that usage limit GitHub may ask for a smaller site or stop serving it. Publish dist/ to a host without that limit, or narrow the catalog: deploy/README.md, "Site size"',
    );
  });

  it('an upload over 1 GiB: deploy-pages warns that the deployment might fail', () => {
    const messages = siteSizeMessages({ ...fifty, bytes: 6e9 }, { bytes: 1.2e9, tarBytes: 6.01e9, sampledBytes: 7e7 });
    expect(messages.warning).toBe(
      'site: 6.00 GB is over the 1.00 GB GitHub documents as the most a published Pages site may be, and its upload, about 1.20 GB, is over the 1.07 GB past which deploy-pages warns that the deployment might fail (.github/workflows/collect.yml); the site was built. Publish dist/ to a host without that limit, or narrow the catalog: deploy/README.md, "Site size"',
    );
  });

  it('a site of 10 GB or more: the publish step fails', () => {
    const messages = siteSizeMessages({ ...fifty, bytes: 11e9 }, { bytes: 1.1e9, tarBytes: 11.01e9, sampledBytes: 7e7 });
    expect(messages.warning).toMatch(/^site: 11\.00 GB is over the 1\.00 GB GitHub documents as the most a published Pages site may be, and over the 10\.00 GB Pages deploys at all, so the scheduled workflow's publish step \(\.github\/workflows\/collect\.yml\) would fail; the site was built\./);
    // the folder named is the one the build wrote (build --out), dist/ when none is given
    expect(siteSizeMessages({ ...fifty, bytes: 11e9 }, undefined, { folder: 'site-out' }).warning).toMatch(/\. Publish site-out to a host without that limit, or narrow the catalog: deploy\/README\.md, "Site size"$/);
  });

  it('the limits are the caller\'s to set, and at them nothing is said', async () => {
    const size = await measureSite(dir);
    expect(siteSizeMessages(size, undefined, { limits: { documented: 11_500, artifactWarning: 1e9, refused: 1e10 } }).warning).toBeUndefined();
    expect(siteSizeMessages(size, { bytes: 2_000, tarBytes: 20_480, sampledBytes: 20_480 }, { limits: { documented: 11_499, artifactWarning: 1e9, refused: 1e10 } }).warning).toMatch(
      /^site: 11\.5 kB is over the 11\.5 kB GitHub documents as the most a published Pages site may be\. The scheduled workflow's publish .* accepts it: its upload is about 2\.0 kB/,
    );
    // an upload the build could not estimate is said to be unmeasured, not taken as within the limit
    expect(siteSizeMessages(size, undefined, { limits: { documented: 11_499, artifactWarning: 1e9, refused: 1e10 } }).warning).toMatch(
      /^site: 11\.5 kB is over the 11\.5 kB GitHub documents as the most a published Pages site may be, and its upload was not measured against the 1\.00 GB past which deploy-pages warns/,
    );
  });
});
