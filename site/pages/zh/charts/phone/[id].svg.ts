// /zh/charts/phone/<id>.svg: the phone-sized picture in Chinese.
import type { APIRoute } from 'astro';
import { chartSvg } from '../../../../lib/chart-svg.ts';
import { chartPaths } from '../../../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(chartSvg(params.id!, 'zh', 'phone'), { headers: { 'content-type': 'image/svg+xml' } });
