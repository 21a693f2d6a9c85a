// Both languages of the built site: every Chinese page reads as Chinese (no
// English a translator missed, beyond the names that stay in Latin letters),
// says it is Chinese, links to its English twin and keeps its reader in Chinese;
// every English page links to its Chinese twin. The site is built once from the
// fixture data set, as the browser tests build it; no browser is needed here.

import { readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteData } from '../../collector/snapshot/site-data.ts';
import { openSnapshot } from '../../collector/snapshot/read.ts';
import { familyMetricTranslations } from '../../site/lib/metrics.ts';
import { buildFixtureSite, type FixtureSite } from '../../simulators/site-fixture.ts';
import { englishRuns, isPagePath, isTruncatedName, latinNames, nameMatchers, pagePath, startTags, svgTexts, visibleTexts } from '../helpers/page-text.ts';

let site: FixtureSite;
let data: SiteData;
/** The names that stay in Latin letters (families, models, repositories, sources…), and the same prepared for removal. */
let latin: string[];
let names: RegExp[];
/** Every built page by its address ("/zh/leaderboard/"), with its HTML; the 404 page (in both languages at once) is not one of them. */
const pages = new Map<string, string>();
let notFound: string;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

beforeAll(async () => {
  site = await buildFixtureSite();
  data = openSnapshot(path.join(site.dataDir, 'site-data'));
  latin = chineseNames(data);
  names = nameMatchers(latin);
  for (const file of await filesUnder(site.distDir)) {
    if (!file.endsWith('.html')) continue;
    const html = await readFile(path.join(site.distDir, file), 'utf8');
    if (file === '404.html') notFound = html;
    else pages.set(pagePath(file), html);
  }
});

afterAll(async () => {
  if (site) await rm(site.root, { recursive: true, force: true });
});

type Families = SiteData['catalog']['families'];

/**
 * The names a Chinese page may write in Latin letters: the data's (latinNames), but a release under
 * its Chinese label only ("Llama 4 Scout 与 Maverick", never "Llama 4 Scout and Maverick"), and
 * no family or vendor name the catalog gives in Chinese ("Qwen (Tongyi Qianwen)" is 通义千问 there).
 */
function chineseNames(snapshot: SiteData): string[] {
  const families: Families = snapshot.catalog.families.map((f) => ({ ...f, releases: f.releases.map((r) => ({ ...r, label: r.label_zh ?? r.label })) }));
  const zhLabel = new Map(snapshot.catalog.families.flatMap((f) => f.releases.map((r) => [`${f.id}|${r.date}|${r.label}`, r.label_zh ?? r.label] as const)));
  const releases = snapshot.results.release_events;
  const results = !releases ? snapshot.results : {
    ...snapshot.results,
    release_events: { ...releases, rows: releases.rows.map((r) => ({ ...r, label: zhLabel.get(`${String(r.family)}|${String(r.released_at)}|${String(r.label)}`) ?? r.label })) },
  };
  // Only a name of several words can hide a run of English; a one-word brand ("DeepSeek") may be another family's vendor too.
  const translated = new Set(
    snapshot.catalog.families.flatMap((f) => [
      ...(f.name_zh && f.name_zh !== f.name ? [f.name] : []),
      ...(f.vendor_zh && f.vendor_zh !== f.vendor ? [f.vendor] : []),
    ]).filter((n) => englishRuns(n, []).length > 0),
  );
  return latinNames({ ...snapshot, catalog: { ...snapshot.catalog, families }, results }).filter((n) => !translated.has(n));
}

const chinese = () => [...pages.keys()].filter((p) => p.startsWith('/zh/'));
const english = () => [...pages.keys()].filter((p) => !p.startsWith('/zh/'));
const twinOf = (page: string) => (page.startsWith('/zh/') ? page.slice(3) : `/zh${page}`);

/** One line per problem, grouped by page, so a failure names every page and string at once. */
function report(problems: Map<string, string[]>): string {
  return [...problems].map(([page, list]) => `${page}\n${list.map((p) => `    ${p}`).join('\n')}`).join('\n');
}

describe('the site in two languages', () => {
  it('builds every page in both languages', () => {
    expect(chinese().length).toBeGreaterThan(10);
    const missing = [...pages.keys()].filter((p) => !pages.has(twinOf(p)));
    expect(missing, `pages without a twin in the other language:\n${missing.join('\n')}`).toEqual([]);
  });

  it('leaves no English untranslated on any Chinese page', () => {
    const problems = new Map<string, string[]>();
    for (const page of chinese()) {
      const runs = visibleTexts(pages.get(page)!, 'zh').flatMap((text) => englishRuns(text, names).map((run) => `"${run}"  in  "${text.length > 160 ? `${text.slice(0, 160)}…` : text}"`));
      if (runs.length > 0) problems.set(page, [...new Set(runs)]);
    }
    expect(problems.size, `${problems.size} of ${chinese().length} Chinese pages keep English (runs of 3+ English words that are no name of the data):\n${report(problems)}`).toBe(0);
  });

  it('leaves no English in the Chinese charts', async () => {
    const problems = new Map<string, string[]>();
    const dir = path.join(site.distDir, 'zh', 'charts');
    for (const file of (await filesUnder(dir)).filter((f) => f.endsWith('.svg'))) {
      const texts = svgTexts(await readFile(path.join(dir, file), 'utf8')).filter((text) => !isTruncatedName(text, latin));
      const runs = texts.flatMap((text) => englishRuns(text, names).map((run) => `"${run}"  in  "${text}"`));
      if (runs.length > 0) problems.set(`/zh/charts/${file}`, [...new Set(runs)]);
    }
    expect(problems.size, `Chinese charts that keep English:\n${report(problems)}`).toBe(0);
  });

  it('writes no English number words on a Chinese page or chart: no "n/a", no "pp"', async () => {
    const english = /(^|[^A-Za-z])n\/a([^A-Za-z]|$)|\d pp\b/i;
    const problems = new Map<string, string[]>();
    for (const page of chinese()) {
      const found = visibleTexts(pages.get(page)!, 'zh').filter((text) => english.test(text));
      if (found.length > 0) problems.set(page, [...new Set(found)]);
    }
    const dir = path.join(site.distDir, 'zh', 'charts');
    for (const file of (await filesUnder(dir)).filter((f) => f.endsWith('.svg'))) {
      const found = svgTexts(await readFile(path.join(dir, file), 'utf8')).filter((text) => english.test(text));
      if (found.length > 0) problems.set(`/zh/charts/${file}`, [...new Set(found)]);
    }
    expect(problems.size, `Chinese pages and charts with "n/a" or "pp" (Chinese writes "—" and "个百分点"):\n${report(problems)}`).toBe(0);
  });

  it("shows each family's release labels and commercial-use terms in Chinese on its Chinese page", () => {
    const problems: string[] = [];
    for (const f of data.catalog.families) {
      const page = pages.get(`/zh/families/${f.id}/`);
      if (!page) continue;
      const text = visibleTexts(page, 'zh').join('\n');
      if (f.licence.commercial_use_zh && !text.includes(f.licence.commercial_use_zh)) problems.push(`${f.id}: commercial use "${f.licence.commercial_use_zh}" not shown`);
      for (const r of f.releases) {
        if (r.label_zh && !text.includes(r.label_zh)) problems.push(`${f.id}: release ${r.date} "${r.label_zh}" not shown`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('marks only names and quotations as English on a Chinese page, never a whole passage', () => {
    // A name, a citation or a data cell is marked lang="en" where it stands; a block so marked would be prose left untranslated.
    const INLINE = new Set(['a', 'abbr', 'b', 'cite', 'code', 'em', 'i', 'q', 'span', 'strong', 'td', 'th', 'time']);
    const problems = new Map<string, string[]>();
    for (const page of chinese()) {
      const blocks = startTags(pages.get(page)!).filter((tag) => tag.attributes.lang?.toLowerCase().startsWith('en') && !INLINE.has(tag.name)).map((tag) => `<${tag.name} lang="${tag.attributes.lang}">`);
      if (blocks.length > 0) problems.set(page, [...new Set(blocks)]);
    }
    expect(problems.size, `Chinese pages with a block marked as English:\n${report(problems)}`).toBe(0);
  });

  it('offers each Chinese report as Chinese Markdown', async () => {
    const reports = data.reports ?? [];
    expect(reports.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const r of reports) {
      const page = `/zh/reports/${r.id}/`;
      const href = `/reports/${r.id}.zh.md`;
      const links = startTags(pages.get(page) ?? '', 'a').map((a) => a.attributes.href);
      if (!links.includes(href)) problems.push(`${page}: no link to ${href}`);
      const markdown = await readFile(path.join(site.distDir, href), 'utf8').catch(() => '');
      if (!r.title_zh.startsWith('OpenPulse 趋势报告：') || !markdown.startsWith(`# ${r.title_zh}\n`)) problems.push(`${href} starts "${markdown.slice(0, 60)}", expected "# ${r.title_zh}"`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('says each page is in its language', () => {
    const wrong = [...pages].flatMap(([page, html]) => {
      const lang = startTags(html, 'html')[0]?.attributes.lang;
      const expected = page.startsWith('/zh/') ? 'zh-Hans' : 'en';
      return lang === expected ? [] : [`${page}: <html lang="${lang ?? ''}">, expected "${expected}"`];
    });
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it('links every page to its twin in the other language', () => {
    const missing = [...pages].flatMap(([page, html]) => {
      const to = page.startsWith('/zh/') ? 'en' : 'zh-Hans';
      const links = startTags(html, 'a').filter((a) => a.attributes.hreflang === to).map((a) => a.attributes.href);
      return links.includes(twinOf(page)) ? [] : [`${page}: no <a hreflang="${to}" href="${twinOf(page)}"> (found: ${links.join(', ') || 'none'})`];
    });
    expect(missing, missing.join('\n')).toEqual([]);
  });

  it('keeps a reader of a Chinese page on Chinese pages', () => {
    const problems = new Map<string, string[]>();
    for (const page of chinese()) {
      const base = new URL(page, 'http://site.invalid');
      const leaving = startTags(pages.get(page)!, 'a')
        .filter((a) => a.attributes.href !== undefined && a.attributes.hreflang !== 'en')
        .map((a) => new URL(a.attributes.href!, base))
        .filter((u) => u.origin === base.origin && isPagePath(u.pathname) && !u.pathname.startsWith('/zh/') && u.pathname !== '/zh')
        .map((u) => u.pathname);
      if (leaving.length > 0) problems.set(page, [...new Set(leaving)]);
    }
    expect(problems.size, `Chinese pages linking to English pages:\n${report(problems)}`).toBe(0);
  });

  it('links only to pages that exist', () => {
    const broken = new Map<string, string[]>();
    for (const [page, html] of [...pages, ['/404.html', notFound] as const]) {
      const base = new URL(page, 'http://site.invalid');
      const targets = startTags(html, 'a')
        .map((a) => a.attributes.href)
        .filter((href): href is string => href !== undefined)
        .map((href) => new URL(href, base))
        .filter((u) => u.origin === base.origin)
        .map((u) => decodeURIComponent(u.pathname))
        .filter((p) => !existsSync(path.join(site.distDir, p.endsWith('/') ? `${p}index.html` : p)));
      if (targets.length > 0) broken.set(page, [...new Set(targets)]);
    }
    expect(broken.size, `broken links:\n${report(broken)}`).toBe(0);
  });
});

describe('the Chinese words of the registry', () => {
  it('translate every family metric and each of its caveats', () => {
    const behind = familyMetricTranslations().flatMap(({ id, en, zh }) => [
      ...(zh.caveats.length === en.caveats.length ? [] : [`${id}: ${en.caveats.length} caveats in English, ${zh.caveats.length} in Chinese`]),
      ...(['title', 'unit', 'counts'] as const).filter((k) => !/\p{Script=Han}/u.test(zh[k])).map((k) => `${id}: ${k} "${zh[k]}" has no Chinese`),
    ]);
    expect(behind, behind.join('\n')).toEqual([]);
  });
});
