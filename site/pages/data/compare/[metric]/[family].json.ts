// /data/compare/<metric>/<family>.json: one family's series of one metric (the
// site_compare_series rows of that family, by column), so the Compare page
// fetches only the families a reader picks instead of every family's series.
// One file per metric and family of the catalog, an empty series included, so
// every choice the page offers has its file.
import type { APIRoute } from 'astro';
import { keys, SITE_METRICS } from '../../../../../collector/snapshot/manifest.ts';
import type { CompareSeriesRow, FamilyRow, SiteMetric } from '../../../../../collector/snapshot/site-data.ts';
import { compareFamilyFile } from '../../../../lib/compare.ts';
import { rowsOf } from '../../../../lib/data.ts';

export function getStaticPaths() {
  return SITE_METRICS.flatMap((metric) => rowsOf<FamilyRow>(keys.families).map((family) => ({ params: { metric, family: family.id }, props: { family } })));
}

/** Each metric's rows grouped by family once, not once per file. */
const byFamily = new Map<SiteMetric, Map<string, CompareSeriesRow[]>>();

function rowsOfFamily(metric: SiteMetric, family: string): CompareSeriesRow[] {
  let groups = byFamily.get(metric);
  if (!groups) {
    groups = new Map();
    for (const row of rowsOf<CompareSeriesRow>(keys.compareSeries(metric))) {
      const list = groups.get(row.family) ?? [];
      list.push(row);
      groups.set(row.family, list);
    }
    byFamily.set(metric, groups);
  }
  return groups.get(family) ?? [];
}

export const GET: APIRoute<{ family: FamilyRow }> = ({ params, props }) => {
  const metric = params.metric as SiteMetric;
  const file = compareFamilyFile(metric, props.family, rowsOfFamily(metric, props.family.id));
  return new Response(JSON.stringify(file), { headers: { 'content-type': 'application/json' } });
};
