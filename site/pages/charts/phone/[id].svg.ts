// /charts/phone/<id>.svg: the same chart drawn for narrow screens (pages pick it below 560 px).
import type { APIRoute } from 'astro';
import { renderPlotSvg } from '../../../../charts/render.ts';
import { chart, chartPaths } from '../../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(renderPlotSvg(chart(params.id!).plot, 'phone'), { headers: { 'content-type': 'image/svg+xml' } });
