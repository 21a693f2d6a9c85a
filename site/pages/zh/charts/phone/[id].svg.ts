// /zh/charts/phone/<id>.svg: the phone-sized picture in Chinese.
import type { APIRoute } from 'astro';
import { renderPlotSvg } from '../../../../../charts/render.ts';
import { chart, chartPaths } from '../../../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(renderPlotSvg(chart(params.id!, 'zh').plot, 'phone'), { headers: { 'content-type': 'image/svg+xml' } });
