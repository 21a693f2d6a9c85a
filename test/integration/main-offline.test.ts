// `npm start` on a machine with no network and no token: the store is created,
// every configured source that cannot reach its API prints one line (source,
// host, reason), the reference figures are loaded and the site is built with
// the open vs closed project-count chart rendered as SVG.

import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInChild, type Ran } from '../helpers/cli.ts';
import { freePort } from '../helpers/clickhouse-server.ts';

let dir: string;
let result: Ran;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-main-'));
  // Nothing listens on these ports: every upstream is unreachable, as offline.
  const closed = `http://127.0.0.1:${await freePort()}`;
  const env = {
    OPENPULSE_DATA_DIR: path.join(dir, 'data'),
    OPENPULSE_DIST_DIR: path.join(dir, 'dist'),
    GITHUB_API_URL: `${closed}/github`,
    HF_ENDPOINT: `${closed}/hf`,
    NPM_DOWNLOADS_URL: `${closed}/npm`,
    PYPISTATS_URL: `${closed}/pypistats`,
    OPENPULSE_REQUEST_TIMEOUT_MS: '2000',
  };
  result = await runInChild(['main'], { cwd: dir, env });
});

afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

describe('npm start with no network and no token', () => {
  it('finishes successfully and says where the site is and how to preview it', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`site: ${path.join(dir, 'dist', 'index.html')}`);
    expect(result.stdout).toMatch(/preview: npm run preview/);
  });

  it('prints one line per unreachable source, naming the host and the reason', () => {
    for (const source of ['github', 'huggingface', 'npm', 'pypi']) {
      const lines = result.stderr.split('\n').filter((l) => l.startsWith(`source=${source} status=`));
      expect(lines, `${source}:\n${result.stderr}`).toHaveLength(1);
      expect(lines[0]).toMatch(/status=unreachable .*cannot reach 127\.0\.0\.1:\d+.*connection refused/);
    }
    expect(result.stderr).toMatch(/no GITHUB_TOKEN/);
  });

  it('loads the cited reference figures and shows each with its family, qualifier and source; charts are SVG drawn at build time', () => {
    expect(result.stderr).toMatch(/reference figures: 12 cited facts loaded/);
    const html = readFileSync(path.join(dir, 'dist', 'index.html'), 'utf8');
    // The first chart on the first page, drawn by ECharts into an SVG file at build time.
    const src = /<img src="(\/charts\/[^"]+\.svg)"/.exec(html)?.[1];
    expect(src).toMatch(/^\/charts\/[a-z0-9-]+\.svg$/);
    const svg = readFileSync(path.join(dir, 'dist', src!), 'utf8');
    expect(svg).toMatch(/^(<\?xml[^>]*>\s*)?<svg[^>]*viewBox/);
    // Cited figures are LLaMA's and GPT-4's, "5,600+" and "4,100+" as reported, never an open or closed total.
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toMatch(/2023-07-19 LLaMA[^|]*? search:LLaMA GitHub projects per search 5,600\+ Huxiu/);
    expect(text).toMatch(/2023-07-19 GPT-4[^|]*? search:GPT-4 GitHub projects per search 4,100\+ Huxiu/);
    expect(text).toContain('(source URL not verified)');
    expect(text).not.toMatch(/open · cited|closed · cited/);
    expect(existsSync(path.join(dir, 'data', 'clickhouse'))).toBe(true);
  });
});
