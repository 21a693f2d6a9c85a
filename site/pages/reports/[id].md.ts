// /reports/<id>.md and /reports/<id>.zh.md: a trend report as Markdown, in English or
// Chinese, to paste into an article.
import type { APIRoute } from 'astro';
import { siteData } from '../../lib/data.ts';

export function getStaticPaths() {
  return (siteData().reports ?? []).flatMap((report) => [
    { params: { id: report.id }, props: { markdown: report.markdown } },
    { params: { id: `${report.id}.zh` }, props: { markdown: report.markdown_zh } },
  ]);
}

export const GET: APIRoute = ({ props }) => new Response(String(props.markdown), { headers: { 'content-type': 'text/markdown; charset=utf-8' } });
