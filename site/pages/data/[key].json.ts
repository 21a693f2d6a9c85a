// /data/<key>.json: a named query, its parameters, SQL and whole result.
import type { APIRoute } from 'astro';
import { result, resultPaths, siteData } from '../../lib/data.ts';

export const getStaticPaths = resultPaths;

export const GET: APIRoute = ({ params }) => {
  const r = result(params.key!);
  const body = { key: params.key, generated_at: siteData().generatedAt, simulated: siteData().simulated, ...r };
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
};
