// What a reader of a built page sees, for the test that no Chinese page keeps
// English a translator missed: the page's visible text (and the attributes read
// aloud or shown on hover), its links, and runs of English words in it once the
// names that stay in Latin letters (families, models, repositories, sources)
// are taken out. A small tokenizer, not a full HTML parser: the pages are the
// site's own, well-formed output.

/** Elements whose content is no prose to translate: code, scripts, styles. */
const SKIPPED = new Set(['script', 'style', 'code', 'pre', 'template', 'noscript']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Attributes a reader meets: alternative text, the accessible name, the hover tip. */
const READ_ATTRIBUTES = ['alt', 'aria-label', 'title'];
/** Elements that start a block of text of their own: words in two cells or two paragraphs are never one run. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'button', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'form',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'html', 'label', 'legend', 'li', 'main', 'nav', 'ol', 'option', 'p', 'section', 'select',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'title', 'tr', 'ul',
]);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export interface Tag {
  name: string;
  attributes: Record<string, string>;
}

function parseAttributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** Every start tag of a page, with its attributes (for links and the html element's lang). */
export function startTags(html: string, name?: string): Tag[] {
  const tags: Tag[] = [];
  for (const m of html.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)) {
    const tag = m[1]!.toLowerCase();
    if (!name || tag === name) tags.push({ name: tag, attributes: parseAttributes(m[2] ?? '') });
  }
  return tags;
}

/**
 * The texts of a page a reader meets, one entry per block of text (a paragraph, a cell, a heading)
 * or read attribute, entities decoded: without scripts, styles and code, and without elements
 * marked as another language than `lang` (a quoted English title inside a Chinese page says so
 * with lang="en"). What is left out inside a block becomes U+0000, so the words on either side of
 * it never join into one run.
 */
export function visibleTexts(html: string, lang: string): string[] {
  const out: string[] = [];
  const stack: { name: string; skip: boolean }[] = [];
  const skipping = () => stack.length > 0 && stack[stack.length - 1]!.skip;
  let block = '';
  const flush = () => {
    const text = block.replace(/\s+/g, ' ').replace(/^[\s\u0000]+|[\s\u0000]+$/g, '');
    if (text) out.push(text);
    block = '';
  };
  const source = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<!doctype[^>]*>/i, '');
  const tokens = source.matchAll(/<\/([a-zA-Z][\w:-]*)\s*>|<([a-zA-Z][\w:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|([^<]+)/g);
  for (const m of tokens) {
    if (m[1]) {
      // An end tag closes the nearest open element of its name (and any left open inside it).
      const name = m[1].toLowerCase();
      const at = stack.map((e) => e.name).lastIndexOf(name);
      if (at >= 0) {
        if (stack[at]!.skip && (at === 0 || !stack[at - 1]!.skip)) block += '\u0000';
        stack.length = at;
      }
      if (BLOCKS.has(name) && !skipping()) flush();
      else block += ' ';
    } else if (m[2]) {
      const name = m[2].toLowerCase();
      const attributes = parseAttributes(m[3] ?? '');
      const otherLanguage = attributes.lang !== undefined && !attributes.lang.toLowerCase().startsWith(lang);
      const skip = skipping() || SKIPPED.has(name) || otherLanguage;
      if (BLOCKS.has(name) && !skipping()) flush();
      // An element's edge is a word's edge: a name and its vendor set apart by CSS are two words, not "GeminiGoogle".
      else block += ' ';
      if (!skip) {
        for (const a of READ_ATTRIBUTES) if (attributes[a]) out.push(attributes[a]);
        if (name === 'meta' && attributes.name === 'description' && attributes.content) out.push(attributes.content);
      }
      if (!VOID.has(name) && !m[4]) stack.push({ name, skip });
    } else if (m[5] && !skipping()) {
      block += decodeEntities(m[5]);
    }
  }
  flush();
  return out;
}

/** The texts of an SVG picture: its title, description and every text element. */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<(title|desc|text|tspan)\b[^>]*>([^<]*)</g)].map((m) => decodeEntities(m[2]!).trim()).filter(Boolean);
}

/** A word: Latin letters, with digits and joining marks inside ("GPT-4o", "llama.cpp", "headline_answer"). */
const WORD = /[A-Za-z][A-Za-z0-9_'’.+-]*[A-Za-z0-9]|[A-Za-z]/g;
/** What may stand between two words of one run: spaces and punctuation, never a digit or a Chinese character. */
const BETWEEN = /^[\s,;:()[\]/&"'“”‘’·–—!?.*]*$/;

/**
 * Names that stay in Latin letters on a Chinese page, prepared for removal: longest first, and only
 * those that can hide in a run of English (several words, or one word that is plainly a name:
 * with a digit, inner capitals, all capitals or joining marks), so a licence string like
 * "Proprietary" never hides the English around it.
 */
export function nameMatchers(names: Iterable<string>): RegExp[] {
  const kept = [...new Set([...names].map((n) => n.trim()).filter((n) => n.length >= 2))].filter((n) => {
    const words = n.match(WORD) ?? [];
    if (words.length === 0) return false;
    if (words.length > 1) return true;
    return /\d|[a-z][A-Z]|^[A-Z0-9]{2,}$|[-_.+/]/.test(n);
  });
  kept.sort((a, b) => b.length - a.length);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return kept.map((n) => new RegExp(`(?<![A-Za-z0-9])${escape(n)}(?![A-Za-z0-9])`, 'g'));
}

/**
 * The runs of English in a text once the names are taken out: three or more consecutive words of
 * two or more letters, with nothing but spaces and punctuation between them. A Chinese sentence
 * that names a source ("来自 Hugging Face 的下载量") has none; an English phrase left behind has one.
 */
export function englishRuns(text: string, names: RegExp[], minWords = 3): string[] {
  let rest = text;
  for (const re of names) rest = rest.replace(re, '\u0000');
  const runs: string[] = [];
  let run: { start: number; end: number }[] = [];
  const close = () => {
    if (run.length >= minWords) runs.push(rest.slice(run[0]!.start, run.at(-1)!.end));
    run = [];
  };
  for (const m of rest.matchAll(WORD)) {
    const word = { start: m.index, end: m.index + m[0].length };
    if (run.length > 0 && !BETWEEN.test(rest.slice(run.at(-1)!.end, word.start))) close();
    if (m[0].replace(/[^A-Za-z]/g, '').length < 2) close();
    else run.push(word);
  }
  close();
  return runs;
}

/**
 * Whether a text is a name cut short to fit ("Open-model runtimes (Ollama, Transfo…", as a phone
 * chart's legend shortens it): what is left before the ellipsis begins one of the names.
 */
export function isTruncatedName(text: string, names: readonly string[]): boolean {
  const m = /^(.*?)\s*(…|\.\.\.)$/.exec(text);
  return m !== null && m[1]!.length >= 2 && names.some((n) => n.startsWith(m[1]!));
}

/** A page's address from its file in the built site: "zh/leaderboard/index.html" → "/zh/leaderboard/". */
export function pagePath(file: string): string {
  const p = `/${file.split('\\').join('/')}`;
  return p.endsWith('/index.html') ? p.slice(0, -'index.html'.length) : p;
}

/** Whether a site path is a page (not a file such as .csv, .json, .svg, .md). */
export function isPagePath(pathname: string): boolean {
  const last = pathname.split('/').at(-1) ?? '';
  return !/\.[a-z0-9]+$/i.test(last) || last.endsWith('.html');
}

/** Product and format names that stay in Latin letters in Chinese text. */
export const LATIN_TERMS = [
  'OpenPulse', 'CSV', 'JSON', 'SVG', 'SQL', 'API', 'SDK', 'UTC', 'Markdown', 'ClickHouse', 'chDB', 'ECharts', 'Parquet', 'Elo', 'OSI', 'CC BY 4.0', 'BYOK', 'CI', 'Token',
  'GitHub', 'Hugging Face', 'Hugging Face Hub', 'npm', 'PyPI', 'pypistats', 'OpenRouter', 'LMArena', 'LMSYS', 'LMSYS / LMArena', 'Chatbot Arena', 'Arena', 'Epoch AI', 'Epoch Capabilities Index',
];

/** The snapshot's columns that hold names (families, vendors, models, licences, subjects, releases), never prose. */
const NAME_COLUMNS = ['id', 'name', 'family', 'family_name', 'vendor', 'model', 'organization', 'licence', 'licence_class', 'best_open', 'best_closed', 'best_model', 'matched_by', 'examples', 'subject', 'label', 'item', 'class'];

/**
 * Every name a Chinese page may write in Latin letters, from the data itself: the catalog's
 * families (names, vendors, licences, releases, searches, repositories, models, packages), the
 * leaderboard's licence strings, the queries' names and result keys, the name columns of every
 * result (models, organisations, subjects), plus the product terms above.
 */
export function latinNames(data: { catalog: { families: readonly Record<string, unknown>[]; leaderboard_licences?: Record<string, readonly string[]> }; results: Record<string, { query: string; rows: Record<string, unknown>[] }> }): string[] {
  const names = new Set<string>(LATIN_TERMS);
  const add = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value) names.add(value);
      // A subject key names its kind first ("repo:THUDM/ChatGLM-6B"): the page shows what follows.
      const at = value.indexOf(':');
      if (at > 0 && /^[a-z-]+$/.test(value.slice(0, at))) names.add(value.slice(at + 1));
    } else if (Array.isArray(value)) value.forEach(add);
  };
  for (const f of data.catalog.families) {
    for (const key of ['id', 'name', 'name_zh', 'vendor', 'vendor_zh']) add(f[key]);
    add((f.licence as { name?: string } | undefined)?.name);
    for (const r of (f.releases as { label: string }[] | undefined) ?? []) add(r.label);
    const github = f.github as { search?: string[]; repos?: string[] } | undefined;
    add(github?.search);
    add(github?.repos);
    const hf = f.huggingface as { models?: string[]; authors?: string[] } | undefined;
    add(hf?.models);
    add(hf?.authors);
    add(f.npm);
    add(f.pypi);
    for (const s of (f.subjects as { key: string; licence: string }[] | undefined) ?? []) {
      add(s.key);
      add(s.licence);
    }
  }
  for (const strings of Object.values(data.catalog.leaderboard_licences ?? {})) add(strings);
  for (const [key, result] of Object.entries(data.results)) {
    add(key);
    add(result.query);
    for (const row of result.rows) for (const column of NAME_COLUMNS) add(row[column]);
  }
  return [...names];
}
