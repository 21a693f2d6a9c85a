// The catalog's own words on the pages, in the page's language: release labels
// and what a licence allows commercially. The store keeps the English (the
// queries return it); the Chinese is read from the catalog the snapshot carries,
// so a catalog without it (or an older snapshot) shows the English, marked so.

import { commercialUse, releaseLabel } from '../../collector/catalog.ts';
import { siteData } from './data.ts';
import type { Lang } from './i18n.ts';

/** A release (a release_events row) labelled in a language: "Llama 4 Scout and Maverick" / "Llama 4 Scout 与 Maverick". */
export function releaseLabelIn(lang: Lang, release: { family: string; released_at: string; label: string }): string {
  return releaseLabel(siteData().catalog, { family: release.family, date: release.released_at, label: release.label }, lang);
}

/**
 * What a family's licence allows commercially, in a language, and the language it is actually in
 * (English where the catalog gives no Chinese), so a page can mark it; the families row's text
 * when the catalog no longer lists the family.
 */
export function commercialUseIn(lang: Lang, family: { id: string; commercial_use: string }): { text: string; lang: Lang } {
  return commercialUse(siteData().catalog, family.id, lang) ?? { text: family.commercial_use, lang: 'en' };
}
