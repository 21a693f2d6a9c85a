// How a cited reference figure is written wherever it is shown (site labels,
// tooltips, tables, CSV/JSON, reports): with its qualifier, its derivation, an
// inferred date marked as such, and its source. A cited figure is never shown
// as a bare number that reads as if OpenPulse had measured it.

import { compactNumber, formatValue } from './format.ts';

/** The provenance columns of the reference_points query a label needs. */
export interface CitedFigure {
  day: string;
  subject: string;
  value: number;
  qualifier: string;
  derivation: string;
  date_basis: string;
  date_inferred_from: string;
  source_url: string;
  source_publisher: string;
  source_published: string;
}

/** The columns a chart's CSV/JSON rows carry for each cited point (empty for collected ones). */
export const CITED_COLUMNS = ['qualifier', 'cited_as', 'derivation', 'date_basis', 'date_inferred_from', 'source_publisher', 'source_published', 'source_url'] as const;

function number(value: number): string {
  return Math.abs(value) >= 1e6 ? compactNumber(value) : formatValue(value);
}

/** The languages cited figures are written in (the site's). */
export type CitedLang = 'en' | 'zh';

/**
 * "5,600+", "about 4,000", "29,000 (derived: 32,000 − 3,000)", "4M+", "6"; in Chinese
 * "5,600+", "约 4,000", "29,000（推算：32,000 − 3,000）".
 */
export function citedValue(f: Pick<CitedFigure, 'value' | 'qualifier' | 'derivation'>, lang: CitedLang = 'en'): string {
  const n = number(f.value);
  const zh = lang === 'zh';
  switch (f.qualifier) {
    case 'at least':
      return `${n}+`;
    case 'about':
      return zh ? `约 ${n}` : `about ${n}`;
    case 'derived':
      if (zh) return f.derivation ? `${n}（推算：${f.derivation}）` : `${n}（推算）`;
      return f.derivation ? `${n} (derived: ${f.derivation})` : `${n} (derived)`;
    default:
      return n;
  }
}

/**
 * "2023-07-19", or "2023-08-02 (inferred: 'two weeks later')". The reason is the cited
 * source's own words (English in the catalog): in Chinese the page marks it lang="en" via
 * citedDayParts, or this gives "2023-08-02（推断日期）" alone.
 */
export function citedDay(f: Pick<CitedFigure, 'day' | 'date_basis' | 'date_inferred_from'>, lang: CitedLang = 'en'): string {
  if (f.date_basis !== 'inferred') return f.day;
  if (lang === 'zh') return `${f.day}（推断日期）`;
  return f.date_inferred_from ? `${f.day} (inferred: '${f.date_inferred_from}')` : `${f.day} (inferred)`;
}

/** "Huxiu 2023-08": the publisher's short name and the publication date. */
export function citedSourceShort(f: Pick<CitedFigure, 'source_publisher' | 'source_published'>, lang: CitedLang = 'en'): string {
  const publisher = f.source_publisher.replace(/\s*\(.*\)\s*$/, '') || (lang === 'zh' ? '引用来源' : 'cited source');
  return f.source_published ? `${publisher} ${f.source_published}` : publisher;
}

/**
 * "LLaMA (cited, Huxiu 2023-08, 2023-07-19): 5,600+": a cited point's label beside its family's own series;
 * in Chinese "LLaMA（引用，Huxiu 2023-08，2023-07-19）：5,600+".
 */
export function citedLabel(f: CitedFigure, who: string, lang: CitedLang = 'en'): string {
  if (lang === 'zh') return `${who}（引用，${citedSourceShort(f, lang)}，${f.day}${f.date_basis === 'inferred' ? '，推断日期' : ''}）：${citedValue(f, lang)}`;
  return `${who} (cited, ${citedSourceShort(f)}, ${f.day}${f.date_basis === 'inferred' ? ' inferred' : ''}): ${citedValue(f)}`;
}

/** The CSV/JSON columns of one cited point (CITED_COLUMNS). */
export function citedColumns(f: CitedFigure | undefined): Record<(typeof CITED_COLUMNS)[number], string> {
  return {
    qualifier: f?.qualifier ?? '',
    cited_as: f ? citedValue(f) : '',
    derivation: f?.derivation ?? '',
    date_basis: f?.date_basis ?? '',
    date_inferred_from: f?.date_inferred_from ?? '',
    source_publisher: f?.source_publisher ?? '',
    source_published: f?.source_published ?? '',
    source_url: f?.source_url ?? '',
  };
}

/** The key joining a fact row to its cited figure. */
export const citedKey = (day: string, metric: string, subject: string) => `${day}|${metric}|${subject}`;
