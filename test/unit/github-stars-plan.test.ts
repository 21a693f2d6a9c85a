import { describe, expect, it } from 'vitest';
import { dailyFromStarredAt, dailyFromWeeks, parseHistoryPage, retainedSeries, starObservations } from '../../collector/sources/github/star-history.ts';
import { estimateDurationMs, planTasks, weeksOfHistory, type Budget, type Task } from '../../collector/sources/github/plan.ts';
import { parseStatsAnswer, renamedTo, shouldSkipMissing, statsObservations } from '../../collector/sources/github/repo-stats.ts';
import { resourceOfUrl } from '../../collector/sources/github/client.ts';
import { nextLink } from '../../collector/sources/http.ts';

const SUNDAY_2026_11_22 = Date.UTC(2026, 10, 22) / 1000;
const SUNDAY_2026_11_15 = Date.UTC(2026, 10, 15) / 1000;

describe('star history pages', () => {
  it('accepts weeks whose days add up to their total', () => {
    const page = [{ week: SUNDAY_2026_11_22, total: 3, days: [1, 0, 2, 0, 0, 0, 0] }];
    expect(parseHistoryPage(page)).toEqual({ ok: true, weeks: page });
  });

  it('refuses malformed pages and says why', () => {
    expect(parseHistoryPage('{"week": 17')).toMatchObject({ ok: false, message: expect.stringMatching(/not JSON/) });
    expect(parseHistoryPage([{ week: 1, total: 2, days: [1, 0, 0, 0, 0, 0, 0] }])).toMatchObject({ ok: false, message: expect.stringMatching(/add up/) });
    expect(parseHistoryPage([{ week: 1, total: 0, days: [0, 0] }])).toMatchObject({ ok: false, message: expect.stringMatching(/^unexpected shape at 0\.days/) });
  });

  it('turns weeks (newest first, overlapping pages) into days up to today, zero-filled', () => {
    const weeks = [
      { week: SUNDAY_2026_11_22, total: 5, days: [1, 2, 0, 2, 0, 0, 0] },
      { week: SUNDAY_2026_11_15, total: 7, days: [0, 0, 0, 0, 0, 3, 4] },
      { week: SUNDAY_2026_11_22, total: 9, days: [9, 0, 0, 0, 0, 0, 0] }, // a repeat of a week: the first answer wins
    ];
    const daily = dailyFromWeeks(weeks, '2026-11-25');
    expect(daily[0]).toEqual({ day: '2026-11-15', gained: 0 });
    expect(daily.at(-1)).toEqual({ day: '2026-11-25', gained: 2 });
    expect(daily).toHaveLength(11);
    expect(daily.reduce((s, d) => s + d.gained, 0)).toBe(12);
  });

  it('counts starred_at timestamps per UTC day', () => {
    const daily = dailyFromStarredAt(['2026-11-20T23:59:59Z', '2026-11-20T00:00:00Z', '2026-11-22T10:00:00Z'], '2026-11-23');
    expect(daily).toEqual([
      { day: '2026-11-20', gained: 2 },
      { day: '2026-11-21', gained: 0 },
      { day: '2026-11-22', gained: 1 },
      { day: '2026-11-23', gained: 0 },
    ]);
  });

  it('anchors the cumulative series at today\'s stargazerCount', () => {
    const daily = [
      { day: '2026-11-20', gained: 2 },
      { day: '2026-11-21', gained: 0 },
      { day: '2026-11-22', gained: 3 },
    ];
    const agree = retainedSeries(daily, 5);
    expect(agree.map((r) => r.retained)).toEqual([2, 2, 5]);
    expect(agree.offset).toBe(0);
    // Stars held from before the history's first day (or not yet in it): still ends at stargazerCount.
    const lag = retainedSeries(daily, 105);
    expect(lag.map((r) => r.retained)).toEqual([102, 102, 105]);
    expect(lag.offset).toBe(100);
    // Never negative.
    expect(retainedSeries(daily, 1).map((r) => r.retained)).toEqual([0, 0, 1]);
  });

  it('stores gained and retained per day under the catalog name, noting a rename', () => {
    const rows = starObservations({ name: 'o/old', family: 'f' }, [{ day: '2026-11-22', gained: 3 }], 3, 'o/new');
    expect(rows).toEqual([
      { source: 'github', subject: 'repo:o/old', family: 'f', metric: 'github_stars_gained', observed_at: '2026-11-22', value: 3, detail: { renamed_to: 'o/new' } },
      // the day before the history: nothing held (the history dates every star)
      { source: 'github', subject: 'repo:o/old', family: 'f', metric: 'github_stars_retained', observed_at: '2026-11-21', value: 0, detail: { renamed_to: 'o/new' } },
      { source: 'github', subject: 'repo:o/old', family: 'f', metric: 'github_stars_retained', observed_at: '2026-11-22', value: 3, detail: { renamed_to: 'o/new' } },
    ]);
  });

  it('says what a repository held before its history: nothing when the history dates every star, else the stars it does not', () => {
    const daily = [
      { day: '2026-11-20', gained: 2 },
      { day: '2026-11-21', gained: 3 },
    ];
    const before = (current: number) => starObservations({ name: 'o/r', family: 'f' }, daily, current, null).find((r) => r.metric === 'github_stars_retained' && r.observed_at === '2026-11-19')?.value;
    expect(before(5)).toBe(0);
    expect(before(105)).toBe(100);
    // a history that sums to more than stargazerCount (stars withdrawn since the count): never negative
    expect(before(4)).toBe(0);
    expect(starObservations({ name: 'o/r', family: 'f' }, [], 5, null)).toEqual([]);
  });
});

describe('repository stats answers', () => {
  const good = { nameWithOwner: 'o/a', stargazerCount: 10, forkCount: 2, createdAt: '2023-01-01T00:00:00Z', watchers: { totalCount: 3 }, issues: { totalCount: 4 } };

  it('reads found, missing and malformed aliases separately', () => {
    const batch = [
      { name: 'o/a', family: 'f' },
      { name: 'o/gone', family: 'f' },
      { name: 'o/odd', family: 'g' },
    ];
    const outcomes = parseStatsAnswer(batch, { r0: good, r1: null, r2: { ...good, stargazerCount: 'many' } }, [{ type: 'NOT_FOUND', path: ['r1'], message: "Could not resolve to a Repository with the name 'o/gone'." }]);
    expect(outcomes.map((o) => o.kind)).toEqual(['found', 'missing', 'malformed']);
    expect(outcomes[1]).toMatchObject({ message: expect.stringMatching(/o\/gone.*deleted, or private/) });
    expect(outcomes[2]).toMatchObject({ message: expect.stringMatching(/o\/odd.*stargazerCount/) });
  });

  it('treats a different name (not a different case) as a rename', () => {
    expect(renamedTo('THUDM/ChatGLM-6B', 'thudm/chatglm-6b')).toBeNull();
    expect(renamedTo('o/old', 'o/new')).toBe('o/new');
  });

  it('emits four metrics under repo:<catalog name>', () => {
    const rows = statsObservations({ name: 'o/old', family: 'f' }, { ...good, nameWithOwner: 'o/new', watchers: 3, openIssues: 4 }, '2026-11-29');
    expect(rows.map((r) => [r.metric, r.value])).toEqual([
      ['github_stars', 10],
      ['github_forks', 2],
      ['github_watchers', 3],
      ['github_open_issues', 4],
    ]);
    expect(rows.every((r) => r.subject === 'repo:o/old' && (r.detail as { renamed_to: string }).renamed_to === 'o/new')).toBe(true);
  });

  it('stops asking for a repository missing for several runs, and rechecks it later', () => {
    const settings = { missingRunsBeforeSkip: 3, missingRecheckDays: 30 };
    expect(shouldSkipMissing(null, '2026-11-29', settings)).toBe(false);
    expect(shouldSkipMissing({ since: '2026-11-20', runs: 2, lastChecked: '2026-11-28' }, '2026-11-29', settings)).toBe(false);
    expect(shouldSkipMissing({ since: '2026-11-20', runs: 3, lastChecked: '2026-11-28' }, '2026-11-29', settings)).toBe(true);
    expect(shouldSkipMissing({ since: '2026-10-01', runs: 3, lastChecked: '2026-10-20' }, '2026-11-29', settings)).toBe(false);
  });
});

describe('plan', () => {
  const budget = (core: number, graphql: number): Budget => ({
    core: { limit: 5000, remaining: core, reset: 0 },
    search: { limit: 30, remaining: 0, reset: 0 },
    graphql: { limit: 5000, remaining: graphql, reset: 0 },
  });
  const t = (name: string, resource: Task['resource'], points: number): Task => ({ name, resource, requests: points, points });

  it('runs everything when the budget allows', () => {
    const plan = planTasks([t('counts', 'graphql', 5), t('stats', 'graphql', 5), t('stars a', 'core', 10)], budget(100, 100));
    expect(plan.run.map((x) => x.name)).toEqual(['counts', 'stats', 'stars a']);
    expect(plan.deferred).toEqual([]);
    expect(plan.summary).toBe('plan: graphql 10 requests 10 points (100/5000 left), core 10 requests 10 points (100/5000 left)');
  });

  it('keeps priority order when short: after the first task that does not fit, later ones on that resource wait', () => {
    const plan = planTasks([t('stars a', 'core', 4), t('stars b', 'core', 5), t('stars c', 'core', 1), t('counts', 'graphql', 1)], budget(6, 10));
    expect(plan.run.map((x) => x.name)).toEqual(['stars a', 'counts']);
    expect(plan.deferred.map((x) => x.name)).toEqual(['stars b', 'stars c']);
    expect(plan.summary).toMatch(/deferred to the next run: stars b, stars c$/);
  });

  it('never defers searches (their window is a minute) and runs all without a reported budget', () => {
    expect(planTasks([t('counts', 'search', 50)], budget(0, 0)).deferred).toEqual([]);
    expect(planTasks([t('stars', 'core', 1e6)], null).deferred).toEqual([]);
  });

  it('estimates duration across rate-limit windows', () => {
    const base = { spacingMs: 2000, limit: 30, windowMs: 60_000 };
    expect(estimateDurationMs({ ...base, requests: 10, remaining: 30, resetInMs: 60_000 })).toBe(20_000);
    // 30 now (60 s of spacing, reset after 45 s), then 30 more: one full window, then 10 spaced.
    expect(estimateDurationMs({ ...base, requests: 70, remaining: 30, resetInMs: 45_000 })).toBe(60_000 + 60_000 + 20_000);
    expect(estimateDurationMs({ ...base, requests: 0, remaining: 0, resetInMs: 0 })).toBe(0);
  });

  it('counts weeks of history from the creation week to this week', () => {
    expect(weeksOfHistory('2026-11-22T10:00:00Z', new Date('2026-11-28T00:00:00Z'))).toBe(1);
    expect(weeksOfHistory('2026-11-21T10:00:00Z', new Date('2026-11-22T00:00:00Z'))).toBe(2);
    expect(weeksOfHistory('2024-11-24T00:00:00Z', new Date('2026-11-29T00:00:00Z'))).toBe(106);
  });
});

describe('client helpers', () => {
  it('finds rel="next" among the Link relations', () => {
    expect(nextLink('<https://x/r?page=1>; rel="prev", <https://x/r?page=3>; rel="next", <https://x/r?page=9>; rel="last"')).toBe('https://x/r?page=3');
    expect(nextLink('<https://x/r?page=1>; rel="first"')).toBeNull();
    expect(nextLink(undefined)).toBeNull();
  });

  it('tells which rate-limit resource a URL spends', () => {
    expect(resourceOfUrl('http://h/github/graphql')).toBe('graphql');
    expect(resourceOfUrl('/search/repositories?q=x')).toBe('search');
    expect(resourceOfUrl('/repos/o/r/stargazers/history')).toBe('core');
  });
});
