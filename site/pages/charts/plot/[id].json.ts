// /charts/plot/<id>.json: what the browser needs to redraw a chart interactively (its series and how to draw them).
import type { APIRoute } from 'astro';
import { chart, chartPaths } from '../../../lib/site-charts.ts';

export const getStaticPaths = chartPaths;

export const GET: APIRoute = ({ params }) => new Response(JSON.stringify(chart(params.id!).plot), { headers: { 'content-type': 'application/json' } });
