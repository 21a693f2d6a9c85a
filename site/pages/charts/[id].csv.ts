// /charts/<id>.csv: exactly the numbers the chart plots, as the named query returned them.
import type { APIRoute } from 'astro';
import { toCsv } from '../../lib/csv.ts';
import { allCharts, chart } from '../../lib/site-charts.ts';

export function getStaticPaths() {
  return allCharts().map((c) => ({ params: { id: c.id } }));
}

export const GET: APIRoute = ({ params }) => {
  const c = chart(params.id!);
  return new Response(toCsv(c.columns, c.rows), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
