// /charts/<id>.svg: the chart as a standalone picture, stable for embedding in a README or an article.
import type { APIRoute } from 'astro';
import { renderPlotSvg } from '../../../charts/render.ts';
import { chartPaths, chartPlot } from '../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(renderPlotSvg(chartPlot(params.id!), 'desktop'), { headers: { 'content-type': 'image/svg+xml' } });
