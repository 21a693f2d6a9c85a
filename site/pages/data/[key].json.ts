// /data/<key>.json: a named query, its parameters, SQL and whole result.
import type { APIRoute } from 'astro';
import { result, siteData } from '../../lib/data.ts';

export function getStaticPaths() {
  return Object.keys(siteData().results).map((key) => ({ params: { key } }));
}

export const GET: APIRoute = ({ params }) => {
  const r = result(params.key!);
  const body = { key: params.key, generated_at: siteData().generatedAt, simulated: siteData().simulated, ...r };
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
};
