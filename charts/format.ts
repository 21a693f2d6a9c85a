// How OpenPulse writes numbers, on the site, in chart tooltips and tables and in
// reports: 5,600; +600; +10.7%; 57.7%; +0.8 pp; "n/a" where there is no value;
// totals of a million and more in words (12 million, 1,257.1 trillion); and the
// dates of chart axes: "Jul 2024", "3 Jul", "2024年7月". In Chinese the numbers read
// the same, but points are "+0.8 个百分点", totals count in 万, 亿 and 万亿, and no
// value is "—".
// Formatting only: the numbers come from the queries as they are.

/** What a figure is written as in English where there is none (a change from zero, a missing day). */
export const NO_VALUE = 'n/a';

/** How a chart's values read: counts, shares (fractions) or ranks. */
export type YFormat = 'number' | 'percent' | 'rank';

type Maybe = number | null | undefined;

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const axisPercent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });

const missing = (value: Maybe): value is null | undefined => value === null || value === undefined || Number.isNaN(value);

function signed(text: string, value: number): string {
  if (/^-?0(\.0+)?$/.test(text)) return text.replace('-', '');
  return value > 0 ? `+${text}` : text;
}

/**
 * The words around the numbers per language: no value, and percentage points. A Chinese
 * table marks an empty cell with a dash, which also fits a change from zero ("无数据" would not).
 */
const WORDS: Record<Lang, { none: string; points: string }> = {
  en: { none: NO_VALUE, points: ' pp' },
  zh: { none: '—', points: ' 个百分点' },
};

/** The formatters below in one language. One argument each, so lists can map over them. */
export interface Formats {
  /** What stands where there is no figure: "n/a", "—". */
  none: string;
  value(value: Maybe): string;
  change(value: Maybe): string;
  percentChange(value: Maybe): string;
  share(value: Maybe): string;
  points(value: Maybe): string;
  shareChange(value: Maybe): string;
  rank(value: Maybe): string;
  figure(value: Maybe, format: YFormat): string;
  /** A total a reader says aloud: in full below a million (10⁴ in Chinese), then "12 million", "1,257.1 trillion"; "1,200.3万", "5.2亿", "1,257.1万亿". */
  amount(value: Maybe): string;
  /** amount with its sign: "+12.3 billion". */
  amountChange(value: Maybe): string;
}

/** A size and what is written after a number of them, largest first. */
type Units = [size: number, word: string][];

/** Chinese counts large numbers in 万 (10⁴), 亿 (10⁸) and 万亿 (10¹²): in totals and on axes alike. */
const ZH_UNITS: Units = [[1e12, '万亿'], [1e8, '亿'], [1e4, '万']];

/** The units totals are written in, as each language counts: twelve digits say nothing a reader can take in. */
const AMOUNT_UNITS: Record<Lang, Units> = {
  en: [[1e12, ' trillion'], [1e9, ' billion'], [1e6, ' million']],
  zh: ZH_UNITS,
};

/** Short units per language: thousands to trillions in English, as Chinese counts in Chinese (axis labels). */
const COMPACT_UNITS: Record<Lang, Units> = {
  en: [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']],
  zh: ZH_UNITS,
};

/** The largest of `units` that `value` holds at least one of, if any. */
const unitOf = (value: number, units: Units) => units.find(([size]) => Math.abs(value) >= size);

function makeFormats(lang: Lang): Formats {
  const { none, points } = WORDS[lang];
  const value = (v: Maybe): string => (missing(v) ? none : Math.abs(v) >= 100 || Number.isInteger(v) ? whole.format(v) : oneDecimal.format(v));
  const pointsOf = (v: Maybe): string => (missing(v) ? none : `${signed(v.toFixed(1), v)}${points}`);
  const share = (v: Maybe): string => (missing(v) ? none : `${(v * 100).toFixed(1)}%`);
  const rank = (v: Maybe): string => (missing(v) ? none : `#${v}`);
  const amount = (v: Maybe): string => {
    if (missing(v)) return none;
    const unit = unitOf(v, AMOUNT_UNITS[lang]);
    return unit ? `${oneDecimal.format(v / unit[0])}${unit[1]}` : value(v);
  };
  return {
    none,
    value,
    change: (v) => (missing(v) ? none : signed(value(v), v)),
    percentChange: (v) => (missing(v) ? none : `${signed(percent.format(v), v)}%`),
    share,
    points: pointsOf,
    shareChange: (v) => (missing(v) ? none : pointsOf(v * 100)),
    rank,
    figure: (v, format) => (format === 'percent' ? share(v) : format === 'rank' ? rank(v) : value(v)),
    amount,
    amountChange: (v) => (missing(v) ? none : signed(amount(v), v)),
  };
}

const BY_LANG: Record<Lang, Formats> = { en: makeFormats('en'), zh: makeFormats('zh') };

/** Every formatter in a language: formats('zh').shareChange(0.031) → "+3.1 个百分点". */
export function formats(lang: Lang = 'en'): Formats {
  return BY_LANG[lang];
}

/** Whole numbers from 100 up; one decimal below, where it still says something. */
export function formatValue(value: Maybe): string {
  return BY_LANG.en.value(value);
}

export function formatChange(value: Maybe): string {
  return BY_LANG.en.change(value);
}

/** A percentage the query already expressed in percent (pct_change 12.5) → "+12.5%". */
export function formatPercentChange(value: Maybe): string {
  return BY_LANG.en.percentChange(value);
}

/** A share stored as a fraction (0.5769) → "57.7%". */
export function formatShare(value: Maybe): string {
  return BY_LANG.en.share(value);
}

/** A change in percentage points (0.84) → "+0.8 pp". */
export function formatPoints(value: Maybe): string {
  return BY_LANG.en.points(value);
}

/** A change of a share stored as fractions (0.031) → "+3.1 pp". */
export function formatShareChange(value: Maybe): string {
  return BY_LANG.en.shareChange(value);
}

/**
 * A change of a share (fractions) as the two shares written beside it read: one decimal, or two where
 * one decimal would disagree with them ("from 83.9%" to 84.0% is "+0.02 pp", not "0.0 pp"; from 84.0%
 * to 84.0% that moved 0.08 is "+0.08 pp", not "+0.1 pp").
 */
export function shareChangeBeside(change: Maybe, from: Maybe, to: Maybe, lang: Lang = 'en'): string {
  const f = BY_LANG[lang];
  if (missing(change) || missing(from) || missing(to)) return f.shareChange(change);
  // tenths of a point as written: the same toFixed(1) as share and shareChange
  const tenths = (v: number) => Math.round(Number((v * 100).toFixed(1)) * 10);
  if (tenths(change) === tenths(to) - tenths(from)) return f.shareChange(change);
  return `${signed((change * 100).toFixed(2), change)}${WORDS[lang].points}`;
}

/** A rank (3) → "#3". */
export function formatRank(value: Maybe): string {
  return BY_LANG.en.rank(value);
}

/** A chart's value in full, as tooltips and data tables show it. */
export function formatFigure(value: Maybe, format: YFormat): string {
  return BY_LANG.en.figure(value, format);
}

/** 12,345 → "12.3k" (Chinese "1.23万"): axis labels stay short. */
export function compactNumber(value: number, lang: Lang = 'en'): string {
  const unit = unitOf(value, COMPACT_UNITS[lang]);
  return unit ? `${trim(value / unit[0])}${unit[1]}` : trim(value);
}

function trim(value: number): string {
  return Number(value.toFixed(Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2)).toString();
}

/** An axis tick: short, and whole percentages. */
export function formatAxis(value: number, format: YFormat, lang: Lang = 'en'): string {
  if (format === 'percent') return axisPercent.format(value);
  if (format === 'rank') return formatRank(value);
  return compactNumber(value, lang);
}

/** A moment, ISO or ClickHouse DateTime text, to the minute: "2024-12-31 06:00 UTC". */
export function formatMinute(timestamp: string): string {
  return `${timestamp.slice(0, 16).replace('T', ' ')} UTC`;
}

/** The language a chart's words and dates are written in; the digits read the same in both. */
export type Lang = 'en' | 'zh';

/** How fine a time axis' ticks are: a day (or a week of them), a month, a year. */
export type DateUnit = 'day' | 'month' | 'year';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A time axis tick: "3 Jul" or "3 Jul 2024" for days, "Jul" or "Jul 2024" for
 * months, "2024" for years; in Chinese "7月3日", "2024年7月3日", "7月", "2024年7月", "2024年".
 * `month` counts from 0, as Date does.
 */
export function formatDateTick(date: { year: number; month: number; day: number }, unit: DateUnit, withYear: boolean, lang: Lang = 'en'): string {
  const { year, month, day } = date;
  if (lang === 'zh') {
    if (unit === 'year') return `${year}年`;
    const monthDay = unit === 'day' ? `${month + 1}月${day}日` : `${month + 1}月`;
    return withYear ? `${year}年${monthDay}` : monthDay;
  }
  if (unit === 'year') return String(year);
  const monthDay = unit === 'day' ? `${day} ${MONTHS[month]}` : MONTHS[month]!;
  return withYear ? `${monthDay} ${year}` : monthDay;
}
