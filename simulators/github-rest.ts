// GitHub REST endpoints the collectors use: repository search, repositories (with rename
// redirects and deletions), the stargazer listing (admins only since July 2026), the
// weekly star history (added 2026-09-04) and /rate_limit. Rate limiting, ETags and
// headers are applied around these handlers by github.ts.

import { DAY_MS, dayNumber, weekStart } from './days.ts';
import { json, intParam, linkHeader, type Reply, type SimRequest } from './http-reply.ts';
import { hash } from './random.ts';
import type { RepoRecord } from './repositories.ts';
import { validateSearchQuery } from './search-query.ts';
import { repositoryJson, searchItemJson, userJson } from './github-json.ts';
import type { GithubResource, RateWindow } from './rate-limits.ts';
import type { World } from './world.ts';

export interface GithubContext {
  world: World;
  api: string;
  isAdmin(req: SimRequest, fullName: string, originalName: string): boolean;
  rateSnapshot(req: SimRequest): Record<GithubResource, RateWindow>;
}

export interface Routed {
  endpoint: string;
  resource: GithubResource | null;
  handle(): { reply: Reply; cost?: number };
}

const DOCS = 'https://docs.github.com/rest';
const SEARCH_CAP = 1000;
const STARGAZER_PAGE_CAP = 400;
const HISTORY_PAGE_CAP = 100;
const HISTORY_PER_PAGE_MAX = 30;

export function notFound(documentation = `${DOCS}/repos/repos#get-a-repository`): Reply {
  return json(404, { message: 'Not Found', documentation_url: documentation, status: '404' });
}

function validationFailed(errors: object[], documentation: string): Reply {
  return json(422, { message: 'Validation Failed', errors, documentation_url: documentation, status: '422' });
}

/** Results of one search at one instant, cached because paging asks the same question repeatedly. */
function createSearchCache(world: World) {
  const cache = new Map<string, RepoRecord[]>();
  return (q: string, sort: string | null, order: string): RepoRecord[] => {
    const now = world.clock.now();
    const key = `${now.getTime()}|${q}|${sort}|${order}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const records = world.github.search(q, now);
    const value = (r: RepoRecord) => {
      if (sort === 'forks') return Math.round(world.github.starsAt(r, now) * r.forkRatio);
      if (sort === 'updated') return r.createdMs;
      return world.github.starsAt(r, now); // best match ranks popular repositories first
    };
    const scored = records.map((r) => ({ r, v: value(r) }));
    scored.sort((a, b) => (order === 'asc' && sort ? a.v - b.v : b.v - a.v) || a.r.id - b.r.id);
    const sorted = scored.map((s) => s.r);
    if (cache.size > 32) cache.clear();
    cache.set(key, sorted);
    return sorted;
  };
}

function pageLinks(page: number, lastPage: number): [string, number][] {
  const links: [string, number][] = [];
  if (page > 1) links.push(['prev', page - 1]);
  if (page < lastPage) links.push(['next', page + 1], ['last', lastPage]);
  if (page > 1) links.push(['first', 1]);
  return links;
}

export function createGithubRest(ctx: GithubContext) {
  const { world, api } = ctx;
  const search = createSearchCache(world);

  const searchRepositories = (req: SimRequest): Reply => {
    const q = req.query.get('q');
    const problem = validateSearchQuery(q);
    const docs = `${DOCS}/search/search#search-repositories`;
    if (problem?.code === 'missing') return validationFailed([{ resource: 'Search', field: 'q', code: 'missing' }], docs);
    if (problem) return validationFailed([{ message: problem.message, resource: 'Search', field: 'q', code: 'invalid' }], docs);
    const perPage = Math.min(100, Math.max(1, intParam(req.query, 'per_page', 30)));
    const page = Math.max(1, intParam(req.query, 'page', 1));
    if ((page - 1) * perPage >= SEARCH_CAP) {
      return json(422, { message: 'Only the first 1000 search results are available', documentation_url: docs, status: '422' });
    }
    const order = req.query.get('order') === 'asc' ? 'asc' : 'desc';
    const results = search(q!, req.query.get('sort'), order);
    const now = world.clock.now();
    const items = results
      .slice((page - 1) * perPage, Math.min(page * perPage, SEARCH_CAP))
      .map((r) => searchItemJson(api, world.seed, r, world.repoFacts(r), now, 1.0));
    const lastPage = Math.ceil(Math.min(results.length, SEARCH_CAP) / perPage);
    const headers: Record<string, string> = { 'cache-control': 'no-cache' };
    const links = pageLinks(page, lastPage);
    if (links.length > 0 && results.length > 0) headers.link = linkHeader(`${api}/search/repositories`, req.query, 'page', links);
    return json(200, { total_count: results.length, incomplete_results: false, items }, headers);
  };

  /** Resolves `/repos/{o}/{r}` or `/repositories/{id}`; answers 301 for a renamed name and 404 for a missing one. */
  const locate = (req: SimRequest, rest: string): { record: RepoRecord; fullName: string } | Reply => {
    const now = world.clock.now();
    const byId = /^\/repositories\/(\d+)/.exec(req.path);
    if (byId) return world.github.byId(Number(byId[1]), now) ?? notFound();
    const byName = /^\/repos\/([^/]+)\/([^/]+)/.exec(req.path)!;
    const found = world.github.resolve(`${decodeURIComponent(byName[1]!)}/${decodeURIComponent(byName[2]!)}`, now);
    if (found.kind === 'found') return found;
    if (found.kind === 'missing') return notFound();
    const search = req.query.toString();
    const location = `${api}/repositories/${found.id}${rest}${search ? `?${search}` : ''}`;
    return json(301, { message: 'Moved Permanently', url: location, documentation_url: 'https://docs.github.com/v3/#http-redirects' }, { location });
  };

  const getRepository = (req: SimRequest): Reply => {
    const found = locate(req, '');
    if ('status' in found) return found;
    const facts = world.repoFacts(found.record);
    const admin = ctx.isAdmin(req, found.fullName, found.record.originalName);
    return json(200, repositoryJson(api, world.seed, found.record, facts, world.clock.now(), { authenticated: req.token !== null, admin }), {
      'cache-control': 'private, max-age=60, s-maxage=60',
      'last-modified': new Date(world.clock.now().getTime() - 3_600_000).toUTCString(),
    });
  };

  /** Each star as (instant, stargazer), oldest first, for one page. */
  const starEvents = (record: RepoRecord, from: number, to: number) => {
    const now = world.clock.now();
    const days = [...world.github.starsByDay(record, now).entries()].sort((a, b) => a[0] - b[0]);
    const events: { at: Date; login: string; id: number }[] = [];
    let index = 0;
    const today = dayNumber(now);
    for (const [day, n] of days) {
      if (index + n <= from) {
        index += n;
        continue;
      }
      const span = day === today ? now.getTime() - day * DAY_MS : DAY_MS;
      for (let i = 0; i < n && index < to; i++, index++) {
        if (index < from) continue;
        const id = 10_000_000 + (hash(world.seed, 'stargazer', record.id, index) % 150_000_000);
        events.push({ at: new Date(day * DAY_MS + Math.floor(((i + 0.5) / n) * span)), login: `user${id}`, id });
      }
      if (index >= to) break;
    }
    return events;
  };

  const stargazers = (req: SimRequest): Reply => {
    const found = locate(req, '/stargazers');
    if ('status' in found) return found;
    const docs = `${DOCS}/activity/starring#list-stargazers`;
    if (req.token === null) return json(401, { message: 'Requires authentication', documentation_url: docs, status: '401' });
    if (!ctx.isAdmin(req, found.fullName, found.record.originalName)) {
      return json(403, {
        message: 'Listing stargazers is restricted to repository administrators and collaborators. Use GET /repos/{owner}/{repo}/stargazers/history for star counts over time.',
        documentation_url: docs,
        status: '403',
      });
    }
    const perPage = Math.min(100, Math.max(1, intParam(req.query, 'per_page', 30)));
    const page = Math.max(1, intParam(req.query, 'page', 1));
    const total = world.github.starsAt(found.record, world.clock.now());
    const lastPage = Math.min(STARGAZER_PAGE_CAP, Math.ceil(total / perPage));
    if (page > STARGAZER_PAGE_CAP) {
      return json(422, {
        message: 'In order to keep the API fast for everyone, pagination is limited for this resource. Check the rel=last link relation in the Link response header to see how far back you can traverse.',
        documentation_url: 'https://docs.github.com/v3/#pagination',
        status: '422',
      });
    }
    const withDates = /application\/vnd\.github(\.v3)?\.star\+json/.test(String(req.headers.accept ?? ''));
    const events = starEvents(found.record, (page - 1) * perPage, page * perPage);
    const body = events.map((e) => {
      const user = userJson(api, e.login, e.id);
      return withDates ? { starred_at: e.at.toISOString().replace(/\.\d{3}Z$/, 'Z'), user } : user;
    });
    const headers: Record<string, string> = { 'cache-control': 'private, max-age=60, s-maxage=60' };
    if (withDates) headers['x-github-media-type'] = 'github.v3; param=star; format=json';
    const links = pageLinks(page, lastPage);
    if (links.length > 0) headers.link = linkHeader(`${api}/repositories/${found.record.id}/stargazers`, req.query, 'page', links);
    return json(200, body, headers);
  };

  const starHistory = (req: SimRequest): Reply => {
    const found = locate(req, '/stargazers/history');
    if ('status' in found) return found;
    const docs = `${DOCS}/activity/starring#get-stargazer-history`;
    const perPage = Math.min(HISTORY_PER_PAGE_MAX, Math.max(1, intParam(req.query, 'per_page', HISTORY_PER_PAGE_MAX)));
    const page = intParam(req.query, 'page', 1);
    if (page < 1 || page > HISTORY_PAGE_CAP) {
      return validationFailed([{ resource: 'StargazerHistory', field: 'page', code: 'invalid', message: `page must be between 1 and ${HISTORY_PAGE_CAP}` }], docs);
    }
    const now = world.clock.now();
    const byDay = world.github.starsByDay(found.record, now);
    const newestWeek = weekStart(dayNumber(now));
    const oldestWeek = weekStart(found.record.stars.startDay);
    const weekCount = (newestWeek - oldestWeek) / 7 + 1;
    const weeks = [];
    for (let i = (page - 1) * perPage; i < Math.min(weekCount, page * perPage); i++) {
      const start = newestWeek - 7 * i;
      const days = Array.from({ length: 7 }, (_, d) => byDay.get(start + d) ?? 0);
      weeks.push({ week: (start * DAY_MS) / 1000, total: days.reduce((a, b) => a + b, 0), days });
    }
    const lastPage = Math.min(HISTORY_PAGE_CAP, Math.ceil(weekCount / perPage));
    const headers: Record<string, string> = { 'cache-control': 'private, max-age=60, s-maxage=60' };
    const links = pageLinks(page, lastPage);
    if (links.length > 0) headers.link = linkHeader(`${api}/repositories/${found.record.id}/stargazers/history`, req.query, 'page', links);
    return json(200, weeks, headers);
  };

  const rateLimit = (req: SimRequest): Reply => {
    const s = ctx.rateSnapshot(req);
    const fixed = (limit: number) => ({ limit, used: 0, remaining: limit, reset: s.core.reset });
    return json(
      200,
      {
        resources: {
          core: s.core,
          search: s.search,
          graphql: s.graphql,
          integration_manifest: fixed(5000),
          source_import: fixed(100),
          code_scanning_upload: fixed(1000),
          code_scanning_autofix: fixed(10),
          actions_runner_registration: fixed(10000),
          scim: fixed(15000),
          dependency_snapshots: fixed(100),
          dependency_sbom: fixed(100),
          audit_log: fixed(1750),
          audit_log_streaming: fixed(15),
          code_search: fixed(10),
        },
        rate: s.core,
      },
      { 'cache-control': 'no-cache' },
    );
  };

  /** Finds the REST endpoint for a request; null when the path is not one GitHub serves here. */
  return (req: SimRequest): Routed | null => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return null;
    const p = req.path;
    if (p === '/search/repositories') return { endpoint: 'github.search.repositories', resource: 'search', handle: () => ({ reply: searchRepositories(req) }) };
    if (p === '/rate_limit') return { endpoint: 'github.rate_limit', resource: 'core', handle: () => ({ reply: rateLimit(req), cost: 0 }) };
    const repoPath = /^\/(?:repos\/[^/]+\/[^/]+|repositories\/\d+)(\/.*)?$/.exec(p);
    if (!repoPath) return null;
    const rest = repoPath[1] ?? '';
    if (rest === '' || rest === '/') return { endpoint: 'github.repos.get', resource: 'core', handle: () => ({ reply: getRepository(req) }) };
    if (rest === '/stargazers') return { endpoint: 'github.repos.stargazers', resource: 'core', handle: () => ({ reply: stargazers(req) }) };
    if (rest === '/stargazers/history') return { endpoint: 'github.repos.stargazers.history', resource: 'core', handle: () => ({ reply: starHistory(req) }) };
    return null;
  };
}
