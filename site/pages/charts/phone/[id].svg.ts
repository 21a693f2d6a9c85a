// /charts/phone/<id>.svg: the same chart drawn for narrow screens (pages pick it below 560 px).
import type { APIRoute } from 'astro';
import { chartSvg } from '../../../lib/chart-svg.ts';
import { chartPaths } from '../../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(chartSvg(params.id!, 'en', 'phone'), { headers: { 'content-type': 'image/svg+xml' } });
