// /zh/charts/<id>.svg: the chart's picture in Chinese (titles, legend, axes); the numbers are those of /charts/<id>.csv.
import type { APIRoute } from 'astro';
import { renderPlotSvg } from '../../../../charts/render.ts';
import { chartPaths, chartPlot } from '../../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(renderPlotSvg(chartPlot(params.id!, 'zh'), 'desktop'), { headers: { 'content-type': 'image/svg+xml' } });
