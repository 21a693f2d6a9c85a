// The npm source against the simulated npm downloads API: backfill, daily runs, bulk and
// scoped requests, missing days, unknown packages, bad values, faults and resumption.
import { describe, expect, it } from 'vitest';
import { addDays, eachDay } from '../../collector/days.ts';
import { NPM_EARLIEST_DAY, npmPackages, npmSource } from '../../collector/sources/npm.ts';
import type { Simulator } from '../../simulators/server.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import { simulatorContext, simulatorPerFile } from '../helpers/simulator-context.ts';
import type { MemoryContext } from '../../simulators/memory-context.ts';

const START = new Date('2026-11-29T12:00:00Z');
const sim = simulatorPerFile({ now: START });

const key = (r: { subject: string; observed_at: string }) => `${r.subject} ${r.observed_at}`;
const rangeRequests = () => sim.accounting.requests.filter((r) => r.endpoint === 'npm.downloads.range');
const packagesOf = (path: string) => decodeURIComponent(path.split('/').pop()!.split('?')[0]!).split(',');

function expectMatchesTruth(ctx: MemoryContext, pkg: string, from: string, to: string, on: Simulator = sim) {
  const rows = ctx.rows.filter((r) => r.subject === `npm:${pkg}`);
  const days = rows.map((r) => r.observed_at).sort();
  expect(days).toEqual(eachDay(from, to));
  for (const r of rows) expect(r.value, `${pkg} ${r.observed_at}`).toBe(on.world.npmDaily(pkg, r.observed_at));
}

describe('npm downloads', () => {
  it('first collect backfills every package from 2015-01-10 to yesterday, exactly as npm counts, in bulk where allowed', async () => {
    const ctx = simulatorContext(sim);
    await npmSource.collect(ctx);
    expect(ctx.problems).toEqual([]);
    const yesterday = addDays(sim.world.today(), -1);
    const packages = [...npmPackages(ctx.catalog).keys()];
    expect(packages).toContain('@anthropic-ai/sdk');
    for (const pkg of packages) expectMatchesTruth(ctx, pkg, NPM_EARLIEST_DAY, yesterday);
    expect(new Set(ctx.rows.map(key)).size).toBe(ctx.rows.length);
    expect(ctx.rows.find((r) => r.subject === 'npm:openai')!.family).toBe('gpt');
    expect(ctx.rows.every((r) => r.observed_at < sim.world.today())).toBe(true);

    // Unscoped names share requests, scoped ones go alone; none mixes them.
    const requests = rangeRequests();
    const unscoped = packages.filter((p) => !p.startsWith('@'));
    const scoped = packages.filter((p) => p.startsWith('@'));
    const days = eachDay(NPM_EARLIEST_DAY, yesterday).length;
    expect(requests.every((r) => r.status === 200)).toBe(true);
    for (const r of requests) {
      const names = packagesOf(r.path);
      if (names.length > 1) expect(names.every((n) => !n.startsWith('@'))).toBe(true);
    }
    expect(requests.filter((r) => packagesOf(r.path).length > 1)).toHaveLength(Math.ceil(days / 365));
    expect(requests).toHaveLength(Math.ceil(days / 365) * Math.ceil(unscoped.length / 128) + Math.ceil(days / 540) * scoped.length);
    expect(ctx.progress.at(-1)).toMatchObject({ label: 'npm downloads' });
    expect(ctx.progress.at(-1)!.done).toBe(requests.length);
  });

  it('is idempotent within a day and adds exactly one day per package the next day', async () => {
    const ctx = simulatorContext(sim);
    await npmSource.collect(ctx);
    const before = ctx.rows.length;
    sim.accounting.reset();
    await npmSource.collect(ctx);
    expect(ctx.rows.length).toBe(before);
    expect(rangeRequests()).toHaveLength(0);

    sim.clock.advance(86_400_000);
    await npmSource.collect(ctx);
    const added = ctx.rows.slice(before);
    const packages = [...npmPackages(ctx.catalog).keys()];
    const yesterday = addDays(sim.world.today(), -1);
    expect(added.map(key).sort()).toEqual(packages.map((p) => `npm:${p} ${yesterday}`).sort());
    for (const r of added) expect(r.value).toBe(sim.world.npmDaily(r.subject.slice(4), yesterday));
    const scoped = packages.filter((p) => p.startsWith('@')).length;
    expect(rangeRequests()).toHaveLength(1 + scoped);
  });

  it('backfills only what --since asks, then extends backwards without a gap or a duplicate', async () => {
    const ctx = simulatorContext(sim);
    const yesterday = addDays(sim.world.today(), -1);
    await npmSource.backfill!(ctx, { since: '2026-01-01' });
    await npmSource.backfill!(ctx, { since: '2024-03-15' });
    await npmSource.collect(ctx); // does not go further back than asked
    expect(ctx.problems).toEqual([]);
    for (const pkg of npmPackages(ctx.catalog).keys()) expectMatchesTruth(ctx, pkg, '2024-03-15', yesterday);
  });

  it('resumes an interrupted backfill with no duplicate and no gap', async () => {
    const first = simulatorContext(sim, { failEmitAfter: 3 });
    await expect(npmSource.backfill!(first, { since: '2020-01-01' })).rejects.toThrow(/simulated interruption/);
    expect(first.rows.length).toBeGreaterThan(0);
    const second = simulatorContext(sim, { state: first.stateMap });
    await npmSource.backfill!(second, { since: '2020-01-01' });
    const all = [...first.rows, ...second.rows];
    expect(new Set(all.map(key)).size).toBe(all.length);
    const yesterday = addDays(sim.world.today(), -1);
    const merged = simulatorContext(sim);
    merged.rows.push(...all);
    for (const pkg of npmPackages(merged.catalog).keys()) expectMatchesTruth(merged, pkg, '2020-01-01', yesterday);
  });

  it('asks again for a day missing in the middle of a range and never stores it as zero', async () => {
    const ctx = simulatorContext(sim);
    // Once: the end-of-run retry fills it, nothing to report.
    sim.faults.add({ match: '/npm/downloads/range/*', kind: 'missing-day', day: '2026-06-10', times: 1 });
    await npmSource.backfill!(ctx, { since: '2026-06-01' });
    expect(ctx.problems).toEqual([]);
    for (const pkg of npmPackages(ctx.catalog).keys()) expectMatchesTruth(ctx, pkg, '2026-06-01', addDays(sim.world.today(), -1));
  });

  it('reports a day npm keeps leaving out, retries it on later runs and fills it when it appears', async () => {
    const ctx = simulatorContext(sim);
    const fault = sim.faults.add({ match: '/npm/downloads/range/*', kind: 'missing-day', day: '2026-10-10' });
    await npmSource.backfill!(ctx, { since: '2026-10-01' });
    const missing = ctx.rows.filter((r) => r.observed_at === '2026-10-10');
    expect(missing).toEqual([]);
    expect(ctx.problems.filter((p) => /lacked .* on 2026-10-10/.test(p.message)).map((p) => p.subject).sort()).toEqual(
      [...npmPackages(ctx.catalog).keys()].map((p) => `npm:${p}`).sort(),
    );
    fault.remove();
    sim.clock.advance(86_400_000);
    await npmSource.collect(ctx);
    for (const pkg of npmPackages(ctx.catalog).keys()) expectMatchesTruth(ctx, pkg, '2026-10-01', addDays(sim.world.today(), -1));
  });
});

describe('npm bad answers', () => {
  const body = (downloads: unknown[]) => JSON.stringify({ start: '2026-11-20', end: '2026-11-28', package: '@anthropic-ai/sdk', downloads });

  it('reports negative, non-numeric, absurd and future values with the raw value and stores the rest', async () => {
    const ctx = simulatorContext(sim);
    sim.faults.add({
      match: /\/npm\/downloads\/range\/[^/]+\/@anthropic-ai\/sdk/,
      kind: 'status',
      status: 200,
      body: body([
        { day: '2026-11-20', downloads: 10 },
        { day: '2026-11-21', downloads: -4 },
        { day: '2026-11-22', downloads: 'lots' },
        { day: '2026-11-23', downloads: 5e15 },
        { day: '2026-11-24', downloads: 11 },
        { day: '2026-12-30', downloads: 12 },
      ]),
    });
    await npmSource.backfill!(ctx, { since: '2026-11-20', until: '2026-11-24' });
    const mine = ctx.problems.filter((p) => p.subject === 'npm:@anthropic-ai/sdk');
    expect(mine.map((p) => p.raw)).toEqual([-4, 'lots', 5e15, 12]);
    expect(mine.map((p) => p.message)).toEqual([
      expect.stringMatching(/2026-11-21: value -4 is negative/),
      expect.stringMatching(/2026-11-22: value "lots" is not a number/),
      expect.stringMatching(/2026-11-23: value 5000000000000000 is absurdly large/),
      expect.stringMatching(/2026-12-30: observed_at 2026-12-30 is in the future/),
    ]);
    const stored = ctx.rows.filter((r) => r.subject === 'npm:@anthropic-ai/sdk').map((r) => [r.observed_at, r.value]);
    expect(stored).toEqual([['2026-11-20', 10], ['2026-11-24', 11]]);
    expectMatchesTruth(ctx, 'openai', '2026-11-20', '2026-11-24');
  });

  it('retries 503, 429 (waiting Retry-After on the run clock), malformed and truncated JSON', async () => {
    const clock = { slept: [] as number[], now: () => sim.clock.now(), sleep: async (ms: number) => { clock.slept.push(ms); sim.clock.advance(ms); } };
    const ctx = simulatorContext(sim, { clock });
    sim.faults.add({ match: '/npm/downloads/range/*', kind: 'status', status: 503, times: 1 });
    // One fault per request, in turn: each starts after the ones before it have fired.
    sim.faults.add({ match: '/npm/downloads/range/*', kind: 'primary-limit', status: 429, retryAfter: 7, times: 1, after: 1 });
    sim.faults.add({ match: '/npm/downloads/range/*', kind: 'malformed-json', times: 1, after: 2 });
    sim.faults.add({ match: '/npm/downloads/range/*', kind: 'truncated-json', times: 1, after: 3 });
    await npmSource.backfill!(ctx, { since: '2026-11-01' });
    expect(ctx.problems).toEqual([]);
    expect(clock.slept).toContain(7000);
    expect(sim.accounting.requests.map((r) => r.fault).slice(0, 4)).toEqual(['status', 'primary-limit', 'malformed-json', 'truncated-json']);
    for (const pkg of npmPackages(ctx.catalog).keys()) expectMatchesTruth(ctx, pkg, '2026-11-01', addDays(sim.world.today(), -1));
  });

  it('gives up after bounded retries with an error naming the URL and what to do', async () => {
    const ctx = simulatorContext(sim);
    sim.faults.add({ match: '/npm/downloads/range/*', kind: 'html-error', status: 502 });
    await expect(npmSource.backfill!(ctx, { since: '2026-11-01' })).rejects.toThrow(/GET http:\/\/127\.0\.0\.1:\d+\/npm\/downloads\/range\/.* answered HTTP 502: <!DOCTYPE.* 4 time\(s\)/);
    expect(rangeRequests()).toHaveLength(4);
  });

  it('treats a request that never answers as a timeout and reports the host as unreachable', async () => {
    const ctx = simulatorContext(sim, { config: { requestTimeoutMs: 100 } });
    sim.faults.add({ match: '/npm/downloads/range/*', kind: 'timeout' });
    await expect(npmSource.backfill!(ctx, { since: '2026-11-01' })).rejects.toMatchObject({ name: 'UnreachableError', host: `127.0.0.1:${sim.port}` });
  });
});

describe('npm packages that do not exist', () => {
  it('reports a package npm does not have (404, and null in a bulk answer) and stores the others', async () => {
    // A world of its own: removing packages must not leak into the other tests.
    const own = await startDefaultSimulator({ now: START });
    own.world.removePackage('ollama'); // unscoped: null inside the bulk answer
    own.world.removePackage('@huggingface/transformers'); // scoped: 404
    try {
      const ctx = simulatorContext(own);
      await npmSource.backfill!(ctx, { since: '2026-11-01' });
      const subjects = ctx.problems.map((p) => p.subject).sort();
      expect(subjects).toEqual(['npm:@huggingface/transformers', 'npm:ollama']);
      expect(ctx.problems.find((p) => p.subject === 'npm:@huggingface/transformers')!.message).toMatch(/404/);
      // the bulk request is named by its size and days, not by its URL of every package asked
      expect(ctx.problems.find((p) => p.subject === 'npm:ollama')!.message).toMatch(/^npm has no package "ollama" \(no entry in the answer to the request for \d+ packages from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)/);
      expect(ctx.problems.every((p) => /check the name in the catalog/.test(p.message))).toBe(true);
      expect(ctx.rows.some((r) => r.subject === 'npm:ollama' || r.subject === 'npm:@huggingface/transformers')).toBe(false);
      expectMatchesTruth(ctx, 'openai', '2026-11-01', addDays(own.world.today(), -1), own);
      expectMatchesTruth(ctx, '@anthropic-ai/sdk', '2026-11-01', addDays(own.world.today(), -1), own);
    } finally {
      await own.close();
    }
  });
});
