// Hugging Face downloads and likes: a daily snapshot (the Hub keeps no history) of every
// catalog model and every model of every catalog organisation. Organisations are read with
// the list endpoint (/api/models?author=ORG, paged by Link: rel="next"), so requests grow with
// the number of organisations, not models; a catalog model that no listing returned is asked
// for alone, following 307 renames. Gated and removed models are reported, not fatal.

import type { Catalog } from '../catalog.ts';
import { isoDay, validateObservation, type Metric, type Observation } from '../observation.ts';
import { joinUrl, nextLink, requestJson, UpstreamError } from './http.ts';
import type { Source, SourceContext, SourceResult } from './types.ts';

/** Fields asked for; an expand returns only these (plus id). */
export const HF_EXPAND = ['downloads', 'downloadsAllTime', 'likes'] as const;
/** Models per listing page. */
export const HF_PAGE_SIZE = 1000;
/** Listing pages per organisation before stopping (a runaway Link chain). */
export const HF_MAX_PAGES = 50;
/** Renames followed for one model before giving up (a redirect loop). */
export const HF_MAX_REDIRECTS = 5;

const FIELDS: [field: (typeof HF_EXPAND)[number], metric: Metric][] = [
  ['downloads', 'hf_downloads_30d'],
  ['downloadsAllTime', 'hf_downloads_all_time'],
  ['likes', 'hf_likes'],
];

const expandQuery = () => HF_EXPAND.map((f) => `expand[]=${f}`).join('&');

export function listUrl(endpoint: string, author: string): string {
  return joinUrl(endpoint, `api/models?author=${encodeURIComponent(author)}&${expandQuery()}&limit=${HF_PAGE_SIZE}`);
}

export function modelUrl(endpoint: string, id: string): string {
  return joinUrl(endpoint, `api/models/${id.split('/').map(encodeURIComponent).join('/')}?${expandQuery()}`);
}

/** What to ask for: catalog models (id → family) and organisations (org → family). */
export function hfTargets(catalog: Pick<Catalog, 'families'>): { models: Map<string, string>; authors: Map<string, string> } {
  const models = new Map<string, string>();
  const authors = new Map<string, string>();
  for (const f of catalog.families) {
    for (const m of f.huggingface.models) if (!models.has(m)) models.set(m, f.id);
    for (const a of f.huggingface.authors) if (!authors.has(a)) authors.set(a, f.id);
  }
  return { models, authors };
}

/** The three facts of one model answer; bad values come back as problems with the raw value. */
export function modelObservations(
  body: Record<string, unknown>,
  subject: string,
  family: string,
  today: string,
  detail?: Record<string, unknown>,
): { rows: Observation[]; problems: { metric: Metric; raw: unknown; message: string }[] } {
  const rows: Observation[] = [];
  const problems: { metric: Metric; raw: unknown; message: string }[] = [];
  for (const [field, metric] of FIELDS) {
    const raw = body[field];
    const o: Observation = { source: 'huggingface', subject, family, metric, observed_at: today, value: raw as number };
    if (detail) o.detail = detail;
    const problem = raw === undefined ? `no "${field}" field in the answer` : typeof raw === 'number' ? validateObservation(o, today) : `value ${JSON.stringify(raw)} is not a number`;
    if (problem) problems.push({ metric, raw, message: `Hugging Face ${subject.slice(3)} ${field}: ${problem}; not stored` });
    else rows.push(o);
  }
  return { rows, problems };
}

async function collectHuggingface(ctx: SourceContext): Promise<SourceResult> {
  const { models, authors } = hfTargets(ctx.catalog);
  const endpoint = ctx.config.hfEndpoint;
  const today = isoDay(ctx.clock.now());
  const headers: Record<string, string> = ctx.config.hfToken ? { authorization: `Bearer ${ctx.config.hfToken}` } : {};
  /** Model ids already emitted (as answered by the Hub), so a model is counted once per family sum. */
  const emitted = new Set<string>();
  let requests = 0;
  let rowsStored = 0;
  const total = authors.size + models.size;
  let done = 0;
  const notes: string[] = [];

  const emit = async (body: Record<string, unknown>, subject: string, family: string, detail?: Record<string, unknown>) => {
    const { rows, problems } = modelObservations(body, subject, family, today, detail);
    for (const p of problems) ctx.problem({ subject, metric: p.metric, raw: p.raw, message: p.message });
    if (rows.length > 0) await ctx.emit(rows);
    rowsStored += rows.length;
  };

  // 1. Every model of every organisation, one listing (a few pages) each.
  const listed = new Map<string, { body: Record<string, unknown>; family: string }>();
  for (const [author, family] of authors) {
    ctx.log.progress('huggingface', done++, total, author);
    let url: string | null = listUrl(endpoint, author);
    let pages = 0;
    while (url && pages < HF_MAX_PAGES) {
      const answer = await requestJson(ctx, url, { headers });
      requests++;
      pages++;
      if (answer.status === 404) {
        ctx.problem({ subject: `hf-author:${author}`, raw: answer.json ?? answer.text.slice(0, 200), message: `Hugging Face has no organisation "${author}" (404 from ${url}); check huggingface.authors in the catalog` });
        break;
      }
      if (answer.status !== 200 || !Array.isArray(answer.json)) {
        throw new UpstreamError(`Hugging Face answered HTTP ${answer.status} to ${url}${Array.isArray(answer.json) ? '' : ' without a list of models'}`, {
          status: answer.status,
          url,
          hint: answer.status === 401 || answer.status === 403 ? 'check HF_TOKEN (it may be invalid or expired)' : 'check HF_ENDPOINT; rerun later',
        });
      }
      for (const item of answer.json as unknown[]) {
        const id = (item as { id?: unknown } | null)?.id;
        if (typeof id !== 'string' || id === '') {
          ctx.problem({ subject: `hf-author:${author}`, raw: item, message: `Hugging Face listed a model without an id under ${author}; skipped` });
          continue;
        }
        if (!listed.has(id)) listed.set(id, { body: item as Record<string, unknown>, family });
      }
      url = nextLink(answer.headers.get('link'), url);
    }
    if (url) notes.push(`huggingface ${author}: stopped after ${HF_MAX_PAGES} pages of ${HF_PAGE_SIZE} models`);
  }

  // 2. Catalog models: from a listing when one returned them, else asked for alone.
  for (const [id, family] of models) {
    ctx.log.progress('huggingface', done++, total, id);
    const fromList = listed.get(id);
    if (fromList) {
      await emit(fromList.body, `hf:${id}`, family);
      emitted.add(id);
      continue;
    }
    const found = await fetchModel(ctx, id, headers, () => requests++);
    if (found.kind === 'problem') {
      ctx.problem({ subject: `hf:${id}`, raw: found.raw, message: found.message });
      continue;
    }
    const answeredId = typeof found.body.id === 'string' ? found.body.id : found.finalId;
    if (emitted.has(answeredId)) continue;
    const renamed = answeredId !== id;
    if (renamed) ctx.log.info(`source=huggingface renamed=${id} to=${answeredId}`);
    await emit(found.body, `hf:${id}`, family, renamed ? { renamed_to: answeredId } : undefined);
    emitted.add(answeredId);
    // The new id is stored under the catalog id; the listing must not count it again.
    listed.delete(answeredId);
  }

  // 3. The other listed models, under their organisation's family.
  for (const [id, { body, family }] of listed) {
    if (emitted.has(id) || models.has(id)) continue;
    await emit(body, `hf:${id}`, family);
    emitted.add(id);
  }
  ctx.log.progress('huggingface', total, total);
  ctx.log.info(`source=huggingface organisations=${authors.size} models=${emitted.size} requests=${requests} rows=${rowsStored}`);
  return { notes };
}

type ModelAnswer =
  | { kind: 'ok'; body: Record<string, unknown>; finalId: string }
  | { kind: 'problem'; raw: unknown; message: string };

/** GET one model, following 307 renames by hand so the new id is known. */
async function fetchModel(ctx: SourceContext, id: string, headers: Record<string, string>, count: () => void): Promise<ModelAnswer> {
  let current = id;
  let url = modelUrl(ctx.config.hfEndpoint, id);
  for (let hop = 0; hop <= HF_MAX_REDIRECTS; hop++) {
    const answer = await requestJson(ctx, url, { headers, redirect: 'manual' });
    count();
    if (answer.status >= 300 && answer.status < 400) {
      const location = answer.headers.get('location');
      if (!location) return { kind: 'problem', raw: answer.status, message: `Hugging Face answered ${answer.status} for ${current} without a Location header` };
      const target = new URL(location, url);
      const m = /\/api\/models\/(.+)$/.exec(decodeURIComponent(target.pathname));
      current = m ? m[1]! : current;
      // Keep our expand[] query: a relative Location from the Hub carries none.
      url = m ? modelUrl(ctx.config.hfEndpoint, current) : target.toString();
      continue;
    }
    if (answer.status === 200 && answer.json && typeof answer.json === 'object' && !Array.isArray(answer.json)) {
      return { kind: 'ok', body: answer.json as Record<string, unknown>, finalId: current };
    }
    const raw = answer.json ?? answer.text.slice(0, 200);
    if (answer.status === 401 || answer.status === 403) {
      return {
        kind: 'problem',
        raw,
        message: ctx.config.hfToken
          ? `Hugging Face refused ${current} (HTTP ${answer.status}: gated or private and the HF_TOKEN account has no access); accept the model's terms on its page, or remove it from the catalog`
          : `Hugging Face refused ${current} (HTTP ${answer.status}: removed, private or gated; without a token the Hub does not say which); check the id on huggingface.co, set HF_TOKEN for gated models, or fix huggingface.models in the catalog`,
      };
    }
    if (answer.status === 404 || answer.status === 410) {
      return { kind: 'problem', raw, message: `Hugging Face has no model ${current}${current !== id ? ` (renamed from ${id})` : ''} (HTTP ${answer.status}: removed or misspelt); fix huggingface.models in the catalog` };
    }
    if (answer.status === 200) return { kind: 'problem', raw, message: `Hugging Face answered ${current} with something other than a model object; nothing stored` };
    throw new UpstreamError(`Hugging Face answered HTTP ${answer.status} for ${current}`, { status: answer.status, url, hint: 'check HF_ENDPOINT; rerun later' });
  }
  return { kind: 'problem', raw: current, message: `Hugging Face redirected ${id} more than ${HF_MAX_REDIRECTS} times; giving up on it this run` };
}

export const huggingfaceSource: Source = {
  name: 'huggingface',
  description: 'Hugging Face 30-day and all-time downloads and likes of catalog models and organisations (daily snapshot)',
  endpoint: (config) => config.hfEndpoint,
  enabled: (catalog) => {
    const { models, authors } = hfTargets(catalog);
    return models.size + authors.size > 0;
  },
  collect: collectHuggingface,
};
