// openpulse report end to end: the cited reference figures with the real
// catalog, and the named-query fixture with collected facts.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../collector/catalog.ts';
import { loadConfig, PROJECT_ROOT } from '../../collector/config.ts';
import { loadReferenceFigures } from '../../collector/run.ts';
import type { Observation } from '../../collector/observation.ts';
import { openStore } from '../../collector/store/index.ts';
import type { ReportModel } from '../../collector/report/index.ts';
import { runInProcess } from '../helpers/cli.ts';
import { englishRuns, LATIN_TERMS, nameMatchers, visibleTexts } from '../helpers/page-text.ts';
import { fixtureCatalog, fixtureObservations } from './queries.fixture.ts';

let work: string;
let referenceDir: string;
let fixtureDir: string;
/** The real catalog's family names (the catalog is edited often: the tests read the names, not a copy). */
let familyNames: Map<string, string>;
const clock = { now: () => new Date('2026-11-29T12:00:00Z'), sleep: async () => {} };

const openpulse = (dataDir: string, ...argv: string[]) => runInProcess([...argv, '--data-dir', dataDir], { clock });

/**
 * Beside the fixture, so the headline answer has every kind of number: a whole ISO week of downloads
 * (Monday 2024-01-15 to Sunday 2024-01-21, each day as on the 15th, so the values of a window that
 * ends on the 15th stay as they were) and a leaderboard model whose licence no class names.
 */
function answerFacts(): Observation[] {
  const days = ['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-20', '2024-01-21'];
  return [
    ...days.flatMap((day): Observation[] => [
      { source: 'npm', subject: 'npm:alpha-js', family: 'alpha', metric: 'npm_downloads', observed_at: day, value: 20 },
      { source: 'pypi', subject: 'pypi:alpha-py', family: 'alpha', metric: 'pypi_downloads', observed_at: day, value: 7 },
      { source: 'pypi', subject: 'pypi:beta', family: 'beta', metric: 'pypi_downloads', observed_at: day, value: 90 },
    ]),
    { source: 'leaderboard', subject: 'arena:unknown', family: '', metric: 'arena_models', observed_at: '2024-01-10', value: 1 },
  ];
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'openpulse-report-'));
  // one store: the real catalog and the cited reference figures only
  referenceDir = path.join(work, 'reference');
  let store = await openStore(loadConfig({ env: {}, flags: { dataDir: referenceDir } }), { job: 'test' });
  const catalog = await loadCatalog(path.join(PROJECT_ROOT, 'collector', 'catalog.yml'));
  familyNames = new Map(catalog.families.map((f) => [f.id, f.name]));
  await store.syncCatalog(catalog, clock.now());
  await loadReferenceFigures({ store, clock }, 'reference-run');
  await store.close();
  // another: the fixture's collected facts (stores are opened one at a time: chDB binds one per process)
  fixtureDir = path.join(work, 'fixture');
  store = await openStore(loadConfig({ env: {}, flags: { dataDir: fixtureDir } }), { job: 'test' });
  await store.syncCatalog(fixtureCatalog(), clock.now());
  await store.insert([...fixtureObservations(), ...answerFacts()], 'run-1', clock.now());
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
    expect(md).not.toMatch(/cited[^\n]*open (families|models)/i);
    expect(md).not.toContain('open models 5,600');
    expect(md).not.toContain('61,000');
    expect(md).not.toContain("By the cited reference figures, open models' share");
    expect(md).toContain('## Sources');
    expect(md).toContain('### Cited figures');
    // The headline answer comes first; with cited figures only it has no number, and says why (never 0% or n/a).
    expect(md.indexOf('## The headline answer')).toBeLessThan(md.indexOf('## Highlights'));
    const answer = md.slice(md.indexOf('## The headline answer'), md.indexOf('## Highlights'));
    expect(answer).toContain('What share of new GitHub projects, GitHub stars gained, package downloads, routed tokens, leaderboard models and the leaderboard\'s top 20 is open, now and since Llama 2 (2023-07-18), and how many Hugging Face derivatives do open models have? Answered to 2023-08-02, whatever the report\'s window. No figures yet: no signal has data.');
    expect(answer).toContain('- **No figure for new GitHub projects since Llama 2: no data has been collected yet.**');
    // derivatives are a count of open models' (closed models publish no weights): never a share, not even "no figure … share"
    expect(answer).toContain('- **No figure for Hugging Face derivatives: no data has been collected yet. Closed models publish no weights and so have none: there is no open share to state.**');
    expect(answer).toContain('- **No figure for leaderboard models: no leaderboard table has been collected or imported yet.**');
    expect(answer).not.toMatch(/\b0\.0%|n\/a|NaN/);
    expect(answer).toContain('*Text models only: mentions and repositories of the models');
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
    expect(html).toContain(`Families: ${familyNames.get('llama')}, ${familyNames.get('gpt')}.`);
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
      new Set([
        'families', 'headline_answer', 'openrouter_share', 'growth_by_family', 'growth_by_openness', 'open_share_growth', 'metric_by_openness', 'open_share', 'series_breaks',
        'leaderboard_top_models', 'leaderboard_top_share', 'leaderboard_family_best', 'leaderboard_best_open_closed', 'leaderboard_gap_months',
        'release_events', 'reference_points', 'data_freshness',
      ]),
    );
  });
});

describe('in Chinese (--lang zh)', () => {
  it('the cited figures: Chinese words around them, the source\'s own words kept in English and marked so in HTML', async () => {
    const r = await openpulse(referenceDir, 'report', '--from', '2023-07-19', '--to', '2023-08-02', '--lang', 'zh');
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toContain('# OpenPulse 趋势报告：2023年7月19日至2023年8月2日');
    expect(md.indexOf('## 头条答案')).toBeLessThan(md.indexOf('## 要点'));
    expect(md).toContain('由 OpenPulse 于 2026年11月29日 12:00 UTC 根据其嵌入式 ClickHouse 存储生成。');
    expect(md).toContain('## 数据来源');
    expect(md).toContain('### 引用数字');
    expect(md).toContain('LLaMA，各搜索词的 GitHub 项目数：5,600+，2023年7月19日。来源：');
    expect(md).toContain('LLaMA，各搜索词的 GitHub 项目数：6,200+，2023年8月2日（推断日期，依据“two weeks later (than 2023-07-19)”）');
    expect(md).toContain('facebookresearch/llama，各仓库星标数：29,000（推算：32,000 − 3,000）');
    expect(md).toContain('（来源网址未经核实）');
    expect(md).not.toContain('## The headline answer');
    expect(md).not.toMatch(/\bn\/a\b|NaN/);

    const html = (await openpulse(referenceDir, 'report', '--from', '2023-07-19', '--to', '2023-08-02', '--lang', 'zh', '--format', 'html')).stdout;
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('<h2 id="answer">头条答案</h2>');
    expect(html).toMatch(/（推断日期，依据“<span lang="en">two weeks later \(than 2023-07-19\)<\/span>”）/);
    expect(html).toContain('<a href="https://lmsys.org/blog/2023-07-20-dataset/"><span lang="en">LMSYS Org, 2023-07-20: Chatbot Arena Conversation Dataset Release');
    // no English sentence beyond the names the report itself carries (the cited sources' words are marked lang="en")
    const model = JSON.parse((await openpulse(referenceDir, 'report', '--from', '2023-07-19', '--to', '2023-08-02', '--lang', 'zh', '--format', 'json')).stdout) as ReportModel;
    const names = nameMatchers([
      ...LATIN_TERMS, 'Llama 2',
      ...model.families.flatMap((f) => [f.name, f.name_zh]),
      ...model.citations.flatMap((c) => [c.subject, c.subject.slice(c.subject.indexOf(':') + 1)]),
      ...model.releases.map((r) => r.label),
    ].filter(Boolean));
    const english = visibleTexts(html, 'zh').flatMap((text) => englishRuns(text, names).map((run) => `"${run}" in "${text.slice(0, 160)}"`));
    expect(english, english.join('\n')).toEqual([]);
  });

  it('collected facts: the same numbers as in English, tables and days in Chinese', async () => {
    // one after the other: the embedded store is opened by one command at a time
    const json = async (lang: string) => (await openpulse(fixtureDir, 'report', '--from', '2024-01-01', '--to', '2024-01-15', '--lang', lang, '--format', 'json')).stdout;
    const zh = await json('zh');
    const en = await json('en');
    const numbers = (json: string) => (JSON.parse(json) as { metrics: { families: { key: string; end_value: number; change: number }[]; share: unknown[] }[] }).metrics.map((m) => [m.families.map((f) => [f.key, f.end_value, f.change]), m.share]);
    expect(numbers(zh)).toEqual(numbers(en));

    const md = (await openpulse(fixtureDir, 'report', '--from', '2024-01-01', '--to', '2024-01-15', '--lang', 'zh')).stdout;
    const projects = md.slice(md.indexOf('### GitHub 项目数'), md.indexOf('### GitHub 星标'));
    expect(projects).toContain(
      [
        '| 家族 | 开放程度 | 起始值 | 结束值 | 变化 | 变化率 | 日期 |',
        '| --- | --- | ---: | ---: | ---: | ---: | --- |',
        '| Beta | 闭源 | 200 | 220 | +20 | +10.0% | 2024年1月1日至2024年1月15日 |',
        '| Alpha | 开放权重（限制性许可） | 100 | 150 | +50 | +50.0% | 2024年1月1日至2024年1月15日 |',
        '| Delta | 闭源 | 0 | 10 | +10 | — | 2024年1月1日至2024年1月15日 |',
        '| **开源模型** | 开源 | 100 | 150 | +50 | +50.0% | 2024年1月1日至2024年1月15日 |',
        '| **闭源模型** | 闭源 | 200 | 230 | +30 | +15.0% | 2024年1月1日至2024年1月15日 |',
      ].join('\n'),
    );
    expect(projects).toContain('开源模型的份额：2024年1月1日为 33.3%，2024年1月15日为 39.5%（+6.14 个百分点）。时间窗口内新增的仓库中，开源模型占 62.5%（开源 +50，闭源 +30）。');
    expect(projects).toMatch(/只比较覆盖整个时间窗口的序列，[^\n]*：search:gamma in:name（Gamma，2024年1月8日起）/);
    expect(md).toContain('### 开源模型的份额');
    expect([...md.matchAll(/data:image\/svg\+xml;base64,/g)]).toHaveLength(5);
  });
});

describe('collected facts', () => {
  it('opens with the headline answer: the week once, per signal the share since Llama 2, now, coverage, caveat and source, and the scope', async () => {
    const r = await openpulse(fixtureDir, 'report', '--from', '2024-01-01', '--to', '2024-01-21');
    expect(r.code).toBe(0);
    const md = r.stdout;
    const answer = md.slice(md.indexOf('## The headline answer'), md.indexOf('## Highlights'));
    expect(md.indexOf('## The headline answer')).toBeGreaterThan(0);
    expect(answer).toContain(
      "Answered to 2024-01-21, whatever the report's window. Figures for the week of 2024-01-15 to 2024-01-21 (Monday to Sunday): package downloads and routed tokens over its 7 days, every other signal as of its last day; a figure from another day says so.",
    );
    expect(answer.match(/the week of 2024-01-15 to 2024-01-21/g)).toHaveLength(1);
    // projects: alpha 50 → 150 and beta 150 → 220 span 2023-12-01 to 2024-01-15, and delta, whose count begins later at
    // zero (it found nothing before either), adds 0 → 10; gamma begins later at 50, already held: 100 / 180
    expect(answer).toContain(
      [
        '- **Open models drew 55.6% of new GitHub projects from 2023-12-01 to 2024-01-15 (the first day with data since Llama 2\'s release on 2023-07-18), among the 3 of 4 searches with data on both days.**',
        "  - Now: open models hold 45.2% of all repositories counted on 2024-01-15, the week's newest day with data. On 2023-12-01 they held 25.0% (among the searches counted on both days).",
        '  - 3 of 4 searches counted; 1 starts or stops inside the period and is left out. Added: open +100, closed +80 repositories.',
      ].join('\n'),
    );
    expect(answer).toMatch(/\n  - Repositories matching each family's headline search of each side, open and closed \(mentions, not use\)[^\n]* Source: GitHub search\.\n/);
    // stars: a/alpha 900 → 1,000 and b/beta-sdk 300 → 330: 100 / 130; now 1,000 / 1,330
    expect(answer).toContain('- **Open models drew 76.9% of GitHub stars gained from 2024-01-01 to 2024-01-15');
    expect(answer).toContain("  - Now: open models hold 75.2% of all stars counted on 2024-01-15, the week's newest day with data. On 2024-01-01 they held 75.0%");
    expect(answer).toContain('  - 2 of 2 repositories counted. Added: open +100, closed +30 stars.');
    // downloads: since 2024-01-01 open 10 + 5 + 7×(20 + 7) = 204, closed 100 + 7×90 = 730; the week 189 / 819
    expect(answer).toContain('- **Open models drew 21.8% of package downloads from 2024-01-01 to 2024-01-21');
    expect(answer).toContain('  - Now: 23.1% of the downloads in the week (2024-01-15 → 2024-01-21).');
    expect(answer).toContain('  - 3 of 3 packages counted. Counted: open 204, closed 730 downloads.');
    expect(answer).toMatch(/180 days[^\n]* Source: npm and PyPI \(pypistats\)\./);
    // leaderboard: the table of 2024-01-10, 7 open of 10 classified; the model of unknown licence apart
    expect(answer).toContain("- **Open models are 70.0% of leaderboard models in the newest table by the week's end (published 2024-01-10).**");
    // no derivatives in the fixture: no figure, and no share
    expect(answer).toContain('- **No figure for Hugging Face derivatives: no data has been collected yet. Closed models publish no weights and so have none: there is no open share to state.**');
    expect(answer).toContain('  - The first table since Llama 2 is the newest (2024-01-10).');
    expect(answer).toContain('  - 7 open and 3 closed models with a classified licence; 1 model with an unclassified licence left out.');
    expect(answer).toContain('Source: LMSYS / LMArena leaderboard.');
    expect(answer).toContain('*Text models only: mentions and repositories of the models, their weights and their own SDKs; generic tooling and image models are counted in their own views.*');
    expect(answer).not.toMatch(/n\/a|NaN/);
    // the class totals say which subjects they add
    expect(md).toContain("Text models only: mentions and repositories of the models, their weights and their own SDKs; generic tooling and image models are counted in their own views. This holds for the open and closed totals and shares; each family's own row counts everything tracked for it.");
    expect(md).toContain('openpulse query headline_answer --param since=2023-07-18 --param as_of=2024-01-21 --param scope=text_models');

    // the same section in HTML, escaped, before the highlights
    const html = (await openpulse(fixtureDir, 'report', '--from', '2024-01-01', '--to', '2024-01-21', '--format', 'html')).stdout;
    expect(html.indexOf('<h2 id="answer">The headline answer</h2>')).toBeLessThan(html.indexOf('<h2 id="highlights">'));
    expect(html).toContain('<li data-signal="projects"><strong>Open models drew 55.6% of new GitHub projects from 2023-12-01 to 2024-01-15 (the first day with data since Llama 2&#39;s release on 2023-07-18), among the 3 of 4 searches with data on both days.</strong><ul><li>Now: open models hold 45.2%');
    expect(html).toContain('<li>7 open and 3 closed models with a classified licence; 1 model with an unclassified licence left out.</li>');
    expect(html).toContain('<p class="note">Text models only: mentions and repositories of the models');
  });

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
        '| Alpha | open-weights-restricted | 100 | 150 | +50 | +50.0% | 2024-01-01 → 2024-01-15 |',
        // Gamma's search starts on 2024-01-08, inside the window: not counted as growth (series_breaks lists it)
        '| Delta | closed | 0 | 10 | +10 | n/a | 2024-01-01 → 2024-01-15 |',
        '| **Open models** | open | 100 | 150 | +50 | +50.0% | 2024-01-01 → 2024-01-15 |',
        '| **Closed models** | closed | 200 | 230 | +30 | +15.0% | 2024-01-01 → 2024-01-15 |',
      ].join('\n'),
    );
    // 39.5% − 33.3% as written is 6.2, the change 6.14: written to two decimals, as the shares beside it read (shareChangeBeside)
    expect(projects).toContain("Open models' share: 33.3% on 2024-01-01 → 39.5% on 2024-01-15 (+6.14 pp). Of the repositories added in the window, 62.5% were open models' (open +50, closed +30).");
    expect(projects).not.toContain('†');
    // ...and says which series it left out, so Gamma does not vanish without a word
    expect(projects).toMatch(/Only series that cover the whole window are compared, so a series that starts or stops inside it is left out rather than read as growth or loss: search:gamma in:name \(Gamma, from 2024-01-08\)/);
    expect(md).toContain('| Alpha | open-weights-restricted | 15 | 27 | +12 | +80.0% | 2024-01-01 → 2024-01-15 |');
    expect(md).toContain('| Alpha | open-weights-restricted | 3,000 | 3,000 | 0 | 0.0% | 2024-01-15 |');
    // five charts: the open share, then each of the four metrics (Hugging Face has one point)
    expect([...md.matchAll(/data:image\/svg\+xml;base64,/g)]).toHaveLength(5);
    expect(md).toContain('### Open models’ share');
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
    [['report', '--from', '2024-01-01', '--lang', 'fr'], /unknown report language "fr"\n  → use one of en, zh/],
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
