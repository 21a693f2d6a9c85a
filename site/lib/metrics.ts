// Names and units of the site's metrics, for pages, charts and the browser:
// the registry's family metrics (registry/metrics.ts), so the site and the
// reports say the same.

import { familyMetric, SITE_METRICS, type SiteMetric } from '../../registry/metrics.ts';

export const METRIC_TITLES: Record<SiteMetric, { title: string; unit: string; caption: string }> = Object.fromEntries(
  SITE_METRICS.map((id) => {
    const m = familyMetric(id);
    return [id, { title: m.title, unit: m.unit, caption: m.counts }];
  }),
) as Record<SiteMetric, { title: string; unit: string; caption: string }>;
