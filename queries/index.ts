// Named queries: one file per query in this folder, named by the query.
// Each file starts with a header:
//   -- <name>: <what it answers>
//   -- params: from Date = 2022-11-01, family String = llama    (or "none")
//   -- returns: month Date, open_share Float64
// Parameters are bound by ClickHouse ({from:Date}), never spliced into the SQL.
// A parameter's type may name a registry vocabulary (FamilyMetric, Series, Scope):
// it is expanded here to the Enum of the registry's values, in the header and
// in the SQL alike, so the list of metrics is written once (registry/metrics.ts).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryError } from './errors.ts';
import { FAMILY_METRIC_IDS, SERIES } from '../registry/metrics.ts';
import { SCOPE_IDS } from '../registry/openness.ts';

export const QUERIES_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface QueryParam {
  name: string;
  /** ClickHouse type, e.g. Date, String, UInt32, Array(String). */
  type: string;
  /** Default value as text, when the header gives one. */
  default?: string;
}

export interface QueryColumn {
  name: string;
  type: string;
}

export interface NamedQuery {
  name: string;
  description: string;
  params: QueryParam[];
  returns: QueryColumn[];
  sql: string;
  file: string;
}

export type Params = Record<string, string | number | boolean | string[] | number[] | Date>;

const NAME = /^[a-z][a-z0-9_]*$/;

function enumOf(values: readonly string[]): string {
  for (const v of values) if (!NAME.test(v)) throw new Error(`registry value ${JSON.stringify(v)} cannot be an Enum member`);
  return `Enum(${values.map((v) => `'${v}'`).join(', ')})`;
}

/** Parameter types named after a registry vocabulary, and the ClickHouse type each stands for. */
export const REGISTRY_TYPES: Readonly<Record<string, string>> = {
  FamilyMetric: enumOf(FAMILY_METRIC_IDS),
  Series: enumOf(SERIES),
  Scope: enumOf(SCOPE_IDS),
};

/** Replaces registry type names in bound parameters ({metric:FamilyMetric}) by their Enum. */
function expandRegistryTypes(sql: string): string {
  return sql.replace(/\{(\w+):(\w+)\}/g, (whole, name: string, type: string) => (REGISTRY_TYPES[type] ? `{${name}:${REGISTRY_TYPES[type]}}` : whole));
}

/** Parses a named query file's header and body. */
export function parseNamedQuery(text: string, file: string): NamedQuery {
  const name = path.basename(file, '.sql');
  const lines = text.split('\n');
  const header = (index: number, label: string): string => {
    const line = lines[index] ?? '';
    const match = new RegExp(`^--\\s*${label}:\\s*(.*)$`).exec(line.trim());
    if (!match) {
      throw new QueryError('QUERY_NOT_FOUND', `${file}:${index + 1}: expected a header line "-- ${label}: …"`, {
        hint: 'every named query starts with "-- name: purpose", "-- params: …" and "-- returns: …"',
      });
    }
    return match[1]!.trim();
  };
  const title = header(0, name);
  const params = parseList(header(1, 'params'), file, 2).map(({ name: n, type, rest }) => {
    const p: QueryParam = { name: n, type: REGISTRY_TYPES[type] ?? type };
    if (rest !== undefined) p.default = rest;
    return p;
  });
  const returns = parseList(header(2, 'returns'), file, 3).map(({ name: n, type }) => ({ name: n, type }));
  const sql = expandRegistryTypes(lines.slice(3).join('\n').trim().replace(/;\s*$/, ''));
  for (const p of params) {
    if (!sql.includes(`{${p.name}:`)) {
      throw new QueryError('QUERY_PARAM', `${file}: parameter ${p.name} is declared but the SQL never binds {${p.name}:${p.type}}`);
    }
  }
  return { name, description: title, params, returns, sql, file };
}

function parseList(text: string, file: string, line: number): { name: string; type: string; rest?: string }[] {
  if (text === 'none' || text === '') return [];
  return splitTopLevel(text).map((item) => {
    const match = /^(\w+)\s+([A-Za-z0-9_]+(?:\([^=]*\))?)(?:\s*=\s*(.+))?$/.exec(item.trim());
    if (!match || !NAME.test(match[1]!)) {
      throw new QueryError('QUERY_NOT_FOUND', `${file}:${line}: cannot read "${item.trim()}"; expected "name Type" or "name Type = default"`);
    }
    return match[3] === undefined ? { name: match[1]!, type: match[2]! } : { name: match[1]!, type: match[2]!, rest: match[3].trim() };
  });
}

/** Splits on commas that are not inside parentheses (Array(String), Nullable(…)). */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current);
  return out;
}

let cache: Map<string, NamedQuery> | undefined;

/** Every named query in queries/, by name. */
export function namedQueries(dir = QUERIES_DIR): Map<string, NamedQuery> {
  if (dir === QUERIES_DIR && cache) return cache;
  const map = new Map<string, NamedQuery>();
  for (const entry of readdirSync(dir).sort()) {
    if (!entry.endsWith('.sql')) continue;
    const file = path.join(dir, entry);
    map.set(path.basename(entry, '.sql'), parseNamedQuery(readFileSync(file, 'utf8'), path.relative(path.dirname(dir), file)));
  }
  if (dir === QUERIES_DIR) cache = map;
  return map;
}

export function getNamedQuery(name: string): NamedQuery {
  const query = namedQueries().get(name);
  if (!query) {
    const known = [...namedQueries().keys()];
    const near = known.filter((k) => k.includes(name) || name.includes(k)).slice(0, 3);
    throw new QueryError('QUERY_NOT_FOUND', `no named query "${name}"`, {
      hint: near.length ? `did you mean ${near.join(', ')}? "openpulse query --list" shows all` : '"openpulse query --list" shows every named query',
    });
  }
  return query;
}

/** Fills defaults and checks that every declared parameter has a value and no unknown one is given. */
export function resolveParams(query: NamedQuery, given: Params): Params {
  const out: Params = {};
  for (const p of query.params) {
    const value = given[p.name] ?? p.default;
    if (value === undefined) {
      throw new QueryError('QUERY_PARAM', `query ${query.name} needs parameter ${p.name} (${p.type})`, {
        hint: `pass --param ${p.name}=VALUE`,
      });
    }
    out[p.name] = p.type.startsWith('Array(') && typeof value === 'string' ? parseArrayText(value) : value;
  }
  for (const key of Object.keys(given)) {
    if (!query.params.some((p) => p.name === key)) {
      throw new QueryError('QUERY_PARAM', `query ${query.name} has no parameter "${key}"`, {
        hint: query.params.length ? `its parameters: ${query.params.map((p) => `${p.name} ${p.type}`).join(', ')}` : 'it takes no parameters',
      });
    }
  }
  return out;
}

/** An Array parameter given as text: "a,b,c" (the --param form) or "[]" / "" for an empty array (the header default form). */
export function parseArrayText(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '[]') return [];
  return trimmed.split(',').map((item) => item.trim()).filter(Boolean);
}
