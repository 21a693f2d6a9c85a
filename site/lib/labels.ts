// The site's words for catalog values. Numbers are written by charts/format.ts.

import { OPENNESS_CLASSES, OPENNESS_LADDER, SCOPES } from '../../registry/openness.ts';

/** A rung of the openness ladder in a few words ("open weights (OSI)"), or a class ("open", "closed"): the registry's `short` and class titles. */
export const OPENNESS_LABELS: Readonly<Record<string, string>> = Object.fromEntries([
  ...OPENNESS_CLASSES.map((c) => [c.id, c.title] as const),
  ...OPENNESS_LADDER.map((o) => [o.id, o.short] as const),
]);

/**
 * What an open-vs-closed figure adds, in the registry's words ("Text models only: …"), for
 * the scope a query ran with (its `scope` parameter as the snapshot records it).
 */
export function scopeStatement(scope: unknown): string {
  return SCOPES.find((s) => s.id === scope)?.statement ?? '';
}

export const REGION_NAMES: Record<string, string> = { US: 'United States', CN: 'China', EU: 'European Union', AE: 'United Arab Emirates', GB: 'United Kingdom', FR: 'France' };

/** A family's name in a language: the catalog's Chinese name where it has one, else its own name. */
export function familyName(f: { name: string; name_zh?: string }, lang: 'en' | 'zh'): string {
  return lang === 'zh' && f.name_zh ? f.name_zh : f.name;
}

/** A family's vendor in a language. */
export function vendorName(f: { vendor: string; vendor_zh?: string }, lang: 'en' | 'zh'): string {
  return lang === 'zh' && f.vendor_zh ? f.vendor_zh : f.vendor;
}
