// /charts/<id>.svg: the chart as a standalone picture, stable for embedding in a README or an article.
import type { APIRoute } from 'astro';
import { chartSvg } from '../../lib/chart-svg.ts';
import { chartPaths } from '../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(chartSvg(params.id!, 'en', 'desktop'), { headers: { 'content-type': 'image/svg+xml' } });
