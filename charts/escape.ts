// The one escaper for text placed in markup: pages, chart tooltips, standalone
// SVG files, HTML and Markdown reports.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text anywhere in HTML or SVG, attribute values included: the five characters that could open a tag, end an attribute or start an entity. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Text that is never inside an attribute (Markdown prose): quotes stay as they are, so the text still reads as written. */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ENTITIES[c]!);
}
