// /charts/phone/<id>.svg: the same chart drawn for narrow screens (pages pick it below 560 px).
import type { APIRoute } from 'astro';
import { renderPlotSvg } from '../../../../charts/render.ts';
import { chartPaths, chartPlot } from '../../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(renderPlotSvg(chartPlot(params.id!), 'phone'), { headers: { 'content-type': 'image/svg+xml' } });
