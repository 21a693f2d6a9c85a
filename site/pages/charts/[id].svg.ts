// /charts/<id>.svg: the chart as a standalone picture, stable for embedding in a README or an article.
import type { APIRoute } from 'astro';
import { renderPlotSvg } from '../../../charts/render.ts';
import { chart, chartPaths } from '../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(renderPlotSvg(chart(params.id!).plot, 'desktop'), { headers: { 'content-type': 'image/svg+xml' } });
