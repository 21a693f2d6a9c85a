// `npm run demo`: the whole product offline against the simulated upstreams,
// in a data directory and site folder of its own, every page saying the data is simulated.

import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactNumber } from '../../charts/format.ts';
import { runInChild, type Ran } from '../helpers/cli.ts';

let dir: string;
let demo: Ran;

async function htmlFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => path.join(e.parentPath, e.name));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-demo-'));
  demo = await runInChild(['demo', '--since', '2024-06-01'], { cwd: dir });
});
afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

describe('the offline demo', () => {
  it('runs a backfill and a collection of every source against the simulators and says where the site is', () => {
    expect(demo.code, demo.stderr).toBe(0);
    for (const source of ['github', 'huggingface', 'npm', 'pypi', 'leaderboard']) {
      expect(demo.stderr, source).toMatch(new RegExp(`source=${source} status=ok rows=\\d+`));
    }
    expect(demo.stderr).toMatch(/demo: backfill github-counts since 2024-06-01/);
    expect(demo.stdout).toContain(`site: ${path.join(dir, 'dist-demo', 'index.html')}`);
    expect(demo.stdout).toMatch(/simulated data/);
  });

  it('keeps its data apart from the real store', () => {
    expect(existsSync(path.join(dir, 'data-demo', 'clickhouse'))).toBe(true);
    expect(existsSync(path.join(dir, 'data'))).toBe(false);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('says on every page, visibly, that the data is simulated', async () => {
    const pages = await htmlFiles(path.join(dir, 'dist-demo'));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const html = await readFile(page, 'utf8');
      // in the page's own language: English pages and the Chinese ones under /zh/
      const words = path.relative(path.join(dir, 'dist-demo'), page).startsWith(`zh${path.sep}`) ? '模拟数据：' : 'Simulated data:';
      expect(html, path.relative(dir, page)).toMatch(new RegExp(`class="banner-simulated"[^>]*>\\s*<strong>${words}</strong>`));
    }
    // and so does every chart picture, which travels without its page
    expect(await readFile(path.join(dir, 'dist-demo', 'charts', 'projects-by-openness.svg'), 'utf8')).toContain('SIMULATED DATA');
    expect(await readFile(path.join(dir, 'dist-demo', 'zh', 'charts', 'projects-by-openness.svg'), 'utf8')).toContain('模拟数据');
  });

  it('leaves a store that says it is simulated: a later build or report of it says so too', async () => {
    const build = await runInChild(['build', '--data-dir', 'data-demo', '--out', 'dist-again'], { cwd: dir });
    expect(build.code, build.stderr).toBe(0);
    const html = await readFile(path.join(dir, 'dist-again', 'index.html'), 'utf8');
    expect(html).toContain('<strong>Simulated data:</strong>');
    const report = await runInChild(['report', '--from', '2026-11-01', '--data-dir', 'data-demo'], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/simulated/i);
  });

  it('writes a figure of a million or more short in the movers tables, the full figure as its title (routed tokens run to twelve digits)', async () => {
    for (const [page, lang] of [['index.html', 'en'], [path.join('zh', 'index.html'), 'zh']] as const) {
      const html = await readFile(path.join(dir, 'dist-demo', page), 'utf8');
      const cells = [...html.matchAll(/<td class="num" title="([^"]+)"[^>]*>([^<]+)<\/td>/g)].map(([, title, text]) => ({ full: Number(title!.replace(/,/g, '')), text }));
      expect(cells.some((c) => c.full >= 1e11), page).toBe(true);
      for (const c of cells) expect(c.text, page).toBe(compactNumber(c.full, lang));
    }
  });

  it('draws the open share of stars and of routed tokens over the whole period, and states a routed-token share since Llama 2', async () => {
    const lines = async (file: string) => (await readFile(path.join(dir, 'dist-demo', file), 'utf8')).trim().split('\n').slice(1);
    // every repository's star history dates every star, so each begins from nothing: no break, and the share is drawn
    expect(await lines('data/series_breaks-stars-all.csv')).toEqual([]);
    expect((await lines('data/open_share-stars.csv')).length).toBeGreaterThan(300);
    // models enter and leave OpenRouter's top 50 every week: open_share over the whole period keeps almost none,
    // and the chart is drawn from openrouter_share instead, whose every day is whole
    const routed = (await lines('data/openrouter_share-day-all.csv')).map((l) => l.split(','));
    const withShare = routed.filter((c) => c[8] !== '');
    expect(withShare.length).toBeGreaterThan(300);
    const chart = await lines('charts/open-share-tokens.csv');
    expect(chart.map((l) => l.split(',').slice(0, 2).join(','))).toEqual(withShare.map((c) => `${c[0]},${c[8]}`));
    const text = (await readFile(path.join(dir, 'dist-demo', 'index.html'), 'utf8')).replace(/<[^>]*>/g, '');
    expect(text).toMatch(/Open models drew \d+\.\d% of routed tokens from 2025-01-01 to \d{4}-\d{2}-\d{2}/);
    expect(text).not.toContain('No figure for routed tokens');
    // a report's open-share line of routed tokens is the same whole days', over its window
    const report = await runInChild(['report', '--from', '2025-06-01', '--to', '2026-11-29', '--format', 'json', '--data-dir', 'data-demo'], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    const tokens = (JSON.parse(report.stdout) as { metrics: { metric: string; shareDaily: { day: string; value: number }[] }[] }).metrics.find((m) => m.metric === 'tokens')!;
    const inWindow = withShare.filter((c) => c[0]! >= '2025-06-01' && c[0]! <= '2026-11-29');
    expect(inWindow.length).toBeGreaterThan(500);
    expect(tokens.shareDaily.map((p) => `${p.day},${p.value}`)).toEqual(inWindow.map((c) => `${c[0]},${c[8]}`));
  });

  it("writes each headline card's change as the shares beside it read (never 0.0 pp between 5.9% and 6.0%)", async () => {
    const html = (await readFile(path.join(dir, 'dist-demo', 'index.html'), 'utf8')).replace(/ data-astro-cid-\w+/g, '');
    const cards = [...html.matchAll(/<li class="card"><h3>.*?<\/li>/g)].map(([card]) => card);
    expect(cards.length).toBeGreaterThanOrEqual(4);
    const pct = (text: string) => Math.round(Number(text) * 10);
    let lines = 0;
    for (const card of cards) {
      const share = /<span class="open-text">([\d.]+)%<\/span>/.exec(card)![1]!;
      for (const [, change, from, to] of card.matchAll(/<dd>([+-]?[\d.]+) pp <span class="muted">from ([\d.]+)%(?: to ([\d.]+)%, same series)?<\/span><\/dd>/g)) {
        lines++;
        const written = pct(to ?? share) - pct(from!);
        // one decimal agrees with the shares as written; two decimals only where one would not. A change written
        // with two decimals (+1.35) is one whose value lies within half a hundredth of it, and its one decimal is
        // that value's (1.349… is +1.3, 1.351… +1.4): some value there must disagree with the shares, or one
        // decimal would have done
        if (/\.\d$/.test(change!)) expect(pct(change!), card).toBe(written);
        else {
          const tenthsNear = [Math.round((Number(change) - 0.005) * 10), Math.round((Number(change) + 0.0049) * 10)];
          expect(tenthsNear.some((t) => t !== written), `${card}: ${change} pp`).toBe(true);
        }
      }
    }
    expect(lines).toBeGreaterThanOrEqual(8);
  });

  it("keeps the spaces of the pages' opening paragraphs: no word runs into the next after a comma", async () => {
    let ledes = 0;
    for (const page of await htmlFiles(path.join(dir, 'dist-demo'))) {
      if (path.relative(path.join(dir, 'dist-demo'), page).startsWith(`zh${path.sep}`)) continue;
      for (const [, lede] of (await readFile(page, 'utf8')).matchAll(/<p class="lede"[^>]*>([\s\S]*?)<\/p>/g)) {
        ledes++;
        // "proprietary,open under a non-commercial licence" once the markup's line break was dropped
        expect(lede!.replace(/<[^>]+>/g, ''), path.relative(dir, page)).not.toMatch(/[a-z][,;][A-Za-z]/);
      }
    }
    expect(ledes).toBeGreaterThan(3);
  });

  it('never puts the demo token or a machine path into the site', async () => {
    for (const page of await htmlFiles(path.join(dir, 'dist-demo'))) {
      const html = await readFile(page, 'utf8');
      expect(html).not.toContain('demo-simulated-token');
      expect(html).not.toContain(dir);
    }
  });
});
