// The Hugging Face Hub model API: model info (full, or only `_id`, `id` and the expanded
// fields when `expand[]` is given), organisation listings with cursor paging in the Link
// header, 307 for renamed ids, 200 for a legacy id it keeps as an alias (same `_id`), and
// 401/404 for missing ones, as the Hub answers.

import { dayNumber } from './days.ts';
import { etagOf, ifNoneMatchHits, intParam, json, serialise, text, type Reply, type SimRequest } from './http-reply.ts';
import type { ModelRecord } from './models.ts';
import type { World } from './world.ts';

export const HF_EXPANDABLE = [
  'author', 'baseModels', 'cardData', 'childrenModelCount', 'config', 'createdAt', 'disabled', 'downloads', 'downloadsAllTime',
  'evalResults', 'gated', 'gguf', 'inference', 'inferenceProviderMapping', 'lastModified', 'library_name', 'likes', 'mask_token',
  'model-index', 'pipeline_tag', 'private', 'resourceGroup', 'safetensors', 'sha', 'siblings', 'spaces', 'tags', 'trendingScore',
  'transformersInfo', 'usedStorage', 'widgetData', 'xetEnabled',
] as const;

const HUB_HEADERS = {
  'access-control-allow-origin': 'https://huggingface.co',
  'access-control-expose-headers': 'X-Repo-Commit,X-Request-Id,X-Error-Code,X-Error-Message,X-Total-Count,ETag,Link,Accept-Ranges,Content-Range,X-Xet-Access-Token,X-Xet-Token-Expiration,X-Xet-Refresh-Route,X-Xet-Cas-Url,X-Xet-Hash',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-powered-by': 'huggingface-moon',
  'cross-origin-opener-policy': 'same-origin',
  vary: 'Origin',
};

const iso = (ms: number) => new Date(ms).toISOString();

function expandsOf(query: URLSearchParams): string[] {
  return [...query.getAll('expand[]'), ...query.getAll('expand')];
}

export function createHuggingfaceService(world: World) {
  const fieldValues = (r: ModelRecord): Record<string, unknown> => {
    const now = world.clock.now();
    const tags = [r.library, 'safetensors', r.familyId, r.pipelineTag, ...(r.pipelineTag === 'text-generation' ? ['conversational'] : []), ...r.baseTags, `license:${r.licence}`, 'endpoints_compatible', 'region:us'];
    return {
      author: r.author,
      sha: r.sha,
      lastModified: iso(Math.min(r.lastModifiedMs, now.getTime())),
      private: false,
      disabled: false,
      gated: r.gated,
      pipeline_tag: r.pipelineTag,
      library_name: r.library,
      tags,
      downloads: world.hub.downloads30d(r, now),
      downloadsAllTime: world.hub.downloadsAllTime(r, now),
      likes: world.hub.likesAt(r, now),
      trendingScore: Math.round(world.hub.likesAt(r, now) / Math.max(1, dayNumber(now) - Math.floor(r.createdMs / 86_400_000))),
      'model-index': null,
      config: r.library === 'diffusers' ? { diffusers: { _class_name: 'StableDiffusionPipeline' } } : { architectures: ['ForCausalLM'], model_type: r.familyId },
      cardData: { license: r.licence, tags: [r.familyId] },
      siblings: [{ rfilename: '.gitattributes' }, { rfilename: 'README.md' }, { rfilename: 'config.json' }, { rfilename: 'model.safetensors' }],
      spaces: [],
      createdAt: iso(r.createdMs),
      usedStorage: 1_000_000_000 + (r.sha.charCodeAt(0) * 97_000_000),
      inference: 'warm',
      widgetData: [],
      transformersInfo: r.library === 'transformers' ? { auto_model: 'AutoModelForCausalLM', pipeline_tag: r.pipelineTag, processor: 'AutoTokenizer' } : undefined,
      safetensors: { parameters: { BF16: 7_000_000_000 }, total: 7_000_000_000 },
    };
  };

  /** The full model info object, in the Hub's field order. */
  const fullInfo = (r: ModelRecord) => {
    const v = fieldValues(r);
    return {
      _id: r.objectId, id: r.id, private: v.private, pipeline_tag: v.pipeline_tag, library_name: v.library_name, tags: v.tags,
      downloads: v.downloads, likes: v.likes, modelId: r.id, author: v.author, sha: v.sha, lastModified: v.lastModified,
      gated: v.gated, disabled: v.disabled, widgetData: v.widgetData, 'model-index': v['model-index'], config: v.config, cardData: v.cardData,
      ...(v.transformersInfo ? { transformersInfo: v.transformersInfo } : {}),
      siblings: v.siblings, spaces: v.spaces, createdAt: v.createdAt, safetensors: v.safetensors, inference: v.inference, usedStorage: v.usedStorage,
    };
  };

  const listItem = (r: ModelRecord) => {
    const v = fieldValues(r);
    return { _id: r.objectId, id: r.id, likes: v.likes, trendingScore: v.trendingScore, private: false, downloads: v.downloads, tags: v.tags, pipeline_tag: v.pipeline_tag, library_name: v.library_name, createdAt: v.createdAt, modelId: r.id };
  };

  const expanded = (r: ModelRecord, expand: string[]) => {
    const v = fieldValues(r);
    const out: Record<string, unknown> = { _id: r.objectId, id: r.id };
    for (const field of expand) out[field] = v[field] ?? null;
    return out;
  };

  const badExpand = (expand: string[]): Reply | null => {
    const i = expand.findIndex((e) => !(HF_EXPANDABLE as readonly string[]).includes(e));
    if (i < 0) return null;
    return json(400, { error: `"expand[${i}]" must be one of [${HF_EXPANDABLE.join(', ')}]` }, { 'x-error-code': 'InvalidParameter' });
  };

  const missing = (req: SimRequest): Reply => {
    // Without credentials the Hub cannot tell "private" from "absent" and answers 401.
    const status = req.headers.authorization ? 404 : 401;
    const message = 'Repository not found';
    return json(status, { error: message }, { 'x-error-code': 'RepoNotFound', 'x-error-message': message });
  };

  const modelInfo = (req: SimRequest, id: string): Reply => {
    const expand = expandsOf(req.query);
    const bad = badExpand(expand);
    if (bad) return bad;
    const found = world.hub.resolve(id, world.clock.now());
    if (found.kind === 'missing') return missing(req);
    if (found.kind === 'moved') {
      const search = req.query.toString();
      const location = `/hf/api/models/${found.to}${search ? `?${search}` : ''}`;
      return text(307, `Temporary Redirect. Redirecting to ${location}`, 'text/plain; charset=utf-8', { location, vary: 'Origin, Accept' });
    }
    const body = expand.length > 0 ? expanded(found.record, expand) : fullInfo(found.record);
    // A legacy id is answered as asked, with the repository's own _id and figures.
    if (found.asked) Object.assign(body, { id: found.asked }, 'modelId' in body ? { modelId: found.asked } : {});
    return json(200, body);
  };

  const listModels = (req: SimRequest): Reply => {
    const expand = expandsOf(req.query);
    const bad = badExpand(expand);
    if (bad) return bad;
    const now = world.clock.now();
    const author = req.query.get('author');
    const search = req.query.get('search')?.toLowerCase() ?? null;
    // filter=TAG (repeatable, or comma-separated): the models carrying every tag, e.g. base_model:org/name
    const filters = req.query.getAll('filter').flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f !== '');
    let models = author
      ? world.hub.byAuthor(author, now)
      : filters.length > 0
        ? world.hub.byTags(filters, now)
        : world.catalog.families.flatMap((f) => f.huggingface.authors).flatMap((a) => world.hub.byAuthor(a, now));
    if (author && filters.length > 0) models = models.filter((m) => world.hub.byTags(filters, now).includes(m));
    if (search) models = models.filter((m) => m.id.toLowerCase().includes(search));
    const sort = req.query.get('sort') ?? 'downloads';
    const ascending = req.query.get('direction') === '1';
    const key = (r: ModelRecord): number => (sort === 'likes' ? world.hub.likesAt(r, now) : sort === 'createdAt' ? r.createdMs : sort === 'lastModified' ? r.lastModifiedMs : world.hub.downloads30d(r, now));
    models.sort((a, b) => (ascending ? key(a) - key(b) : key(b) - key(a)) || a.id.localeCompare(b.id));
    const limit = Math.min(1000, Math.max(1, intParam(req.query, 'limit', 1000)));
    const cursor = req.query.get('cursor');
    const offset = cursor ? Number(JSON.parse(Buffer.from(cursor, 'base64url').toString() || '{}').offset ?? 0) : 0;
    const page = models.slice(offset, offset + limit);
    const headers: Record<string, string> = {};
    if (offset + limit < models.length) {
      const next = new URLSearchParams(req.query);
      next.set('cursor', Buffer.from(JSON.stringify({ offset: offset + limit })).toString('base64url'));
      headers.link = `<${req.origin}/hf/api/models?${next.toString()}>; rel="next"`;
    }
    return json(200, page.map((r) => (expand.length > 0 ? expanded(r, expand) : listItem(r))), headers);
  };

  // The Hub's API rate limit: a fixed 5-minute window per client (token or anonymous), told in
  // every answer with the IETF draft headers the Hub sends (RateLimit, RateLimit-Policy), and
  // 429 past the quota.
  const windows = new Map<string, { start: number; used: number }>();
  const rateLimit = (req: SimRequest): { headers: Record<string, string>; exceeded: boolean } => {
    const quota = world.hubQuota;
    const client = req.headers.authorization ? 'token' : 'anonymous';
    const limit = client === 'token' ? quota.token : quota.anonymous;
    const nowS = Math.floor(world.clock.now().getTime() / 1000);
    const windowStart = nowS - (nowS % quota.windowSeconds);
    let w = windows.get(client);
    if (!w || w.start !== windowStart) {
      w = { start: windowStart, used: 0 };
      windows.set(client, w);
    }
    w.used++;
    const remaining = Math.max(0, limit - w.used);
    const reset = windowStart + quota.windowSeconds - nowS;
    return {
      exceeded: w.used > limit,
      headers: { ratelimit: `"api";r=${remaining};t=${reset}`, 'ratelimit-policy': `"fixed window";"api";q=${limit};w=${quota.windowSeconds}` },
    };
  };

  return {
    /** Forgets the API windows' usage (with the simulator's other rate limits). */
    resetLimits(): void {
      windows.clear();
    },
    endpointOf(req: SimRequest): string {
      if (req.path === '/api/models' || req.path === '/api/models/') return 'hf.models.list';
      if (req.path.startsWith('/api/models/')) return 'hf.models.get';
      return 'hf.other';
    },
    handle(req: SimRequest): Reply {
      let reply: Reply;
      const limit = rateLimit(req);
      if (limit.exceeded) {
        reply = json(429, { error: 'You have exceeded our API rate limit. Retry after the current 5-minute window, or pass a token (HF_TOKEN) for a higher limit.' });
        reply.headers = { ...HUB_HEADERS, ...limit.headers, 'x-error-code': 'RateLimitExceeded' };
        return reply;
      }
      if (req.method !== 'GET') reply = json(405, { error: 'Method not allowed' });
      else if (req.path === '/api/models' || req.path === '/api/models/') reply = listModels(req);
      else if (req.path.startsWith('/api/models/')) reply = modelInfo(req, decodeURIComponent(req.path.slice('/api/models/'.length)).replace(/\/$/, ''));
      else reply = text(404, 'Not Found', 'text/plain; charset=utf-8');
      reply.headers = { ...HUB_HEADERS, 'x-request-id': `Root=1-${Date.now().toString(16)}`, ...limit.headers, ...reply.headers };
      if (reply.status === 200) {
        const etag = etagOf(serialise(reply));
        reply.headers.etag = etag;
        if (ifNoneMatchHits(req.headers, etag)) {
          reply.status = 304;
          reply.body = undefined;
        }
      }
      return reply;
    },
  };
}
