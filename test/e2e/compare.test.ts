// The Compare page in a real browser, after a reader's choices: the heading,
// caption, data table and CSV/JSON/SVG downloads hold exactly what the chart
// draws; selections that cannot be drawn say why in words; the page fetches
// only the chosen families' data; and the same works in Chinese on a phone.
// The site is built once from the fixture data set (as site.test.ts does).

import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, loadConfig } from '../../collector/config.ts';
import { serveStatic } from '../../collector/preview.ts';
import type { FamilyRow, SiteData } from '../../collector/snapshot/site-data.ts';
import { openSnapshot } from '../../collector/snapshot/read.ts';
import { openStore, type Store } from '../../collector/store/index.ts';
import { buildFixtureSite, type FixtureSite } from '../../simulators/site-fixture.ts';
import { formatDay } from '../../site/lib/i18n.ts';
import { familyName } from '../../site/lib/labels.ts';
import { launch, watch, newPage, rowsOfCsv } from '../helpers/browser.ts';

const SCREENSHOTS = path.join(PROJECT_ROOT, 'test-output', 'screenshots');
/** No data file Compare fetches may be larger than this. */
const MAX_FETCH_BYTES = 500_000;

let site: FixtureSite;
let snapshot: SiteData;
let store: Store;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: BrowserContext;
const profiles: string[] = [];

const url = (p: string) => new URL(p.replace(/^\//, ''), server.url).toString();

/** Every JSON response of a page, with its size in bytes. */
function jsonFetches(page: Page): { url: string; bytes: number }[] {
  const seen: { url: string; bytes: number }[] = [];
  page.on('response', async (r) => {
    if (!new URL(r.url()).pathname.endsWith('.json')) return;
    const body = await r.body().catch(() => Buffer.alloc(0));
    seen.push({ url: new URL(r.url()).pathname, bytes: body.length });
  });
  return seen;
}

const frameOf = (page: Page) => page.locator('[data-chart^="compare-"]');

/** Waits until the page has applied a view (drawn it, or said why it cannot) whose address contains `part`. */
async function viewApplied(page: Page, part: string): Promise<void> {
  await expect.poll(() => frameOf(page).getAttribute('data-view')).toContain(part);
}

/** Picks a view with the form, as a reader does: the metric, then exactly these families, then the dates. */
async function pick(page: Page, choice: { metric: string; families: string[]; from?: string; to?: string; aligned?: boolean }): Promise<void> {
  await page.locator(`input[name="metric"][value="${choice.metric}"]`).check();
  const ticked = await page.locator('input[name="families"][type="checkbox"]:checked').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  for (const id of choice.families) await page.locator(`input[name="families"][value="${id}"]`).check();
  for (const id of ticked.filter((f) => !choice.families.includes(f))) await page.locator(`input[name="families"][value="${id}"]`).uncheck();
  if (choice.aligned) await page.locator('input[name="x"][value="aligned"]').check();
  for (const field of ['from', 'to'] as const) {
    const value = choice[field];
    if (!value) continue;
    await page.locator(`input[name="${field}"]`).fill(value);
    await page.locator(`input[name="${field}"]`).dispatchEvent('change');
  }
  // The form lists open families first, then closed, each in catalog order: the address follows it.
  const inFormOrder = await page.locator('input[name="families"][type="checkbox"]:checked').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(new Set(inFormOrder)).toEqual(new Set(choice.families));
  await viewApplied(page, `families=${inFormOrder.join(',')}&`);
  if (choice.from) await viewApplied(page, `from=${choice.from}`);
  if (choice.to) await viewApplied(page, `to=${choice.to}`);
}

async function download(page: Page, format: 'CSV' | 'JSON' | 'SVG'): Promise<{ file: Download; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('figure .chart-tools a', { hasText: format }).click()]);
  return { file, text: await readFile((await file.path())!, 'utf8') };
}

async function tableOf(page: Page): Promise<{ columns: string[]; days: string[] }> {
  const table = page.locator('figure .chart-table table');
  return {
    columns: await table.locator('thead th').allTextContents(),
    days: await table.locator('tbody tr th').allTextContents(),
  };
}

beforeAll(async () => {
  site = await buildFixtureSite();
  snapshot = openSnapshot(path.join(site.dataDir, 'site-data'));
  store = await openStore(loadConfig({ env: site.env }), { job: 'e2e-compare' });
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

const family = (id: string) => snapshot.catalog.families.find((f) => f.id === id)!;
const familyRow = (id: string) => (snapshot.results.families!.rows as unknown as FamilyRow[]).find((f) => f.id === id)!;
const CHOSEN = ['llama', 'qwen', 'gpt'];
const OTHERS = ['chatglm', 'claude', 'gemini'];
const RANGE = { from: '2023-06-01', to: '2024-06-30' };

describe('compare after a selection', () => {
  it('names exactly the chosen families and days in its heading, caption, table and downloads', async () => {
    const page = await newPage(browser);
    const problems = watch(page);
    const fetched = jsonFetches(page);
    await page.goto(url('/compare/'), { waitUntil: 'load' });
    await pick(page, { metric: 'stars', families: CHOSEN, ...RANGE });
    const names = CHOSEN.map((id) => family(id).name);
    const others = OTHERS.map((id) => family(id).name);

    // The rows drawn are the named query's rows for these families and days, as the store answers it.
    const truth = (await store.query<Record<string, unknown>>('site_compare_series', { metric: 'stars', ...RANGE })).filter((r) => CHOSEN.includes(String(r.family)));
    expect(truth.length).toBeGreaterThan(300);
    const first = String(truth[0]!.day);
    const last = String(truth.at(-1)!.day);
    expect(first >= RANGE.from && last <= RANGE.to).toBe(true);

    const heading = await page.locator('figure .chart-title').textContent();
    const caption = await page.locator('figure figcaption').innerText();
    const status = await page.locator('#compare-status').innerText();
    for (const text of [heading!, caption, status]) {
      for (const name of names) expect(text).toContain(name);
      for (const name of others) expect(text).not.toContain(name);
      expect(text).toContain(formatDay('en', first));
      expect(text).toContain(formatDay('en', last));
      expect(text).toContain('GitHub stars');
      expect(text).not.toMatch(/six families|first three/);
    }
    expect(status).toMatch(/^Showing /);
    // The dates chosen, as the page writes dates (the browser draws the fields in its own locale): under each field and in the status.
    expect(await page.locator('#compare-from-day').innerText()).toBe('Jun 1, 2023');
    expect(await page.locator('#compare-to-day').innerText()).toBe('Jun 30, 2024');
    expect(status).toContain('Date range chosen: Jun 1, 2023 to Jun 30, 2024.');

    // The data table: one column per series drawn (a family's cited points are a series of their own), one row per day drawn.
    const table = await tableOf(page);
    expect(table.columns[0]).toBe('day');
    for (const column of table.columns.slice(1)) expect(names.some((n) => column === n || column === `${n} · cited`), column).toBe(true);
    for (const name of names) expect(table.columns).toContain(name);
    expect(table.days[0]).toBe(first);
    expect(table.days.at(-1)).toBe(last);
    expect(await page.locator('figure .chart-table summary').innerText()).toContain(`${table.days.length.toLocaleString('en-US')} rows`);

    // CSV: exactly the rows drawn, named after the selection.
    const csv = await download(page, 'CSV');
    expect(csv.file.suggestedFilename()).toBe(`openpulse-compare_stars_llama-qwen-gpt_${first}_${last}.csv`);
    const rows = rowsOfCsv(csv.text);
    const collected = rows.filter((r) => r.is_reference !== '1');
    expect(new Set(rows.map((r) => r.family))).toEqual(new Set(CHOSEN));
    expect(collected.map((r) => ({ day: r.day, family: r.family, value: r.value, days_since_release: r.days_since_release }))).toEqual(
      truth.map((r) => ({ day: String(r.day), family: String(r.family), value: String(r.value), days_since_release: r.days_since_release === null ? '' : String(r.days_since_release) })),
    );
    // A cited figure drawn beside LLaMA's line is a row of its own, with its provenance.
    const cited = rows.filter((r) => r.is_reference === '1');
    expect(cited.length).toBeGreaterThan(0);
    for (const r of cited) {
      expect(String(r.day) >= RANGE.from && String(r.day) <= RANGE.to).toBe(true);
      expect(r.cited_as).not.toBe('');
    }

    // JSON: the same rows, titled as the heading.
    const json = await download(page, 'JSON');
    expect(json.file.suggestedFilename()).toBe(`openpulse-compare_stars_llama-qwen-gpt_${first}_${last}.json`);
    const body = JSON.parse(json.text) as { title: string; columns: string[]; rows: Record<string, unknown>[]; source: { query: string; params: Record<string, unknown> } };
    expect(body.title).toBe(heading);
    expect(body.source.query).toBe('site_compare_series');
    expect(body.source.params).toMatchObject({ metric: 'stars', families: CHOSEN, from: first, to: last });
    expect(body.rows.length).toBe(rows.length);
    expect(body.rows.map((r) => `${String(r.day)}|${String(r.family)}|${String(r.value)}`)).toEqual(rows.map((r) => `${r.day}|${r.family}|${r.value}`));

    // SVG: ECharts' picture of the chart on screen, with these series and no other.
    const svg = await download(page, 'SVG');
    expect(svg.file.suggestedFilename()).toBe(`openpulse-compare_stars_llama-qwen-gpt_${first}_${last}.svg`);
    expect(svg.text.startsWith('<?xml')).toBe(true);
    expect(svg.text).toContain('<svg');
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const name of names) expect(svg.text).toContain(escape(name));
    for (const name of others) expect(svg.text).not.toContain(escape(name));

    // Only the chosen families' files: never every family's series of a metric, and no file over 500 KB.
    expect(fetched.some((f) => f.url.startsWith('/data/compare/stars/'))).toBe(true);
    expect(fetched.filter((f) => f.url.includes('site_compare_series'))).toEqual([]);
    const largest = Math.max(...fetched.map((f) => f.bytes));
    expect(largest, JSON.stringify(fetched)).toBeLessThan(MAX_FETCH_BYTES);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('fetches no data file over 500 KB, even with every family chosen', async () => {
    const page = await newPage(browser);
    const problems = watch(page);
    const fetched = jsonFetches(page);
    const all = snapshot.catalog.families.map((f) => f.id);
    await page.goto(url(`/compare/?metric=stars&families=${all.join(',')}&scale=log&x=calendar`), { waitUntil: 'load' });
    await viewApplied(page, 'metric=stars');
    const files = fetched.filter((f) => f.url.startsWith('/data/compare/stars/'));
    expect(files.length).toBe(all.length);
    expect(Math.max(...fetched.map((f) => f.bytes)), JSON.stringify(fetched)).toBeLessThan(MAX_FETCH_BYTES);
    // The whole-metric downloads stay, labelled with their true size.
    const link = page.locator('a[data-compare-full="json"]');
    expect(await link.getAttribute('href')).toBe('/data/site_compare_series-stars.json');
    const response = await fetch(url('/data/site_compare_series-stars.json'));
    const bytes = (await response.arrayBuffer()).byteLength;
    const label = await link.innerText();
    expect(label).toMatch(/\((\d+(\.\d)? MB|\d+ KB)\)/);
    const stated = /([\d.]+) (MB|KB)/.exec(label)!;
    expect(Math.abs(Number(stated[1]) * (stated[2] === 'MB' ? 1_000_000 : 1000) - bytes)).toBeLessThan(stated[2] === 'MB' ? 50_001 : 501);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('selections that cannot be drawn', () => {
  it('an inverted date range says so and what to do, draws nothing and never says "Showing"', async () => {
    const page = await newPage(browser);
    const problems = watch(page);
    await page.goto(url('/compare/?metric=stars&families=llama,qwen&scale=linear&x=calendar&from=2024-06-30&to=2023-06-01'), { waitUntil: 'load' });
    await viewApplied(page, 'from=2024-06-30');
    const message = page.locator('#compare-problems');
    await expect.poll(() => message.isVisible()).toBe(true);
    const text = await message.innerText();
    expect(text).toContain('back to front');
    expect(text).toContain(formatDay('en', '2024-06-30'));
    expect(text).toContain('Swap the two dates');
    expect(await page.locator('#compare-status').innerText()).not.toContain('Showing');
    expect(await page.locator('figure.chart').isVisible()).toBe(false);
    expect(await page.locator('input[name="to"]').getAttribute('aria-invalid')).toBe('true');

    // Set right with the form: the message goes, the chart comes back.
    await page.locator('input[name="from"]').fill('2023-06-01');
    await page.locator('input[name="to"]').fill('2024-06-30');
    await page.locator('input[name="to"]').dispatchEvent('change');
    await viewApplied(page, 'from=2023-06-01&to=2024-06-30');
    expect(await message.isVisible()).toBe(false);
    expect(await page.locator('figure.chart').isVisible()).toBe(true);
    expect(await page.locator('#compare-status').innerText()).toMatch(/^Showing /);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('no family, an unknown family or metric in the address: each named, with what to do', async () => {
    const page = await newPage(browser);
    const problems = watch(page);
    await page.goto(url('/compare/?metric=no-such-metric&families=llama,no-such-family&scale=linear&x=calendar'), { waitUntil: 'load' });
    await viewApplied(page, 'families=llama');
    const text = await page.locator('#compare-problems').innerText();
    expect(text).toContain('“no-such-metric”');
    expect(text).toContain('“no-such-family”');
    expect(text).toContain('Pick a metric');
    // What can be drawn is: LLaMA on the default metric.
    expect(await page.locator('figure .chart-title').textContent()).toMatch(new RegExp(`^GitHub projects: ${family('llama').name.replace(/[/()]/g, '\\$&')} from`));
    expect(await page.locator('#compare-status').innerText()).toMatch(/^Showing /);

    await page.goto(url('/compare/?metric=stars&families=&scale=linear&x=calendar'), { waitUntil: 'load' });
    await viewApplied(page, 'families=&');
    expect(await page.locator('#compare-problems').innerText()).toContain('No family is chosen');
    expect(await page.locator('#compare-status').innerText()).not.toContain('Showing');
    expect(await page.locator('figure.chart').isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('days since first release names the families it cannot place, and leaves them out of every file', async () => {
    const page = await newPage(browser);
    const problems = watch(page);
    const releases = new Set((snapshot.results.release_events!.rows as { family: string }[]).map((r) => r.family));
    const unplaced = snapshot.catalog.families.find((f) => !releases.has(f.id) && f.id !== 'dolly')!;
    expect(unplaced, 'the fixture has a family without releases').toBeDefined();
    await page.goto(url('/compare/'), { waitUntil: 'load' });
    await pick(page, { metric: 'stars', families: ['llama', unplaced.id, 'dolly'], aligned: true });
    await viewApplied(page, 'x=aligned');
    const text = await page.locator('#compare-problems').innerText();
    expect(text).toContain(`The catalog records no release of ${unplaced.name}`);
    expect(text).toContain('Switch “Time axis” to calendar');
    // Dolly has no data at all in the fixture: said too.
    expect(text).toContain(`${family('dolly').name} has no GitHub stars data`);
    const heading = (await page.locator('figure .chart-title').textContent())!;
    expect(heading).toContain(family('llama').name);
    expect(heading).not.toContain(unplaced.name);
    expect(await page.locator('figure figcaption').innerText()).toContain(`Left out: ${family('dolly').name} (no data for this metric); ${unplaced.name} (no release in the catalog, so no day 0).`);
    const rows = rowsOfCsv((await download(page, 'CSV')).text);
    expect(new Set(rows.map((r) => r.family))).toEqual(new Set(['llama']));
    expect(rows.every((r) => r.days_since_release !== '')).toBe(true);
    expect((await tableOf(page)).columns).toEqual(['days since first release', family('llama').name]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('in Chinese on a phone', () => {
  it('picks LLaMA, Qwen and GPT and downloads exactly that chart, in Chinese, with readable dates', async () => {
    const page = await newPage(browser, 375, 812);
    const problems = watch(page);
    const fetched = jsonFetches(page);
    await page.goto(url('/zh/'), { waitUntil: 'load' });
    await page.locator('nav a', { hasText: '比较' }).click();
    await page.waitForURL(/\/zh\/compare\/$/);
    await pick(page, { metric: 'stars', families: CHOSEN, ...RANGE });
    const names = CHOSEN.map((id) => familyName(familyRow(id), 'zh'));
    const heading = (await page.locator('figure .chart-title').innerText()).trim();
    expect(await page.locator('figure .chart-title').isVisible()).toBe(true);
    expect(heading).toContain('GitHub 星标');
    for (const name of names) expect(heading).toContain(name);
    expect(heading).toMatch(/\d{4}年\d{1,2}月\d{1,2}日至\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await page.locator('#compare-status').innerText()).toMatch(/^当前显示：/);
    // Each date field says its date in Chinese, whatever the browser's locale (it draws the field itself as "06/01/2023" in English);
    // the status line says the range chosen in Chinese too.
    const field = (name: 'from' | 'to') => page.locator('.date-field', { has: page.locator(`input[name="${name}"]`) });
    expect((await field('from').locator('label').innerText()).trim()).toBe('起');
    expect((await field('to').locator('label').innerText()).trim()).toBe('止');
    expect(await field('from').locator('[data-day-reading]').innerText()).toBe('2023年6月1日');
    expect(await field('to').locator('[data-day-reading]').innerText()).toBe('2024年6月30日');
    expect(await page.locator('input[name="from"]').getAttribute('aria-describedby')).toBe('compare-from-day');
    expect(await page.locator('#compare-status').textContent()).toContain('所选日期范围：2023年6月1日至2024年6月30日。');
    const main = await page.locator('main').innerText();
    for (const english of ['Showing', 'Compare families', 'Choose families', 'Date range', 'Cited figures', "Every family's series"]) expect(main).not.toContain(english);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect((await tableOf(page)).columns).toEqual(['日期', ...names.flatMap((n) => [n, ...(n === names[0] ? [`${n} · 引用`] : [])])]);

    const csv = await download(page, 'CSV');
    const rows = rowsOfCsv(csv.text);
    expect(new Set(rows.map((r) => r.family))).toEqual(new Set(CHOSEN));
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(String(r.day)) && String(r.day) >= RANGE.from && String(r.day) <= RANGE.to)).toBe(true);
    const json = JSON.parse((await download(page, 'JSON')).text) as { title: string; rows: unknown[] };
    expect(json.title).toBe(heading);
    expect(json.rows.length).toBe(rows.length);
    const svg = (await download(page, 'SVG')).text;
    for (const name of names) expect(svg).toContain(name);
    expect(svg).toContain('GitHub 星标');
    expect(Math.max(...fetched.map((f) => f.bytes))).toBeLessThan(MAX_FETCH_BYTES);

    // An inverted range, in Chinese.
    await page.locator('input[name="from"]').fill('2024-06-30');
    await page.locator('input[name="to"]').fill('2023-06-01');
    await page.locator('input[name="to"]').dispatchEvent('change');
    await viewApplied(page, 'from=2024-06-30&to=2023-06-01');
    expect(await page.locator('#compare-problems').innerText()).toContain('日期范围前后颠倒');
    expect(await page.locator('#compare-status').innerText()).toBe('');
    expect(await page.locator('#compare-from-day').innerText()).toBe('2024年6月30日');
    expect(await page.locator('#compare-to-day').innerText()).toBe('2023年6月1日');

    // Cleared, a field says what an empty one means, in Chinese.
    await page.locator('input[name="to"]').fill('');
    await page.locator('input[name="to"]').dispatchEvent('change');
    await expect.poll(() => frameOf(page).getAttribute('data-view')).toMatch(/&from=2024-06-30$/);
    expect(await page.locator('#compare-to-day').innerText()).toBe('最新有数据的一天');
    expect(await page.locator('#compare-status').textContent()).toContain('所选日期范围：2024年6月30日起。');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('without JavaScript', () => {
  it('shows the default chart, its table and its files, and says which families it draws', async () => {
    const noScript = await launch(profiles, { javaScriptEnabled: false });
    try {
      for (const [lang, prefix] of [['en', ''], ['zh', '/zh']] as const) {
        const page = await newPage(noScript);
        const problems = watch(page);
        await page.goto(url(`${prefix}/compare/`), { waitUntil: 'load' });
        const img = page.locator('[data-chart^="compare-"] img');
        await expect.poll(() => img.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0)).toBe(true);
        expect(await page.locator('figure .chart-table tbody tr').count()).toBeGreaterThan(10);
        // The date readings follow the fields only with a script: without one they stay hidden.
        expect(await page.locator('[data-day-reading]').first().isVisible()).toBe(false);
        expect(await page.locator('figure .chart-tools a', { hasText: 'CSV' }).getAttribute('href')).toBe('/charts/compare-projects.csv');
        const heading = (await page.locator('figure .chart-title').textContent())!;
        const defaults = ['llama', 'chatglm', 'qwen', 'gpt', 'claude', 'gemini'];
        for (const id of defaults) expect(heading, lang).toContain(familyName(familyRow(id), lang));
        // The default chart's CSV holds those six families and no other.
        const csv = rowsOfCsv(await (await fetch(url('/charts/compare-projects.csv'))).text());
        expect(new Set(csv.map((r) => r.family))).toEqual(new Set(defaults));
        expect(problems).toEqual([]);
        await page.close();
      }
    } finally {
      await noScript.close();
    }
  });
});

describe('screenshots', () => {
  it('of the compare page after a selection, at 1280 and 375 px, light and dark, in English and Chinese', async () => {
    for (const [lang, prefix] of [['en', ''], ['zh', '/zh']] as const) {
      for (const [width, height] of [[1280, 900], [375, 812]] as const) {
        for (const scheme of ['light', 'dark'] as const) {
          const page = await newPage(browser, width, height, scheme);
          await page.goto(url(`${prefix}/compare/?metric=stars&families=llama,qwen,gpt&scale=log&x=calendar&from=2023-06-01&to=2024-06-30`), { waitUntil: 'load' });
          await viewApplied(page, 'metric=stars');
          const file = path.join(SCREENSHOTS, `compare-selection-${lang}-${width}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          expect((await readFile(file)).length).toBeGreaterThan(10_000);
          await page.close();
        }
      }
    }
  });
});
