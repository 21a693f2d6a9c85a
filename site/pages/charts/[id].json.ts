// /charts/<id>.json: the chart's numbers with where they come from.
import type { APIRoute } from 'astro';
import { result, siteData } from '../../lib/data.ts';
import { chart, chartPaths } from '../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) => {
  const c = chart(params.id!);
  const source = result(c.source.key);
  const body = {
    chart: c.id,
    title: c.title,
    caption: c.caption,
    generated_at: siteData().generatedAt,
    simulated: siteData().simulated,
    source: { query: source.query, params: source.params, data: `/data/${c.source.key}/` },
    columns: c.columns,
    rows: c.rows,
  };
  return new Response(JSON.stringify(body, null, 1), { headers: { 'content-type': 'application/json' } });
};
