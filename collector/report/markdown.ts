// The report as one Markdown file: tables, charts as SVG images embedded as
// data: URIs (the file stands alone), methodology, sources, and how to rerun.

import { markdownCell, markdownText } from '../export/table.ts';
import { reportCharts } from './charts.ts';
import { LEADERBOARD_TOP_NUMERIC, leaderboardLines, leaderboardTopRows } from './layout.ts';
import { answerIntro, answerItems, answerNote, citedGroups, classScopeNote, HEADLINE_NUMERIC, headlineRows, highlightRuns, provenanceLine, breaksNote, referenceNote, reproduceLines, scopeLine, shareSentence, SOURCE_NUMERIC, sourceRows } from './layout.ts';
import type { ReportModel } from './model.ts';
import { dayText, langOf, plainText, wordsOf, type Run } from './words.ts';

function table(header: readonly string[], rows: string[][], numeric: boolean[] = []): string[] {
  return [
    `| ${header.map(markdownCell).join(' | ')} |`,
    `| ${header.map((_, i) => (numeric[i] ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`),
  ];
}

/** Moves a Markdown document's headings down so it nests under a report heading. */
export function demoteHeadings(markdown: string, levels: number): string {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) fenced = !fenced;
      return !fenced && /^#{1,6}\s/.test(line) ? `${'#'.repeat(levels)}${line}` : line;
    })
    .join('\n');
}

export function renderMarkdown(model: ReportModel): string {
  const lang = langOf(model);
  const w = wordsOf(model);
  const text = (runs: readonly Run[]) => markdownText(plainText(runs));
  const out: string[] = [`# ${model.title}`, ''];
  if (model.simulated) out.push(`> **${w.simulated}**`, '');
  // Names and citations come from the catalog and upstream: shown as text, never as HTML.
  out.push(markdownText(scopeLine(model)), markdownText(provenanceLine(model)), '');

  // The headline question first: one number per signal, its coverage, caveat and source, and what the shares add.
  out.push(`## ${w.answer}`, '', markdownText(answerIntro(model)), '');
  for (const a of answerItems(model)) {
    out.push(`- **${markdownText(a.lead)}**`);
    for (const line of [a.now, a.coverage, answerNote(a, lang)]) if (line) out.push(`  - ${markdownText(line)}`);
  }
  out.push('', `*${markdownText(model.answer.statement)}*`, '');

  out.push(`## ${w.highlights}`, '');
  const lines = highlightRuns(model);
  out.push(...(lines.length ? lines.map((l) => `- ${text(l)}`) : [`- ${w.noFacts}`]), '');

  out.push(`## ${w.headline}`, '');
  out.push(w.headlineIntro, '', markdownText(classScopeNote(model)), '');
  for (const section of model.metrics) {
    out.push(`### ${section.label}`, '', w.counts(section.what), '');
    const rows = headlineRows(section, lang);
    if (rows.length === 0) {
      out.push(w.noMetricFacts, '');
      continue;
    }
    out.push(...table(w.headlineColumns, rows.map((r) => (r.total ? r.cells.map((c, i) => (i === 0 ? `**${c}**` : c)) : r.cells)), HEADLINE_NUMERIC), '');
    for (const share of section.share) out.push(markdownText(shareSentence(section, share, lang)), '');
    const breaks = breaksNote(model, section);
    if (breaks) out.push(markdownText(breaks), '');
    const note = referenceNote(model, section);
    if (note) out.push(markdownText(note), '');
  }

  // The top of the leaderboard: the newest publication's top 10, open vs closed, and the months open trails closed.
  const leaderboard = leaderboardLines(model);
  if (leaderboard.length) {
    out.push(`## ${w.leaderboard}`, '', w.leaderboardIntro(dayText(lang, model.leaderboard!.newest!)), '');
    out.push(...table(w.leaderboardColumns, leaderboardTopRows(model), LEADERBOARD_TOP_NUMERIC), '');
    out.push(...leaderboard.map((l) => `- ${markdownText(l)}`), '', `*${markdownText(w.leaderboardNote)}*`, '');
  }

  const charts = reportCharts(model);
  out.push(`## ${w.charts}`, '');
  if (charts.length === 0) out.push(w.noChart, '');
  for (const chart of charts) {
    out.push(`### ${markdownText(chart.title)}`, '', `![${markdownText(chart.description).replace(/[[\]]/g, '')}](data:image/svg+xml;base64,${Buffer.from(chart.svg).toString('base64')})`, '', `*${markdownText(chart.description)}*`, '');
  }

  out.push(`## ${w.methodology}`, '');
  for (const section of model.metrics) {
    out.push(`### ${section.label}`, '', ...section.notes.map((n) => `- ${n}`), '');
  }
  // In words: a report is handed to readers and names no file of the repository.
  out.push(`### ${w.collection}`, '', ...model.collection.map((n) => `- ${markdownText(n)}`), '', w.collectionAfter, '');

  out.push(`## ${w.sources}`, '');
  const sources = sourceRows(model).map((s) => [s.url ? `[${s.name}](${s.url})` : s.name, ...s.cells]);
  out.push(...table(w.sourceColumns, sources, SOURCE_NUMERIC), '');
  const cited = citedGroups(model);
  if (cited.length) {
    out.push(`### ${w.cited}`, '', w.citedIntro, '');
    for (const g of cited) {
      out.push(`- ${markdownText(g.family || w.noFamily)}`);
      for (const l of g.lines) out.push(`  - ${text(l.text)}${lang === 'zh' ? '。' : '. '}${w.source}${l.url ? `[${text(l.source)}](${l.url})` : text(l.source)}`);
    }
    out.push('');
  }

  out.push(`## ${w.reproduce}`, '', w.reproduceIntro, '', '```sh');
  out.push(...reproduceLines(model));
  out.push('```', '');
  return out.join('\n');
}
