// Names and units of the site's metrics, for pages, charts and the browser.

import type { SiteMetric } from '../../collector/snapshot/site-data.ts';

export const METRIC_TITLES: Record<SiteMetric, { title: string; unit: string; caption: string }> = {
  projects: {
    title: 'GitHub projects',
    unit: 'projects',
    caption: "repositories matching each family's headline GitHub search",
  },
  stars: {
    title: 'GitHub stars',
    unit: 'stars',
    caption: "stars of each family's flagship repositories",
  },
  downloads: {
    title: 'Package downloads',
    unit: 'downloads a day',
    caption: "daily npm and PyPI downloads of each family's SDKs and runtimes",
  },
};

