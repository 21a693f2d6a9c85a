// Links to where a measured item lives upstream, and qualifiers in words.
// Items are text from the catalog and upstreams: each becomes a path segment
// of a fixed https URL (encoded), never a URL of its own.

export const ITEM_KINDS = [
  { kind: 'github_search', title: 'GitHub searches' },
  { kind: 'github_repo', title: 'Repositories' },
  { kind: 'hf_model', title: 'Hugging Face models' },
  { kind: 'hf_author', title: 'Hugging Face organisations' },
  { kind: 'npm', title: 'npm packages' },
  { kind: 'pypi', title: 'PyPI packages' },
] as const;

const path = (text: string) => text.split('/').map(encodeURIComponent).join('/');

export function itemLink(kind: string, item: string): string | null {
  switch (kind) {
    case 'github_search':
      return `https://github.com/search?type=repositories&q=${encodeURIComponent(item)}`;
    case 'github_repo':
      return `https://github.com/${path(item)}`;
    case 'hf_model':
    case 'hf_author':
      return `https://huggingface.co/${path(item)}`;
    case 'npm':
      return `https://www.npmjs.com/package/${path(item)}`;
    case 'pypi':
      return `https://pypi.org/project/${encodeURIComponent(item)}/`;
    default:
      return null;
  }
}

const SUBJECT_KINDS: Record<string, string> = { search: 'github_search', repo: 'github_repo', hf: 'hf_model', npm: 'npm', pypi: 'pypi' };

export function subjectLink(subject: string): string | null {
  const at = subject.indexOf(':');
  if (at < 0) return null;
  const kind = SUBJECT_KINDS[subject.slice(0, at)];
  return kind ? itemLink(kind, subject.slice(at + 1)) : null;
}

/** A fact's detail JSON as a short text: description, flags, renames. */
export function describeDetail(detail: string | null | undefined): string {
  if (!detail) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (!parsed || typeof parsed !== 'object') return String(parsed);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (key === 'incomplete_results') {
      if (value) parts.push('lower bound (GitHub reported incomplete results)');
    } else if (key === 'lower_bound') {
      if (value) parts.push('lower bound');
    } else if (key === 'description') parts.push(String(value));
    else if (key === 'renamed_to') parts.push(`renamed to ${String(value)}`);
    else parts.push(`${key.replace(/_/g, ' ')}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  return parts.join('; ');
}
