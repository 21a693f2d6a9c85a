// Names and units of the site's metrics, for pages, charts and the browser:
// the registry's family metrics in English (registry/metrics.ts) and in Chinese
// (registry/metrics-zh.ts, one caveat per English caveat: the site's language
// test checks both), so the site and the reports say the same.

import { FAMILY_METRICS, familyMetric, SITE_METRICS, type FamilyMetric, type SiteMetric } from '../../registry/metrics.ts';
import { familyMetricText, type MetricText } from '../../registry/metrics-zh.ts';
import type { Lang } from './i18n.ts';

export { familyMetricText, type MetricText };

/** Every family metric's Chinese beside its English, for the test that none falls behind the registry. */
export function familyMetricTranslations(): { id: FamilyMetric; en: MetricText; zh: MetricText }[] {
  return FAMILY_METRICS.map((m) => ({ id: m.id, en: familyMetricText(m.id, 'en'), zh: familyMetricText(m.id, 'zh') }));
}

/** A site metric's title, unit and caption (what is counted), and whether an open share of it exists. */
export interface MetricTitle {
  title: string;
  unit: string;
  caption: string;
  /** The registry's openShare: false for what only open models have (derivatives): no share chart, card or figure. */
  openShare: boolean;
  /** Where no share exists, the sentence that says why (for a caption in place of a share chart); '' otherwise. */
  shareNote: string;
}

/** Why a metric has no open share, in a language. */
function noShareNote(title: string, lang: Lang): string {
  return lang === 'zh'
    ? `只有开放模型才有${title}：闭源模型不公开权重，天然没有，因此不给出开放份额。`
    : `Only open models have ${title}: closed models publish no weights, so they have none by construction and no open share is stated.`;
}

/** The site metrics' title, unit and caption (what is counted), in a language. */
export function metricTitles(lang: Lang): Record<SiteMetric, MetricTitle> {
  return Object.fromEntries(
    SITE_METRICS.map((id) => {
      const m = familyMetricText(id, lang);
      const openShare = familyMetric(id).openShare;
      return [id, { title: m.title, unit: m.unit, caption: m.counts, openShare, shareNote: openShare ? '' : noShareNote(m.title, lang) }];
    }),
  ) as Record<SiteMetric, MetricTitle>;
}

export const METRIC_TITLES: Record<SiteMetric, MetricTitle> = metricTitles('en');
