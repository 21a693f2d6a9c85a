// How figures are written on the pages. Formatting only: the numbers come
// from the queries as they are.

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const share = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const shareChange = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const signed = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

export const fmt = {
  number: (v: number | null | undefined) => (v === null || v === undefined ? '–' : number.format(v)),
  signed: (v: number | null | undefined) => (v === null || v === undefined ? '–' : signed.format(v)),
  /** A share stored as a fraction (0.62) → "62%". */
  share: (v: number | null | undefined) => (v === null || v === undefined ? '–' : share.format(v)),
  /** A change of a share, in percentage points: 0.031 → "+3.1 pts". */
  points: (v: number | null | undefined) => (v === null || v === undefined ? '–' : shareChange.format(v).replace('%', ' pts')),
  /** A percentage the query already expressed in percent (pct_change 12.5) → "+12.5%". */
  percent: (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${signed.format(v)}%`),
};

export const OPENNESS_LABELS: Record<string, string> = {
  'open-weights': 'open weights',
  'open-source': 'open source',
  closed: 'closed',
  open: 'open',
};

export const REGION_NAMES: Record<string, string> = { US: 'United States', CN: 'China', EU: 'European Union', AE: 'United Arab Emirates', GB: 'United Kingdom', FR: 'France' };
