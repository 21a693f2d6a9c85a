// The site's words for catalog values. Numbers are written by charts/format.ts.

import { LEADERBOARD_CLASSES, LEADERBOARD_GROUPS, OPENNESS_CLASSES, OPENNESS_LADDER, SCOPES } from '../../registry/openness.ts';
import type { Lang } from './i18n.ts';

/** An upstream API's words and a run's status in a language: the registry's (registry/sources-zh.ts). */
export { runStatusName, sourceApiText } from '../../registry/sources-zh.ts';

/** A rung of the openness ladder in a few words ("open weights (OSI)"), or a class ("open", "closed"): the registry's `short` and class titles. */
export const OPENNESS_LABELS: Readonly<Record<string, string>> = Object.fromEntries([
  ...OPENNESS_CLASSES.map((c) => [c.id, c.title] as const),
  ...OPENNESS_LADDER.map((o) => [o.id, o.short] as const),
]);

/** The same in Chinese: the registry's 开源 / 闭源 for the classes, the rungs as precisely as in English. */
const OPENNESS_LABELS_ZH: Readonly<Record<string, string>> = Object.fromEntries([
  ...OPENNESS_CLASSES.map((c) => [c.id, c.title_zh] as const),
  ...OPENNESS_LADDER.map((o) => [o.id, o.short_zh] as const),
]);

/** A rung or class in a few words, in a language; an unknown id as it is. */
export function opennessLabel(id: string, lang: Lang): string {
  return (lang === 'zh' ? OPENNESS_LABELS_ZH[id] : OPENNESS_LABELS[id]) ?? id;
}

/** A rung in as few words as name its side (the registry's `tiny`, for a phone's table); a class or an unknown id as opennessLabel says it. */
export function opennessTinyLabel(id: string, lang: Lang): string {
  const rung = OPENNESS_LADDER.find((o) => o.id === id);
  return rung ? (lang === 'zh' ? rung.tiny_zh : rung.tiny) : opennessLabel(id, lang);
}

/** A leaderboard group ("open, non-commercial") or licence class in a language (the registry's words): the groups' words where an id is both. */
export function leaderboardClassName(id: string, lang: Lang): string {
  const entry = LEADERBOARD_GROUPS.find((g) => g.id === id) ?? LEADERBOARD_CLASSES.find((c) => c.id === id);
  if (!entry) return id;
  return lang === 'zh' ? entry.title_zh : entry.title;
}

/**
 * What an open-vs-closed figure adds, in the registry's words ("Text models only: …"), for
 * the scope a query ran with (its `scope` parameter as the snapshot records it).
 */
export function scopeStatement(scope: unknown, lang: Lang = 'en'): string {
  const found = SCOPES.find((s) => s.id === scope);
  return (lang === 'zh' ? found?.statement_zh : found?.statement) ?? '';
}

export const REGION_NAMES: Record<string, string> = { US: 'United States', CN: 'China', EU: 'European Union', AE: 'United Arab Emirates', GB: 'United Kingdom', FR: 'France' };
const REGION_NAMES_ZH: Record<string, string> = { US: '美国', CN: '中国', EU: '欧盟', AE: '阿联酋', GB: '英国', FR: '法国' };

/** A family's origin region (the catalog's code) in a language; a code without a name as it is. */
export function regionName(code: string, lang: Lang): string {
  return (lang === 'zh' ? REGION_NAMES_ZH[code] : REGION_NAMES[code]) ?? code;
}

/** A family's name in a language: the catalog's Chinese name where it has one, else its own name. */
export function familyName(f: { name: string; name_zh?: string }, lang: Lang): string {
  return lang === 'zh' && f.name_zh ? f.name_zh : f.name;
}

/** A family's vendor in a language. */
export function vendorName(f: { vendor: string; vendor_zh?: string }, lang: Lang): string {
  return lang === 'zh' && f.vendor_zh ? f.vendor_zh : f.vendor;
}
