// /zh/charts/phone/<id>.svg: the phone-sized picture in Chinese.
import type { APIRoute } from 'astro';
import { renderPlotSvg } from '../../../../../charts/render.ts';
import { chartPaths, chartPlot } from '../../../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(renderPlotSvg(chartPlot(params.id!, 'zh'), 'phone'), { headers: { 'content-type': 'image/svg+xml' } });
