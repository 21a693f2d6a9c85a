// The stale banner judges each source by its own schedule, as the scheduler does:
// late when its last successful collection is older than twice its cadence or its
// last run failed; never because the upstream publishes rarely.

import { describe, expect, it } from 'vitest';
import { cadences } from '../../collector/schedule/plan.ts';
import { cadenceWords, freshnessOf, sourceState, staleSentence, type FreshnessRow } from '../../site/lib/freshness.ts';

const built = new Date('2026-12-02T18:20:00Z');

function row(over: Partial<FreshnessRow> & { source: string }): FreshnessRow {
  return {
    newest_day: '2026-12-02',
    facts: 100,
    last_run: '2026-12-02 18:13:16.015',
    last_status: 'ok',
    last_rows: 100,
    last_message: '',
    newest_collected: '2026-12-02 18:13:16.015',
    ...over,
  };
}

describe('freshness by schedule', () => {
  it('calls a leaderboard publication from August current when it was collected today', () => {
    const [leaderboard] = freshnessOf([row({ source: 'leaderboard', newest_day: '2026-08-03' })], built, cadences());
    expect(leaderboard).toMatchObject({ source: 'leaderboard', newestDay: '2026-08-03', stale: false, failed: null, ageDays: 0, lastSuccess: '2026-12-02T18:13:16.015Z' });
  });

  it('allows one missed run, and calls a source late after two', () => {
    const rows = [
      row({ source: 'github', last_run: '2026-12-01 06:00:00.000', newest_collected: '2026-12-01 06:00:00.000', newest_day: '2026-12-01' }),
      row({ source: 'npm', last_run: '2026-11-29 06:00:00.000', newest_collected: '2026-11-29 06:00:00.000', newest_day: '2026-11-28' }),
      // the leaderboard is collected every 30 days: 40 days without a success is under 2 × 30
      row({ source: 'leaderboard', last_run: '2026-10-23 06:00:00.000', newest_collected: '2026-10-23 06:00:00.000', newest_day: '2026-08-03' }),
    ];
    const out = freshnessOf(rows, built, cadences());
    expect(out.map((s) => [s.source, s.stale, s.ageDays])).toEqual([
      ['github', false, 1],
      ['npm', true, 3],
      ['leaderboard', false, 40],
    ]);
  });

  it('calls a source late when its last run failed, and keeps its last success', () => {
    const [github] = freshnessOf([row({ source: 'github', last_run: '2026-12-02 18:00:00.000', last_status: 'failed', newest_collected: '2026-12-01 18:00:00.000' })], built, cadences());
    expect(github).toMatchObject({ stale: true, failed: 'failed', lastSuccess: '2026-12-01T18:00:00.000Z', ageDays: 1 });
  });

  it('reads a skipped run (a source switched off) as no run, and a partial one as a success', () => {
    expect(sourceState(row({ source: 'arena', last_status: 'skipped', newest_collected: '2026-11-30 00:00:00.000' }))).toMatchObject({ lastRun: null, lastSuccess: new Date('2026-11-30T00:00:00Z') });
    const [partial] = freshnessOf([row({ source: 'pypi', last_status: 'partial', newest_collected: null })], built, cadences());
    expect(partial).toMatchObject({ stale: false, failed: null, lastSuccess: '2026-12-02T18:13:16.015Z' });
  });

  it('leaves out the cited reference figures and sources without data', () => {
    const out = freshnessOf([row({ source: 'reference', last_run: null, last_status: '' }), row({ source: 'openrouter', newest_day: null, facts: 0 })], built, cadences());
    expect(out).toEqual([]);
  });

  it('uses the cadences the scheduler is given', () => {
    const rows = [row({ source: 'huggingface', last_run: '2026-12-02 04:00:00.000', newest_collected: '2026-12-02 04:00:00.000' })];
    expect(freshnessOf(rows, built, cadences())[0]!.stale).toBe(false);
    expect(freshnessOf(rows, built, cadences(['huggingface=6h']))[0]).toMatchObject({ stale: true, cadenceMs: 6 * 3_600_000 });
  });
});

describe('freshness in words', () => {
  it('says cadences in both languages', () => {
    expect([86_400_000, 7 * 86_400_000, 6 * 3_600_000].map((ms) => cadenceWords(ms, 'en'))).toEqual(['every day', 'every 7 days', 'every 6 hours']);
    expect([86_400_000, 7 * 86_400_000, 6 * 3_600_000].map((ms) => cadenceWords(ms, 'zh'))).toEqual(['每天', '每 7 天', '每 6 小时']);
  });

  it('says when a late source was last collected, and that a run failed', () => {
    const [late] = freshnessOf([row({ source: 'npm', last_run: '2026-11-29 06:00:00.000', newest_collected: '2026-11-29 06:00:00.000' })], built, cadences());
    expect(staleSentence(late!, 'en')).toBe('npm: last collected Nov 29, 2026 (3 days before this build), but it is collected every day.');
    expect(staleSentence(late!, 'zh')).toBe('npm：最近一次成功采集于 2026年11月29日（本次构建前 3 天），而按计划应每天采集一次。');
    const [failed] = freshnessOf([row({ source: 'github', last_status: 'unreachable', newest_collected: '2026-12-01 18:00:00.000' })], built, cadences());
    expect(staleSentence(failed!, 'en')).toBe('github: its upstream was unreachable on the last collection run; last collected Dec 1, 2026 (1 day before this build). It is collected every day.');
    expect(staleSentence({ ...failed!, failed: 'failed' }, 'zh')).toBe('github：最近一次采集失败；最近一次成功采集于 2026年12月1日（本次构建前 1 天）。按计划每天采集一次。');
  });
});
