// Conditional requests never keep a corrupt answer: a malformed star-history page that
// arrives beside a valid ETag is not cached, so the next run asks again and stores every
// fact; an answer cached corrupt (by an older version) is dropped and fetched again.

import { simulatorPerFile } from '../helpers/simulator-context.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../collector/catalog.ts';
import { createGitHubSource } from '../../collector/sources/github/index.ts';
import type { Observation } from '../../collector/observation.ts';
import { FAST, subsetCatalog } from '../../simulators/github-context.ts';
import { memoryContext, type MemoryContext } from '../../simulators/memory-context.ts';

const TOKEN = 'ghp_etagCacheTokenAbcdefghijklmnopqrs';
const NOW = new Date('2026-11-29T12:00:00Z');
const REPO = 'ggerganov/llama.cpp';
// Page 2 of several: page 1 arrives fine and is cached, the corrupt page must not be.
const PAGE_2 = /\/github\/repos\/ggerganov\/llama\.cpp\/stargazers\/history\?(.*&)?page=2(&|$)/;

const sim = simulatorPerFile({ now: NOW, tokens: { [TOKEN]: {} } });
let catalog: Catalog;

beforeAll(() => {
  catalog = subsetCatalog(sim.world.catalog, ['llama']);
});

function context(state: Map<string, string>): MemoryContext {
  return memoryContext({ catalog, config: { githubApiUrl: sim.env.GITHUB_API_URL, githubToken: TOKEN }, clock: sim.clock, state });
}

const collectStars = (ctx: MemoryContext) => createGitHubSource(FAST).collect(ctx).then(() => ctx);
const starFacts = (rows: readonly Observation[]) =>
  rows
    .filter((r) => r.subject === `repo:${REPO}` && (r.metric === 'github_stars_gained' || r.metric === 'github_stars_retained'))
    .map((r) => `${r.metric}|${r.observed_at}|${r.value}`)
    .sort();
const page2Requests = () => sim.accounting.requests.filter((r) => PAGE_2.test(r.path));
const page2Key = (state: Map<string, string>) => [...state.keys()].find((k) => k.startsWith('etag:GET /repos/{owner}/{repo}/stargazers/history?') && k.includes(`repo=${REPO.split('/')[1]}`) && /[?&]page=2(&|$)/.test(k));

describe('star history ETag cache', () => {
  it('does not cache a malformed page: the next run refetches it and stores every fact of a fault-free run', async () => {
    const reference = starFacts((await collectStars(context(new Map()))).rows);
    expect(reference.length).toBeGreaterThan(300);
    sim.accounting.reset();

    const state = new Map<string, string>();
    sim.faults.add({ match: PAGE_2, kind: 'malformed-json', times: 1 });
    const broken = await collectStars(context(state));
    expect(broken.problems).toEqual([expect.objectContaining({ subject: `repo:${REPO}`, message: expect.stringMatching(/page 2\) is unusable: the answer is not JSON/) })]);
    expect(starFacts(broken.rows)).toEqual([]);
    // Page 1 is cached; page 2 is not, though GitHub sent its ETag.
    expect(page2Key(state) === undefined || state.get(page2Key(state)!) === '').toBe(true);
    expect([...state.values()].some((v) => v.includes(': ,'))).toBe(false);

    sim.accounting.reset();
    const next = await collectStars(context(state));
    expect(next.problems).toEqual([]);
    expect(page2Requests().map((r) => r.status)).toEqual([200]);
    expect(starFacts(next.rows)).toEqual(reference);
  });

  it('drops an answer cached corrupt beside a valid ETag and fetches it again in the same run', async () => {
    const state = new Map<string, string>();
    const reference = starFacts((await collectStars(context(state))).rows);
    const key = page2Key(state)!;
    expect(key).toBeDefined();
    // What an older version left behind: the good ETag, a body that is not the history.
    const cached = JSON.parse(state.get(key)!) as { etag: string; next: string | null };
    state.set(key, JSON.stringify({ ...cached, data: '[{"week": ,1}]' }));
    // So that the series is emitted whole again, as on the first run after the corruption.
    for (const k of [...state.keys()]) if (k.startsWith('stars:')) state.delete(k);

    sim.accounting.reset();
    const next = await collectStars(context(state));
    expect(next.problems).toEqual([]);
    // Asked unconditionally (200, not 304), and the good answer is cached in its place.
    expect(page2Requests().map((r) => r.status)).toEqual([200]);
    expect(JSON.parse(state.get(key)!).data).toEqual(expect.any(Array));
    expect(starFacts(next.rows)).toEqual(reference);
  });
});
