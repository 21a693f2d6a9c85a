// /zh/charts/<id>.svg: the chart's picture in Chinese (titles, legend, axes); the numbers are those of /charts/<id>.csv.
import type { APIRoute } from 'astro';
import { renderPlotSvg } from '../../../../charts/render.ts';
import { chart, chartPaths } from '../../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(renderPlotSvg(chart(params.id!, 'zh').plot, 'desktop'), { headers: { 'content-type': 'image/svg+xml' } });
