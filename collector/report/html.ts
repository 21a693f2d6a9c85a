// The report as one HTML file: inline CSS, charts as inline SVG, tables for
// every number, readable printed, on a phone and by a screen reader.

import { escapeHtml } from '../../charts/escape.ts';
import { OPENNESS_COLOURS } from '../../charts/palette.ts';
import { reportCharts } from './charts.ts';
import { LEADERBOARD_TOP_NUMERIC, leaderboardLines, leaderboardTopRows } from './layout.ts';
import { answerIntro, answerItems, answerNote, citedGroups, classScopeNote, HEADLINE_NUMERIC, headlineRows, highlightRuns, provenanceLine, breaksNote, referenceNote, reproduceLines, scopeLine, shareSentence, SOURCE_NUMERIC, sourceRows } from './layout.ts';
import type { ReportModel } from './model.ts';
import { dayText, langOf, wordsOf, type Run } from './words.ts';

/** Inline Markdown: `code`, **bold**, *emphasis*, [links](https://…); everything else escaped. */
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>');
}

/**
 * The Markdown the collectors' methodology files use (headings, paragraphs,
 * bullet lists, fenced code, inline code, bold, links) as HTML. Headings are
 * moved down `shift` levels to nest under the report's own.
 */
export function markdownToHtml(markdown: string, shift = 0): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  let list: string[] | undefined;
  let code: string[] | undefined;
  const flush = () => {
    if (paragraph.length) out.push(`<p>${inline(paragraph.join(' '))}</p>`);
    paragraph = [];
    if (list) out.push(`<ul>${list.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
    list = undefined;
  };
  for (const line of markdown.split('\n')) {
    if (code) {
      if (/^\s*```/.test(line)) {
        out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
        code = undefined;
      } else code.push(line);
      continue;
    }
    if (/^\s*```/.test(line)) {
      flush();
      code = [];
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const level = Math.min(6, heading[1]!.length + shift);
      out.push(`<h${level}>${inline(heading[2]!)}</h${level}>`);
    } else if (item) {
      if (paragraph.length) flush();
      (list ??= []).push(item[1]!);
    } else if (line.trim() === '') {
      flush();
    } else if (list && /^\s+/.test(line)) {
      list[list.length - 1] += ` ${line.trim()}`;
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  if (code) out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
  flush();
  return out.join('\n');
}

/** A day with what joins it to the next ("2024-12-02 →", "2024年12月2日至"), and a bracket after a Chinese word ("开放权重（限制性许可）"). */
const DAY = /\d{4}-\d{2}-\d{2}(?: →)?|\d{4}年\d{1,2}月\d{1,2}日至?/g;
const CHINESE_BRACKET = /（[^）]*）/g;

/**
 * The text of a cell's HTML kept on one line where it matches (tags left alone): a narrow column would split a
 * day at its hyphens ("2024-\n12-02"), and Chinese may break between any two characters.
 */
function unbroken(html: string, pattern: RegExp = DAY): string {
  return html.replace(new RegExp(`(<[^>]*>)|${pattern.source}`, 'g'), (match, tag?: string) => tag ?? `<span class="nowrap">${match}</span>`);
}

function table(header: readonly string[], rows: { cells: string[]; className?: string }[], numeric: boolean[], caption?: string): string {
  const th = header.map((h, i) => `<th scope="col"${numeric[i] ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr${r.className ? ` class="${r.className}"` : ''}>${r.cells.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${numeric[i] ? ' class="num"' : ''}>${unbroken(c)}</td>`)).join('')}</tr>`)
    .join('\n');
  return `<table>${caption ? `<caption>${escapeHtml(caption)}</caption>` : ''}<thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1d1d1f; --bg: #ffffff; --muted: #5a5a60; --rule: #d8d8de; --open: ${OPENNESS_COLOURS.open}; --closed: ${OPENNESS_COLOURS.closed}; }
@media (prefers-color-scheme: dark) { :root { --fg: #ececf0; --bg: #17171a; --muted: #a9a9b2; --rule: #3a3a42; } }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 1px solid var(--rule); padding-bottom: .2rem; margin-top: 2.2rem; }
p.meta, figcaption, .note { color: var(--muted); font-size: .92rem; }
.warning { border: 2px solid var(--closed); padding: .5rem .8rem; font-weight: 600; }
ul.answers > li { margin-bottom: .6rem; } ul.answers ul { color: var(--muted); font-size: .95rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .92rem; }
th, td { padding: .25rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.nowrap { white-space: nowrap; }
tr.total th, tr.total td { font-weight: 700; }
tr.reference th, tr.reference td { font-style: italic; }
figure { margin: 1rem 0 1.6rem; } figure svg { max-width: 100%; height: auto; }
pre { overflow-x: auto; background: rgba(127,127,127,.12); padding: .6rem; }
code { font-size: .88em; }
@media print { body { max-width: none; } h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
`;

/** Runs as HTML: the text escaped, a source's own words in a Chinese report marked lang="en". */
function runsHtml(runs: readonly Run[]): string {
  return runs.map((r) => (typeof r === 'string' ? escapeHtml(r) : `<span lang="en">${escapeHtml(r.quoted)}</span>`)).join('');
}

export function renderHtml(model: ReportModel): string {
  const lang = langOf(model);
  const w = wordsOf(model);
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(model.title)}</h1>`);
  if (model.simulated) parts.push(`<p class="warning" role="alert">${escapeHtml(w.simulated)}</p>`);
  parts.push(`<p class="meta">${escapeHtml(scopeLine(model))}${lang === 'zh' ? '' : ' '}${escapeHtml(provenanceLine(model))}</p>`);

  // The headline question first: one number per signal, its coverage, caveat and source, and what the shares add.
  parts.push(`<h2 id="answer">${escapeHtml(w.answer)}</h2>`, `<p>${escapeHtml(answerIntro(model))}</p>`);
  parts.push(
    `<ul class="answers">${answerItems(model)
      .map((a) => `<li data-signal="${escapeHtml(a.signal)}"><strong>${escapeHtml(a.lead)}</strong><ul>${[a.now, a.coverage, answerNote(a, lang)].filter(Boolean).map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></li>`)
      .join('')}</ul>`,
    `<p class="note">${escapeHtml(model.answer.statement)}</p>`,
  );

  parts.push(`<h2 id="highlights">${escapeHtml(w.highlights)}</h2>`);
  const lines = highlightRuns(model);
  parts.push(lines.length ? `<ul>${lines.map((l) => `<li>${runsHtml(l)}</li>`).join('')}</ul>` : `<p>${inline(w.noFacts)}</p>`);

  parts.push(`<h2 id="headline">${escapeHtml(w.headline)}</h2>`, `<p>${escapeHtml(w.headlineIntro)}</p>`, `<p class="note">${escapeHtml(classScopeNote(model))}</p>`);
  for (const section of model.metrics) {
    parts.push(`<h3 id="metric-${section.metric}">${escapeHtml(section.label)}</h3>`, `<p>${escapeHtml(w.counts(section.what))}</p>`);
    const rows = headlineRows(section, lang);
    if (rows.length === 0) {
      parts.push(`<p>${escapeHtml(w.noMetricFacts)}</p>`);
      continue;
    }
    // An openness in Chinese breaks before its bracket only ("开放权重 / （限制性许可）").
    const htmlRows = rows.map((r) => ({ cells: r.cells.map((c, i) => (i === 1 ? unbroken(escapeHtml(c), CHINESE_BRACKET) : escapeHtml(c))), className: [r.total ? 'total' : '', r.reference ? 'reference' : ''].filter(Boolean).join(' ') }));
    parts.push(`<div class="scroll">${table(w.headlineColumns, htmlRows, HEADLINE_NUMERIC, `${section.label}${lang === 'zh' ? '：' : ': '}${section.what}`)}</div>`);
    for (const share of section.share) parts.push(`<p>${escapeHtml(shareSentence(section, share, lang))}</p>`);
    const breaks = breaksNote(model, section);
    if (breaks) parts.push(`<p class="note">${escapeHtml(breaks)}</p>`);
    const note = referenceNote(model, section);
    if (note) parts.push(`<p class="note">${escapeHtml(note)}</p>`);
  }

  // The top of the leaderboard: the newest publication's top 10, open vs closed, and the months open trails closed.
  const leaderboard = leaderboardLines(model);
  if (leaderboard.length) {
    const newest = dayText(lang, model.leaderboard!.newest!);
    parts.push(`<h2 id="leaderboard">${escapeHtml(w.leaderboard)}</h2>`, `<p>${escapeHtml(w.leaderboardIntro(newest))}</p>`);
    parts.push(`<div class="scroll">${table(w.leaderboardColumns, leaderboardTopRows(model).map((cells) => ({ cells: cells.map((c, i) => (i === 3 ? unbroken(escapeHtml(c), CHINESE_BRACKET) : escapeHtml(c))) })), LEADERBOARD_TOP_NUMERIC, w.leaderboardCaption(newest))}</div>`);
    parts.push(`<ul>${leaderboard.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`, `<p class="note">${escapeHtml(w.leaderboardNote)}</p>`);
  }

  parts.push(`<h2 id="charts">${escapeHtml(w.charts)}</h2>`);
  const charts = reportCharts(model);
  if (charts.length === 0) parts.push(`<p>${escapeHtml(w.noChart)}</p>`);
  for (const chart of charts) parts.push(`<figure id="chart-${chart.id}">${chart.svg}<figcaption>${escapeHtml(chart.description)}</figcaption></figure>`);

  parts.push(`<h2 id="methodology">${escapeHtml(w.methodology)}</h2>`);
  for (const section of model.metrics) {
    parts.push(`<h3>${escapeHtml(section.label)}</h3><ul>${section.notes.map((n) => `<li>${inline(n)}</li>`).join('')}</ul>`);
  }
  // In words: a report is handed to readers and names no file of the repository.
  parts.push(`<h3 id="collection">${escapeHtml(w.collection)}</h3><ul>${model.collection.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul><p>${escapeHtml(w.collectionAfter)}</p>`);

  parts.push(`<h2 id="sources">${escapeHtml(w.sources)}</h2>`);
  // What a source reads may name an endpoint in backticks (as code).
  const sources = sourceRows(model).map((s) => ({ cells: [s.url ? `<a href="${escapeHtml(s.url)}">${escapeHtml(s.name)}</a>` : escapeHtml(s.name), inline(s.cells[0]!), ...s.cells.slice(1).map(escapeHtml)] }));
  parts.push(`<div class="scroll">${table(w.sourceColumns, sources, SOURCE_NUMERIC)}</div>`);
  const cited = citedGroups(model);
  if (cited.length) {
    parts.push(`<h3 id="cited">${escapeHtml(w.cited)}</h3><p>${escapeHtml(w.citedIntro)}</p>`);
    const source = (l: (typeof cited)[number]['lines'][number]) => (l.url ? `<a href="${escapeHtml(l.url)}">${runsHtml(l.source)}</a>` : runsHtml(l.source));
    parts.push(`<ul>${cited.map((g) => `<li>${escapeHtml(g.family || w.noFamily)}<ul>${g.lines.map((l) => `<li>${runsHtml(l.text)}${lang === 'zh' ? '。' : '. '}${escapeHtml(w.source)}${source(l)}</li>`).join('')}</ul></li>`).join('')}</ul>`);
  }

  parts.push(`<h2 id="reproduce">${escapeHtml(w.reproduce)}</h2>`, `<p>${escapeHtml(w.reproduceIntro)}</p>`);
  parts.push(`<pre><code>${escapeHtml(reproduceLines(model).join('\n'))}</code></pre>`);

  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-Hans' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="OpenPulse">
<title>${escapeHtml(model.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${parts.join('\n')}
</main>
</body>
</html>
`;
}
