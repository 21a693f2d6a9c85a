// /zh/charts/plot/<id>.json: the interactive chart's plot in Chinese.
import type { APIRoute } from 'astro';
import { chart, chartPaths } from '../../../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) => new Response(JSON.stringify(chart(params.id!, 'zh').plot), { headers: { 'content-type': 'application/json' } });
