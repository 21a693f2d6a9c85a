// The report as one HTML file: inline CSS, charts as inline SVG, tables for
// every number, readable printed, on a phone and by a screen reader.

import { escapeHtml } from '../../charts/escape.ts';
import { OPENNESS_COLOURS } from '../../charts/palette.ts';
import { reportCharts } from './charts.ts';
import { LEADERBOARD_HEADING, LEADERBOARD_NOTE, LEADERBOARD_TOP_COLUMNS, LEADERBOARD_TOP_NUMERIC, leaderboardLines, leaderboardTopRows } from './layout.ts';
import { ANSWER_HEADING, answerIntro, answerItems, answerNote, citedGroups, classScopeNote, HEADLINE_COLUMNS, HEADLINE_NUMERIC, headlineRows, highlights, provenanceLine, breaksNote, referenceNote, reproduceLines, scopeLine, shareSentence, SIMULATED_WARNING, SOURCE_COLUMNS, SOURCE_NUMERIC, sourceRows } from './layout.ts';
import type { ReportModel } from './model.ts';

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

function table(header: readonly string[], rows: { cells: string[]; className?: string }[], numeric: boolean[], caption?: string): string {
  const th = header.map((h, i) => `<th scope="col"${numeric[i] ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr${r.className ? ` class="${r.className}"` : ''}>${r.cells.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${numeric[i] ? ' class="num"' : ''}>${c}</td>`)).join('')}</tr>`)
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
tr.total th, tr.total td { font-weight: 700; }
tr.reference th, tr.reference td { font-style: italic; }
figure { margin: 1rem 0 1.6rem; } figure svg { max-width: 100%; height: auto; }
pre { overflow-x: auto; background: rgba(127,127,127,.12); padding: .6rem; }
code { font-size: .88em; }
@media print { body { max-width: none; } h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
`;

export function renderHtml(model: ReportModel): string {
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(model.title)}</h1>`);
  if (model.simulated) parts.push(`<p class="warning" role="alert">${escapeHtml(SIMULATED_WARNING)}</p>`);
  parts.push(`<p class="meta">${escapeHtml(scopeLine(model))} ${escapeHtml(provenanceLine(model))}</p>`);

  // The headline question first: one number per signal, its coverage, caveat and source, and what the shares add.
  parts.push(`<h2 id="answer">${escapeHtml(ANSWER_HEADING)}</h2>`, `<p>${escapeHtml(answerIntro(model))}</p>`);
  parts.push(
    `<ul class="answers">${answerItems(model)
      .map((a) => `<li data-signal="${escapeHtml(a.signal)}"><strong>${escapeHtml(a.lead)}</strong><ul>${[a.now, a.coverage, answerNote(a)].filter(Boolean).map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul></li>`)
      .join('')}</ul>`,
    `<p class="note">${escapeHtml(model.answer.statement)}</p>`,
  );

  parts.push('<h2 id="highlights">Highlights</h2>');
  const lines = highlights(model);
  parts.push(lines.length ? `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : '<p>No facts in this window. Check the dates and run <code>openpulse status</code> to see what the store holds.</p>');

  parts.push('<h2 id="headline">Headline figures</h2>', "<p>Each family's first and last value inside the window (the days are shown); class totals add each family's first and last value.</p>", `<p class="note">${escapeHtml(classScopeNote(model))}</p>`);
  for (const section of model.metrics) {
    parts.push(`<h3 id="metric-${section.metric}">${escapeHtml(section.label)}</h3>`, `<p>What it counts: ${escapeHtml(section.what)}.</p>`);
    const rows = headlineRows(section);
    if (rows.length === 0) {
      parts.push('<p>No facts for this metric in the window.</p>');
      continue;
    }
    const htmlRows = rows.map((r) => ({ cells: r.cells.map(escapeHtml), className: [r.total ? 'total' : '', r.reference ? 'reference' : ''].filter(Boolean).join(' ') }));
    parts.push(`<div class="scroll">${table(HEADLINE_COLUMNS, htmlRows, HEADLINE_NUMERIC, `${section.label}: ${section.what}`)}</div>`);
    for (const share of section.share) parts.push(`<p>${escapeHtml(shareSentence(section, share))}</p>`);
    const breaks = breaksNote(section);
    if (breaks) parts.push(`<p class="note">${escapeHtml(breaks)}</p>`);
    const note = referenceNote(model, section);
    if (note) parts.push(`<p class="note">${escapeHtml(note)}</p>`);
  }

  // The top of the leaderboard: the newest publication's top 10, open vs closed, and the months open trails closed.
  const leaderboard = leaderboardLines(model);
  if (leaderboard.length) {
    parts.push(`<h2 id="leaderboard">${escapeHtml(LEADERBOARD_HEADING)}</h2>`, `<p>The ten highest-rated models of the ${escapeHtml(model.leaderboard!.newest ?? '')} publication:</p>`);
    parts.push(`<div class="scroll">${table(LEADERBOARD_TOP_COLUMNS, leaderboardTopRows(model).map((cells) => ({ cells: cells.map(escapeHtml) })), LEADERBOARD_TOP_NUMERIC, `The top 10 of the ${model.leaderboard!.newest} leaderboard publication`)}</div>`);
    parts.push(`<ul>${leaderboard.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`, `<p class="note">${escapeHtml(LEADERBOARD_NOTE)}</p>`);
  }

  parts.push('<h2 id="charts">Charts</h2>');
  const charts = reportCharts(model);
  if (charts.length === 0) parts.push('<p>No chart: no facts in this window.</p>');
  for (const chart of charts) parts.push(`<figure id="chart-${chart.id}">${chart.svg}<figcaption>${escapeHtml(chart.description)}</figcaption></figure>`);

  parts.push('<h2 id="methodology">Methodology</h2>');
  for (const section of model.metrics) {
    parts.push(`<h3>${escapeHtml(section.label)}</h3><ul>${section.notes.map((n) => `<li>${inline(n)}</li>`).join('')}</ul>`);
  }
  // In words: a report is handed to readers and names no file of the repository.
  parts.push(`<h3 id="collection">How the data is collected</h3><ul>${model.collection.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul><p>What each source reads is listed under Sources below.</p>`);

  parts.push('<h2 id="sources">Sources</h2>');
  const sources = sourceRows(model).map((s) => ({ cells: [s.url ? `<a href="${escapeHtml(s.url)}">${escapeHtml(s.name)}</a>` : escapeHtml(s.name), ...s.cells.map(escapeHtml)] }));
  parts.push(`<div class="scroll">${table(SOURCE_COLUMNS, sources, SOURCE_NUMERIC)}</div>`);
  const cited = citedGroups(model);
  if (cited.length) {
    parts.push('<h3 id="cited">Cited figures</h3><p>Figures reported by others, as they were reported, each belonging to its family; never added to collected values or class totals.</p>');
    parts.push(`<ul>${cited.map((g) => `<li>${escapeHtml(g.family || 'No family (leaderboard classes)')}<ul>${g.lines.map((l) => `<li>${escapeHtml(l.text)}. Source: ${l.url ? `<a href="${escapeHtml(l.url)}">${escapeHtml(l.source)}</a>` : escapeHtml(l.source)}</li>`).join('')}</ul></li>`).join('')}</ul>`);
  }

  parts.push('<h2 id="reproduce">Reproduce</h2>', "<p>Every number above comes from one of OpenPulse's named queries; rerun one with:</p>");
  parts.push(`<pre><code>${escapeHtml(reproduceLines(model).join('\n'))}</code></pre>`);

  return `<!doctype html>
<html lang="en">
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
