import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulators/server.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import { tokenFingerprint } from '../../simulators/http-reply.ts';

const TOKEN = 'ghp_graphql_token';
let sim: Simulator;

type GqlBody = { data?: Record<string, unknown> | null; errors?: { type?: string; message: string; path?: unknown[]; locations?: unknown[]; extensions?: Record<string, unknown> }[] };
async function graphql(query: string, variables?: Record<string, unknown>, token: string | null = TOKEN) {
  const res = await fetch(`${sim.env.GITHUB_API_URL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { res, body: (await res.json()) as GqlBody };
}

const REPO_FIELDS = 'nameWithOwner stargazerCount forkCount watchers { totalCount } issues(states: OPEN) { totalCount }';

beforeAll(async () => {
  sim = await startDefaultSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.limits.reset();
  sim.accounting.reset();
});

describe('GitHub GraphQL', () => {
  it('answers a batch of aliased repositories with the world truth and NOT_FOUND for a missing one', async () => {
    const { res, body } = await graphql(`query {
      a: repository(owner: "ggerganov", name: "llama.cpp") { ${REPO_FIELDS} }
      b: repository(owner: "nobody", name: "nothing") { ${REPO_FIELDS} }
      rateLimit { cost remaining resetAt limit used }
    }`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-resource')).toBe('graphql');
    const truth = sim.world.repo('ggerganov/llama.cpp')!;
    expect(body.data!.a).toEqual({ nameWithOwner: 'ggerganov/llama.cpp', stargazerCount: truth.stars, forkCount: truth.forks, watchers: { totalCount: truth.watchers }, issues: { totalCount: truth.openIssues } });
    expect(body.data!.b).toBeNull();
    expect(body.errors).toEqual([{ type: 'NOT_FOUND', path: ['b'], locations: [{ line: 3, column: 7 }], message: "Could not resolve to a Repository with the name 'nobody/nothing'." }]);
    expect(body.data!.rateLimit).toMatchObject({ cost: 1, remaining: 4999, limit: 5000, used: 1 });
  });

  it('costs one point for 100 aliased repositories and for many search counts', async () => {
    const names = sim.world.flagshipRepos();
    const aliases = Array.from({ length: 100 }, (_, i) => {
      const [owner, name] = names[i % names.length]!.split('/');
      return `r${i}: repository(owner: "${owner}", name: "${name}") { ${REPO_FIELDS} }`;
    });
    const repos = await graphql(`{ ${aliases.join('\n')} rateLimit { cost } }`);
    expect(repos.body.errors).toBeUndefined();
    expect((repos.body.data!.rateLimit as { cost: number }).cost).toBe(1);
    const searches = Array.from({ length: 30 }, (_, i) => `s${i}: search(query: "llama created:<=2023-0${(i % 9) + 1}-01", type: REPOSITORY, first: 0) { repositoryCount }`);
    const counts = await graphql(`{ ${searches.join('\n')} rateLimit { cost } }`);
    expect((counts.body.data!.rateLimit as { cost: number }).cost).toBe(1);
    expect((counts.body.data!.s0 as { repositoryCount: number }).repositoryCount).toBe(sim.world.searchCount('llama created:<=2023-01-01'));
    expect(sim.accounting.summary().byResource.graphql!.cost).toBe(2);
    // Paging nodes costs more, as on GitHub: 100 search nodes each paging 100 issues = 101 requests.
    const heavy = await graphql('{ search(query: "llama", type: REPOSITORY, first: 100) { nodes { ... on Repository { issues(first: 100) { totalCount } } } } rateLimit { cost } }');
    expect((heavy.body.data!.rateLimit as { cost: number }).cost).toBe(1);
    const heavier = await graphql('{ a: search(query: "llama", type: REPOSITORY, first: 100) { nodes { ... on Repository { issues(first: 100) { totalCount } } } } b: search(query: "qwen", type: REPOSITORY, first: 100) { nodes { ... on Repository { issues(first: 100) { totalCount } } } } rateLimit { cost } }');
    expect((heavier.body.data!.rateLimit as { cost: number }).cost).toBe(2);
  });

  it('supports variables and search nodes', async () => {
    const { body } = await graphql(
      'query Q($o: String!, $n: String!, $q: String!) { repository(owner: $o, name: $n) { nameWithOwner } search(query: $q, type: REPOSITORY, first: 3) { repositoryCount pageInfo { hasNextPage endCursor } nodes { ... on Repository { nameWithOwner stargazerCount } } } }',
      { o: 'openai', n: 'openai-python', q: 'chatgpt' },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.repository).toEqual({ nameWithOwner: 'openai/openai-python' });
    const s = body.data!.search as { repositoryCount: number; pageInfo: { hasNextPage: boolean }; nodes: { stargazerCount: number }[] };
    expect(s.repositoryCount).toBe(sim.world.searchCount('chatgpt'));
    expect(s.nodes).toHaveLength(3);
    expect(s.pageInfo.hasNextPage).toBe(true);
  });

  it('follows renames and reports deleted repositories as NOT_FOUND', async () => {
    sim.world.renameRepo('THUDM/ChatGLM-6B', 'zai-org/ChatGLM-6B');
    const renamed = await graphql('{ r: repository(owner: "THUDM", name: "ChatGLM-6B") { nameWithOwner } }');
    expect(renamed.body.data!.r).toEqual({ nameWithOwner: 'zai-org/ChatGLM-6B' });
    sim.world.deleteRepo('zai-org/ChatGLM-6B');
    const deleted = await graphql('{ r: repository(owner: "zai-org", name: "ChatGLM-6B") { nameWithOwner } }');
    expect(deleted.body.data!.r).toBeNull();
    expect(deleted.body.errors![0]!.type).toBe('NOT_FOUND');
  });

  it('forbids the stargazers connection', async () => {
    const { body } = await graphql('{ r: repository(owner: "ollama", name: "ollama") { nameWithOwner stargazers(first: 10) { totalCount } } }');
    expect(body.data!.r).toBeNull();
    expect(body.errors![0]).toMatchObject({ type: 'FORBIDDEN', path: ['r', 'stargazers'] });
  });

  it('answers unknown fields, bad syntax and missing arguments with GraphQL errors, not crashes', async () => {
    const unknown = await graphql('{ repository(owner: "ollama", name: "ollama") { starCount } }');
    expect(unknown.res.status).toBe(200);
    expect(unknown.body.data).toBeUndefined();
    expect(unknown.body.errors![0]).toMatchObject({ message: "Field 'starCount' doesn't exist on type 'Repository'", extensions: { code: 'undefinedField' } });
    const syntax = await graphql('{ repository(owner: "ollama" { x }');
    expect(syntax.body.errors![0]!.message).toMatch(/^Parse error on/);
    const missing = await graphql('{ repository(owner: "ollama") { name } }');
    expect(missing.body.errors![0]!.message).toBe("Field 'repository' is missing required arguments: name");
    const tooMany = await graphql('{ search(query: "llama", type: REPOSITORY, first: 101) { repositoryCount } }');
    expect(tooMany.body.errors![0]!.message).toMatch(/exceeds the `first` limit of 100 records/);
  });

  it('requires a token and answers RATE_LIMITED once the points are spent', async () => {
    const anonymous = await graphql('{ rateLimit { cost } }', undefined, null);
    expect(anonymous.res.status).toBe(401);
    sim.limits.charge(tokenFingerprint(TOKEN), true, 'graphql', 5000);
    const limited = await graphql('{ a: repository(owner: "ollama", name: "ollama") { nameWithOwner } }');
    expect(limited.res.status).toBe(200);
    expect(limited.res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.body.errors![0]!.type).toBe('RATE_LIMITED');
    sim.clock.advance(3_601_000);
    expect((await graphql('{ a: repository(owner: "ollama", name: "ollama") { nameWithOwner } }')).body.data!.a).toEqual({ nameWithOwner: 'ollama/ollama' });
  });
});
