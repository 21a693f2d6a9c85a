// /zh/charts/<id>.svg: the chart's picture in Chinese (titles, legend, axes); the numbers are those of /charts/<id>.csv.
import type { APIRoute } from 'astro';
import { chartSvg } from '../../../lib/chart-svg.ts';
import { chartPaths } from '../../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(chartSvg(params.id!, 'zh', 'desktop'), { headers: { 'content-type': 'image/svg+xml' } });
