// The scheduler's plan: cadences per source, catch-up after downtime, days lost for good
// (a source that keeps no history) and a window about to close (pypistats' 180 days).

import { describe, expect, it } from 'vitest';
import { cadences, formatInterval, parseInterval, plan, planWarnings, type SourceState } from '../../collector/schedule/plan.ts';

const NOW = new Date('2026-12-02T10:00:00Z');
const H = 3_600_000;
const D = 24 * H;

function state(source: string, successAgoMs: number | null, newestDay: string | null, status = 'ok'): SourceState {
  const at = successAgoMs === null ? null : new Date(NOW.getTime() - successAgoMs);
  return { source, lastSuccess: at, lastRun: at ? { at, status } : null, newestDay };
}

describe('cadences', () => {
  it('are the registry\'s by default, and an override replaces one', () => {
    const base = cadences();
    expect(base.get('github')).toBe(D);
    expect(base.get('pypi')).toBe(D);
    const over = cadences(['huggingface=6h', 'leaderboard=7d,npm=12h']);
    expect([over.get('huggingface'), over.get('leaderboard'), over.get('npm'), over.get('github')]).toEqual([6 * H, 7 * D, 12 * H, D]);
    expect(formatInterval(6 * H)).toBe('6h');
    expect(formatInterval(14 * D)).toBe('2w');
    expect(parseInterval('30m')).toBe(30 * 60_000);
  });

  it('refuses an unknown source, a bad interval or one under 10 minutes, saying what to write', () => {
    expect(() => cadences(['hugginface=6h'])).toThrow(/no collected source "hugginface"[\s\S]*/);
    expect(() => cadences(['huggingface=often'])).toThrow(/"often" is not an interval of at least 10 minutes/);
    expect(() => cadences(['huggingface=5m'])).toThrow(/at least 10 minutes/);
    expect(() => cadences(['huggingface'])).toThrow(/not written source=interval/);
  });
});

describe('plan', () => {
  it('runs a source whose last success is older than its cadence, and says when the others are next due', () => {
    const c = new Map([['github', D], ['huggingface', 6 * H]]);
    const p = plan(NOW, c, [state('github', 3 * H, '2026-12-02'), state('huggingface', 7 * H, '2026-12-02')]);
    expect(p.map((x) => [x.source, x.due])).toEqual([['github', false], ['huggingface', true]]);
    expect(p[0]!.nextDue.toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(p[1]!.nextDue).toEqual(NOW);
  });

  it('after a week of downtime everything is due at once (catch-up), and a never-run source is due', () => {
    const c = cadences();
    const weekAgo = 7 * D;
    const p = plan(NOW, c, [state('github', weekAgo, '2026-11-25'), state('npm', weekAgo, '2026-11-24'), state('pypi', weekAgo, '2026-11-24'), state('huggingface', weekAgo, '2026-11-25')]);
    for (const source of ['github', 'npm', 'pypi', 'huggingface', 'leaderboard']) expect(p.find((x) => x.source === source)!.due, source).toBe(true);
    expect(p.find((x) => x.source === 'github')!.stale).toBe(true);
  });

  it('Hugging Face keeps no history: every missed day is lost for good, and said loudly', () => {
    const p = plan(NOW, new Map([['huggingface', D]]), [state('huggingface', 7 * D, '2026-11-25')]);
    expect(p[0]!.lost).toEqual(['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01']);
    expect(planWarnings(p)).toEqual([
      'LOST FOR GOOD: huggingface has no data for 2026-11-26 … 2026-12-01 (6 days), and its upstream no longer answers for those days; every chart shows the gap',
    ]);
    // collected yesterday: nothing lost (today is not over)
    expect(plan(NOW, new Map([['huggingface', D]]), [state('huggingface', 20 * H, '2026-12-01')])[0]!.lost).toEqual([]);
  });

  it('pypistats keeps 180 days: days not yet stored are warned about before the window closes, then lost', () => {
    // newest stored day 170 days ago: 169 missing days still answered; the first is gone in 12 days
    const newest = new Date(NOW.getTime() - 170 * D).toISOString().slice(0, 10);
    const p = plan(NOW, new Map([['pypi', D]]), [state('pypi', 170 * D, newest)]);
    expect(p[0]!.lost).toEqual([]);
    expect(p[0]!.closing).toEqual({ days: 169, firstGoneIn: 12 });
    expect(planWarnings(p)[0]).toMatch(/^pypi: 169 day\(s\) not yet stored; the first is gone from the upstream in 12 day\(s\)/);
    // 200 days ago: the oldest 20 are gone for good
    const older = new Date(NOW.getTime() - 200 * D).toISOString().slice(0, 10);
    const q = plan(NOW, new Map([['pypi', D]]), [state('pypi', 200 * D, older)]);
    expect(q[0]!.lost).toHaveLength(19);
    expect(q[0]!.closing).toEqual({ days: 180, firstGoneIn: 1 });
  });

  it('a source whose last run failed is stale (the health check fails) though its last success is recent', () => {
    const at = new Date(NOW.getTime() - H);
    const p = plan(NOW, new Map([['npm', D]]), [{ source: 'npm', lastSuccess: new Date(NOW.getTime() - 2 * H), lastRun: { at, status: 'unreachable' }, newestDay: '2026-12-01' }]);
    expect(p[0]).toMatchObject({ due: false, stale: true });
  });
});
