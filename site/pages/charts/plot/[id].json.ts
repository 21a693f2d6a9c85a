// /charts/plot/<id>.json: what the browser needs to redraw a chart interactively (its series and how to draw them).
import type { APIRoute } from 'astro';
import { chartPaths, chartPlot } from '../../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) => new Response(JSON.stringify(chartPlot(params.id!)), { headers: { 'content-type': 'application/json' } });
