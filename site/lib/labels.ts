// The site's words for catalog values. Numbers are written by charts/format.ts.

export const OPENNESS_LABELS: Record<string, string> = {
  'open-weights': 'open weights',
  'open-source': 'open source',
  closed: 'closed',
  open: 'open',
};

export const REGION_NAMES: Record<string, string> = { US: 'United States', CN: 'China', EU: 'European Union', AE: 'United Arab Emirates', GB: 'United Kingdom', FR: 'France' };
