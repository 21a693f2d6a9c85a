// The site as a reader meets it: banners only when collection has fallen behind,
// a Data page organised by question with developer details one click away, chart
// tables that do not weigh down the page, compressed responses, and reports that
// name no file of the repository. Built once from the fixture data set, served by
// `openpulse preview`'s server and driven with Debian's Chromium.

import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../collector/preview.ts';
import type { SiteData } from '../../collector/snapshot/site-data.ts';
import { openSnapshot } from '../../collector/snapshot/read.ts';
import { DATA_QUESTIONS } from '../../site/lib/data-questions.ts';
import { buildFixtureSite, type FixtureSite } from '../../simulators/site-fixture.ts';
import { repositoryPaths } from '../helpers/repository-paths.ts';
import { launch } from '../helpers/browser.ts';

/** The overview's budget: what the browser fetches before the reader touches anything, and the page itself. */
const OVERVIEW_BUDGET_BYTES = 150 * 1024;

let site: FixtureSite;
let snapshot: SiteData;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: BrowserContext;
const profiles: string[] = [];

const url = (p: string) => new URL(p.replace(/^\//, ''), server.url).toString();

async function open(p: string, context = browser): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url(p), { waitUntil: 'load' });
  return page;
}

beforeAll(async () => {
  site = await buildFixtureSite();
  snapshot = openSnapshot(path.join(site.dataDir, 'site-data'));
  server = await serveStatic(site.distDir);
  browser = await launch(profiles);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of profiles) await rm(dir, { recursive: true, force: true });
  if (site) await rm(site.root, { recursive: true, force: true });
});

describe('banners', () => {
  it('stay away while every source is collected on schedule, however old the leaderboard\'s newest publication', async () => {
    const freshness = snapshot.results.data_freshness!.rows as { source: string; newest_day: string }[];
    // the fixture's newest leaderboard table is 75 days old, collected with everything else at build time
    expect(freshness.find((r) => r.source === 'leaderboard')!.newest_day < '2024-10-31').toBe(true);
    for (const p of ['/', '/zh/', '/families/llama/']) {
      const page = await open(p);
      expect(await page.locator('.banner-stale').count(), p).toBe(0);
      expect(await page.locator('.banner-simulated').count(), p).toBe(0);
      await page.close();
    }
  });

  it('the Data page says how fresh each source is against its own schedule, the leaderboard as current', async () => {
    for (const [p, current] of [['/data/', 'current'], ['/zh/data/', '正常']] as const) {
      const page = await open(p);
      const rows = await page.locator('#q-freshness ~ .table-scroll tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())));
      const leaderboard = rows.find((r) => r[0] === 'leaderboard');
      expect(leaderboard, p).toBeDefined();
      expect(leaderboard!.at(-1), p).toBe(current);
      expect(rows.every((r) => r.at(-1) === current), p).toBe(true);
      await page.close();
    }
  });
});

describe('the Data page', () => {
  it('asks its questions in order, how fresh the data is last, and lists every result under one', async () => {
    const page = await open('/data/');
    const headings = await page.locator('main section.question > h2').allInnerTexts();
    expect(headings).toEqual(DATA_QUESTIONS.map((q) => q.question.en));
    expect(await page.locator('#q-other').count()).toBe(0);
    const links = new Set(await page.locator('main a[href^="/data/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href'))));
    for (const key of Object.keys(snapshot.results)) {
      for (const href of [`/data/${key}/`, `/data/${key}.csv`, `/data/${key}.json`]) expect(links.has(href), href).toBe(true);
    }
    // for readers: no query names, NULLs or ClickHouse types before the developers' paragraph
    const readerText = await page.locator('main').evaluate((main) => {
      const copy = main.cloneNode(true) as HTMLElement;
      copy.querySelector('#developers')?.nextElementSibling?.remove();
      return copy.innerText;
    });
    expect(readerText).not.toMatch(/NULL|Nullable|UInt\d|Float64|DateTime64|data_freshness|metric_by_openness/);
    await page.close();
  });

  it('is the same in Chinese, linking to Chinese result pages', async () => {
    const page = await open('/zh/data/');
    expect(await page.locator('main section.question > h2').allInnerTexts()).toEqual(DATA_QUESTIONS.map((q) => q.question.zh));
    const pages = await page.locator('main a[href*="/data/"]:not([download])').evaluateAll((as) => as.map((a) => a.getAttribute('href')!).filter((h) => !h.startsWith('#')));
    expect(pages.length).toBeGreaterThan(Object.keys(snapshot.results).length - 1);
    expect(pages.filter((h) => !h.startsWith('/zh/data/'))).toEqual([]);
    await page.close();
  });

  it('a result\'s page leads with what it tells and a readable table, empty cells as a dash with a legend, the query one section below', async () => {
    const page = await open('/data/data_freshness/');
    expect(await page.locator('h1').innerText()).toBe('Sources and their last collection');
    const order = await page.locator('main').evaluate((main) => [...main.querySelectorAll('h1, p.lede, table.result, h2')].map((e) => e.tagName + (e.className ? `.${e.className}` : '')));
    expect(order.slice(0, 4)).toEqual(['H1', 'P.lede', 'TABLE.result', 'H2']);
    const reference = await page.locator('table.result tbody tr').filter({ hasText: 'reference' }).locator('td').allInnerTexts();
    expect(reference).toContain('—');
    expect(reference.join(' ')).not.toMatch(/NULL|empty/i);
    expect(await page.locator('.legend').innerText()).toContain('no value');
    // header cells name columns only; the types are in the developers' section
    expect((await page.locator('table.result thead').innerText())).not.toMatch(/Nullable|UInt|String/);
    const developers = await page.locator('main').innerText();
    expect(developers).toContain('How it was computed');
    expect(developers).toContain('Nullable(Date)');
    expect(await page.locator('pre code').last().innerText()).toContain('FROM facts');
    await page.close();

    const zh = await open('/zh/data/data_freshness/');
    expect(await zh.locator('h1').innerText()).toBe('数据源及其最近一次采集');
    expect(await zh.locator('.legend').innerText()).toContain('无数值');
    await zh.close();
  });
});

describe('page weight', () => {
  it('keeps the built overview under its budget in both languages', async () => {
    for (const file of ['index.html', 'zh/index.html']) {
      const { size } = await stat(path.join(site.distDir, file));
      expect(size, file).toBeLessThan(OVERVIEW_BUDGET_BYTES);
    }
  });

  it('fetches under the budget before the reader touches the overview, compressed, and no chart code', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const sizes: Promise<number>[] = [];
    const encodings = new Map<string, string | undefined>();
    page.on('requestfinished', (r) => sizes.push(r.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)));
    page.on('response', (r) => encodings.set(new URL(r.url()).pathname, r.headers()['content-encoding']));
    await page.goto(url('/'), { waitUntil: 'networkidle' });
    const transferred = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    expect(transferred).toBeLessThan(OVERVIEW_BUDGET_BYTES);
    expect(encodings.get('/')).toBe('br');
    expect([...encodings.keys()].some((p) => p.includes('charts-runtime'))).toBe(false);
    await page.close();
  });

  it('writes a chart\'s newest rows into the page and the rest when its table is opened', async () => {
    const page = await open('/');
    const table = page.locator('#chart-projects-by-openness details.chart-table');
    const total = Number((await table.locator('summary .muted').innerText()).replace(/[^\d]/g, ''));
    expect(total).toBeGreaterThan(100);
    expect(await table.locator('tbody tr').count()).toBe(20);
    expect(await table.locator('[data-table-note]').textContent()).toContain('the CSV download above holds all of them');
    expect(await page.locator('#chart-projects-by-openness .chart-tools a', { hasText: 'CSV' }).getAttribute('href')).toBe('/charts/projects-by-openness.csv');
    const cells = () => table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    const written = await cells();
    await table.locator('summary').click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(total);
    expect(await table.locator('[data-table-note]').isHidden()).toBe(true);
    // laid out as the build lays it out: the rows written into the page are the newest of those loaded
    expect((await cells()).slice(-20)).toEqual(written);
    await page.close();
  });

  it('without JavaScript, a long chart table points to the CSV', async () => {
    const noScript = await launch(profiles, { javaScriptEnabled: false });
    try {
      const page = await open('/', noScript);
      const table = page.locator('#chart-projects-by-openness details.chart-table');
      await table.locator('summary').click();
      expect(await table.locator('tbody tr').count()).toBe(20);
      expect(await table.locator('[data-table-note]').innerText()).toMatch(/^The newest 20 of [\d,]+ rows; the CSV download above holds all of them\.$/);
      expect(await page.locator('#chart-projects-by-openness .chart-tools a', { hasText: 'CSV' }).getAttribute('href')).toBe('/charts/projects-by-openness.csv');
    } finally {
      await noScript.close();
    }
  });
});

describe('reports', () => {
  it('name no file of the repository, on the site or as Markdown, in either language', async () => {
    const reports = snapshot.reports ?? [];
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports) {
      expect(repositoryPaths(r.markdown), `${r.id}.md`).toEqual([]);
      expect(repositoryPaths(r.html), `${r.id} html`).toEqual([]);
      expect(r.markdown).toContain('### How the data is collected');
      expect(repositoryPaths(r.markdown_zh), `${r.id}.zh.md`).toEqual([]);
      expect(repositoryPaths(r.html_zh), `${r.id} html in Chinese`).toEqual([]);
      expect(r.markdown_zh).toContain('### 数据如何采集');
      expect(r.html_zh).toContain('<h3 id="collection">数据如何采集</h3>');
      for (const p of [`/reports/${r.id}/`, `/zh/reports/${r.id}/`]) {
        const page = await open(p);
        expect(repositoryPaths(await page.locator('main#main').innerText()), p).toEqual([]);
        await page.close();
      }
    }
  });
});
