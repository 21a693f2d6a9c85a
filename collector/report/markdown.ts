// The report as one Markdown file: tables, charts as SVG images embedded as
// data: URIs (the file stands alone), methodology, sources, and how to rerun.

import { markdownCell, markdownText } from '../export/table.ts';
import { reportCharts } from './charts.ts';
import { LEADERBOARD_HEADING, LEADERBOARD_NOTE, LEADERBOARD_TOP_COLUMNS, LEADERBOARD_TOP_NUMERIC, leaderboardLines, leaderboardTopRows } from './layout.ts';
import { ANSWER_HEADING, answerIntro, answerItems, answerNote, citedGroups, classScopeNote, HEADLINE_COLUMNS, HEADLINE_NUMERIC, headlineRows, highlights, provenanceLine, breaksNote, referenceNote, reproduceLines, scopeLine, shareSentence, SIMULATED_WARNING, SOURCE_COLUMNS, SOURCE_NUMERIC, sourceRows } from './layout.ts';
import type { ReportModel } from './model.ts';

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
  const out: string[] = [`# ${model.title}`, ''];
  if (model.simulated) out.push(`> **${SIMULATED_WARNING}**`, '');
  // Names and citations come from the catalog and upstream: shown as text, never as HTML.
  out.push(markdownText(scopeLine(model)), markdownText(provenanceLine(model)), '');

  // The headline question first: one number per signal, its coverage, caveat and source, and what the shares add.
  out.push(`## ${ANSWER_HEADING}`, '', markdownText(answerIntro(model)), '');
  for (const a of answerItems(model)) {
    out.push(`- **${markdownText(a.lead)}**`);
    for (const line of [a.now, a.coverage, answerNote(a)]) if (line) out.push(`  - ${markdownText(line)}`);
  }
  out.push('', `*${markdownText(model.answer.statement)}*`, '');

  out.push('## Highlights', '');
  const lines = highlights(model);
  out.push(...(lines.length ? lines.map((l) => `- ${markdownText(l)}`) : ['- No facts in this window. Check the dates and run `openpulse status` to see what the store holds.']), '');

  out.push('## Headline figures', '');
  out.push('Each family\'s first and last value inside the window (the days are shown); class totals add each family\'s first and last value.', '', markdownText(classScopeNote(model)), '');
  for (const section of model.metrics) {
    out.push(`### ${section.label}`, '', `What it counts: ${section.what}.`, '');
    const rows = headlineRows(section);
    if (rows.length === 0) {
      out.push('No facts for this metric in the window.', '');
      continue;
    }
    out.push(...table(HEADLINE_COLUMNS, rows.map((r) => (r.total ? r.cells.map((c, i) => (i === 0 ? `**${c}**` : c)) : r.cells)), HEADLINE_NUMERIC), '');
    for (const share of section.share) out.push(markdownText(shareSentence(section, share)), '');
    const breaks = breaksNote(section);
    if (breaks) out.push(markdownText(breaks), '');
    const note = referenceNote(model, section);
    if (note) out.push(markdownText(note), '');
  }

  // The top of the leaderboard: the newest publication's top 10, open vs closed, and the months open trails closed.
  const leaderboard = leaderboardLines(model);
  if (leaderboard.length) {
    out.push(`## ${LEADERBOARD_HEADING}`, '', `The ten highest-rated models of the ${model.leaderboard!.newest} publication:`, '');
    out.push(...table(LEADERBOARD_TOP_COLUMNS, leaderboardTopRows(model), LEADERBOARD_TOP_NUMERIC), '');
    out.push(...leaderboard.map((l) => `- ${markdownText(l)}`), '', `*${markdownText(LEADERBOARD_NOTE)}*`, '');
  }

  const charts = reportCharts(model);
  out.push('## Charts', '');
  if (charts.length === 0) out.push('No chart: no facts in this window.', '');
  for (const chart of charts) {
    out.push(`### ${markdownText(chart.title)}`, '', `![${markdownText(chart.description).replace(/[[\]]/g, '')}](data:image/svg+xml;base64,${Buffer.from(chart.svg).toString('base64')})`, '', `*${markdownText(chart.description)}*`, '');
  }

  out.push('## Methodology', '');
  for (const section of model.metrics) {
    out.push(`### ${section.label}`, '', ...section.notes.map((n) => `- ${n}`), '');
  }
  // In words: a report is handed to readers and names no file of the repository.
  out.push('### How the data is collected', '', ...model.collection.map((n) => `- ${markdownText(n)}`), '', 'What each source reads is listed under Sources below.', '');

  out.push('## Sources', '');
  const sources = sourceRows(model).map((s) => [s.url ? `[${s.name}](${s.url})` : s.name, ...s.cells]);
  out.push(...table(SOURCE_COLUMNS, sources, SOURCE_NUMERIC), '');
  const cited = citedGroups(model);
  if (cited.length) {
    out.push('### Cited figures', '', 'Figures reported by others, as they were reported, each belonging to its family; never added to collected values or class totals.', '');
    for (const g of cited) {
      out.push(`- ${markdownText(g.family || 'No family (leaderboard classes)')}`);
      for (const l of g.lines) out.push(`  - ${markdownText(l.text)}. Source: ${l.url ? `[${markdownText(l.source)}](${l.url})` : markdownText(l.source)}`);
    }
    out.push('');
  }

  out.push('## Reproduce', '', 'Every number above comes from one of OpenPulse\'s named queries; rerun one with:', '', '```sh');
  out.push(...reproduceLines(model));
  out.push('```', '');
  return out.join('\n');
}
