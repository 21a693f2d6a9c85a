// The PyPI source against the simulated pypistats API.
import { describe, expect, it } from 'vitest';
import { addDays, eachDay, maxDay } from '../../collector/days.ts';
import { pypiPackages, pypiSource } from '../../collector/sources/pypi.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import { simulatorContext, simulatorPerFile } from '../helpers/simulator-context.ts';
import type { MemoryContext } from '../../simulators/memory-context.ts';

const START = new Date('2026-11-29T12:00:00Z');
const sim = simulatorPerFile({ now: START });

const key = (r: { subject: string; observed_at: string }) => `${r.subject} ${r.observed_at}`;
const overallRequests = () => sim.accounting.requests.filter((r) => r.endpoint === 'pypistats.overall');

/** The first day the simulated package has downloads; pypistats lists none before it. */
function firstDay(pkg: string): string {
  const record = sim.world.packages.find('pypi', pkg)!;
  return new Date(record.startDay * 86_400_000).toISOString().slice(0, 10);
}

function expectMatchesTruth(ctx: MemoryContext, pkg: string, from: string, to: string) {
  const rows = ctx.rows.filter((r) => r.subject === `pypi:${pkg}`);
  expect(rows.map((r) => r.observed_at).sort()).toEqual(eachDay(maxDay(from, firstDay(pkg)), to));
  for (const r of rows) expect(r.value, `${pkg} ${r.observed_at}`).toBe(sim.world.pypiDaily(pkg, r.observed_at));
}

describe('PyPI downloads (pypistats, without mirrors)', () => {
  it('first collect stores the 180 days pypistats keeps, one request per package, as counted without mirrors', async () => {
    const ctx = simulatorContext(sim);
    await pypiSource.collect(ctx);
    expect(ctx.problems).toEqual([]);
    const packages = [...pypiPackages(ctx.catalog).keys()];
    expect(packages).toEqual(expect.arrayContaining(['openai', 'anthropic', 'transformers', 'llama-cpp-python', 'vllm', 'zhipuai', 'dashscope', 'qianfan']));
    for (const pkg of packages) {
      expectMatchesTruth(ctx, pkg, addDays(sim.world.today(), -180), addDays(sim.world.today(), -1));
    }
    expect(overallRequests()).toHaveLength(packages.length);
    expect(overallRequests().every((r) => r.path.endsWith('/overall?mirrors=false'))).toBe(true);
    expect(ctx.rows.find((r) => r.subject === 'pypi:anthropic')!.family).toBe('claude');
  });

  it('is idempotent within a day (no request at all) and adds one day per package the next day', async () => {
    const ctx = simulatorContext(sim);
    await pypiSource.collect(ctx);
    const before = ctx.rows.length;
    sim.accounting.reset();
    await pypiSource.collect(ctx);
    expect(ctx.rows.length).toBe(before);
    expect(overallRequests()).toHaveLength(0);

    sim.clock.advance(86_400_000);
    await pypiSource.collect(ctx);
    const yesterday = addDays(sim.world.today(), -1);
    const packages = [...pypiPackages(ctx.catalog).keys()];
    expect(ctx.rows.slice(before).map(key).sort()).toEqual(packages.map((p) => `pypi:${p} ${yesterday}`).sort());
    expect(new Set(ctx.rows.map(key)).size).toBe(ctx.rows.length);
  });

  it('says so when a backfill asks for more than the 180 days pypistats keeps', async () => {
    const ctx = simulatorContext(sim);
    const result = await pypiSource.backfill!(ctx, { since: '2025-01-01' });
    expect(result?.notes?.join('\n')).toMatch(/pypistats keeps 180 days: nothing before about 2026-06-02/);
    expectMatchesTruth(ctx, 'openai', addDays(sim.world.today(), -180), addDays(sim.world.today(), -1));
  });

  it('resumes an interrupted run with no duplicate and no gap', async () => {
    const first = simulatorContext(sim, { failEmitAfter: 3 });
    await expect(pypiSource.collect(first)).rejects.toThrow(/simulated interruption/);
    const second = simulatorContext(sim, { state: first.stateMap });
    await pypiSource.collect(second);
    const all = [...first.rows, ...second.rows];
    expect(new Set(all.map(key)).size).toBe(all.length);
    const merged = simulatorContext(sim);
    merged.rows.push(...all);
    for (const pkg of pypiPackages(merged.catalog).keys()) expectMatchesTruth(merged, pkg, addDays(sim.world.today(), -180), addDays(sim.world.today(), -1));
  });

  it('reports a day pypistats left out, does not store it as zero, and fills it on the next run', async () => {
    const ctx = simulatorContext(sim);
    const fault = sim.faults.add({ match: '/pypistats/api/packages/vllm/overall', kind: 'missing-day', day: '2026-10-10' });
    await pypiSource.collect(ctx);
    expect(ctx.rows.some((r) => r.subject === 'pypi:vllm' && r.observed_at === '2026-10-10')).toBe(false);
    expect(ctx.problems).toEqual([expect.objectContaining({ subject: 'pypi:vllm', message: expect.stringMatching(/lacked vllm on 2026-10-10; it is asked again next run/) })]);
    fault.remove();
    await pypiSource.collect(ctx);
    expectMatchesTruth(ctx, 'vllm', addDays(sim.world.today(), -180), addDays(sim.world.today(), -1));
    expect(ctx.rows.filter((r) => r.subject === 'pypi:vllm' && r.observed_at === '2026-10-10')).toHaveLength(1);
  });

  it('reports bad values with the raw value and stores the rest', async () => {
    const ctx = simulatorContext(sim);
    const data = [
      { category: 'with_mirrors', date: '2026-11-20', downloads: 999 },
      { category: 'without_mirrors', date: '2026-11-20', downloads: 10 },
      { category: 'without_mirrors', date: '2026-11-21', downloads: -1 },
      { category: 'without_mirrors', date: '2026-11-22', downloads: null },
      { category: 'without_mirrors', date: '2026-11-23', downloads: 2e14 },
      { category: 'without_mirrors', date: '2026-11-24', downloads: 11 },
      { category: 'without_mirrors', date: '2027-01-01', downloads: 12 },
    ];
    sim.faults.add({ match: '/pypistats/api/packages/qianfan/overall', kind: 'status', status: 200, body: JSON.stringify({ data, package: 'qianfan', type: 'overall_downloads' }) });
    await pypiSource.collect(ctx);
    const mine = ctx.problems.filter((p) => p.subject === 'pypi:qianfan');
    expect(mine.map((p) => p.raw)).toEqual([-1, null, 2e14, 12]);
    expect(mine.map((p) => p.message)).toEqual([
      expect.stringMatching(/qianfan 2026-11-21: value -1 is negative; not stored/),
      expect.stringMatching(/qianfan 2026-11-22: value null is not a number/),
      expect.stringMatching(/qianfan 2026-11-23: value 200000000000000 is absurdly large/),
      expect.stringMatching(/qianfan 2027-01-01: observed_at 2027-01-01 is in the future/),
    ]);
    expect(ctx.rows.filter((r) => r.subject === 'pypi:qianfan').map((r) => [r.observed_at, r.value])).toEqual([['2026-11-20', 10], ['2026-11-24', 11]]);
  });

  it('reports a package pypistats does not have (its HTML 404) and stores the others', async () => {
    const own = await startDefaultSimulator({ now: START });
    try {
      own.world.removePackage('zhipuai');
      const ctx = simulatorContext(own);
      await pypiSource.collect(ctx);
      expect(ctx.problems).toEqual([expect.objectContaining({ subject: 'pypi:zhipuai', message: expect.stringMatching(/pypistats has no package "zhipuai" \(404 from .*\/pypistats\/api\/packages\/zhipuai\/overall\?mirrors=false\); check the name/) })]);
      expect(ctx.problems[0]!.raw).toMatch(/<title>404 Not Found<\/title>/);
      expect(ctx.rows.some((r) => r.subject === 'pypi:zhipuai')).toBe(false);
      expect(ctx.rows.some((r) => r.subject === 'pypi:openai')).toBe(true);
    } finally {
      await own.close();
    }
  });
});
