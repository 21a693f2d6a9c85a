// A source's latest run as data_freshness (the site's freshness table) and the scheduler
// (sourceStates, behind status and schedule) read it: one whole run, never a field of each,
// and the same run whatever order the runs were written in, even when two finished in the
// same millisecond.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../collector/store/index.ts';
import { sourceStates } from '../../collector/schedule/state.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';

let t: TestStore;

const finished = new Date('2026-12-02T06:00:00.123Z');

function run(source: string, id: string, started: string, status: RunRecord['status'], rows: number, message: string): RunRecord {
  return { run_id: id, job: 'collect', source, started_at: new Date(started), finished_at: finished, status, rows, problems: status === 'ok' ? 0 : 2, message, rate_limit_left: null };
}

// Two runs per source that finished in the same millisecond: the one that started later is the latest.
const earlier = (source: string) => run(source, `b-${source}`, '2026-12-02T05:00:00Z', 'partial', 5, 'two pages refused');
const later = (source: string) => run(source, `a-${source}`, '2026-12-02T05:59:00Z', 'ok', 40, '');
// Two that also started in the same millisecond: the greater run id is the latest.
const sameStart = (source: string, id: string, status: RunRecord['status'], rows: number) => run(source, id, '2026-12-02T05:30:00Z', status, rows, status === 'ok' ? '' : 'host not found');

beforeAll(async () => {
  t = await openTestStore();
  // each write its own insert (and part), in both orders
  for (const r of [earlier('npm'), later('npm'), later('pypi'), earlier('pypi'), sameStart('github', 'run-2', 'ok', 7), sameStart('github', 'run-1', 'unreachable', 0)]) {
    await t.store.logRun(r);
  }
  // and once more after a merge, which may put the rows of one source in any order within a part
  await t.store.logRun(sameStart('huggingface', 'run-1', 'unreachable', 0));
  await t.store.logRun(sameStart('huggingface', 'run-2', 'ok', 9));
  await t.store.rows('OPTIMIZE TABLE runs FINAL', {}, { readonly: false });
});
afterAll(async () => t?.cleanup());

describe('a source\'s latest run', () => {
  it('data_freshness takes every field of its latest run from that run', async () => {
    const rows = await t.store.query<Record<string, unknown>>('data_freshness');
    expect(rows.map((r) => [r.source, r.last_status, r.last_rows, r.last_message, r.last_problems])).toEqual([
      ['github', 'ok', 7, '', 0],
      ['huggingface', 'ok', 9, '', 0],
      ['npm', 'ok', 40, '', 0],
      ['pypi', 'ok', 40, '', 0],
    ]);
    expect(rows.every((r) => r.last_run === '2026-12-02 06:00:00.123')).toBe(true);
  });

  it('the scheduler\'s view of each source agrees', async () => {
    const states = await sourceStates(t.store);
    expect(states.map((s) => [s.source, s.lastRun?.status, s.lastRun?.at.toISOString()]).sort()).toEqual([
      ['github', 'ok', finished.toISOString()],
      ['huggingface', 'ok', finished.toISOString()],
      ['npm', 'ok', finished.toISOString()],
      ['pypi', 'ok', finished.toISOString()],
    ]);
  });
});
