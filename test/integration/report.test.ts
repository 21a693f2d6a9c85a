// openpulse report end to end: the cited reference figures with the real
// catalog, and the named-query fixture with collected facts.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../collector/catalog.ts';
import { loadConfig, PROJECT_ROOT } from '../../collector/config.ts';
import { loadReferenceFigures } from '../../collector/run.ts';
import { openStore } from '../../collector/store/index.ts';
import { runInProcess } from '../helpers/cli.ts';
import { fixtureCatalog, fixtureObservations } from './queries.fixture.ts';

let work: string;
let referenceDir: string;
let fixtureDir: string;
const clock = { now: () => new Date('2026-11-29T12:00:00Z'), sleep: async () => {} };

const openpulse = (dataDir: string, ...argv: string[]) => runInProcess([...argv, '--data-dir', dataDir], { clock });

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'openpulse-report-'));
  // one store: the real catalog and the cited reference figures only
  referenceDir = path.join(work, 'reference');
  let store = await openStore(loadConfig({ env: {}, flags: { dataDir: referenceDir } }), { job: 'test' });
  await store.syncCatalog(await loadCatalog(path.join(PROJECT_ROOT, 'collector', 'catalog.yml')), clock.now());
  await loadReferenceFigures({ store, clock }, 'reference-run');
  await store.close();
  // another: the fixture's collected facts (stores are opened one at a time: chDB binds one per process)
  fixtureDir = path.join(work, 'fixture');
  store = await openStore(loadConfig({ env: {}, flags: { dataDir: fixtureDir } }), { job: 'test' });
  await store.syncCatalog(fixtureCatalog(), clock.now());
  await store.insert(fixtureObservations(), 'run-1', clock.now());
  await store.close();
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the reference figures alone', () => {
  it('2023-07-19 to early August 2023: LLaMA 5,600 → 6,200 (+10.7%), GPT-4 4,100 → 4,400 (+7.3%)', async () => {
    const r = await openpulse(referenceDir, 'report', '--from', '2023-07-19', '--to', '2023-08-02');
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toContain('# OpenPulse trend report, 2023-07-19 to 2023-08-02');
    expect(md).toContain('| LLaMA / Llama 2 / Llama 3 † | open-weights | 5,600 | 6,200 | +600 | +10.7% | 2023-07-19 → 2023-08-02 |');
    expect(md).toContain('| GPT-4 / GPT-3.5 / ChatGPT † | closed | 4,100 | 4,400 | +300 | +7.3% | 2023-07-19 → 2023-08-02 |');
    expect(md).toContain('LLaMA / Llama 2 / Llama 3 5,600 → 6,200 (+10.7%)');
    // A report is handed to others: it names the kind of store, never its path.
    expect(md).toContain('by OpenPulse from its embedded ClickHouse store.');
    expect(md).not.toContain(referenceDir);
    expect(md).toContain('GPT-4 / GPT-3.5 / ChatGPT 4,100 → 4,400 (+7.3%)');
    expect(md).toContain("By the cited reference figures, open families' share: 57.7% on 2023-07-19 → 58.5% on 2023-08-02 (+0.8 pp). Of the repositories added in the window, 66.7% were open families' (open +600, closed +300).");
    expect(md).toMatch(/† Cited reference figures, not collected by OpenPulse and never added to collected values: Huxiu/);
    // charts: ECharts SVG embedded as data: URIs
    const images = [...md.matchAll(/\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'));
    expect(images.length).toBeGreaterThanOrEqual(1);
    expect(images[0]).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(images[0]).toContain('GitHub projects: open vs closed families');
    // methodology for each metric, and sources
    expect(md).toContain('Search counts drift');
    expect(md).toContain('miss repositories deleted');
    expect(md).toContain('rolling 30-day window');
    expect(md).toContain('counts retained stars');
    expect(md).toContain('## Sources');
    expect(md).toContain('openpulse query growth_by_family --param metric=projects --param series=reference --param from=2023-07-19 --param to=2023-08-02');
  });

  it('as HTML, to a file: the same figures, inline SVG charts, escaped text', async () => {
    const file = path.join(work, 'since-llama-2.html');
    const r = await openpulse(referenceDir, 'report', '--from', '2023-07-19', '--to', '2023-08-02', '--family', 'llama,gpt', '--out', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`report (html) written to ${file}`);
    const html = await readFile(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<th scope="row">LLaMA / Llama 2 / Llama 3 †</th><td>open-weights</td><td class="num">5,600</td><td class="num">6,200</td><td class="num">+600</td><td class="num">+10.7%</td>');
    expect(html).toContain('<td class="num">4,100</td><td class="num">4,400</td><td class="num">+300</td><td class="num">+7.3%</td>');
    expect(html).toMatch(/<figure id="chart-projects-by-openness"><svg role="img" aria-label="GitHub projects: open vs closed families\. Open \(cited reference\): 5,600 on 2023-07-19/);
    expect(html).toContain('Families: LLaMA / Llama 2 / Llama 3, GPT-4 / GPT-3.5 / ChatGPT.');
    // --family llama,gpt: ChatGLM's cited stars are not in this report
    expect(html).not.toContain('ChatGLM / GLM');
  });

  it('as CSV: exact values, one row per metric, series and family or class', async () => {
    const r = await openpulse(referenceDir, 'report', '--from', '2023-07-19', '--to', '2023-08-02', '--format', 'csv', '--family', 'llama', '--family', 'gpt');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')).toEqual([
      'metric,level,series,family,name,openness,start_day,start_value,end_day,end_value,change,pct_change',
      'projects,family,reference,llama,LLaMA / Llama 2 / Llama 3,open-weights,2023-07-19,5600,2023-08-02,6200,600,10.714285714285714',
      'projects,family,reference,gpt,GPT-4 / GPT-3.5 / ChatGPT,closed,2023-07-19,4100,2023-08-02,4400,300,7.317073170731708',
      'projects,openness,reference,,Closed families,closed,2023-07-19,4100,2023-08-02,4400,300,7.317073170731708',
      'projects,openness,reference,,Open families,open,2023-07-19,5600,2023-08-02,6200,600,10.714285714285714',
      'stars,family,reference,llama,LLaMA / Llama 2 / Llama 3,open-weights,2023-08-02,29000,2023-08-02,29000,0,0',
      'stars,openness,reference,,Open families,open,2023-08-02,29000,2023-08-02,29000,0,0',
      '',
    ]);
  });

  it('as JSON: the model, with every query it ran', async () => {
    const r = await openpulse(referenceDir, 'report', '--from', '2023-07-19', '--to', '2023-08-02', '--format', 'json');
    const model = JSON.parse(r.stdout) as { metrics: { metric: string; families: { key: string; series: string; pct_change: number }[] }[]; queries: { query: string }[] };
    const projects = model.metrics.find((m) => m.metric === 'projects')!;
    expect(projects.families.map((f) => [f.key, f.series, Math.round(f.pct_change * 10) / 10])).toEqual([
      ['llama', 'reference', 10.7],
      ['gpt', 'reference', 7.3],
    ]);
    expect(new Set(model.queries.map((q) => q.query))).toEqual(
      new Set(['families', 'growth_by_family', 'growth_by_openness', 'open_share_growth', 'metric_by_openness', 'open_share', 'release_events', 'reference_points', 'data_freshness']),
    );
  });
});

describe('collected facts', () => {
  it('the headline table per family and class, collected values only, and the open share', async () => {
    const r = await openpulse(fixtureDir, 'report', '--from', '2024-01-01', '--to', '2024-01-15');
    expect(r.code).toBe(0);
    const md = r.stdout;
    const projects = md.slice(md.indexOf('### GitHub projects'), md.indexOf('### GitHub stars'));
    expect(projects).toContain(
      [
        '| Family | Openness | Start | End | Change | % change | Days |',
        '| --- | --- | ---: | ---: | ---: | ---: | --- |',
        '| Beta | closed | 200 | 220 | +20 | +10.0% | 2024-01-01 → 2024-01-15 |',
        '| Alpha | open-weights | 100 | 150 | +50 | +50.0% | 2024-01-01 → 2024-01-15 |',
        '| Gamma | open-source | 50 | 40 | -10 | -20.0% | 2024-01-08 → 2024-01-15 |',
        '| Delta | closed | 0 | 10 | +10 | n/a | 2024-01-01 → 2024-01-15 |',
        '| **Open families** | open | 150 | 190 | +40 | +26.7% | 2024-01-01 → 2024-01-15 |',
        '| **Closed families** | closed | 200 | 230 | +30 | +15.0% | 2024-01-01 → 2024-01-15 |',
      ].join('\n'),
    );
    expect(projects).toContain("Open families' share: 33.3% on 2024-01-01 → 45.2% on 2024-01-15 (+11.9 pp). Of the repositories added in the window, 57.1% were open families' (open +40, closed +30).");
    expect(projects).not.toContain('†');
    expect(md).toContain('| Alpha | open-weights | 15 | 27 | +12 | +80.0% | 2024-01-01 → 2024-01-15 |');
    expect(md).toContain('| Alpha | open-weights | 3,000 | 3,000 | 0 | 0.0% | 2024-01-15 |');
    // five charts: the open share, then each of the four metrics (Hugging Face has one point)
    expect([...md.matchAll(/data:image\/svg\+xml;base64,/g)]).toHaveLength(5);
    expect(md).toContain('### Open families’ share');
  });

  it('a window with no facts says so instead of printing empty tables', async () => {
    const r = await openpulse(fixtureDir, 'report', '--from', '2020-01-01', '--to', '2020-02-01');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- No facts in this window.');
    expect(r.stdout).toContain('No chart: no facts in this window.');
    expect(r.stdout).not.toContain('| Family |');
  });
});

describe('usage', () => {
  it.each([
    [['report'], /--from DATE is required/],
    [['report', '--from', '2024-02-30'], /--from "2024-02-30" is not a date written YYYY-MM-DD/],
    [['report', '--from', '2024-02-01', '--to', '2024-01-01'], /--from 2024-02-01 is after --to 2024-01-01/],
    [['report', '--from', '2024-01-01', '--format', 'pdf'], /unknown report format "pdf"\n  → use one of md, html, csv, json/],
    [['report', '--from', '2024-01-01', '--family', 'alpha,omega'], /no family "omega" in the store's catalog\n  → known families: alpha, beta, gamma, delta/],
  ])('%j: exit 2 with what to do', async (argv, message) => {
    const r = await openpulse(fixtureDir, ...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('--to defaults to today (the clock)', async () => {
    const r = await openpulse(fixtureDir, 'report', '--from', '2024-01-01', '--format', 'json');
    expect((JSON.parse(r.stdout) as { to: string }).to).toBe('2026-11-29');
  });
});
