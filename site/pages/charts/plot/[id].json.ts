// /charts/plot/<id>.json: what the browser needs to redraw a chart interactively (its series and how to draw them).
import type { APIRoute } from 'astro';
import { allCharts, chart } from '../../../lib/site-charts.ts';

export function getStaticPaths() {
  return allCharts().map((c) => ({ params: { id: c.id } }));
}

export const GET: APIRoute = ({ params }) => new Response(JSON.stringify(chart(params.id!).plot), { headers: { 'content-type': 'application/json' } });
