// /charts/<id>.json: the chart's numbers with where they come from.
import type { APIRoute } from 'astro';
import { chartNumbers, chartPaths } from '../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) => new Response(chartNumbers(params.id!, 'json'), { headers: { 'content-type': 'application/json' } });
