// The dashboard in a real browser: the site is built once from the fixture
// data set, served on 127.0.0.1 and driven with Debian's Chromium.

import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, loadConfig } from '../../collector/config.ts';
import { serveStatic } from '../../collector/preview.ts';
import type { SiteData } from '../../collector/snapshot/site-data.ts';
import { openSnapshot } from '../../collector/snapshot/read.ts';
import { openStore, type Store } from '../../collector/store/index.ts';
import { buildFixtureSite, FAKE_TOKEN, type FixtureSite } from '../../simulators/site-fixture.ts';
import { fixedClock, HOSTILE_TEXT } from '../../simulators/site-fixture-data.ts';
import { headlineAnswer, headlineWeek } from '../../charts/headline-answer.ts';
import type { HeadlineAnswerRow } from '../../queries/rows.ts';
import { scope } from '../../registry/openness.ts';
import { launch, watch, newPage, rowsOfCsv } from '../helpers/browser.ts';

const SCREENSHOTS = path.join(PROJECT_ROOT, 'test-output', 'screenshots');

let site: FixtureSite;
let snapshot: SiteData;
let store: Store;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: BrowserContext;
const profiles: string[] = [];

const url = (p: string) => new URL(p.replace(/^\//, ''), server.url).toString();

/** Scrolls through the page so lazy images load, then waits until every image has (works with JavaScript off too). */
async function loadEverything(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < height; y += 600) await page.mouse.wheel(0, 600);
  await expect.poll(() => page.locator('img').evaluateAll((images) => images.every((img) => (img as HTMLImageElement).complete))).toBe(true);
}

beforeAll(async () => {
  site = await buildFixtureSite();
  snapshot = openSnapshot(path.join(site.dataDir, 'site-data'));
  store = await openStore(loadConfig({ env: site.env }), { job: 'e2e' });
  server = await serveStatic(site.distDir);
  browser = await launch(profiles);
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  for (const dir of profiles) await rm(dir, { recursive: true, force: true });
  if (site) await rm(site.root, { recursive: true, force: true });
});

const families = () => snapshot.catalog.families.map((f) => f.id);
const mainPages = ['/', '/families/', '/compare/', '/leaderboard/', '/data/', '/reports/', '/methodology/'];

describe('every page', () => {
  it('loads with no console error, no failed request, and says when its data was collected', async () => {
    const pages = [...mainPages, ...families().map((id) => `/families/${id}/`), '/data/metric_by_openness-projects/', '/data/family_metrics-llama/', '/data/headline_figures/', ...(snapshot.reports ?? []).map((r) => `/reports/${r.id}/`)];
    expect(snapshot.reports?.filter((r) => r.period === 'week').length).toBeGreaterThan(0);
    expect(snapshot.reports?.filter((r) => r.period === 'month').length).toBeGreaterThan(0);
    const page = await newPage(browser);
    const problems = watch(page);
    for (const p of pages) {
      const response = await page.goto(url(p), { waitUntil: 'load' });
      expect(response?.status(), p).toBe(200);
      await loadEverything(page);
      expect(problems, p).toEqual([]);
      await expect(page.locator('footer').innerText(), p).resolves.toContain('Data collected up to 2024-12-31');
    }
    await page.close();
  });

  it('has no horizontal scroll at 375 px', async () => {
    const page = await newPage(browser, 375, 800);
    for (const p of [...mainPages, '/families/llama/', '/data/metric_by_openness-projects/', '/data/family_metrics-llama/']) {
      await page.goto(url(p), { waitUntil: 'load' });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, p).toBeLessThanOrEqual(375);
    }
    await page.close();
  });

  it('fits every column of the movers tables in 375 px, in both languages: the change is on screen without scrolling the table', async () => {
    const page = await newPage(browser, 375, 800);
    for (const p of ['/', '/zh/']) {
      await page.goto(url(p), { waitUntil: 'load' });
      // the tables of the windows shown open (the others are in closed tabs, not laid out)
      const tables = await page.locator('.movers .table-scroll').evaluateAll((els) => els.filter((e) => e.clientWidth > 0).map((e) => ({ scroll: e.scrollWidth, client: e.clientWidth, rows: e.querySelectorAll('tbody tr').length })));
      expect(tables.filter((t) => t.rows > 1).length, p).toBeGreaterThan(0);
      for (const t of tables) expect(t.scroll, p).toBeLessThanOrEqual(t.client);
    }
    await page.close();
  });
});

describe('charts', () => {
  it('are present with JavaScript disabled: every picture loads, every table is there', async () => {
    const noScript = await launch(profiles, { javaScriptEnabled: false });
    try {
      const page = await newPage(noScript);
      const problems = watch(page);
      for (const p of ['/', '/families/llama/', '/leaderboard/', '/compare/']) {
        await page.goto(url(p), { waitUntil: 'load' });
        await loadEverything(page);
        const charts = await page.locator('[data-chart]').evaluateAll((frames) =>
          frames.map((f) => {
            const img = f.querySelector('img');
            return { id: (f as HTMLElement).dataset.chart, loaded: !!img && img.complete && img.naturalWidth > 0, live: (f as HTMLElement).dataset.live ?? null, table: !!f.closest('figure')?.querySelector('table tbody tr') };
          }),
        );
        expect(charts.length, p).toBeGreaterThan(0);
        for (const c of charts) expect(c, `${p} ${c.id}`).toEqual({ id: c.id, loaded: true, live: null, table: true });
      }
      expect(problems).toEqual([]);
    } finally {
      await noScript.close();
    }
  });

  it('load no chart code before the reader interacts, then show the hovered value in a tooltip', async () => {
    const page = await newPage(browser);
    const problems = watch(page);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(url('/'), { waitUntil: 'networkidle' });
    expect(scripts.some((s) => s.includes('charts-runtime'))).toBe(false);

    const frame = page.locator('[data-chart="projects-by-openness"]');
    await frame.scrollIntoViewIfNeeded();
    const box = (await frame.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6);
    await expect.poll(() => frame.getAttribute('data-live')).toBe('yes');
    expect(scripts.some((s) => s.includes('charts-runtime'))).toBe(true);
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.55, { steps: 4 });
    const tooltip = page.locator('.chart-tooltip').filter({ has: page.locator('.tip-row') });
    await tooltip.first().waitFor({ state: 'visible' });
    const shown = await tooltip.first().locator('.tip-row').evaluateAll((rows) => rows.map((r) => ({ ...(r as HTMLElement).dataset })));

    const result = snapshot.results['metric_by_openness-projects']!;
    const truth = await store.query<{ day: string; openness: string; value: number }>('metric_by_openness', result.params);
    const lines = shown.filter((s) => s.series === 'open' || s.series === 'closed');
    expect(lines.length).toBe(2);
    for (const line of lines) {
      const row = truth.find((r) => r.day === line.x && r.openness === line.series);
      expect(row, JSON.stringify(line)).toBeDefined();
      expect(Number(line.value)).toBe(row!.value);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('work by keyboard: a visible focus ring, and arrow keys walk the points in the tooltip', async () => {
    const page = await newPage(browser);
    await page.goto(url('/leaderboard/'), { waitUntil: 'load' });
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { text: el.textContent, outline: getComputedStyle(el).outlineStyle };
    });
    expect(skip).toEqual({ text: 'Skip to content', outline: 'solid' });

    const frame = page.locator('[data-chart="leaderboard-best-rank"]');
    await frame.focus();
    expect(await frame.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await expect.poll(() => frame.getAttribute('data-live')).toBe('yes');
    await page.keyboard.press('Home');
    const tip = page.locator('.chart-tooltip .tip-row').first();
    await tip.waitFor({ state: 'visible' });
    const first = await tip.evaluate((r) => ({ ...(r as HTMLElement).dataset }));
    const rows = snapshot.results.leaderboard_openness!.rows as { table_date: string; class: string; best_rank: number; is_reference: number }[];
    const firstClosed = rows.find((r) => r.class === 'closed' && !r.is_reference)!;
    expect(first.x).toBe(firstClosed.table_date);
    expect(Number(first.value)).toBe(firstClosed.best_rank);
    await page.close();
  });

  it('offer CSV downloads equal to the named query result', async () => {
    const page = await newPage(browser);
    await page.goto(url('/'), { waitUntil: 'load' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[href="/charts/projects-by-openness.csv"]').click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const params = snapshot.results['metric_by_openness-projects']!.params;
    const truth = await store.query<Record<string, unknown>>('metric_by_openness', params);
    expect(truth.length).toBeGreaterThan(100);
    expect(rowsOfCsv(csv)).toEqual(truth.map((r) => ({ day: String(r.day), openness: String(r.openness), value: String(r.value) })));

    // JSON and SVG of the same chart at stable URLs.
    const json = (await (await fetch(url('/charts/projects-by-openness.json'))).json()) as { rows: unknown[]; source: { query: string } };
    expect(json.source.query).toBe('metric_by_openness');
    expect(json.rows.length).toBe(truth.length);
    const svg = await fetch(url('/charts/projects-by-openness.svg'));
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toContain('<title id="t">GitHub projects: open vs closed</title>');
    await page.close();
  });
});

describe('the overview', () => {
  it('opens with the headline answer: per signal the number to quote, now, coverage, caveat and source, and the scope', async () => {
    const page = await newPage(browser);
    await page.goto(url('/'), { waitUntil: 'load' });
    // the first section of the page, before the share cards and every chart
    const first = page.locator('main section').first();
    expect(await first.getAttribute('aria-labelledby')).toBe('answer');
    expect(await first.locator('h2').innerText()).toBe('Open vs closed since Llama 2 (2023-07-18)');
    const text = await first.innerText();
    const result = snapshot.results.headline_answer!;
    expect(result.params).toMatchObject({ since: '2023-07-18', as_of: '2024-12-31', scope: 'text_models' });
    const rows = result.rows as unknown as HeadlineAnswerRow[];
    expect(rows.map((r) => r.signal)).toEqual(['projects', 'stars', 'downloads', 'tokens', 'derivatives', 'leaderboard', 'leaderboard_top20']);
    for (const row of rows) {
      const a = headlineAnswer(row, '2023-07-18');
      const card = (await first.locator(`[data-signal="${row.signal}"]`).innerText()).replace(/\s+/g, ' ');
      for (const words of [a.lead, a.now, a.coverage, a.caveat, `Source: ${a.source}.`]) expect(card, row.signal).toContain(words.replace(/\s+/g, ' '));
    }
    // the fixture has a share since Llama 2 for projects: the lead quotes it with its days
    // ... up to the end of the week every signal is read for (the fixture's data ends on Tuesday 2024-12-31: the last whole week ends Sunday 2024-12-29)
    expect(text).toMatch(/Open models drew \d+\.\d% of new GitHub projects (since Llama 2 \(2023-07-18 → 2024-12-29\)|from \d{4}-\d{2}-\d{2} to 2024-12-29)/);
    expect(text).toContain(headlineWeek(rows));
    expect(text).not.toMatch(/NaN|n\/a/);
    expect(text).toContain(scope('text_models').statement);
    // every open-vs-closed chart and the share cards say which subjects they add
    for (const id of ['projects-by-openness', 'open-share-projects', 'stars-by-openness', 'downloads-by-openness']) {
      expect(await page.locator(`#chart-${id} figcaption`).innerText(), id).toContain('Text models only:');
    }
    expect(await page.locator('section[aria-labelledby="headline"]').innerText()).toContain('Text models only:');
    // every movers table says which days its changes are between, or that its window has no change to show yet
    const movers = await page.locator('.movers').allTextContents(); // some are in closed tabs: their text, rendered or not
    expect(movers.length).toBeGreaterThan(0);
    for (const table of movers) expect(table).toMatch(/Changes from [A-Z][a-z]{2} \d{1,2}, \d{4} to [A-Z][a-z]{2} \d{1,2}, \d{4}\.|Only one day of data in this window so far|No values in this window yet/);
    await page.close();
  });
});

describe('compare page', () => {
  it('draws a family\'s cited figures as points beside its line, and lists them with qualifier and source', async () => {
    const page = await newPage(browser);
    const problems = watch(page);
    await page.goto(url('/compare/?metric=projects&families=llama,gpt&scale=linear&x=calendar'), { waitUntil: 'load' });
    const frame = page.locator('[data-chart^="compare-"]');
    await expect.poll(() => frame.getAttribute('data-view')).toBe('?metric=projects&families=llama,gpt&scale=linear&x=calendar');
    const llama = snapshot.catalog.families.find((f) => f.id === 'llama')!.name;
    const legend = await frame.locator('svg text').allTextContents();
    expect(legend).toContain(`${llama} · cited`);
    const list = page.locator('#compare-cited-list');
    await expect.poll(() => list.isVisible()).toBe(true);
    const visible = await page.locator('li[data-cited-family]:not([hidden])').allInnerTexts();
    expect(visible.some((r) => /5,600\+/.test(r) && r.includes('2023-07-19'))).toBe(true);
    expect(visible.some((r) => r.includes("(inferred: 'two weeks later"))).toBe(true);
    expect(visible.every((r) => /projects/i.test(r))).toBe(true);
    // another metric: only its own cited figures (a reported download total is never drawn on daily downloads)
    await page.locator('input[name="metric"][value="stars"]').check();
    await expect.poll(async () => (await page.locator('li[data-cited-family]:not([hidden])').allInnerTexts()).join(' | ')).toContain('29,000 (derived: 32,000 − 3,000)');
    await page.locator('input[name="metric"][value="downloads"]').check();
    await expect.poll(() => page.locator('#compare-cited-none').isVisible()).toBe(true);
    expect(await list.isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });


  it('round-trips its view through the URL', async () => {
    const page = await newPage(browser);
    const problems = watch(page);
    const view = '?metric=stars&families=llama,qwen&scale=log&x=aligned&from=2023-06-01&to=2024-06-30';
    await page.goto(url(`/compare/${view}`), { waitUntil: 'load' });
    const frame = page.locator('[data-chart^="compare-"]');
    await expect.poll(() => frame.getAttribute('data-view')).toBe(view);
    expect(await page.locator('input[name="metric"][value="stars"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="scale"][value="log"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="x"][value="aligned"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="from"]').inputValue()).toBe('2023-06-01');
    const checked = await page.locator('input[name="families"][type="checkbox"]:checked').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(checked).toEqual(['llama', 'qwen']);
    const legend = await frame.locator('svg text').allTextContents();
    const names = snapshot.catalog.families.filter((f) => f.id === 'llama' || f.id === 'qwen').map((f) => f.name);
    for (const name of names) expect(legend).toContain(name);
    expect(legend.join(' ')).toContain('days since first release');

    // Change the view with the form: the URL follows, and a reload restores it.
    await page.locator('input[name="families"][value="gpt"]').check();
    await page.locator('input[name="metric"][value="downloads"]').check();
    // Families keep the form's order: open families first, then closed.
    const changed = '?metric=downloads&families=llama,qwen,gpt&scale=log&x=aligned&from=2023-06-01&to=2024-06-30';
    await expect.poll(() => page.evaluate(() => location.search)).toBe(changed);
    await expect.poll(() => frame.getAttribute('data-view')).toBe(changed);
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => frame.getAttribute('data-view')).toBe(changed);
    expect(await page.locator('input[name="metric"][value="downloads"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="families"][value="gpt"]').isChecked()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('honest states', () => {
  it('a family without data says how to collect it; stale sources get a banner', async () => {
    const page = await newPage(browser);
    await page.goto(url('/families/dolly/'), { waitUntil: 'load' });
    const text = await page.locator('main').innerText();
    expect(text).toContain('No data yet for Dolly');
    expect(text).toContain('openpulse collect');
    expect(await page.locator('[data-chart]').count()).toBe(0);
    // In Chinese, the whole message is Chinese: the family's name, then what to run.
    await page.goto(url('/zh/families/dolly/'), { waitUntil: 'load' });
    const zh = await page.locator('main div.empty').innerText();
    expect(zh).toContain('Dolly 尚无数据。');
    expect(zh).toContain('采集并重新构建');
    expect(zh).not.toMatch(/No data yet|has not collected|offline demo/);
    await page.close();
  });

  it('upstream text stays text', async () => {
    const page = await newPage(browser);
    await page.goto(url('/families/llama/'), { waitUntil: 'load' });
    await loadEverything(page);
    expect(await page.locator('main').innerText()).toContain(HOSTILE_TEXT.slice(0, 30));
    expect(await page.locator('img[src="x"], main script:not([type="module"])').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
  });

  it('a family page lists its cited figures as reported: qualifier, inferred dates, derivation, source', async () => {
    const page = await newPage(browser);
    await page.goto(url('/families/llama/'), { waitUntil: 'load' });
    const text = await page.locator('main').innerText();
    expect(text).toContain('Cited figures');
    expect(text).toMatch(/LLaMA\s+GitHub projects per search\s+2023-07-19\s+5,600\+/);
    expect(text).toContain("(inferred: 'two weeks later");
    expect(text).toContain('29,000 (derived: 32,000 − 3,000)');
    expect(text).toContain('(source URL not verified)');
    await page.close();
  });

  it('the built site contains no token and no internal path', async () => {
    const secrets = [FAKE_TOKEN, site.root, PROJECT_ROOT, os.tmpdir() + path.sep + 'openpulse-'];
    const files = (await readdir(site.distDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = await readFile(path.join(file.parentPath, file.name), 'utf8');
      for (const secret of secrets) expect(text.includes(secret), `${file.name} contains ${secret}`).toBe(false);
    }
  });
});

describe('screenshots', () => {
  it('of the compare page at desktop and phone widths', async () => {
    for (const [name, width, height] of [['desktop', 1280, 900], ['phone', 375, 812]] as const) {
      const page = await newPage(browser, width, height);
      await page.goto(url('/compare/?metric=projects&families=llama,qwen,gpt,claude&scale=log&x=calendar'), { waitUntil: 'load' });
      await expect.poll(() => page.locator('[data-chart^="compare-"]').getAttribute('data-view')).toContain('metric=projects');
      const file = path.join(SCREENSHOTS, `compare-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect((await readFile(file)).length).toBeGreaterThan(10_000);
      await page.close();
    }
  });

  it('of the overview at desktop and phone widths, light and dark', async () => {
    for (const [name, width, height, scheme] of [['desktop', 1280, 900, 'light'], ['phone', 375, 812, 'light'], ['desktop-dark', 1280, 900, 'dark']] as const) {
      const page = await newPage(browser, width, height, scheme);
      await page.goto(url('/'), { waitUntil: 'load' });
      await loadEverything(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      const file = path.join(SCREENSHOTS, `overview-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect((await readFile(file)).length).toBeGreaterThan(10_000);
      await page.close();
    }
  });
});
