// /charts/<id>.csv: exactly the numbers the chart plots, as the named query returned them.
import type { APIRoute } from 'astro';
import { chartNumbers, chartPaths } from '../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) => new Response(chartNumbers(params.id!, 'csv'), { headers: { 'content-type': 'text/csv; charset=utf-8' } });
