// Compares the simulator's answers with real exchanges recorded against the live services
// (../shared/recordings, read in place, never copied): the fields, their types, the status
// codes and the headers a collector depends on. Skips, saying so, when the recordings are absent.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulators/server.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import { tokenFingerprint } from '../../simulators/http-reply.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const recordings = path.resolve(repoRoot, '../shared/recordings');
const exists = existsSync(recordings);
if (!exists) console.warn(`conformance: skipped, no recorded exchanges at ${recordings} (the shared recordings folder is absent)`);

type Exchange = { method: string; path: string; status: number; request_headers: Record<string, string>; request_body: string | null; response_headers: Record<string, string>; response_body: unknown };
type NockFixture = { method: string; path: string; status: number; response: unknown; headers: Record<string, string> };

const read = <T>(rel: string): T => JSON.parse(readFileSync(path.join(recordings, rel), 'utf8')) as T;
const lower = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), String(v)]));
const keys = (o: unknown) => Object.keys(o as object).sort();
/** Every recorded field exists in ours with the same JSON type (null matches anything nullable). */
function expectSameShape(recorded: Record<string, unknown>, ours: Record<string, unknown>, ignore: string[] = []) {
  for (const [key, value] of Object.entries(recorded)) {
    if (ignore.includes(key)) continue;
    expect(ours, `field ${key}`).toHaveProperty(key);
    if (value !== null && ours[key] !== null) expect(typeOf(ours[key]), `type of ${key}`).toBe(typeOf(value));
  }
}
const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

const TOKEN = 'ghp_conformance_token';
const ADMIN = 'ghp_conformance_admin';
let sim: Simulator;
const gh = (p: string, init: RequestInit = {}, token: string | null = TOKEN) =>
  fetch(`${sim.env.GITHUB_API_URL}${p}`, { ...init, headers: { ...(token ? { authorization: `token ${token}` } : {}), ...(init.headers as Record<string, string>) } });

describe.skipIf(!exists)('conformance with recorded upstream traffic', () => {
  beforeAll(async () => {
    sim = await startDefaultSimulator({ tokens: { [TOKEN]: {}, [ADMIN]: { admin: ['ggerganov/llama.cpp'] } } });
  });
  afterAll(() => sim?.close());

  describe('GitHub REST', () => {
    it('search/repositories: body fields, item fields, Link paging and search rate headers', async () => {
      const [recorded] = read<Exchange[]>('github/pygithub-replay/Search.testSearchRepos.json');
      const res = await gh('/search/repositories?q=llama&sort=stars&order=desc');
      expect(res.status).toBe(recorded!.status);
      const body = (await res.json()) as { items: Record<string, unknown>[] };
      const rec = recorded!.response_body as { items: Record<string, unknown>[] };
      expectSameShape(rec, body);
      expect(body).toHaveProperty('incomplete_results', false);
      // master_branch was dropped by GitHub years ago; the rest must match.
      expectSameShape(rec.items[0]!, body.items[0]!, ['master_branch']);
      expectSameShape(rec.items[0]!.owner as Record<string, unknown>, body.items[0]!.owner as Record<string, unknown>);
      const rh = lower(recorded!.response_headers);
      const h = Object.fromEntries(res.headers);
      expect(h['content-type']).toBe(rh['content-type']);
      expect(h['x-ratelimit-limit']).toBe(rh['x-ratelimit-limit']); // 30 a minute with a token
      const linkShape = (link: string) => link.replace(/<[^>]+[?&]page=\d+>/g, '<URL>');
      expect(linkShape(h.link!)).toBe(linkShape(rh.link!));
      expect(Number(h['x-ratelimit-reset'])).toBeGreaterThan(1_000_000_000);
    });

    it('search/repositories with no results', async () => {
      const [recorded] = read<Exchange[]>('github/pygithub-replay/Search.testSearchReposWithNoResults.json');
      const res = await gh('/search/repositories?q=doesnotexist&per_page=1');
      expect(await res.json()).toEqual(recorded!.response_body);
      expect(res.headers.get('link')).toBeNull();
    });

    it('repos/{o}/{r}: fields, types and headers of a repository', async () => {
      const recorded = read<NockFixture[]>('github/octokit-fixtures/get-repository/normalized-fixture.json')[0]!;
      const res = await gh('/repos/ggerganov/llama.cpp');
      expect(res.status).toBe(recorded.status);
      const body = (await res.json()) as Record<string, unknown>;
      // The recording was made by an admin of the repository; these fields appear only for admins.
      const adminOnly = ['allow_squash_merge', 'allow_merge_commit', 'allow_rebase_merge', 'allow_auto_merge', 'delete_branch_on_merge', 'allow_update_branch', 'use_squash_pr_title_as_default', 'temp_clone_token'];
      expectSameShape(recorded.response as Record<string, unknown>, body, adminOnly);
      const admin = (await (await gh('/repos/ggerganov/llama.cpp', {}, ADMIN)).json()) as Record<string, unknown>;
      expectSameShape(recorded.response as Record<string, unknown>, admin);
      for (const header of ['content-type', 'cache-control', 'x-ratelimit-limit', 'x-ratelimit-resource', 'x-github-media-type', 'access-control-expose-headers']) {
        expect(res.headers.get(header), header).toBe(recorded.headers[header]);
      }
      expect(res.headers.get('etag')).toBeTruthy();
      expect(res.headers.get('x-ratelimit-used')).toMatch(/^\d+$/);
    });

    it('renamed repository: 301 with Location to /repositories/{id} and the same body fields', async () => {
      const recorded = read<NockFixture[]>('github/octokit-fixtures/rename-repository/normalized-fixture.json').find((e) => e.status === 301)!;
      const hit = (await (await gh('/search/repositories?q=openllama&per_page=1')).json()) as { items: { full_name: string; id: number }[] };
      const old = hit.items[0]!.full_name;
      sim.world.renameRepo(old, 'renamed-owner/renamed-name');
      const res = await gh(`/repos/${old}`, { redirect: 'manual' });
      expect(res.status).toBe(301);
      expect(keys(await res.json())).toEqual(keys(recorded.response));
      expect(res.headers.get('location')!.replace(sim.env.GITHUB_API_URL, '')).toMatch(/^\/repositories\/\d+$/);
      expect(recorded.headers.location!.replace('https://api.github.com', '')).toMatch(/^\/repositories\/\d+$/);
    });

    it('validation errors: 422 with message, errors[{resource, field, code}] and documentation_url', async () => {
      const recorded = read<NockFixture[]>('github/octokit-fixtures/errors/normalized-fixture.json')[0]!;
      const res = await gh(`/search/repositories?q=${'x'.repeat(300)}`);
      expect(res.status).toBe(recorded.status);
      const body = (await res.json()) as { errors: Record<string, unknown>[] };
      expectSameShape(recorded.response as Record<string, unknown>, body);
      expectSameShape((recorded.response as { errors: Record<string, unknown>[] }).errors[0]!, body.errors[0]!);
    });

    it('/rate_limit: resources and rate in the real shape', async () => {
      const [recorded] = read<Exchange[]>('github/pygithub-replay/RateLimiting.testGetRateLimit.json');
      const body = (await (await gh('/rate_limit')).json()) as { resources: Record<string, Record<string, unknown>>; rate: Record<string, unknown> };
      const rec = recorded!.response_body as { resources: Record<string, Record<string, unknown>>; rate: Record<string, unknown> };
      for (const resource of Object.keys(rec.resources)) {
        expect(body.resources, resource).toHaveProperty(resource);
        expectSameShape(rec.resources[resource]!, body.resources[resource]!);
      }
      expectSameShape(rec.rate, body.rate);
    });

    it('conditional request: 304 with no body, the ETag and unchanged rate headers', async () => {
      const [recorded] = read<Exchange[]>('github/pygithub-replay/ConditionalRequestUpdate.testDidNotUpdate.json');
      const first = await gh('/repos/ollama/ollama');
      const res = await gh('/repos/ollama/ollama', { headers: { 'if-none-match': first.headers.get('etag')! } });
      expect(res.status).toBe(recorded!.status);
      expect(await res.text()).toBe('');
      expect(res.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(res.headers.get('x-ratelimit-remaining')).toBe(first.headers.get('x-ratelimit-remaining'));
      expect(lower(recorded!.response_headers)).toHaveProperty('x-ratelimit-remaining');
    });

    it('primary rate limit: 403 with x-ratelimit-remaining 0 and an "API rate limit exceeded" message', async () => {
      const recorded = read<Exchange[]>('github/pygithub-replay/SpecificExceptions.testRateLimitExceeded.json').find((e) => e.status === 403)!;
      sim.limits.reset();
      for (let i = 0; i < 60; i++) await gh('/repos/ollama/ollama', {}, null);
      const res = await gh('/repos/ollama/ollama', {}, null);
      expect(res.status).toBe(recorded.status);
      expect(res.headers.get('x-ratelimit-remaining')).toBe(lower(recorded.response_headers)['x-ratelimit-remaining']);
      expect(res.headers.get('x-ratelimit-limit')).toBe(lower(recorded.response_headers)['x-ratelimit-limit']);
      const message = ((await res.json()) as { message: string }).message;
      const recordedMessage = (recorded.response_body as { message: string }).message;
      expect(message.toLowerCase().startsWith(recordedMessage.toLowerCase().replace(/ for .*$/, ' for '))).toBe(true);
    });

    it('secondary rate limit: 403 with retry-after and a message and documentation_url', async () => {
      const recorded = read<Exchange[]>('github/pygithub-replay/SpecificExceptions.testAuthenticatedRateLimitExceeded.json').find((e) => e.status === 403)!;
      sim.faults.add({ match: '/github/search/*', kind: 'secondary-limit', times: 1 });
      const res = await gh('/search/repositories?q=llama');
      expect(res.status).toBe(recorded.status);
      expect(res.headers.get('retry-after')).toBe(lower(recorded.response_headers)['retry-after']);
      expectSameShape(recorded.response_body as Record<string, unknown>, (await res.json()) as Record<string, unknown>);
    });

    it('stargazers with dates: [{starred_at, user}] under the star media type', async () => {
      const recorded = read<Exchange[]>('github/pygithub-replay/Repository.testGetStargazersWithDates.json').find((e) => e.path.endsWith('/stargazers'))!;
      const res = await gh('/repos/ggerganov/llama.cpp/stargazers', { headers: { accept: recorded.request_headers.Accept! } }, ADMIN);
      expect(res.status).toBe(200);
      const [ours] = (await res.json()) as Record<string, Record<string, unknown>>[];
      const [theirs] = recorded.response_body as Record<string, Record<string, unknown>>[];
      expect(keys(ours)).toEqual(keys(theirs));
      expectSameShape(theirs!.user!, ours!.user!);
      expect(res.headers.get('x-github-media-type')).toBe(lower(recorded.response_headers)['x-github-media-type']);
    });
  });

  describe('GitHub GraphQL', () => {
    it('answers a recorded query (with variables) in the same shape and headers', async () => {
      const [recorded] = read<Exchange[]>('github/pygithub-replay/GraphQl.testQuery.json');
      const request = JSON.parse(recorded!.request_body!) as { query: string; variables: Record<string, string> };
      const res = await gh('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...request, variables: { owner: 'ollama', name: 'ollama' } }) });
      expect(res.status).toBe(recorded!.status);
      const body = (await res.json()) as { data: { repository: Record<string, unknown> } };
      const rec = recorded!.response_body as { data: { repository: Record<string, unknown> } };
      expectSameShape(rec.data.repository, body.data.repository);
      const rh = lower(recorded!.response_headers);
      for (const header of ['content-type', 'x-ratelimit-limit', 'x-ratelimit-resource']) expect(res.headers.get(header), header).toBe(rh[header]);
      expect(sim.accounting.requests.at(-1)).toMatchObject({ endpoint: 'github.graphql', token: tokenFingerprint(TOKEN), cost: 1 });
    });
  });

  describe('Hugging Face', () => {
    it('model info: the recorded fields with the same types', async () => {
      const recorded = read<{ status: number; body: Record<string, unknown>; response_headers: Record<string, string> }>('huggingface/model_info__meta-llama__Meta-Llama-3-8B-Instruct__200__2025-03-21.json');
      const res = await fetch(`${sim.env.HF_ENDPOINT}/api/models/meta-llama/Meta-Llama-3-8B-Instruct`);
      expect(res.status).toBe(recorded.status);
      expectSameShape(recorded.body, (await res.json()) as Record<string, unknown>);
      expect(res.headers.get('content-type')).toBe(lower(recorded.response_headers)['content-type']);
      expect(res.headers.get('etag')).toBeTruthy();
    });

    it('renamed id: 307 with a relative Location and a plain-text body', async () => {
      const recorded = read<{ status: number; body: string; response_headers: Record<string, string> }>('huggingface/model_info__bert-base-uncased__307.json');
      sim.world.renameModel('RWKV/rwkv-4-169m-pile', 'RWKV/rwkv-4-169m-pile-hf');
      const res = await fetch(`${sim.env.HF_ENDPOINT}/api/models/RWKV/rwkv-4-169m-pile`, { redirect: 'manual' });
      expect(res.status).toBe(recorded.status);
      const rh = lower(recorded.response_headers);
      expect(res.headers.get('content-type')).toBe(rh['content-type']);
      const location = res.headers.get('location')!;
      expect(location.startsWith('/')).toBe(rh.location!.startsWith('/'));
      expect(await res.text()).toBe(recorded.body.replace(rh.location!, location));
    });
  });

  describe('npm and pypistats', () => {
    it('npm range: {start, end, package, downloads:[{day, downloads}]}', async () => {
      const recorded = read<{ body: { downloads: Record<string, unknown>[] }; response_headers: Record<string, string> }>('npm/npm_range_cross-spawn_2015-05-09_2016-05-08.json');
      const res = await fetch(`${sim.env.NPM_DOWNLOADS_URL}/downloads/range/2026-01-01:2026-06-30/openai`);
      const body = (await res.json()) as { downloads: Record<string, unknown>[] };
      expect(keys(body)).toEqual(keys(recorded.body));
      expect(keys(body.downloads[0])).toEqual(keys(recorded.body.downloads[0]));
      expectSameShape(recorded.body.downloads[0]!, body.downloads[0]!);
      expect(res.headers.get('content-type')).toBe(recorded.response_headers['content-type']);
    });

    it('pypistats overall and recent: the recorded shapes and category order', async () => {
      const overall = read<{ response: { data: { category: string }[] } }>('pypistats/pypistats_overall_downloads_pip_L49.json').response;
      const ours = (await (await fetch(`${sim.env.PYPISTATS_URL}/api/packages/transformers/overall?mirrors=true`)).json()) as { data: { category: string }[] };
      expect(keys(ours)).toEqual(keys(overall));
      expect(keys(ours.data[0])).toEqual(keys(overall.data[0]));
      const order = (rows: { category: string }[]) => [...new Set(rows.map((r) => r.category))];
      expect(order(ours.data)).toEqual(order(overall.data));
      const recent = read<{ response: Record<string, unknown> }>('pypistats/pypistats_recent_downloads_pip_L596.json').response;
      const oursRecent = (await (await fetch(`${sim.env.PYPISTATS_URL}/api/packages/transformers/recent`)).json()) as Record<string, unknown>;
      expect(keys(oursRecent)).toEqual(keys(recent));
      expect(keys(oursRecent.data)).toEqual(keys(recent.data));
      expect(oursRecent.type).toBe(recent.type);
    });
  });
});
