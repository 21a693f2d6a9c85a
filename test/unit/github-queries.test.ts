import { describe, expect, it } from 'vitest';
import { backfillQueryProblem, chunk, createdUpTo, periodEnds, repositoryStatsDocument, searchCountsDocument, splitRepo } from '../../collector/sources/github/queries.ts';
import { adjacentPeriods, extendStored, parseStoredPeriods, pendingItems, planQuery, type StoredPeriods } from '../../collector/sources/github/backfill.ts';
import { catalogQueries, catalogRepos, countMethodFor } from '../../collector/sources/github/index.ts';
import { countRequests } from '../../collector/sources/github/counts.ts';
import { statsRequests } from '../../collector/sources/github/repo-stats.ts';
import { resolveSettings } from '../../collector/sources/github/settings.ts';

describe('GraphQL documents', () => {
  it('aliases one search per query and escapes quotes', () => {
    expect(searchCountsDocument(['llama in:name', '"gpt-4" OR gpt4'])).toMatchInlineSnapshot(`
      "query OpenPulseSearchCounts {
        s0: search(query: "llama in:name", type: REPOSITORY, first: 0) { repositoryCount }
        s1: search(query: "\\"gpt-4\\" OR gpt4", type: REPOSITORY, first: 0) { repositoryCount }
        rateLimit { cost remaining resetAt limit }
      }"
    `);
  });

  it('aliases up to 100 repositories with the stats fields', () => {
    const doc = repositoryStatsDocument(['a/b', 'c-d/e.f']);
    expect(doc).toContain('r0: repository(owner: "a", name: "b") { nameWithOwner stargazerCount forkCount createdAt watchers { totalCount } issues(states: OPEN) { totalCount } }');
    expect(doc).toContain('r1: repository(owner: "c-d", name: "e.f")');
    expect(() => repositoryStatsDocument([])).toThrow(/at least one/);
  });

  it('splits owner/name and refuses anything else', () => {
    expect(splitRepo('meta-llama/llama3')).toEqual({ owner: 'meta-llama', name: 'llama3' });
    expect(() => splitRepo('llama')).toThrow(/owner\/name/);
  });
});

describe('batching', () => {
  it('chunks into pieces of at most n', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });

  it('500 repositories take 5 GraphQL queries (500 REST calls without a token); 50 keywords 5 GraphQL requests or 50 searches', () => {
    expect(statsRequests(500, true, 100)).toBe(5);
    expect(statsRequests(500, false, 100)).toBe(500);
    expect(countRequests(50, 'graphql', 10)).toBe(5);
    expect(countRequests(50, 'rest', 10)).toBe(50);
  });

  it('counts via GraphQL with a token and REST without (GraphQL needs a token)', () => {
    expect(countMethodFor(resolveSettings({}, true), true)).toBe('graphql');
    expect(countMethodFor(resolveSettings({ countsVia: 'rest' }, true), true)).toBe('rest');
    expect(countMethodFor(resolveSettings({ countsVia: 'graphql' }, false), false)).toBe('rest');
  });

  it('spaces searches 2 s apart with a token and 6 s without, unless told otherwise', () => {
    expect(resolveSettings(undefined, true).searchSpacingMs).toBe(2000);
    expect(resolveSettings(undefined, false).searchSpacingMs).toBe(6000);
    expect(resolveSettings({ searchSpacingMs: 0 }, false).searchSpacingMs).toBe(0);
  });
});

describe('catalog lists', () => {
  const families = [
    { id: 'a', github: { search: ['x', 'y'], repos: ['o/r', 'O/R2'] } },
    { id: 'b', github: { search: ['y', 'z'], repos: ['o/R', 'p/q'] } },
  ] as unknown as Parameters<typeof catalogQueries>[0]['families'];

  it('lists each query once under the first family that names it', () => {
    expect(catalogQueries({ families })).toEqual([
      { query: 'x', family: 'a' },
      { query: 'y', family: 'a' },
      { query: 'z', family: 'b' },
    ]);
  });

  it('lists each repository once, names compared without case', () => {
    expect(catalogRepos({ families }).map((r) => r.name)).toEqual(['o/r', 'O/R2', 'p/q']);
  });
});

describe('backfill periods', () => {
  it('ends months on their last day and caps the last one at until', () => {
    expect(periodEnds('2022-11-01', '2023-02-14', 'month')).toEqual(['2022-11-30', '2022-12-31', '2023-01-31', '2023-02-14']);
    expect(periodEnds('2024-02-10', '2024-03-31', 'month')).toEqual(['2024-02-29', '2024-03-31']);
  });

  it('ends weeks on Saturday (GitHub weeks start on Sunday)', () => {
    // 2022-11-01 was a Tuesday
    expect(periodEnds('2022-11-01', '2022-11-20', 'week')).toEqual(['2022-11-05', '2022-11-12', '2022-11-19', '2022-11-20']);
  });

  it('is empty when since is after until and refuses non-dates', () => {
    expect(periodEnds('2024-01-02', '2024-01-01', 'week')).toEqual([]);
    expect(() => periodEnds('2024-02-30', '2024-03-01', 'month')).toThrow(/calendar date/);
    expect(() => periodEnds('yesterday', '2024-03-01', 'month')).toThrow(/YYYY-MM-DD/);
  });

  it('adds a created: qualifier and checks the result against GitHub limits', () => {
    expect(createdUpTo('llama in:name', '2023-01-31')).toBe('llama in:name created:<=2023-01-31');
    expect(backfillQueryProblem('llama', '2023-01-31')).toBeNull();
    expect(backfillQueryProblem('x'.repeat(240), '2023-01-31')).toMatch(/256 characters/);
  });

  it('resumes outside each query\'s stored interval: no period twice, none skipped', () => {
    const queries = [
      { query: 'a', family: 'f' },
      { query: 'b', family: 'g' },
    ];
    const ends = ['2023-01-31', '2023-02-28', '2023-03-31'];
    const first = pendingItems(queries, ends, new Map([['a', { from: '2023-01-31', through: '2023-02-28' }]]));
    expect(first.map((i) => `${i.query}@${i.day}`)).toEqual(['a@2023-03-31', 'b@2023-01-31', 'b@2023-02-28', 'b@2023-03-31']);
    const done = pendingItems(queries, ends, new Map([['a', { from: '2023-01-31', through: '2023-03-31' }], ['b', { from: '2023-01-31', through: '2023-03-31' }]]));
    expect(done).toEqual([]);
  });

  it('asks the periods before a stored interval too, newest first, when a backfill extends back', () => {
    const queries = [{ query: 'a', family: 'f' }];
    const ends = ['2023-01-31', '2023-02-28', '2023-03-31', '2023-04-30', '2023-05-31'];
    const stored = { from: '2023-03-31', through: '2023-04-30' };
    const items = pendingItems(queries, ends, new Map([['a', stored]]));
    expect(items.map((i) => i.day)).toEqual(['2023-02-28', '2023-01-31', '2023-05-31']);
    const plan = planQuery(queries[0]!, ends, stored, 'month');
    expect(plan).toMatchObject({ extendsBack: true, extendsForward: true });
    let grown: StoredPeriods | undefined = stored;
    for (const day of items.map((i) => i.day)) grown = extendStored(grown, day, plan);
    expect(grown).toEqual({ from: '2023-01-31', through: '2023-05-31' });
  });

  it('does not claim periods it did not ask: a window apart from the stored interval leaves it as it was', () => {
    const stored = { from: '2023-06-30', through: '2023-08-31' };
    const plan = planQuery({ query: 'a', family: 'f' }, ['2023-01-31', '2023-02-28'], stored, 'month');
    expect(plan).toMatchObject({ earlier: ['2023-02-28', '2023-01-31'], extendsBack: false });
    expect(extendStored(stored, '2023-02-28', plan)).toBe(stored);
    expect(adjacentPeriods('2023-05-31', '2023-06-30', 'month')).toBe(true);
    expect(adjacentPeriods('2023-04-30', '2023-06-30', 'month')).toBe(false);
    expect(adjacentPeriods('2023-06-30', '2023-07-15', 'month')).toBe(true);
  });

  it('reads the old marker (the last period stored) as that one period, so earlier ones are asked again', () => {
    expect(parseStoredPeriods('2023-02-28')).toEqual({ from: '2023-02-28', through: '2023-02-28' });
    expect(parseStoredPeriods('{"from":"2023-01-31","through":"2023-02-28"}')).toEqual({ from: '2023-01-31', through: '2023-02-28' });
    expect(parseStoredPeriods('')).toBeUndefined();
    expect(parseStoredPeriods('{broken')).toBeUndefined();
    const ends = ['2023-01-31', '2023-02-28', '2023-03-31'];
    const items = pendingItems([{ query: 'a', family: 'f' }], ends, new Map([['a', parseStoredPeriods('2023-02-28')]]));
    expect(items.map((i) => i.day)).toEqual(['2023-01-31', '2023-03-31']);
  });
});
