// /charts/<id>.svg: the chart as a standalone picture, stable for embedding in a README or an article.
import type { APIRoute } from 'astro';
import { renderPlotSvg } from '../../lib/charts.ts';
import { allCharts, chart } from '../../lib/site-charts.ts';

export function getStaticPaths() {
  return allCharts().map((c) => ({ params: { id: c.id } }));
}

export const GET: APIRoute = ({ params }) =>
  new Response(renderPlotSvg(chart(params.id!).plot, 'desktop'), { headers: { 'content-type': 'image/svg+xml' } });
