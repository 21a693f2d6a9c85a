// /data/<key>.csv: a named query's whole result as the site was built from it.
import type { APIRoute } from 'astro';
import { recordsToCsv } from '../../../charts/csv.ts';
import { result, resultPaths } from '../../lib/data.ts';

export const getStaticPaths = resultPaths;

export const GET: APIRoute = ({ params }) => {
  const r = result(params.key!);
  return new Response(recordsToCsv(r.columns.map((c) => c.name), r.rows), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
