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
  it('2023-07-19 to early August 2023: each cited figure under its family, with its qualifier and source, never as a class total', async () => {
    const r = await openpulse(referenceDir, 'report', '--from', '2023-07-19', '--to', '2023-08-02');
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toContain('# OpenPulse trend report, 2023-07-19 to 2023-08-02');
    // A report is handed to others: it names the kind of store, never its path.
    expect(md).toContain('by OpenPulse from its embedded ClickHouse store.');
    expect(md).not.toContain(referenceDir);
    expect(md).toContain('LLaMA, GitHub projects per search: 5,600+ on 2023-07-19');
    expect(md).toContain("LLaMA, GitHub projects per search: 6,200+ on 2023-08-02 (inferred: 'two weeks later (than 2023-07-19)')");
    expect(md).toContain('GPT-4, GitHub projects per search: 4,100+ on 2023-07-19');
    expect(md).toContain('facebookresearch/llama, Stars per repository: 29,000 (derived: 32,000 − 3,000)');
    expect(md).toContain('ChatGLM-6B, Reported downloads (cited): 4M+');
    expect(md).toContain('](https://lmsys.org/blog/2023-07-20-dataset/)');
    expect(md).toContain('(source URL not verified)');
    // never summed into a class
    expect(md).not.toMatch(/cited[^\n]*open families/i);
    expect(md).not.toContain('open families 5,600');
    expect(md).not.toContain('61,000');
    expect(md).not.toContain("By the cited reference figures, open families' share");
    expect(md).toContain('## Sources');
    expect(md).toContain('### Cited figures');
  });

  it('as HTML, to a file: the cited figures with their source links, escaped text', async () => {
    const file = path.join(work, 'since-llama-2.html');
    const r = await openpulse(referenceDir, 'report', '--from', '2023-07-19', '--to', '2023-08-02', '--family', 'llama,gpt', '--out', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`report (html) written to ${file}`);
    const html = await readFile(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('LLaMA, GitHub projects per search: 5,600+ on 2023-07-19');
    expect(html).not.toContain('Open (cited reference)');
    expect(html).toContain('Families: LLaMA / Llama 2 / Llama 3, GPT-4 / GPT-3.5 / ChatGPT.');
    // --family llama,gpt: ChatGLM's cited stars are not in this report
    expect(html).not.toContain('THUDM/ChatGLM-6B');
  });

  it('as CSV: cited figures are not growth rows (no family or class totals from them)', async () => {
    const r = await openpulse(referenceDir, 'report', '--from', '2023-07-19', '--to', '2023-08-02', '--format', 'csv', '--family', 'llama', '--family', 'gpt');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')).toEqual(['metric,level,series,family,name,openness,start_day,start_value,end_day,end_value,change,pct_change', '']);
  });

  it('as JSON: the citations with their provenance, and every query it ran', async () => {
    const r = await openpulse(referenceDir, 'report', '--from', '2023-07-19', '--to', '2023-08-02', '--format', 'json');
    const model = JSON.parse(r.stdout) as { citations: Record<string, unknown>[]; queries: { query: string }[] };
    expect(model.citations.find((c) => c.subject === 'search:LLaMA' && c.day === '2023-07-19')).toMatchObject({ family: 'llama', value: 5600, qualifier: 'at least', date_basis: 'stated', source_publisher: 'Huxiu (虎嗅)', source_url: '' });
    expect(model.citations.find((c) => c.subject === 'repo:facebookresearch/llama')).toMatchObject({ qualifier: 'derived', derivation: '32,000 − 3,000', date_basis: 'inferred' });
    expect(new Set(model.queries.map((q) => q.query))).toEqual(
      new Set(['families', 'growth_by_family', 'growth_by_openness', 'open_share_growth', 'metric_by_openness', 'open_share', 'series_breaks', 'release_events', 'reference_points', 'data_freshness']),
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
        // Gamma's search starts on 2024-01-08, inside the window: not counted as growth (series_breaks lists it)
        '| Delta | closed | 0 | 10 | +10 | n/a | 2024-01-01 → 2024-01-15 |',
        '| **Open families** | open | 100 | 150 | +50 | +50.0% | 2024-01-01 → 2024-01-15 |',
        '| **Closed families** | closed | 200 | 230 | +30 | +15.0% | 2024-01-01 → 2024-01-15 |',
      ].join('\n'),
    );
    expect(projects).toContain("Open families' share: 33.3% on 2024-01-01 → 39.5% on 2024-01-15 (+6.1 pp). Of the repositories added in the window, 62.5% were open families' (open +50, closed +30).");
    expect(projects).not.toContain('†');
    // ...and says which series it left out, so Gamma does not vanish without a word
    expect(projects).toMatch(/Only series that cover the whole window are compared, so a series that starts or stops inside it is left out rather than read as growth or loss: search:gamma in:name \(Gamma, from 2024-01-08\)/);
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
