// A leaderboard table cut short in transit, collected into a real embedded store: the table
// fails (status not ok, a problem naming file and line), the counts stored earlier for its
// date stay as they were, and it is not marked imported, so the next run fetches it again.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../collector/log.ts';
import { newRunId, runAction, runSources, type RunDeps } from '../../collector/run.ts';
import { importLeaderboards, leaderboardSource } from '../../collector/sources/leaderboard.ts';
import { simulatorClock } from '../helpers/simulator-context.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';
import type { Simulator } from '../../simulators/server.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';

const NOW = new Date('2026-11-29T12:00:00Z');
const DATE = '2023-07-20';
const FILE = 'leaderboard_table_20230720.csv';

let sim: Simulator;
let t: TestStore;
let deps: RunDeps & { log: ReturnType<typeof silentLogger> };

beforeAll(async () => {
  sim = await startDefaultSimulator({ now: NOW });
  t = await openTestStore({ leaderboardUrl: sim.env.LEADERBOARD_URL, requestTimeoutMs: 5_000 });
  deps = { store: t.store, catalog: sim.world.catalog, config: t.config, clock: simulatorClock(sim), log: silentLogger(), fetch: globalThis.fetch };
});
afterAll(async () => {
  await t?.cleanup();
  await sim?.close();
});
beforeEach(() => {
  sim.clock.set(NOW);
  sim.faults.clear();
  sim.accounting.reset();
});

/** The collected models per group of the table, as the site reads them (leaderboard_openness). */
const counts = async () =>
  Object.fromEntries(
    (await t.store.query<{ class: string; models: number; is_reference: number }>('leaderboard_openness', { from: DATE, to: DATE }))
      .filter((r) => !r.is_reference)
      .map((r) => [r.class, Number(r.models)]),
  );
const imported = async () => JSON.parse((await t.store.getState('leaderboard', 'imported')) ?? '[]') as string[];
const fetchedTables = () => sim.accounting.requests.filter((r) => r.endpoint === 'leaderboard.table').map((r) => r.path.split('/').pop());

describe('a truncated leaderboard table', () => {
  it('fails the table, keeps the earlier good counts, and is fetched again next run', async () => {
    // The good counts, imported by hand first (`openpulse import leaderboard URL`).
    const first = await runAction(deps, leaderboardSource, { runId: newRunId(NOW), job: 'import' }, (ctx) => importLeaderboards(ctx, [`${sim.env.LEADERBOARD_URL}/${FILE}`]).then(() => undefined));
    expect(first.status).toBe('ok');
    const good = { closed: 6, open_noncommercial: 15, open: 19, unknown: 0 };
    expect(await counts()).toEqual(good);

    // The scheduled collection receives the first half of the table, delivered as if complete.
    sim.faults.add({ match: `/leaderboard/${FILE}`, kind: 'truncated-json', times: 1 });
    deps.log.lines.length = 0;
    const [cut] = await runSources(deps, [leaderboardSource], { runId: newRunId(NOW), job: 'collect' });
    expect(cut!.status).not.toBe('ok');
    expect(cut!.problems).toBe(1);
    expect(deps.log.lines.join('\n')).toMatch(new RegExp(`${FILE}:\\d+: .*cut short; download it again`));
    expect(await counts()).toEqual(good);
    expect(await imported()).not.toContain(FILE);
    expect((await imported()).length).toBeGreaterThan(5);

    // Next run: only the refused table is fetched, and it is stored whole.
    sim.accounting.reset();
    const [again] = await runSources(deps, [leaderboardSource], { runId: newRunId(NOW), job: 'collect' });
    expect(again).toMatchObject({ status: 'ok', problems: 0 });
    expect(fetchedTables()).toEqual([FILE]);
    expect(await counts()).toEqual(good);
    expect(await imported()).toContain(FILE);
  });
});
