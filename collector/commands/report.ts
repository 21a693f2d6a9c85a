// openpulse report: a trend report over a window, per family and per openness
// class, with charts, methodology and sources, as Markdown, HTML, CSV or JSON,
// in English or Simplified Chinese.

import path from 'node:path';
import { isCalendarDay } from '../days.ts';
import { OpenPulseError } from '../errors.ts';
import { isoDay } from '../observation.ts';
import { isSimulated } from '../simulated.ts';
import { buildReport, renderReport, REPORT_FORMATS, REPORT_LANGS, type Lang, type ReportFormat } from '../report/index.ts';
import { catalogFor, configFromFlags, withStore } from './context.ts';
import { writeFileAtomically } from '../files.ts';
import type { Command } from './types.ts';

function day(flag: string, value: string | undefined, fallback?: string): string {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new OpenPulseError('USAGE', `--${flag} DATE is required`, { hint: `e.g. --${flag} 2023-07-18` });
  }
  if (!isCalendarDay(value)) {
    throw new OpenPulseError('USAGE', `--${flag} ${JSON.stringify(value)} is not a date written YYYY-MM-DD`);
  }
  return value;
}

const BY_EXTENSION: Record<string, ReportFormat> = { '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.csv': 'csv', '.json': 'json' };

export function reportFormat(format: string | undefined, out: string | undefined): ReportFormat {
  if (format !== undefined) {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new OpenPulseError('USAGE', `unknown report format "${format}"`, { hint: `use one of ${REPORT_FORMATS.join(', ')}` });
    return format as ReportFormat;
  }
  return (out && BY_EXTENSION[path.extname(out).toLowerCase()]) || 'md';
}

/** The language a report is written in: en (default) or zh. */
export function reportLang(lang: string | undefined): Lang {
  if (lang === undefined) return 'en';
  if (!(REPORT_LANGS as readonly string[]).includes(lang)) throw new OpenPulseError('USAGE', `unknown report language "${lang}"`, { hint: `use one of ${REPORT_LANGS.join(', ')}` });
  return lang as Lang;
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'a trend report for a window: per family and open vs closed, with charts, methodology and sources',
  usage: '--from DATE [--to DATE] [--family ID ...] [--format md|html|csv|json] [--lang en|zh] [--out FILE]',
  details: [
    'examples:',
    '  openpulse report --from 2023-07-18 --format html --out since-llama-2.html',
    '  openpulse report --from 2023-07-19 --to 2023-08-02 --family llama --family gpt',
    '  openpulse report --from 2024-12-01 --lang zh --out report-zh.md',
    'The headline table gives, for each metric, every family\'s and each class\'s value at the start and',
    'end of the window, the change and the % change; cited reference figures are marked and kept apart.',
    'With --lang zh every heading, sentence, label and note is in Simplified Chinese and days read "2024年12月1日";',
    'the numbers, the names of models, repositories and queries, and cited sources\' own words stay as they are.',
  ].join('\n'),
  flags: {
    from: { type: 'string', valueName: 'DATE', description: 'first day of the window, YYYY-MM-DD (required)' },
    to: { type: 'string', valueName: 'DATE', description: 'last day of the window, YYYY-MM-DD (default today, UTC)' },
    family: { type: 'string', multiple: true, valueName: 'ID', description: 'only these families (catalog ids; repeat or comma-separate); default all' },
    format: { type: 'string', short: 'f', valueName: 'FORMAT', description: `${REPORT_FORMATS.join(', ')} (default md, or from the --out extension)` },
    lang: { type: 'string', valueName: 'LANG', description: "the report's language: en (English, default) or zh (Simplified Chinese)" },
    out: { type: 'string', short: 'o', valueName: 'FILE', description: 'write the report to FILE instead of stdout (written whole or not at all)' },
  },
  async run({ values }, io) {
    const from = day('from', values.from as string | undefined);
    const to = day('to', values.to as string | undefined, isoDay(io.clock.now()));
    if (from > to) throw new OpenPulseError('USAGE', `--from ${from} is after --to ${to}`);
    const out = typeof values.out === 'string' ? values.out : undefined;
    const format = reportFormat(values.format as string | undefined, out);
    const lang = reportLang(values.lang as string | undefined);
    const families = ((values.family as string[] | undefined) ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
    const config = configFromFlags(values, io.env);
    // In Chinese the releases on the charts take the catalog's Chinese labels; a catalog that cannot be read leaves them in English.
    const catalog = lang === 'zh' ? await catalogFor(config).catch((error: Error) => void io.log.warn(`release labels stay in English: ${error.message}`)) : undefined;
    const text = await withStore(config, io, 'report', async (store) => {
      if (families.length) {
        const known = (await store.query<{ id: string }>('families')).map((f) => f.id);
        const unknown = families.filter((f) => !known.includes(f));
        if (unknown.length) {
          throw new OpenPulseError('USAGE', `no family ${unknown.map((u) => `"${u}"`).join(', ')} in the store's catalog`, {
            hint: known.length ? `known families: ${known.join(', ')}` : 'the store has no catalog yet: run "openpulse collect" or "openpulse build" first',
          });
        }
      }
      const model = await buildReport(store, { from, to, families, now: io.clock.now(), simulated: await isSimulated(store, config), lang, ...(catalog ? { catalog } : {}) });
      return renderReport(model, format);
    });
    if (out === undefined) io.stdout.write(text);
    else {
      await writeFileAtomically(out, text);
      io.log.info(`report (${format}) written to ${out}`);
    }
    return 0;
  },
};
