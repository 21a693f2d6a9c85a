// The site's two languages. Every page is built twice: English at its own
// path (/compare/) and Simplified Chinese under /zh/ (/zh/compare/). Words are
// written where they are used, both languages side by side, so a string
// without its translation is visible in review and caught by the site test
// that reads every Chinese page for English left untranslated.

export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** The `lang` attribute of each language's pages (BCP 47). */
export const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-Hans' };
/** Each language's name in itself, for the language switch. */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', zh: '简体中文' };
/** The locale numbers and dates are formatted in. */
export const LOCALES: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };

/** The `[...lang]` route parameter of each language: English has no prefix. */
export function langParam(lang: Lang): string | undefined {
  return lang === 'en' ? undefined : lang;
}

/** Static paths of a page that exists once per language. */
export function langPaths(): { params: { lang: string | undefined }; props: { lang: Lang } }[] {
  return LANGS.map((lang) => ({ params: { lang: langParam(lang) }, props: { lang } }));
}

/** Static paths of a page per language and per item (a family, a query result, a report). */
export function langPathsOf<P extends Record<string, string>, X extends object>(items: { params: P; props?: X }[]): { params: P & { lang: string | undefined }; props: X & { lang: Lang } }[] {
  return LANGS.flatMap((lang) => items.map((item) => ({ params: { ...item.params, lang: langParam(lang) }, props: { ...((item.props ?? {}) as X), lang } })));
}

/** A site path in a language: "/compare/" → "/zh/compare/" in Chinese. Files (CSV, JSON, SVG) are the same in both. */
export function localHref(lang: Lang, href: string): string {
  if (lang === 'en' || !href.startsWith('/') || href.startsWith('//')) return href;
  if (/\.[a-z]+$/i.test(href.split(/[?#]/)[0]!)) return href;
  return `/zh${href}`;
}

/** The same page in the other language: strips or adds the /zh prefix. */
export function otherLangHref(pathname: string, to: Lang): string {
  const bare = pathname.replace(/^\/zh(?=\/|$)/, '') || '/';
  return localHref(to, bare);
}

/** Both languages of one text. */
export interface Text {
  en: string;
  zh: string;
}

/** A translator for one language: `t('Compare families', '比较模型家族')`. */
export function translator(lang: Lang): (en: string, zh: string) => string {
  return (en, zh) => (lang === 'zh' ? zh : en);
}

/** One text in a language. */
export function tr(lang: Lang, text: Text): string {
  return text[lang];
}

/** A count in words that agree with it: plural(lang, 3, 'family', 'families', '个家族') → "3 families" / "3 个家族". */
export function counted(lang: Lang, n: number, one: string, many: string, zh: string): string {
  const number = n.toLocaleString(LOCALES[lang]);
  return lang === 'zh' ? `${number} ${zh}` : `${number} ${n === 1 ? one : many}`;
}

/** A calendar day ("2026-12-02") for readers: "Dec 2, 2026" / "2026年12月2日". Never wraps inside. */
export function formatDay(lang: Lang, day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  const [, y, mo, d] = m;
  if (lang === 'zh') return `${y}年${Number(mo)}月${Number(d)}日`;
  return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(mo) - 1]} ${Number(d)}, ${y}`;
}

/** A number in the language's grouping ("12,345" in both: Chinese readers use the same separators). */
export function formatCount(lang: Lang, n: number): string {
  return n.toLocaleString(LOCALES[lang]);
}

/** The language of the page being built, from its address (for components, which every page uses). */
export function pageLang(url: URL): Lang {
  return /^\/zh(\/|$)/.test(url.pathname) ? 'zh' : 'en';
}
