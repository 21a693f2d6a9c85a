import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../simulators/days.ts';
import { parseGraphql, GraphqlSyntaxError } from '../../simulators/graphql-parse.ts';
import { parseCreated, parseSearchQuery, validateSearchQuery } from '../../simulators/search-query.ts';

describe('GitHub search query syntax', () => {
  it('parses terms, phrases, OR, NOT and qualifiers', () => {
    const q = parseSearchQuery('"gpt-4" OR gpt4 in:name,description,topics created:2023-01-01..2023-06-30');
    expect(q.alternatives).toEqual([{ must: ['gpt-4'], mustNot: [] }, { must: ['gpt4'], mustNot: [] }]);
    expect(q.createdFrom).toBe(dayNumber('2023-01-01'));
    expect(q.createdTo).toBe(dayNumber('2023-06-30'));
    expect(parseSearchQuery('claude anthropic -bot').alternatives).toEqual([{ must: ['claude', 'anthropic'], mustNot: ['bot'] }]);
    expect(parseSearchQuery('llama NOT alpaca').alternatives).toEqual([{ must: ['llama'], mustNot: ['alpaca'] }]);
  });

  it('understands every created: form', () => {
    const d = dayNumber('2023-07-01');
    expect(parseCreated('2023-07-01')).toEqual({ from: d, to: d });
    expect(parseCreated('>2023-07-01')).toEqual({ from: d + 1, to: null });
    expect(parseCreated('>=2023-07-01')).toEqual({ from: d, to: null });
    expect(parseCreated('<2023-07-01')).toEqual({ from: null, to: d - 1 });
    expect(parseCreated('<=2023-07-01')).toEqual({ from: null, to: d });
    expect(parseCreated('2023-07-01..*')).toEqual({ from: d, to: null });
    expect(parseCreated('*..2023-07-01')).toEqual({ from: null, to: d });
    expect(parseCreated('2023-13-01')).toBeNull();
  });

  it('rejects what GitHub rejects', () => {
    expect(validateSearchQuery('')).toEqual({ code: 'missing' });
    expect(validateSearchQuery('a OR b OR c OR d OR e OR f OR g')?.code).toBe('invalid');
    expect(validateSearchQuery('a OR b OR c OR d OR e OR f')).toBeNull();
    expect(validateSearchQuery('x'.repeat(257))?.message).toMatch(/256/);
    // Qualifiers do not count toward the 256 characters.
    expect(validateSearchQuery(`${'x'.repeat(250)} in:name,description,topics created:2023-01-01..2023-12-31`)).toBeNull();
  });
});

describe('GraphQL parser', () => {
  it('parses aliases, arguments, variables and fragments', () => {
    const doc = parseGraphql(`query Q($o: String!, $n: String = "x") {
      a: repository(owner: $o, name: $n) { ...F issues(states: [OPEN]) { totalCount } }
      s: search(query: "llama \\"x\\"", type: REPOSITORY, first: 0) { repositoryCount }
    }
    fragment F on Repository { nameWithOwner }`);
    const op = doc.operations[0]!;
    expect(op.name).toBe('Q');
    expect(op.variables.map((v) => [v.name, v.type])).toEqual([['o', 'String!'], ['n', 'String']]);
    const [a, s] = op.selections as { alias: string; name: string; args: Record<string, unknown> }[];
    expect([a!.alias, a!.name]).toEqual(['a', 'repository']);
    expect(s!.args.query).toEqual({ kind: 'string', value: 'llama "x"' });
    expect(s!.args.type).toEqual({ kind: 'enum', value: 'REPOSITORY' });
    expect(doc.fragments.get('F')?.typeCondition).toBe('Repository');
  });

  it('reports syntax errors with a location', () => {
    expect(() => parseGraphql('{ repository(owner: "a" { x }')).toThrow(GraphqlSyntaxError);
    try {
      parseGraphql('{\n  a {\n }}}');
    } catch (error) {
      expect((error as GraphqlSyntaxError).loc).toEqual({ line: 3, column: 4 });
    }
  });
});
