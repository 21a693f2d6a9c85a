// Which named queries the site needs, with their parameters. `openpulse build`
// runs exactly these into the snapshot the pages read.

import type { Catalog } from '../../collector/catalog.ts';
import type { SiteDataRequest } from '../../collector/site-data.ts';

export function siteQueries(_catalog: Catalog): SiteDataRequest[] {
  return [{ key: 'projects_by_openness', query: 'project_counts_by_openness' }];
}
