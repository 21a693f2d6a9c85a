// GitHub's GraphQL endpoint for the queries collectors send: many aliased
// `repository(owner:, name:)` fields with counts, aliased `search(type: REPOSITORY)`
// counts (and nodes), and `rateLimit`. Validation errors, NOT_FOUND and FORBIDDEN
// errors, rename following and the point cost follow GitHub's documented behaviour.

import { DAY_MS } from './days.ts';
import { json, type Reply, type SimRequest } from './http-reply.ts';
import { GraphqlSyntaxError, parseGraphql, type DocumentNode, type FieldNode, type Location, type SelectionNode, type Value } from './graphql-parse.ts';
import type { RateWindow } from './rate-limits.ts';
import type { RepoRecord } from './repositories.ts';
import { validateSearchQuery } from './search-query.ts';
import { nodeId } from './github-json.ts';
import type { World } from './world.ts';

export interface GraphqlContext {
  world: World;
  isAdmin(req: SimRequest, fullName: string, originalName: string): boolean;
  /** The caller's GraphQL window as it will be once `cost` points are charged. */
  windowAfter(req: SimRequest, cost: number): RateWindow;
  viewerLogin(req: SimRequest): string;
}

interface GqlError {
  message: string;
  type?: string;
  path?: (string | number)[];
  locations?: Location[];
  extensions?: Record<string, unknown>;
}

interface FieldDef {
  type: string;
  args?: Record<string, { required?: boolean }>;
  /** Counts toward the point cost when it pages nodes (has first/last). */
  connection?: boolean;
}

const PAGING = { first: {}, last: {}, after: {}, before: {} };
const SCALAR = 'Scalar';
const SCHEMA: Record<string, Record<string, FieldDef>> = {
  Query: {
    repository: { type: 'Repository', args: { owner: { required: true }, name: { required: true }, followRenames: {} } },
    search: { type: 'SearchResultItemConnection', args: { query: { required: true }, type: { required: true }, ...PAGING }, connection: true },
    rateLimit: { type: 'RateLimit', args: { dryRun: {} } },
    viewer: { type: 'User' },
  },
  Repository: {
    id: { type: SCALAR }, databaseId: { type: SCALAR }, name: { type: SCALAR }, nameWithOwner: { type: SCALAR }, url: { type: SCALAR },
    description: { type: SCALAR }, createdAt: { type: SCALAR }, updatedAt: { type: SCALAR }, pushedAt: { type: SCALAR },
    stargazerCount: { type: SCALAR }, forkCount: { type: SCALAR }, isArchived: { type: SCALAR }, isFork: { type: SCALAR },
    isPrivate: { type: SCALAR }, isDisabled: { type: SCALAR }, homepageUrl: { type: SCALAR },
    owner: { type: 'RepositoryOwner' }, primaryLanguage: { type: 'Language' }, licenseInfo: { type: 'License' },
    watchers: { type: 'UserConnection', args: PAGING, connection: true },
    issues: { type: 'IssueConnection', args: { states: {}, labels: {}, orderBy: {}, filterBy: {}, ...PAGING }, connection: true },
    stargazers: { type: 'StargazerConnection', args: { orderBy: {}, ...PAGING }, connection: true },
  },
  RepositoryOwner: { login: { type: SCALAR }, id: { type: SCALAR }, url: { type: SCALAR } },
  User: { login: { type: SCALAR }, id: { type: SCALAR }, name: { type: SCALAR } },
  Language: { name: { type: SCALAR }, color: { type: SCALAR } },
  License: { key: { type: SCALAR }, name: { type: SCALAR }, spdxId: { type: SCALAR } },
  UserConnection: { totalCount: { type: SCALAR }, pageInfo: { type: 'PageInfo' } },
  IssueConnection: { totalCount: { type: SCALAR }, pageInfo: { type: 'PageInfo' } },
  StargazerConnection: { totalCount: { type: SCALAR }, pageInfo: { type: 'PageInfo' }, edges: { type: 'StargazerEdge' }, nodes: { type: 'User' } },
  StargazerEdge: { starredAt: { type: SCALAR }, cursor: { type: SCALAR }, node: { type: 'User' } },
  SearchResultItemConnection: {
    repositoryCount: { type: SCALAR }, issueCount: { type: SCALAR }, userCount: { type: SCALAR }, discussionCount: { type: SCALAR },
    wikiCount: { type: SCALAR }, codeCount: { type: SCALAR }, pageInfo: { type: 'PageInfo' },
    nodes: { type: 'SearchResultItem' }, edges: { type: 'SearchResultItemEdge' },
  },
  SearchResultItemEdge: { cursor: { type: SCALAR }, node: { type: 'SearchResultItem' } },
  SearchResultItem: {},
  PageInfo: { hasNextPage: { type: SCALAR }, hasPreviousPage: { type: SCALAR }, startCursor: { type: SCALAR }, endCursor: { type: SCALAR } },
  RateLimit: { cost: { type: SCALAR }, remaining: { type: SCALAR }, resetAt: { type: SCALAR }, limit: { type: SCALAR }, used: { type: SCALAR }, nodeCount: { type: SCALAR } },
};
/** Types a union member can be selected as inside `... on X`. */
const UNION_MEMBERS: Record<string, string[]> = { SearchResultItem: ['Repository', 'Issue', 'PullRequest', 'User', 'Organization', 'Discussion', 'App', 'MarketplaceListing'] };

const SEARCH_CAP = 1000;

function valueOf(v: Value, vars: Record<string, unknown>): unknown {
  switch (v.kind) {
    case 'variable':
      return vars[v.name] ?? null;
    case 'int':
    case 'float':
    case 'string':
    case 'boolean':
    case 'enum':
      return v.value;
    case 'null':
      return null;
    case 'list':
      return v.values.map((x) => valueOf(x, vars));
    case 'object':
      return Object.fromEntries(Object.entries(v.fields).map(([k, x]) => [k, valueOf(x, vars)]));
  }
}

function argsOf(field: FieldNode, vars: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(field.args).map(([k, v]) => [k, valueOf(v, vars)]));
}

/** Fields of a selection set after expanding fragments that apply to `typeName`. */
function fieldsOf(selections: SelectionNode[], typeName: string, doc: DocumentNode): FieldNode[] {
  const out: FieldNode[] = [];
  for (const s of selections) {
    if (s.kind === 'field') out.push(s);
    else if (s.kind === 'inline') {
      if (s.typeCondition === null || s.typeCondition === typeName) out.push(...fieldsOf(s.selections, typeName, doc));
    } else {
      const fragment = doc.fragments.get(s.name);
      if (fragment && fragment.typeCondition === typeName) out.push(...fieldsOf(fragment.selections, typeName, doc));
    }
  }
  return out;
}

function validate(doc: DocumentNode, selections: SelectionNode[], typeName: string, path: string[], errors: GqlError[], declared: Set<string>): void {
  for (const s of selections) {
    if (s.kind === 'spread') {
      const fragment = doc.fragments.get(s.name);
      if (!fragment) {
        errors.push({ message: `Fragment ${s.name} was used, but not defined`, locations: [s.loc], path, extensions: { code: 'useAndDefineFragment', fragmentName: s.name } });
      } else validate(doc, fragment.selections, fragment.typeCondition, path, errors, declared);
      continue;
    }
    if (s.kind === 'inline') {
      const target = s.typeCondition ?? typeName;
      if (!SCHEMA[target]) continue; // a member type the simulator never returns (Issue, User...) selects nothing
      validate(doc, s.selections, target, [...path, `... on ${target}`], errors, declared);
      continue;
    }
    if (s.name === '__typename') continue;
    const def = SCHEMA[typeName]?.[s.name];
    const fieldPath = [...path, s.alias ?? s.name];
    if (!def) {
      errors.push({ message: `Field '${s.name}' doesn't exist on type '${typeName}'`, locations: [s.loc], path: fieldPath, extensions: { code: 'undefinedField', typeName, fieldName: s.name } });
      continue;
    }
    for (const arg of Object.keys(s.args)) {
      if (!def.args || !(arg in def.args)) {
        errors.push({ message: `Field '${s.name}' doesn't accept argument '${arg}'`, locations: [s.loc], path: [...fieldPath, arg], extensions: { code: 'argumentNotAccepted', name: s.name, typeName: 'Field', argumentName: arg } });
      }
    }
    for (const v of Object.values(s.args)) collectVariables(v, declared, s, errors, fieldPath);
    const missing = Object.entries(def.args ?? {}).filter(([name, a]) => a.required && !(name in s.args)).map(([name]) => name);
    if (missing.length > 0) {
      errors.push({ message: `Field '${s.name}' is missing required arguments: ${missing.join(', ')}`, locations: [s.loc], path: fieldPath, extensions: { code: 'missingRequiredArguments', className: 'Field', name: s.name, arguments: missing.join(', ') } });
    }
    if (def.type === SCALAR && s.selections) {
      errors.push({ message: `Selections can't be made on scalars (field '${s.name}' returns a scalar but has selections)`, locations: [s.loc], path: fieldPath, extensions: { code: 'selectionMismatch', nodeName: `field '${s.name}'` } });
    } else if (def.type !== SCALAR && !s.selections) {
      errors.push({ message: `Field '${s.name}' returns ${def.type} but has no selections. Did you mean '${s.name} { ... }'?`, locations: [s.loc], path: fieldPath, extensions: { code: 'selectionMismatch', nodeName: `field '${s.name}'`, typeName: def.type } });
    } else if (s.selections) validate(doc, s.selections, def.type, fieldPath, errors, declared);
  }
}

function collectVariables(v: Value, declared: Set<string>, field: FieldNode, errors: GqlError[], path: string[]): void {
  if (v.kind === 'variable' && !declared.has(v.name)) {
    errors.push({ message: `Variable $${v.name} is used by ${field.name} but not declared`, locations: [field.loc], path, extensions: { code: 'variableNotDefined', variableName: v.name } });
  } else if (v.kind === 'list') v.values.forEach((x) => collectVariables(x, declared, field, errors, path));
  else if (v.kind === 'object') Object.values(v.fields).forEach((x) => collectVariables(x, declared, field, errors, path));
}

/** GitHub's cost: connection requests (each fetch of a paged connection, multiplied by its parents' page sizes) / 100, at least 1. */
function costOf(doc: DocumentNode, selections: SelectionNode[], typeName: string, vars: Record<string, unknown>, multiplier: number): number {
  let requests = 0;
  for (const field of fieldsOf(selections, typeName, doc)) {
    const def = SCHEMA[typeName]?.[field.name];
    if (!def) continue;
    const args = argsOf(field, vars);
    const page = Math.max(Number(args.first ?? 0) || 0, Number(args.last ?? 0) || 0);
    let childMultiplier = multiplier;
    if (def.connection && (field.name === 'search' || page > 0)) {
      requests += multiplier;
      childMultiplier = multiplier * Math.max(1, page);
    }
    if (field.selections) {
      const childType = def.type;
      for (const member of UNION_MEMBERS[childType] ?? [childType]) {
        if (SCHEMA[member]) requests += costOf(doc, field.selections, member, vars, childMultiplier);
      }
      if (childType === 'SearchResultItemEdge' || childType === 'StargazerEdge') {
        for (const edgeField of fieldsOf(field.selections, childType, doc)) {
          if (edgeField.name === 'node' && edgeField.selections) requests += costOf(doc, edgeField.selections, 'Repository', vars, childMultiplier);
        }
      }
    }
  }
  return requests;
}

export function createGithubGraphql(ctx: GraphqlContext) {
  const { world } = ctx;

  return (req: SimRequest): { reply: Reply; cost: number } => {
    if (req.token === null) {
      return { reply: json(401, { message: 'This endpoint requires you to be authenticated.', documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql' }), cost: 0 };
    }
    let payload: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      payload = JSON.parse(req.body) as typeof payload;
    } catch {
      return { reply: json(400, { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql' }), cost: 0 };
    }
    if (typeof payload?.query !== 'string') {
      return { reply: json(200, { errors: [{ message: 'A query attribute must be specified and must be a string.' }] }), cost: 0 };
    }
    let doc: DocumentNode;
    try {
      doc = parseGraphql(payload.query);
    } catch (error) {
      if (error instanceof GraphqlSyntaxError) return { reply: json(200, { errors: [{ message: error.message, locations: [error.loc] }] }), cost: 0 };
      throw error;
    }
    const operation = typeof payload.operationName === 'string' ? doc.operations.find((o) => o.name === payload.operationName) : doc.operations.length === 1 ? doc.operations[0] : undefined;
    if (!operation) {
      return { reply: json(200, { errors: [{ message: doc.operations.length > 1 ? 'An operation name is required' : `No operation named "${String(payload.operationName)}"` }] }), cost: 0 };
    }
    if (operation.type !== 'query') {
      return { reply: json(200, { errors: [{ message: `Schema is not configured for ${operation.type}s`, locations: [operation.loc] }] }), cost: 0 };
    }
    const given = (payload.variables && typeof payload.variables === 'object' ? payload.variables : {}) as Record<string, unknown>;
    const vars: Record<string, unknown> = {};
    const errors: GqlError[] = [];
    for (const v of operation.variables) {
      const value = v.name in given ? given[v.name] : v.defaultValue ? valueOf(v.defaultValue, {}) : null;
      if (v.type.endsWith('!') && (value === null || value === undefined)) {
        errors.push({ message: `Variable $${v.name} of type ${v.type} was provided invalid value`, locations: [operation.loc], extensions: { value: null, problems: [{ path: [], explanation: 'Expected value to not be null' }] } });
      }
      vars[v.name] = value;
    }
    const opPath = operation.name ? `query ${operation.name}` : 'query';
    validate(doc, operation.selections, 'Query', [opPath], errors, new Set(operation.variables.map((v) => v.name)));
    if (errors.length > 0) return { reply: json(200, { errors }), cost: 0 };

    const cost = Math.max(1, Math.round(costOf(doc, operation.selections, 'Query', vars, 1) / 100));
    const now = world.clock.now();
    const execErrors: GqlError[] = [];

    const repositoryObject = (record: RepoRecord, fullName: string, selections: SelectionNode[], path: (string | number)[]): Record<string, unknown> | null => {
      const facts = world.repoFacts(record);
      const out: Record<string, unknown> = {};
      for (const f of fieldsOf(selections, 'Repository', doc)) {
        const key = f.alias ?? f.name;
        const args = argsOf(f, vars);
        switch (f.name) {
          case '__typename': out[key] = 'Repository'; break;
          case 'id': out[key] = nodeId('R', record.id); break;
          case 'databaseId': out[key] = record.id; break;
          case 'name': out[key] = fullName.split('/')[1]; break;
          case 'nameWithOwner': out[key] = fullName; break;
          case 'url': out[key] = `https://github.com/${fullName}`; break;
          case 'homepageUrl': out[key] = null; break;
          case 'description': out[key] = record.description; break;
          case 'createdAt': out[key] = facts.createdAt; break;
          case 'updatedAt':
          case 'pushedAt': out[key] = new Date(Math.max(record.createdMs, now.getTime() - 3_600_000)).toISOString().replace(/\.\d{3}Z$/, 'Z'); break;
          case 'stargazerCount': out[key] = facts.stars; break;
          case 'forkCount': out[key] = facts.forks; break;
          case 'isArchived': case 'isFork': case 'isPrivate': case 'isDisabled': out[key] = false; break;
          case 'owner': {
            const login = fullName.split('/')[0]!;
            out[key] = scalarObject(f.selections!, record.ownerType === 'User' ? 'User' : 'Organization', { login, id: nodeId(record.ownerType === 'User' ? 'U' : 'O', record.id), url: `https://github.com/${login}` }, 'RepositoryOwner');
            break;
          }
          case 'primaryLanguage': out[key] = scalarObject(f.selections!, 'Language', { name: record.language, color: '#3572A5' }); break;
          case 'licenseInfo': out[key] = record.licence ? scalarObject(f.selections!, 'License', { key: record.licence.key, name: record.licence.name, spdxId: record.licence.spdx_id }) : null; break;
          case 'watchers': out[key] = countConnection(f, 'UserConnection', facts.watchers); break;
          case 'issues': {
            const states = args.states;
            const wantsClosed = Array.isArray(states) ? states.includes('CLOSED') : states === 'CLOSED';
            const wantsOpen = states == null || (Array.isArray(states) ? states.includes('OPEN') : states === 'OPEN');
            const closed = Math.round(facts.openIssues * 4.3);
            out[key] = countConnection(f, 'IssueConnection', (wantsOpen ? facts.openIssues : 0) + (wantsClosed ? closed : 0));
            break;
          }
          case 'stargazers': {
            if (!ctx.isAdmin(req, fullName, record.originalName)) {
              execErrors.push({
                type: 'FORBIDDEN',
                path: [...path, key],
                extensions: { saml_failure: false },
                locations: [f.loc],
                message: 'Listing stargazers is restricted to repository administrators and collaborators.',
              });
              return null; // stargazers is non-null, so the whole repository becomes null
            }
            out[key] = countConnection(f, 'StargazerConnection', facts.stars);
            break;
          }
        }
      }
      return out;
    };

    const scalarObject = (selections: SelectionNode[], typeName: string, values: Record<string, unknown>, schemaType = typeName) => {
      const out: Record<string, unknown> = {};
      for (const f of fieldsOf(selections, schemaType, doc).concat(schemaType !== typeName ? fieldsOf(selections.filter((s) => s.kind !== 'field'), typeName, doc) : [])) {
        out[f.alias ?? f.name] = f.name === '__typename' ? typeName : values[f.name] ?? null;
      }
      return out;
    };

    const pageInfo = (selections: SelectionNode[], hasNext: boolean, hasPrevious: boolean, start: string | null, end: string | null) =>
      scalarObject(selections, 'PageInfo', { hasNextPage: hasNext, hasPreviousPage: hasPrevious, startCursor: start, endCursor: end });

    const countConnection = (field: FieldNode, typeName: string, total: number) => {
      const out: Record<string, unknown> = {};
      for (const f of fieldsOf(field.selections!, typeName, doc)) {
        const key = f.alias ?? f.name;
        if (f.name === '__typename') out[key] = typeName;
        else if (f.name === 'totalCount') out[key] = total;
        else if (f.name === 'pageInfo') out[key] = pageInfo(f.selections!, false, false, null, null);
        else out[key] = []; // stargazer nodes/edges for admins: counts are what collectors need
      }
      return out;
    };

    const cursor = (i: number) => Buffer.from(`cursor:${i}`).toString('base64');
    const fromCursor = (c: unknown) => {
      if (typeof c !== 'string') return 0;
      const m = /^cursor:(\d+)$/.exec(Buffer.from(c, 'base64').toString());
      return m ? Number(m[1]) : 0;
    };

    const searchObject = (f: FieldNode, path: (string | number)[]): Record<string, unknown> | null => {
      const args = argsOf(f, vars);
      const q = String(args.query ?? '');
      const problem = validateSearchQuery(q);
      if (problem) {
        execErrors.push({ type: 'INVALID_SEARCH', path, locations: [f.loc], message: problem.message ?? 'The search query is missing.' });
        return null;
      }
      const first = args.first == null ? null : Number(args.first);
      const last = args.last == null ? null : Number(args.last);
      for (const [name, n] of [['first', first], ['last', last]] as const) {
        if (n !== null && n > 100) {
          execErrors.push({ type: 'EXCESSIVE_PAGINATION', path, locations: [f.loc], message: `Requesting ${n} records on the \`search\` connection exceeds the \`${name}\` limit of 100 records.` });
          return null;
        }
      }
      const selected = fieldsOf(f.selections!, 'SearchResultItemConnection', doc);
      const wantsNodes = selected.some((s) => s.name === 'nodes' || s.name === 'edges');
      if (wantsNodes && first === null && last === null) {
        execErrors.push({ type: 'MISSING_PAGINATION_BOUNDARIES', path, locations: [f.loc], message: 'You must provide a `first` or `last` value to properly paginate the `search` connection.' });
        return null;
      }
      const isRepositorySearch = args.type === 'REPOSITORY';
      const total = isRepositorySearch ? world.github.count(q, now) : 0;
      const offset = fromCursor(args.after);
      const size = Math.max(0, Math.min(first ?? last ?? 0, SEARCH_CAP - offset));
      const records = wantsNodes && isRepositorySearch && size > 0
        ? world.github.search(q, now).map((r) => ({ r, s: world.github.starsAt(r, now) })).sort((a, b) => b.s - a.s || a.r.id - b.r.id).slice(offset, offset + size).map((x) => x.r)
        : [];
      const out: Record<string, unknown> = {};
      for (const s of selected) {
        const key = s.alias ?? s.name;
        switch (s.name) {
          case '__typename': out[key] = 'SearchResultItemConnection'; break;
          case 'repositoryCount': out[key] = total; break;
          case 'pageInfo': out[key] = pageInfo(s.selections!, offset + records.length < Math.min(total, SEARCH_CAP), offset > 0, records.length ? cursor(offset + 1) : null, records.length ? cursor(offset + records.length) : null); break;
          case 'nodes': out[key] = records.map((r, i) => repositoryObject(r, world.github.currentName(r), s.selections!, [...path, key, i])); break;
          case 'edges':
            out[key] = records.map((r, i) => {
              const edge: Record<string, unknown> = {};
              for (const e of fieldsOf(s.selections!, 'SearchResultItemEdge', doc)) {
                edge[e.alias ?? e.name] = e.name === 'cursor' ? cursor(offset + i + 1) : e.name === 'node' ? repositoryObject(r, world.github.currentName(r), e.selections!, [...path, key, i, 'node']) : 'SearchResultItemEdge';
              }
              return edge;
            });
            break;
          default: out[key] = 0; // issueCount, userCount...: the simulator only has repositories
        }
      }
      return out;
    };

    const data: Record<string, unknown> = {};
    for (const f of fieldsOf(operation.selections, 'Query', doc)) {
      const key = f.alias ?? f.name;
      const args = argsOf(f, vars);
      if (f.name === '__typename') data[key] = 'Query';
      else if (f.name === 'repository') {
        const fullName = `${String(args.owner)}/${String(args.name)}`;
        const found = world.github.resolve(fullName, now);
        const target = found.kind === 'found' ? found : found.kind === 'moved' && args.followRenames !== false ? world.github.byId(found.id, now) : null;
        if (!target) {
          data[key] = null;
          execErrors.push({ type: 'NOT_FOUND', path: [key], locations: [f.loc], message: `Could not resolve to a Repository with the name '${fullName}'.` });
        } else data[key] = repositoryObject(target.record, target.fullName, f.selections!, [key]);
      } else if (f.name === 'search') data[key] = searchObject(f, [key]);
      else if (f.name === 'rateLimit') {
        const w = ctx.windowAfter(req, cost);
        data[key] = scalarObject(f.selections!, 'RateLimit', { cost, remaining: w.remaining, resetAt: new Date(w.reset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'), limit: w.limit, used: w.used, nodeCount: 0 });
      } else if (f.name === 'viewer') {
        const login = ctx.viewerLogin(req);
        data[key] = scalarObject(f.selections!, 'User', { login, id: nodeId('U', login.length * DAY_MS), name: login });
      }
    }
    return { reply: json(200, execErrors.length > 0 ? { data, errors: execErrors } : { data }), cost };
  };
}
