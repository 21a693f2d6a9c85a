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
import { familyMetricTranslations } from '../../site/lib/metrics.ts';
import { buildFixtureSite, type FixtureSite } from '../../simulators/site-fixture.ts';
import { englishRuns, isPagePath, isTruncatedName, latinNames, nameMatchers, pagePath, startTags, svgTexts, visibleTexts } from '../helpers/page-text.ts';

let site: FixtureSite;
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
  const data = JSON.parse(await readFile(path.join(site.dataDir, 'site-data.json'), 'utf8')) as SiteData;
  latin = latinNames(data);
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
