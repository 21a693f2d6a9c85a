// The family pages and the families index in a real browser, built from the
// fixture data set with a catalog whose LLaMA lists three more Hugging Face models
// than the default's (more than a family chart draws), served on 127.0.0.1 and driven with
// Debian's Chromium, in English and in Chinese.

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, loadConfig } from '../../collector/config.ts';
import { serveStatic } from '../../collector/preview.ts';
import type { SiteData } from '../../collector/snapshot/site-data.ts';
import { openSnapshot } from '../../collector/snapshot/read.ts';
import { openStore, type Store } from '../../collector/store/index.ts';
import { buildFixtureSite, type FixtureSite } from '../../simulators/site-fixture.ts';
import { formatChange, formatValue } from '../../charts/format.ts';
import type { Plot } from '../../charts/plot.ts';
import { FAMILY_METRICS } from '../../registry/metrics.ts';
import type { CompareSeriesRow, FamilyMetricRow, GrowthRow, LeaderboardFamilyBestRow } from '../../queries/rows.ts';
import { formatDay } from '../../site/lib/i18n.ts';
import { englishRuns, latinNames, nameMatchers, visibleTexts } from '../helpers/page-text.ts';
import { launch, newPage, rowsOfCsv } from '../helpers/browser.ts';

const SCREENSHOTS = path.join(PROJECT_ROOT, 'test-output', 'screenshots');
/** Three more models for LLaMA, so its Hugging Face chart has more subjects than a family chart draws (six). */
const EXTRA_MODELS = ['meta-llama/Llama-3.2-1B', 'meta-llama/Llama-3.2-3B', 'meta-llama/CodeLlama-7b-hf'];

/**
 * The bound on the LLaMA page's height at 1280 px. Before the joined charts the demo's LLaMA page
 * measured 16,462 px (one chart per stored metric, backfill apart, and a 118-row table of latest
 * values). The page now holds its figures (~450 px), one chart per family metric (~560 px each:
 * 380 px picture, caption, tools), the tables of latest values, eight leaderboard rows, releases
 * and cited figures: with the fixture's four charts about 5,000 px. 8,000 px is under half the
 * old height and leaves room for a fifth and sixth chart (tokens, derivatives) of a real store.
 */
const MAX_FAMILY_PAGE_HEIGHT = 8_000;

let site: FixtureSite;
let snapshot: SiteData;
let store: Store;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: BrowserContext;
let work: string;
const profiles: string[] = [];

const url = (p: string) => new URL(p.replace(/^\//, ''), server.url).toString();

/** Records console errors, failed requests and error statuses of a page. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

async function truth<T>(key: string): Promise<T[]> {
  const result = snapshot.results[key];
  if (!result) throw new Error(`no result ${key} in the snapshot`);
  return store.query<T>(result.query, result.params);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'openpulse-families-'));
  const catalog = (await readFile(loadConfig({ env: {} }).catalog, 'utf8')).replace(
    '        - meta-llama/Llama-4-Scout-17B-16E-Instruct\n',
    `        - meta-llama/Llama-4-Scout-17B-16E-Instruct\n${EXTRA_MODELS.map((m) => `        - ${m}\n`).join('')}`,
  );
  expect(catalog).toContain(EXTRA_MODELS[0]);
  const catalogFile = path.join(work, 'catalog.yml');
  await writeFile(catalogFile, catalog);
  site = await buildFixtureSite({ root: path.join(work, 'site'), catalogFile });
  snapshot = openSnapshot(path.join(site.dataDir, 'site-data'));
  store = await openStore(loadConfig({ env: site.env }), { job: 'e2e-families' });
  server = await serveStatic(site.distDir);
  browser = await launch(profiles);
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  for (const dir of profiles) await rm(dir, { recursive: true, force: true });
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a family page', () => {
  it('leads with the headline figures: newest value and day, change over the year, rank, best leaderboard position', async () => {
    const page = await newPage(browser);
    const problems = watch(page);
    await page.goto(url('/families/llama/'), { waitUntil: 'load' });
    // The figures come before the first chart, and their heading is the page's first.
    const order = await page.evaluate(() => {
      const figures = document.querySelector('section[aria-labelledby="figures"]');
      const chart = document.querySelector('figure.chart');
      return { figures: !!figures, before: !!figures && !!chart && !!(figures.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING), firstHeading: document.querySelector('main h2')?.textContent };
    });
    expect(order).toEqual({ figures: true, before: true, firstHeading: 'Headline figures' });

    for (const metric of ['projects', 'stars', 'downloads', 'hf_downloads_30d'] as const) {
      const newest = (await truth<CompareSeriesRow>(`site_compare_series-${metric}`)).filter((r) => r.family === 'llama').at(-1)!;
      const growth = (await truth<GrowthRow>(`growth_by_family-${metric}-365d`)).find((r) => r.family === 'llama')!;
      const card = page.locator(`li.figure[data-metric="${metric}"]`);
      const text = (await card.innerText()).replace(/\s+/g, ' ');
      expect(await card.locator('strong').getAttribute('title'), metric).toContain(formatValue(newest.value));
      expect(text, metric).toContain(`on ${formatDay('en', newest.day)}`);
      expect(text, metric).toContain(`${formatChange(growth.change)}`);
      expect(text, metric).toContain(`since ${formatDay('en', growth.start_day)}`);
      // a change of fewer series than the figure above it says so, with its own ends
      const fewer = Math.abs(growth.end_value - newest.value) > 1e-9 * Math.max(1, Math.abs(newest.value));
      if (fewer) expect(text, metric).toContain(`among the series with data all year: ${formatValue(growth.start_value)} → ${formatValue(growth.end_value)}`);
      else expect(text, metric).not.toContain('among the series with data all year');
      expect(text, metric).toMatch(/#\d+ of \d+ families, #\d+ of \d+ open/);
    }
    const board = (await truth<LeaderboardFamilyBestRow>('leaderboard_family_best')).filter((r) => r.family === 'llama').at(-1)!;
    const boardText = (await page.locator('li.figure[data-metric="leaderboard"]').innerText()).replace(/\s+/g, ' ');
    expect(boardText).toContain(`#${board.position} of ${board.models} model${board.models === 1 ? '' : 's'}`);
    expect(boardText).toContain('Leaderboard position of its best model');
    expect(boardText).toContain(formatDay('en', board.table_date));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws one chart per family metric: backfilled history, collected values and cited figures joined, no backfill chart of its own', async () => {
    const page = await newPage(browser);
    await page.goto(url('/families/llama/'), { waitUntil: 'load' });
    const ids = await page.locator('[data-chart]').evaluateAll((frames) => frames.map((f) => (f as HTMLElement).dataset.chart!));
    // The family metrics the fixture has a week of values for, in the registry's order.
    const facts = snapshot.results['family_chart_facts-llama']!.rows as unknown as FamilyMetricRow[];
    const expected = FAMILY_METRICS.filter((m) => new Set(facts.filter((r) => !r.is_reference && (m.facts as readonly string[]).includes(r.metric)).map((r) => r.day)).size >= 7).map((m) => `family-llama-${m.id.replace(/_/g, '-')}`);
    expect(expected).toEqual(['family-llama-projects', 'family-llama-stars', 'family-llama-downloads', 'family-llama-hf-downloads-30d']);
    expect(ids).toEqual(expected);
    expect(ids.some((id) => /existing|retained|forks|watchers|issues|likes|all-time|gained/.test(id))).toBe(false);

    // Projects: each search is one line from its backfilled weeks into its collected days. The fixture
    // collects a year of days, too many to mark: a dotted line says where collection starts.
    const plot = (await (await fetch(url('/charts/plot/family-llama-projects.json'))).json()) as Plot;
    const own = facts.filter((r) => !r.is_reference && r.subject.startsWith('search:'));
    const searches = [...new Set(own.map((r) => r.subject.slice('search:'.length)))];
    expect(searches).toHaveLength(3);
    for (const search of searches) {
      const lines = plot.series.filter((s) => s.name === search);
      expect(lines.map((s) => s.kind)).toEqual(['line']);
      const backfilled = own.filter((r) => r.subject === `search:${search}` && r.metric === 'github_projects_existing').map((r) => r.day);
      const collected = own.filter((r) => r.subject === `search:${search}` && r.metric === 'github_projects').map((r) => r.day);
      expect(backfilled.length).toBeGreaterThan(0);
      expect(collected.length).toBeGreaterThan(40);
      expect(lines[0]!.data.map((p) => p[0])).toEqual([...new Set([...backfilled, ...collected])].sort());
    }
    const firstCollected = own.filter((r) => r.metric === 'github_projects').map((r) => r.day).sort()[0]!;
    expect(plot.events).toContainEqual(expect.objectContaining({ day: firstCollected, label: 'collected from here' }));
    const cited = plot.series.find((s) => s.labelled)!;
    expect(cited.name).toBe('cited figures');
    expect(cited.data.map((p) => p[2])).toContain('LLaMA: 5,600+ (cited: Huxiu 2023-08)');
    await page.close();
  });

  it("opens a long chart table with every row where the table lays out the chart's own plot, and keeps the written rows where it does not", async () => {
    const page = await newPage(browser);
    const problems = watch(page);
    await page.goto(url('/families/llama/'), { waitUntil: 'load' });
    const cells = (table: ReturnType<Page['locator']>) => table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    // (The fixture's page has no chart that marks collected values: every long table there loads from its plot.)
    let loaded = 0;
    for (const figure of await page.locator('figure.chart:has([data-table-note])').all()) {
      const table = figure.locator('details.chart-table');
      const total = Number((await table.locator('summary .muted').innerText()).replace(/[^\d]/g, ''));
      const header = await table.locator('thead th').allTextContents();
      const written = await cells(table);
      expect(written).toHaveLength(20);
      // The plot the chart draws: a chart that marks collected values on backfilled lines draws series its table has no column of.
      const plotFile = await figure.locator('[data-chart]').getAttribute('data-plot');
      const plot = (await page.evaluate(async (file) => (await fetch(file)).json(), plotFile!)) as Plot;
      const tableIsPlot = JSON.stringify(header.slice(1)) === JSON.stringify(plot.series.map((s) => s.name));
      expect(await table.getAttribute('data-table-plot'), `${plotFile}: loads its rows from the plot`).toBe(tableIsPlot ? plotFile : null);
      await table.locator('summary').click();
      if (tableIsPlot) {
        await expect.poll(() => table.locator('tbody tr').count()).toBe(total);
        expect((await cells(table)).slice(-20)).toEqual(written);
        loaded++;
      } else {
        expect(await table.locator('[data-table-note]').isVisible()).toBe(true);
        expect(await cells(table)).toEqual(written);
      }
    }
    expect(loaded).toBeGreaterThan(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("offers the joined chart's numbers, cited figures with their provenance included, as CSV and JSON", async () => {
    const csv = rowsOfCsv(await (await fetch(url('/charts/family-llama-projects.csv'))).text());
    const projectFacts = (FAMILY_METRICS.find((m) => m.id === 'projects')!.facts as readonly string[]);
    const rows = (await truth<Record<string, unknown>>('family_chart_facts-llama')).filter((r) => projectFacts.includes(String(r.metric)));
    expect(rows.some((r) => r.metric === 'github_projects_existing')).toBe(true);
    expect(csv.map((r) => ({ day: r.day, metric: r.metric, subject: r.subject, value: r.value, is_reference: r.is_reference }))).toEqual(
      rows.map((r) => ({ day: String(r.day), metric: String(r.metric), subject: String(r.subject), value: String(r.value), is_reference: String(r.is_reference) })),
    );
    const cited = csv.filter((r) => r.is_reference === '1');
    expect(cited.map((r) => [r.day, r.cited_as])).toContainEqual(['2023-07-19', '5,600+']);
    expect(cited.every((r) => r.source_publisher !== '' && r.qualifier !== '')).toBe(true);
    const json = (await (await fetch(url('/charts/family-llama-projects.json'))).json()) as { rows: Record<string, unknown>[]; source: { query: string } };
    expect(json.source.query).toBe('family_chart_facts');
    expect(json.rows.filter((r) => r.is_reference === 1).map((r) => r.cited_as)).toContain('5,600+');

    // Another family's stars (snapshots and star history are one metric): every row of the query, in its order.
    const starsCsv = rowsOfCsv(await (await fetch(url('/charts/family-qwen-stars.csv'))).text());
    const starFacts = (await truth<Record<string, unknown>>('family_chart_facts-qwen')).filter((r) => r.metric === 'github_stars' || r.metric === 'github_stars_retained');
    expect(starFacts.length).toBeGreaterThan(100);
    expect(starsCsv.map((r) => [r.day, r.metric, r.subject, r.value, r.is_reference])).toEqual(starFacts.map((r) => [String(r.day), String(r.metric), String(r.subject), String(r.value), String(r.is_reference)]));
  });

  it("draws a count per day's weeks before the daily points as their days' average, and says so", async () => {
    const result = snapshot.results['family_chart_facts-llama']!;
    const dailyFrom = String(result.params.daily_from);
    const csv = rowsOfCsv(await (await fetch(url('/charts/family-llama-downloads.csv'))).text());
    const weekly = csv.filter((r) => r.day! < dailyFrom);
    // the fixture backfills a package's downloads further back than the daily year
    expect(weekly.length).toBeGreaterThan(4);
    expect(weekly.some((r) => Number(r.days) > 1)).toBe(true);
    expect(csv.filter((r) => r.day! >= dailyFrom).every((r) => r.days === '1')).toBe(true);
    // a count held has no days column: each of its points is a day's own value
    const stars = await (await fetch(url('/charts/family-llama-stars.csv'))).text();
    expect(stars.split('\n')[0]!.split(',')).not.toContain('days');
    // a weekly point is the average of its week's facts, on the last of its days
    const point = weekly.find((r) => Number(r.days) > 1)!;
    const [week] = await store.rows<{ days: number; average: number; last: string }>(
      "SELECT count() AS days, avg(value) AS average, toString(max(observed_at)) AS last FROM facts WHERE subject = {subject:String} AND metric = {metric:String} AND toStartOfWeek(observed_at, 1) = toStartOfWeek(toDate({day:String}), 1)",
      { subject: point.subject!, metric: point.metric!, day: point.day! },
    );
    expect([Number(point.days), point.day]).toEqual([Number(week!.days), week!.last]);
    expect(Number(point.value)).toBeCloseTo(week!.average, 6);
    const page = await newPage(browser);
    for (const [path_, words] of [['/families/llama/', "the average of the week's days with a value"], ['/zh/families/llama/', '该周有数值各日的日均值']] as const) {
      await page.goto(url(path_), { waitUntil: 'load' });
      expect(await page.locator('#chart-family-llama-downloads figcaption').innerText()).toContain(words);
      // a count held is still drawn as of the week's last day with a value
      expect(await page.locator('#chart-family-llama-stars figcaption').innerText()).not.toContain(words);
    }
    await page.close();
  });

  it('tells an npm and a PyPI package of one name apart, in the chart and in the table of newest values', async () => {
    const plot = (await (await fetch(url('/charts/plot/family-gpt-downloads.json'))).json()) as Plot;
    const names = plot.series.filter((s) => s.kind !== 'scatter').map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['openai (npm)', 'openai (PyPI)']));
    expect(new Set(names).size).toBe(names.length);
    const page = await newPage(browser);
    await page.goto(url('/families/gpt/'), { waitUntil: 'load' });
    const packages = page.locator('table', { has: page.locator('caption', { hasText: 'Packages' }) });
    const rows = await packages.locator('tbody th').allInnerTexts();
    expect(rows).toEqual(expect.arrayContaining(['openai (npm)', 'openai (PyPI)']));
    expect(rows).not.toContain('openai');
    await page.close();
  });

  it('draws the six models with the most downloads and lists every model in the table, saying so in the caption', async () => {
    const page = await newPage(browser);
    await page.goto(url('/families/llama/'), { waitUntil: 'load' });
    const plot = (await (await fetch(url('/charts/plot/family-llama-hf-downloads-30d.json'))).json()) as Plot;
    expect(plot.series.map((s) => s.name).length).toBe(6);
    const caption = await page.locator('#chart-family-llama-hf-downloads-30d figcaption').innerText();
    // every Hugging Face model the catalog lists for the family (the default's and the three added here)
    const listed = snapshot.catalog.families.find((f) => f.id === 'llama')!.huggingface.models.length;
    expect(listed).toBeGreaterThan(6);
    expect(caption).toContain(`The 6 with the highest newest value are drawn; the other ${listed - 6} are in the table of newest values below`);
    const table = page.locator('table', { has: page.locator('caption', { hasText: 'Hugging Face models' }) });
    const models = await table.locator('tbody th').allInnerTexts();
    expect(models).toHaveLength(listed);
    for (const m of EXTRA_MODELS) expect(models).toContain(m);
    // Drawn are the six largest by newest value, largest first.
    expect(plot.series.map((s) => s.name)).toEqual(models.slice(0, 6));
    await page.close();
  });

  it('shows point-in-time figures (forks, watchers, open issues) in a table of newest values, not in charts', async () => {
    const page = await newPage(browser);
    await page.goto(url('/families/llama/'), { waitUntil: 'load' });
    const table = page.locator('table', { has: page.locator('caption', { hasText: 'Repositories' }) });
    const headers = await table.locator('thead th').allInnerTexts();
    expect(headers.slice(0, 5)).toEqual(['repository', 'stars', 'stars gained (newest day)', 'forks', 'watchers']);
    expect(headers).toContain('open issues');
    const latest = snapshot.results['family_subjects_latest-llama']!.rows as { subject: string; metric: string; day: string; value: number }[];
    const mine = latest.filter((r) => r.subject === 'repo:facebookresearch/llama');
    const forks = mine.find((r) => r.metric === 'github_forks')!;
    const newest = mine.map((r) => r.day).sort().at(-1)!;
    const row = table.locator('tbody tr', { has: page.locator('th', { hasText: 'facebookresearch/llama' }) });
    // The row's day is its newest; a value of an older day (forks are weekly in the fixture) says its own.
    expect(await row.locator('td').nth(headers.indexOf('forks') - 1).innerText()).toBe(`${formatValue(forks.value)}${forks.day === newest ? '' : ` (${forks.day})`}`);
    expect(await row.locator('td').nth(headers.indexOf('day') - 1).innerText()).toBe(newest);
    await page.close();
  });

  it(`is at most ${MAX_FAMILY_PAGE_HEIGHT} px tall at 1280 px, and no date wraps at 1280 or 375 px, in English or Chinese`, async () => {
    const page = await newPage(browser);
    await page.goto(url('/families/llama/'), { waitUntil: 'load' });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(MAX_FAMILY_PAGE_HEIGHT);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      for (const p of ['/families/llama/', '/zh/families/llama/', '/families/', '/zh/families/']) {
        await page.goto(url(p), { waitUntil: 'load' });
        // Every date in the page's text ("2026-12-02", "Dec 2, 2026", "2026年12月2日") sits on one line.
        const wrapped = await page.evaluate(() => {
          const date = /\d{4}-\d{2}-\d{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[ \u00a0]\d{1,2},[ \u00a0]\d{4}|\d{4}\u2060?年\u2060?\d{1,2}\u2060?月\u2060?\d{1,2}\u2060?日/g;
          const out: string[] = [];
          const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            // What a reader sees: not the contents of a closed data table.
            if (node.parentElement?.closest('details:not([open]) > :not(summary)')) continue;
            const text = node.textContent ?? '';
            for (const m of text.matchAll(date)) {
              const range = document.createRange();
              range.setStart(node, m.index);
              range.setEnd(node, m.index + m[0].length);
              const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
              if (lines.size > 1) out.push(m[0]);
            }
          }
          return out;
        });
        expect(wrapped, `${p} at ${width} px`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${p} at ${width} px`).toBeLessThanOrEqual(width);
      }
    }
    await page.close();
  });
});

describe('the families index', () => {
  it('is a complete table of figures without JavaScript', async () => {
    const noScript = await launch(profiles, { javaScriptEnabled: false });
    try {
      const page = await newPage(noScript);
      await page.goto(url('/families/'), { waitUntil: 'load' });
      const rows = page.locator('table[data-family-table] tbody tr');
      expect(await rows.count()).toBe(snapshot.catalog.families.length);
      expect(await page.locator('[data-family-filter]').isVisible()).toBe(false);
      expect(await page.locator('button.sort').count()).toBe(0);
      const headers = await page.locator('table[data-family-table] thead th').allInnerTexts();
      expect(headers).toEqual(['Family · vendor, region', 'Openness', 'GitHub projects', 'Stars', 'HF downloads, 30 d', 'Token share', 'Leaderboard']);
      const stars = (await truth<CompareSeriesRow>('site_compare_series-stars')).filter((r) => r.family === 'qwen').at(-1)!;
      const qwen = rows.filter({ has: page.locator('a[href="/families/qwen/"]') });
      expect(await qwen.locator('td').nth(2).getAttribute('data-v')).toBe(String(stars.value));
      expect(await qwen.locator('td').nth(2).innerText()).toBe(formatValue(stars.value));
      const visible = await rows.evaluateAll((trs) => trs.filter((tr) => (tr as HTMLElement).offsetParent !== null).length);
      expect(visible).toBe(snapshot.catalog.families.length);
    } finally {
      await noScript.close();
    }
  });

  it('sorts by a column and filters by text and openness, with the view in the URL', async () => {
    const page = await newPage(browser);
    const problems = watch(page);
    await page.goto(url('/families/'), { waitUntil: 'load' });
    const form = page.locator('[data-family-filter]');
    await form.waitFor({ state: 'visible' });
    const visibleValues = (column: number) =>
      page.locator('table[data-family-table] tbody tr:not([hidden])').evaluateAll((trs, c) => trs.map((tr) => (tr as HTMLTableRowElement).cells[c]!.dataset.v ?? null), column);
    const numbers = (values: (string | null)[]) => values.filter((v): v is string => v !== null).map(Number);

    // Stars (fourth column): first click sorts down, the second up; families without a figure stay last.
    await page.locator('th[data-sort="stars"] button').click();
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?sort=stars');
    let stars = await visibleValues(3);
    expect(numbers(stars)).toEqual([...numbers(stars)].sort((a, b) => b - a));
    expect(stars.indexOf(null) === -1 || stars.slice(stars.indexOf(null)).every((v) => v === null)).toBe(true);
    expect(await page.locator('th[data-sort="stars"]').getAttribute('aria-sort')).toBe('descending');
    await page.locator('th[data-sort="stars"] button').click();
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?sort=stars&order=asc');
    stars = await visibleValues(3);
    expect(numbers(stars)).toEqual([...numbers(stars)].sort((a, b) => a - b));

    // Text and openness filters.
    await page.locator('input[name="q"]').fill('qwen');
    await expect.poll(() => page.locator('tbody tr:not([hidden]) th a').allInnerTexts()).toEqual(['Qwen (Tongyi Qianwen)']);
    expect(await page.evaluate(() => location.search)).toBe('?q=qwen&sort=stars&order=asc');
    await page.locator('input[name="q"]').fill('');
    await page.locator('select[name="openness"]').selectOption('closed');
    const closed = snapshot.catalog.families.filter((f) => f.openness === 'closed').length;
    await expect.poll(() => page.locator('tbody tr:not([hidden])').count()).toBe(closed);
    expect(await page.locator('tbody tr:not([hidden]) .pill').allInnerTexts()).toEqual(new Array(closed).fill('closed'));
    expect(await form.locator('output').innerText()).toBe(`Showing ${closed} of ${snapshot.catalog.families.length} families`);

    // The view comes back from the URL.
    await page.goto(url('/families/?openness=open-source&sort=projects&order=asc'), { waitUntil: 'load' });
    await expect.poll(() => page.locator('select[name="openness"]').inputValue()).toBe('open-source');
    expect(await page.locator('th[data-sort="projects"]').getAttribute('aria-sort')).toBe('ascending');
    const openSource = snapshot.catalog.families.filter((f) => f.openness === 'open-source').length;
    expect(await page.locator('tbody tr:not([hidden])').count()).toBe(openSource);
    const projects = numbers(await visibleValues(2));
    expect(projects).toEqual([...projects].sort((a, b) => a - b));
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('in Chinese', () => {
  it('the families index and a family page read as Chinese: headings, figures, table, charts', async () => {
    const names = nameMatchers(latinNames(snapshot as unknown as Parameters<typeof latinNames>[0]));
    for (const p of ['/zh/families/', '/zh/families/llama/']) {
      const html = await (await fetch(url(p))).text();
      expect(html, p).toContain('<html lang="zh-Hans"');
      const runs = visibleTexts(html, 'zh').flatMap((text) => englishRuns(text, names).map((run) => `"${run}" in "${text.slice(0, 120)}"`));
      expect(runs, p).toEqual([]);
    }
    const page = await newPage(browser);
    await page.goto(url('/zh/families/'), { waitUntil: 'load' });
    expect(await page.locator('h1').innerText()).toBe('模型家族');
    await page.locator('select[name="openness"]').selectOption('closed');
    await expect.poll(() => page.locator('[data-family-filter] output').innerText()).toMatch(/^显示 \d+ 个家族中的 \d+ 个$/);
    await page.goto(url('/zh/families/llama/'), { waitUntil: 'load' });
    expect(await page.locator('main h2').first().innerText()).toBe('核心数字');
    expect(await page.locator('li.figure[data-metric="stars"]').innerText()).toMatch(/日期：\d{4}年\d{1,2}月\d{1,2}日/);
    const svg = await (await fetch(url('/zh/charts/family-llama-projects.svg'))).text();
    expect(svg).toContain('GitHub 项目数');
    expect(svg).toContain('引用数据');
    await page.close();
  });
});

describe('screenshots', () => {
  it('of the families index and the LLaMA page at 1280 and 375 px, light and dark, in both languages', async () => {
    for (const p of ['/families/', '/families/llama/', '/zh/families/', '/zh/families/llama/']) {
      for (const [width, height] of [[1280, 900], [375, 812]] as const) {
        for (const scheme of ['light', 'dark'] as const) {
          const page = await newPage(browser, width, height, scheme);
          await page.goto(url(p), { waitUntil: 'load' });
          const file = path.join(SCREENSHOTS, `${p.replace(/^\/|\/$/g, '').replace(/\//g, '-')}-${width}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          expect((await readFile(file)).length).toBeGreaterThan(10_000);
          await page.close();
        }
      }
    }
  });
});
