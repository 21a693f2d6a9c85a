// /data/<key>.csv: a named query's whole result as the site was built from it.
import type { APIRoute } from 'astro';
import { toCsv } from '../../lib/csv.ts';
import { result, siteData } from '../../lib/data.ts';

export function getStaticPaths() {
  return Object.keys(siteData().results).map((key) => ({ params: { key } }));
}

export const GET: APIRoute = ({ params }) => {
  const r = result(params.key!);
  return new Response(toCsv(r.columns.map((c) => c.name), r.rows), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
