// /reports/<id>.md: a trend report as Markdown, to paste into an article.
import type { APIRoute } from 'astro';
import { siteData } from '../../lib/data.ts';

export function getStaticPaths() {
  return (siteData().reports ?? []).map((report) => ({ params: { id: report.id }, props: { markdown: report.markdown } }));
}

export const GET: APIRoute = ({ props }) => new Response(String(props.markdown), { headers: { 'content-type': 'text/markdown; charset=utf-8' } });
