// /zh/charts/plot/<id>.json: the interactive chart's plot in Chinese.
import type { APIRoute } from 'astro';
import { chartPaths, chartPlot } from '../../../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) => new Response(JSON.stringify(chartPlot(params.id!, 'zh')), { headers: { 'content-type': 'application/json' } });
