// /charts/phone/<id>.svg: the same chart drawn for narrow screens (pages pick it below 560 px).
import type { APIRoute } from 'astro';
import { renderPlotSvg } from '../../../lib/charts.ts';
import { allCharts, chart } from '../../../lib/site-charts.ts';

export function getStaticPaths() {
  return allCharts().map((c) => ({ params: { id: c.id } }));
}

export const GET: APIRoute = ({ params }) =>
  new Response(renderPlotSvg(chart(params.id!).plot, 'phone'), { headers: { 'content-type': 'image/svg+xml' } });
