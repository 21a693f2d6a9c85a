// /charts/<id>.csv: exactly the numbers the chart plots, as the named query returned them.
import type { APIRoute } from 'astro';
import { recordsToCsv } from '../../../charts/csv.ts';
import { chart, chartPaths } from '../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) => {
  const c = chart(params.id!);
  return new Response(recordsToCsv(c.columns, c.rows), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
