// Hugging Face downloads and likes: a daily snapshot (the Hub keeps no history) of every
// catalog model and every model of every catalog organisation. Organisations are read with
// the list endpoint (/api/models?author=ORG, paged by Link: rel="next"), so requests grow with
// the number of organisations, not models; a catalog model that no listing returned is asked
// for alone, following 307 renames. Gated and removed models are reported, not fatal.
// A legacy id the Hub still answers with 200 (`gpt2` for `openai-community/gpt2`: the same
// repository, same `_id` and figures, no redirect) is counted once: models are told apart by
// the Hub's `_id`. A field the Hub did not return is said once per run, not per model.
//
// Derivatives: for every catalog model, the models whose card names it as `base_model`
// (fine-tunes, quantisations, adapters, merges), read with one listing per catalog model
// (/api/models?filter=base_model:ID, the tag the Hub puts on every derivative) and counted
// with their 30-day downloads. The Hub tags a derivative with its direct parent only, and
// has no endpoint for the whole tree, so only direct derivatives are counted (going deeper
// costs one listing per derivative: thousands). A derivative of two catalog models counts
// once, for the first. Cost: one request per catalog model and 1,000 derivatives, against
// the Hub's API quota of 500 requests per 5 minutes anonymous, 1,000 with HF_TOKEN; when
// its RateLimit header says the window is spent, the run waits for the next one.

import type { Catalog } from '../catalog.ts';
import { isoDay, validateObservation, type Metric, type Observation } from '../observation.ts';
import { joinUrl, nextLink, rateLimitOf, requestJson, UpstreamError, type HttpAnswer } from './http.ts';
import { announcedWait, type Source, type SourceContext, type SourceResult } from './types.ts';

/** Fields asked for; an expand returns only these (plus id). */
export const HF_EXPAND = ['downloads', 'downloadsAllTime', 'likes'] as const;
/** Models per listing page. */
export const HF_PAGE_SIZE = 1000;
/** Listing pages per organisation before stopping (a runaway Link chain). */
export const HF_MAX_PAGES = 50;
/** Renames followed for one model before giving up (a redirect loop). */
export const HF_MAX_REDIRECTS = 5;
/** Listing pages of derivatives per catalog model before stopping (20,000 derivatives). */
export const HF_MAX_DERIVATIVE_PAGES = 20;
/** The Hub's relations of a derivative to its base, from its base_model:<relation>:<id> tag. */
export const HF_RELATIONS = ['finetune', 'quantized', 'adapter', 'merge'] as const;

const FIELDS: [field: (typeof HF_EXPAND)[number], metric: Metric][] = [
  ['downloads', 'hf_downloads_30d'],
  ['downloadsAllTime', 'hf_downloads_all_time'],
  ['likes', 'hf_likes'],
];

const expandQuery = () => HF_EXPAND.map((f) => `expand[]=${f}`).join('&');

export function listUrl(endpoint: string, author: string): string {
  return joinUrl(endpoint, `api/models?author=${encodeURIComponent(author)}&${expandQuery()}&limit=${HF_PAGE_SIZE}`);
}

export function derivativesUrl(endpoint: string, base: string): string {
  return joinUrl(endpoint, `api/models?filter=${encodeURIComponent(`base_model:${base}`)}&expand[]=downloads&expand[]=tags&limit=${HF_PAGE_SIZE}`);
}

/** The relations a derivative's tags name for this base (empty: tagged only base_model:<id>). */
export function relationsTo(tags: unknown, base: string): string[] {
  if (!Array.isArray(tags)) return [];
  const lower = base.toLowerCase();
  const out: string[] = [];
  for (const t of tags) {
    if (typeof t !== 'string') continue;
    const m = /^base_model:([a-z]+):(.+)$/.exec(t);
    if (m && m[2]!.toLowerCase() === lower && !out.includes(m[1]!)) out.push(m[1]!);
  }
  return out;
}

/** Waits for the next window when the Hub's RateLimit header says this one is spent. */
export async function paceHub(ctx: SourceContext, answer: HttpAnswer): Promise<void> {
  const limit = rateLimitOf(answer.headers);
  if (!limit || limit.remaining > 0) return;
  await announcedWait(ctx, limit.resetSeconds * 1000, () => ctx.log.info(`source=huggingface rate_limit=spent waiting_s=${limit.resetSeconds} (the Hub allows 500 requests per 5 minutes anonymous, 1,000 with HF_TOKEN)`));
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
): { rows: Observation[]; problems: { metric: Metric; raw: unknown; message: string }[]; missing: string[] } {
  const rows: Observation[] = [];
  const problems: { metric: Metric; raw: unknown; message: string }[] = [];
  const missing: string[] = [];
  for (const [field, metric] of FIELDS) {
    const raw = body[field];
    if (raw === undefined) {
      // not in the answer at all (the Hub stopped returning it for some models): said once per run by the caller
      missing.push(field);
      continue;
    }
    const o: Observation = { source: 'huggingface', subject, family, metric, observed_at: today, value: raw as number };
    if (detail) o.detail = detail;
    const problem = typeof raw === 'number' ? validateObservation(o, today) : `value ${JSON.stringify(raw)} is not a number`;
    if (problem) problems.push({ metric, raw, message: `Hugging Face ${subject.slice(3)} ${field}: ${problem}; not stored` });
    else rows.push(o);
  }
  return { rows, problems, missing };
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
  /** The Hub's `_id` of every model stored, with the subject it was stored under: an alias is the same repository. */
  const objectIds = new Map<string, string>();
  const aliases: string[] = [];
  /** Fields the Hub left out, with how many models lacked each. */
  const missingFields = new Map<string, number>();

  const emit = async (body: Record<string, unknown>, subject: string, family: string, detail?: Record<string, unknown>) => {
    const objectId = typeof body._id === 'string' && body._id !== '' ? body._id : null;
    if (objectId) {
      const first = objectIds.get(objectId);
      if (first) {
        aliases.push(`${subject.slice(3)} = ${first.slice(3)}`);
        ctx.log.info(`source=huggingface alias=${subject.slice(3)} same_as=${first.slice(3)} _id=${objectId}`);
        return false;
      }
      objectIds.set(objectId, subject);
    }
    const { rows, problems, missing } = modelObservations(body, subject, family, today, detail);
    for (const p of problems) ctx.problem({ subject, metric: p.metric, raw: p.raw, message: p.message });
    for (const field of missing) missingFields.set(field, (missingFields.get(field) ?? 0) + 1);
    if (rows.length > 0) await ctx.emit(rows);
    rowsStored += rows.length;
    return true;
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
      await paceHub(ctx, answer);
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
  /** Catalog models stored this run, with the id the Hub answered (a renamed model's derivatives name its new id). */
  const resolved = new Map<string, { answeredId: string; family: string }>();
  for (const [id, family] of models) {
    ctx.log.progress('huggingface', done++, total, id);
    const fromList = listed.get(id);
    if (fromList) {
      if (await emit(fromList.body, `hf:${id}`, family)) {
        emitted.add(id);
        resolved.set(id, { answeredId: id, family });
      }
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
    if (!(await emit(found.body, `hf:${id}`, family, renamed ? { renamed_to: answeredId } : undefined))) continue;
    emitted.add(answeredId);
    resolved.set(id, { answeredId, family });
    // The new id is stored under the catalog id; the listing must not count it again.
    listed.delete(answeredId);
  }

  // 3. The other listed models, under their organisation's family.
  for (const [id, { body, family }] of listed) {
    if (emitted.has(id) || models.has(id)) continue;
    if (await emit(body, `hf:${id}`, family)) emitted.add(id);
  }
  // 4. Derivatives of every catalog model, one listing (a few pages) each.
  const derivatives = await collectDerivatives(ctx, resolved, headers, today, () => requests++);
  rowsStored += derivatives.rows;
  notes.push(...derivatives.notes);

  if (aliases.length > 0) {
    notes.push(`huggingface: ${aliases.length} catalog id(s) name a repository already counted (same _id), counted once: ${aliases.join(', ')}; keep one id per repository in the catalog`);
  }
  for (const [field, n] of missingFields) {
    notes.push(`huggingface: the Hub returned no "${field}" for ${n} of ${emitted.size} models; their other figures are stored`);
    ctx.log.warn(`source=huggingface missing_field=${field} models=${n}`);
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
    await paceHub(ctx, answer);
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

/**
 * Per catalog model: how many models name it as their base (by relation) and their summed
 * 30-day downloads, as facts of the catalog model's own subject (hf:<id>), so they take its class.
 */
async function collectDerivatives(
  ctx: SourceContext,
  models: Map<string, { answeredId: string; family: string }>,
  headers: Record<string, string>,
  today: string,
  count: () => void,
): Promise<{ rows: number; notes: string[] }> {
  const notes: string[] = [];
  /** Each derivative counted (by the Hub's _id), with the catalog model it was counted for. */
  const countedFor = new Map<string, string>();
  let rows = 0;
  let shared = 0;
  let requests = 0;
  let done = 0;
  for (const [base, { answeredId, family }] of models) {
    ctx.log.progress('huggingface derivatives', done++, models.size, base);
    const byRelation: Record<string, number> = Object.fromEntries([...HF_RELATIONS, 'other'].map((r) => [r, 0]));
    let n = 0;
    let downloads = 0;
    let missingDownloads = 0;
    // A renamed model's derivatives may name it by its old id (their cards were written before) or
    // its new one: both are asked for, and a derivative under both is counted once.
    const ids = answeredId === base ? [base] : [base, answeredId];
    let failed = false;
    let capped = false;
    for (const id of ids) {
      let url: string | null = derivativesUrl(ctx.config.hfEndpoint, id);
      let pages = 0;
      while (url && pages < HF_MAX_DERIVATIVE_PAGES) {
        const answer = await requestJson(ctx, url, { headers });
        count();
        requests++;
        pages++;
        await paceHub(ctx, answer);
        if (answer.status !== 200 || !Array.isArray(answer.json)) {
          ctx.problem({ subject: `hf:${base}`, metric: 'hf_derivatives', raw: answer.json ?? answer.text.slice(0, 200), message: `Hugging Face answered HTTP ${answer.status} to the derivatives of ${id} (${url}); not stored this run` });
          failed = true;
          break;
        }
        for (const item of answer.json as Record<string, unknown>[]) {
          const itemId = typeof item?.id === 'string' ? item.id : '';
          const key = typeof item?._id === 'string' && item._id !== '' ? item._id : itemId;
          if (key === '') continue;
          const first = countedFor.get(key);
          if (first !== undefined) {
            // under another catalog model: counted once, for the first; under this one's other id: the same derivative
            if (first !== base) shared++;
            continue;
          }
          countedFor.set(key, base);
          n++;
          const relations = relationsTo(item.tags, id);
          for (const r of relations.length ? relations : ['other']) byRelation[(HF_RELATIONS as readonly string[]).includes(r) ? r : 'other']! += 1;
          if (typeof item.downloads === 'number' && Number.isFinite(item.downloads) && item.downloads >= 0) downloads += item.downloads;
          else missingDownloads++;
        }
        url = nextLink(answer.headers.get('link'), url);
      }
      if (failed) break;
      if (url) {
        capped = true;
        notes.push(`huggingface derivatives ${id}: stopped after ${HF_MAX_DERIVATIVE_PAGES} pages of ${HF_PAGE_SIZE}; the count is a lower bound`);
      }
    }
    if (failed) continue;
    const detail = { ...byRelation, depth: 1, ...(capped ? { lower_bound: true } : {}), ...(missingDownloads ? { without_downloads: missingDownloads } : {}) };
    const out: Observation[] = [
      { source: 'huggingface', subject: `hf:${base}`, family, metric: 'hf_derivatives', observed_at: today, value: n, detail },
      { source: 'huggingface', subject: `hf:${base}`, family, metric: 'hf_derivative_downloads_30d', observed_at: today, value: downloads, detail },
    ];
    await ctx.emit(out);
    rows += out.length;
  }
  ctx.log.progress('huggingface derivatives', models.size, models.size);
  ctx.log.info(`source=huggingface derivatives_of=${models.size} requests=${requests} derivatives=${countedFor.size} shared=${shared}`);
  if (shared > 0) notes.push(`huggingface derivatives: ${shared} derivative(s) name two catalog models; each is counted once, for the first`);
  return { rows, notes };
}
