// Site benchmark (not a test): build time for the default catalog and for a
// generated 100-family catalog, HTML and JavaScript bytes per page (what a
// page loads before the reader touches a chart), the page-weight budget (bytes
// transferred before interaction from the compressing preview server, the
// largest Compare data fetch, the whole site's size), and Chromium's own paint
// timings. Lighthouse scores need the `lighthouse` package, which the project does
// not depend on (176 MB that no test needs): `npm install --no-save lighthouse@13`,
// and this script runs it too, against Debian's Chromium.
// A budget exceeded sets the exit code to 1.
//   node bench/site.ts            → bench/results/site.md and site.json

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse, stringify } from 'yaml';
import { chromium } from 'playwright-core';
import { parseCatalog } from '../collector/catalog.ts';
import { loadConfig, PROJECT_ROOT } from '../collector/config.ts';
import { serveStatic } from '../collector/preview.ts';
import { folderSize } from '../collector/snapshot/site-size.ts';
import { buildFixtureSite, type FixtureSite } from '../simulators/site-fixture.ts';
import { benchArgs, writeResult } from './common.ts';

const PAGES = ['/', '/zh/', '/families/llama/', '/compare/', '/leaderboard/', '/data/', '/data/metric_by_openness-projects/', '/methodology/', '/reports/'];

/** Page-weight budgets, in bytes. */
const BUDGET = {
  /** The overview, everything the browser fetches before the reader touches anything (compressed, as served). */
  overviewTransferred: 150 * 1024,
  /** The largest file the Compare page fetches for one view (uncompressed). */
  compareFetch: 500 * 1024,
};

/** The default catalog's families repeated (renamed) up to `families`, written as catalog YAML; validated as every catalog is. */
async function catalogOf(families: number, dir: string): Promise<string> {
  const file = loadConfig({ env: {} }).catalog;
  // The file as written, not the parsed catalog: parsing adds fields (subjects) the file format does not take.
  const raw = parse(await readFile(file, 'utf8')) as { families: { id: string; name: string }[] } & Record<string, unknown>;
  const out = [];
  for (let i = 0; out.length < families; i++) {
    const f = raw.families[i % raw.families.length]!;
    const round = Math.floor(i / raw.families.length);
    out.push(round === 0 ? f : { ...f, id: `${f.id}-${round}`, name: `${f.name} #${round + 1}` });
  }
  const generated = path.join(dir, `catalog-${families}.yml`);
  const text = stringify({ ...raw, families: out });
  parseCatalog(text, generated);
  await writeFile(generated, text);
  return generated;
}

interface PageWeight {
  page: string;
  html: number;
  htmlGzip: number;
  js: number;
  jsGzip: number;
  scripts: number;
}

/** Module scripts and their static imports (not dynamic import()s), each once: what loading them fetches. */
async function scriptClosure(dist: string, sources: string[]): Promise<{ files: string[]; bytes: number; gzip: number }> {
  const seen = new Set<string>();
  const queue = [...sources];
  let bytes = 0;
  let gzip = 0;
  while (queue.length) {
    const src = queue.shift()!;
    if (seen.has(src)) continue;
    seen.add(src);
    const code = await readFile(path.join(dist, src));
    bytes += code.length;
    gzip += gzipSync(code, { level: 9 }).length;
    for (const m of code.toString().matchAll(/(?:^|[;\s}])import\s*(?:[\w{}\s,*$]+from\s*)?["']([^"']+)["']/g)) {
      queue.push(path.posix.join(path.posix.dirname(src), m[1]!));
    }
  }
  return { files: [...seen], bytes, gzip };
}

/** JavaScript a page loads up front: its module scripts and their static imports, not dynamic import()s. */
async function pageWeight(dist: string, page: string): Promise<PageWeight> {
  const html = await readFile(path.join(dist, page, 'index.html'));
  const scripts = await scriptClosure(dist, [...html.toString().matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!));
  return { page, html: html.length, htmlGzip: gzipSync(html, { level: 9 }).length, js: scripts.bytes, jsGzip: scripts.gzip, scripts: scripts.files.length };
}

async function paintTimings(dist: string): Promise<Record<string, { fcp: number; lcp: number; cls: number; transferred: number }>> {
  const server = await serveStatic(dist);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'openpulse-bench-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const out: Record<string, { fcp: number; lcp: number; cls: number; transferred: number }> = {};
  try {
    for (const p of ['/', '/families/llama/']) {
      const page = await browser.newPage();
      await page.setViewportSize({ width: 412, height: 823 });
      const responses: Promise<number>[] = [];
      page.on('requestfinished', (r) => responses.push(r.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)));
      await page.goto(new URL(p.slice(1), server.url).toString(), { waitUntil: 'networkidle' });
      out[p] = await page.evaluate(
        () =>
          new Promise<{ fcp: number; lcp: number; cls: number; transferred: number }>((resolve) => {
            let lcp = 0;
            let cls = 0;
            new PerformanceObserver((list) => list.getEntries().forEach((e) => (lcp = e.startTime))).observe({ type: 'largest-contentful-paint', buffered: true });
            new PerformanceObserver((list) => list.getEntries().forEach((e) => (cls += (e as unknown as { value: number }).value))).observe({ type: 'layout-shift', buffered: true });
            setTimeout(() => {
              const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
              resolve({ fcp: Math.round(fcp), lcp: Math.round(lcp), cls: Number(cls.toFixed(3)), transferred: 0 });
            }, 500);
          }),
      );
      out[p]!.transferred = (await Promise.all(responses)).reduce((a, b) => a + b, 0);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
  return out;
}

interface Transfer {
  page: string;
  requests: number;
  /** Bytes on the wire (compressed bodies and headers) before any interaction. */
  transferred: number;
  /** The same bodies uncompressed. */
  decoded: number;
}

/** What each page fetches from the compressing preview server when loaded at 1280×900 and left alone (no scroll, no pointer). */
async function transfersBeforeInteraction(dist: string, pages: string[]): Promise<Transfer[]> {
  const server = await serveStatic(dist);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'openpulse-bench-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const out: Transfer[] = [];
  try {
    for (const p of pages) {
      const page = await browser.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      const sizes: Promise<{ wire: number; body: number }>[] = [];
      page.on('requestfinished', (r) =>
        sizes.push(
          Promise.all([r.sizes(), r.response().then((res) => res?.body().then((b) => b.length).catch(() => 0) ?? 0)]).then(([s, body]) => ({ wire: s.responseBodySize + s.responseHeadersSize, body })),
        ),
      );
      await page.goto(new URL(p.slice(1), server.url).toString(), { waitUntil: 'networkidle' });
      const all = await Promise.all(sizes);
      out.push({ page: p, requests: all.length, transferred: all.reduce((a, s) => a + s.wire, 0), decoded: all.reduce((a, s) => a + s.body, 0) });
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
  return out;
}

/** The files the Compare page fetches per view: one per metric and family (/data/compare/…), or one per metric before that existed. */
async function compareFetches(dist: string): Promise<{ file: string; bytes: number; gzip: number }[]> {
  const perFamily = path.join(dist, 'data', 'compare');
  const entries = await readdir(perFamily, { recursive: true, withFileTypes: true }).catch(() => null);
  const files = entries
    ? entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => path.join(e.parentPath, e.name))
    : (await readdir(path.join(dist, 'data'))).filter((f) => /^site_compare_series-.+\.json$/.test(f)).map((f) => path.join(dist, 'data', f));
  const out = [];
  for (const file of files) {
    const body = await readFile(file);
    out.push({ file: `/${path.relative(dist, file).split(path.sep).join('/')}`, bytes: body.length, gzip: gzipSync(body, { level: 6 }).length });
  }
  return out.sort((a, b) => b.bytes - a.bytes);
}

/** Lighthouse performance and accessibility of the overview and a family page, against Debian's Chromium. */
async function lighthouseScores(dist: string): Promise<string[]> {
  let lighthouse: (url: string, flags: Record<string, unknown>) => Promise<{ lhr: { categories: Record<string, { score: number | null }>; audits: Record<string, { displayValue?: string }> } } | undefined>;
  try {
    lighthouse = ((await import('lighthouse' as string)) as { default: typeof lighthouse }).default;
  } catch {
    return ['not measured: the `lighthouse` package is not installed (`npm install --no-save lighthouse@13`, then run this again).'];
  }
  const { spawn } = await import('node:child_process');
  const server = await serveStatic(dist);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'openpulse-bench-lh-'));
  const port = 9300 + Math.floor(Math.random() * 500);
  const chrome = spawn('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
  // Its profile is removed once it has exited: removed while it still writes there, the removal failed (ENOTEMPTY).
  const exited = new Promise<void>((resolve) => chrome.once('exit', () => resolve()));
  const rows = ['| page | performance | accessibility | FCP | LCP | TBT | CLS |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
  try {
    for (let i = 0; i < 50; i++) {
      const up = await fetch(`http://127.0.0.1:${port}/json/version`).then((r) => r.ok, () => false);
      if (up) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const p of ['/', '/families/llama/']) {
      const result = await lighthouse(new URL(p.slice(1), server.url).toString(), { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
      if (!result) continue;
      const { categories, audits } = result.lhr;
      const score = (c: string) => (categories[c]?.score === null || categories[c]?.score === undefined ? '–' : String(Math.round(categories[c]!.score! * 100)));
      const audit = (a: string) => audits[a]?.displayValue ?? '–';
      rows.push(`| ${p} | ${score('performance')} | ${score('accessibility')} | ${audit('first-contentful-paint')} | ${audit('largest-contentful-paint')} | ${audit('total-blocking-time')} | ${audit('cumulative-layout-shift')} |`);
    }
  } finally {
    chrome.kill();
    await exited;
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
  return rows;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'openpulse-bench-site-'));
  const builds: { label: string; families: number; site: FixtureSite; files: number; bytes: number }[] = [];
  try {
    for (const families of [23, 100]) {
      const catalogFile = families === 23 ? undefined : await catalogOf(families, work);
      const site = await buildFixtureSite({ root: path.join(work, `site-${families}`), ...(catalogFile ? { catalogFile } : {}) });
      const count = await folderSize(site.distDir);
      builds.push({ label: families === 23 ? 'default catalog' : 'generated catalog', families: (parse(await readFile(site.catalogFile, 'utf8')) as { families: unknown[] }).families.length, site, ...count });
      process.stderr.write(`built ${families} families: ${site.buildSeconds.toFixed(1)}s\n`);
    }
    const dist = builds[0]!.site.distDir;
    const weights = await Promise.all(PAGES.map((p) => pageWeight(dist, p)));
    // ECharts on first interaction: the runtime chunk and the chunks it imports (the bundler may split ECharts' core out).
    const runtime = (await readdir(path.join(dist, '_astro'))).find((f) => f.startsWith('charts-runtime'));
    const echarts = runtime ? await scriptClosure(dist, [`/_astro/${runtime}`]) : { files: [], bytes: 0, gzip: 0 };
    const transfers = await transfersBeforeInteraction(dist, PAGES);
    const compare = await compareFetches(dist);
    const overview = transfers.find((t) => t.page === '/')!;
    const largestCompare = compare[0];
    const site = builds[0]!;
    const budgets = [
      { what: 'overview, transferred before interaction', limit: BUDGET.overviewTransferred, actual: overview.transferred },
      ...(largestCompare ? [{ what: `largest Compare data fetch (\`${largestCompare.file}\`)`, limit: BUDGET.compareFetch, actual: largestCompare.bytes }] : []),
    ];
    if (budgets.some((b) => b.actual > b.limit)) process.exitCode = 1;
    const timings = await paintTimings(dist);
    const lighthouse = await lighthouseScores(dist);

    const lines = [
      '# Site benchmark',
      '',
      `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} CPU(s), Node ${process.version}. Fixture data: every metric of every family, daily for 2023-01-01..2024-12-31 (simulators/site-fixture-data.ts).`,
      '',
      '## Build time',
      '',
      '| catalog | families | seed store | `openpulse build` (queries + Astro) | files in dist | dist size |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...builds.map((b) => `| ${b.label} | ${b.families} | ${b.site.seedSeconds.toFixed(1)} s | ${b.site.buildSeconds.toFixed(1)} s | ${b.files} | ${(b.bytes / 1024 / 1024).toFixed(1)} MB |`),
      '',
      '## Bytes per page (default catalog)',
      '',
      'JavaScript before interaction: the module scripts a page loads and their static imports. ECharts itself loads only on the first pointer, focus or key on a chart.',
      '',
      '| page | HTML | HTML gzip | JS before interaction | JS gzip |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...weights.map((w) => `| ${w.page} | ${kb(w.html)} | ${kb(w.htmlGzip)} | ${kb(w.js)} | ${kb(w.jsGzip)} |`),
      '',
      `Loaded on first interaction: ${echarts.files.map((f) => `\`${path.posix.basename(f)}\``).join(', ')}: ${kb(echarts.bytes)} (${kb(echarts.gzip)} gzip), plus the chart's plot JSON.`,
      '',
      '## Page-weight budget',
      '',
      '| budget | limit | measured | |',
      '| --- | ---: | ---: | --- |',
      ...budgets.map((b) => `| ${b.what} | ${kb(b.limit)} | ${kb(b.actual)} | ${b.actual <= b.limit ? 'within' : '**over**'} |`),
      `| whole site (default catalog, both languages) | – | ${(site.bytes / 1024 / 1024).toFixed(1)} MB in ${site.files} files | |`,
      '',
      'Transferred before interaction: every response Chromium receives loading the page at 1280×900 from `openpulse preview` (brotli for text), headers included, until the network is idle, with no scroll or pointer.',
      '',
      '| page | requests | transferred | uncompressed |',
      '| --- | ---: | ---: | ---: |',
      ...transfers.map((t) => `| ${t.page} | ${t.requests} | ${kb(t.transferred)} | ${kb(t.decoded)} |`),
      '',
      `Compare data: ${compare.length} files; the largest ${compare.slice(0, 3).map((c) => `\`${c.file}\` ${kb(c.bytes)} (${kb(c.gzip)} gzip)`).join(', ') || 'none'}.`,
      '',
      '## Paint timings (Chromium, 412×823, local server, no throttling)',
      '',
      '| page | first contentful paint | largest contentful paint | cumulative layout shift | bytes transferred |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...Object.entries(timings).map(([p, t]) => `| ${p} | ${t.fcp} ms | ${t.lcp} ms | ${t.cls} | ${kb(t.transferred)} |`),
      '',
      '## Lighthouse (default mobile settings: simulated throttling, Moto G power viewport)',
      '',
      ...lighthouse,
      '',
    ];
    const out = path.join(PROJECT_ROOT, 'bench', 'results', 'site.md');
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, lines.join('\n'));
    await writeResult({
      name: 'site',
      title: 'Site: build time and page weight',
      command: 'node bench/site.ts',
      figures: {
        builds: builds.map((b) => ({ label: b.label, families: b.families, seedSeconds: b.site.seedSeconds, buildSeconds: b.site.buildSeconds, files: b.files, bytes: b.bytes })),
        pages: weights,
        echarts: { files: echarts.files.map((f) => path.posix.basename(f)), bytes: echarts.bytes, gzip: echarts.gzip },
        budgets,
        transfers,
        compare: compare.slice(0, 3),
        timings,
      },
      markdown: lines.slice(1).join('\n').trim(),
    });
    process.stdout.write(lines.join('\n'));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

benchArgs(import.meta, {});
await main();
