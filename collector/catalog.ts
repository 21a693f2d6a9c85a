// The catalog: which model families to track and what to measure for each.
// Parsed once at the edge; every error names file:line:column and what was expected.

import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { OpenPulseError } from './errors.ts';

import { FAMILY_OPENNESS_IDS, LEADERBOARD_CLASSES as LEADERBOARD_CLASS_ENTRIES, type FamilyOpenness, type LeaderboardClass } from '../registry/openness.ts';

/** A family's openness: the registry's list (registry/openness.ts). */
export const OPENNESS = FAMILY_OPENNESS_IDS;
export type Openness = FamilyOpenness;

/** GitHub rejects search queries longer than this many characters. */
export const GITHUB_QUERY_MAX_CHARS = 256;
/** GitHub rejects search queries with more than this many AND/OR/NOT operators. */
export const GITHUB_QUERY_MAX_OPERATORS = 5;

const day = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD'));

const repoName = z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'a repository written owner/name');

/** Why a GitHub search query would be rejected, or null when GitHub accepts it. */
export function githubQueryProblem(query: string): string | null {
  if (query.trim() === '') return 'an empty search query';
  if (query.length > GITHUB_QUERY_MAX_CHARS) {
    return `a search query of at most ${GITHUB_QUERY_MAX_CHARS} characters (GitHub rejects longer ones); this one has ${query.length}`;
  }
  const operators = query.match(/\b(AND|OR|NOT)\b/g)?.length ?? 0;
  if (operators > GITHUB_QUERY_MAX_OPERATORS) {
    return `a search query with at most ${GITHUB_QUERY_MAX_OPERATORS} AND/OR/NOT operators (GitHub rejects more); this one has ${operators}`;
  }
  return null;
}

const searchQuery = z.string().superRefine((q, ctx) => {
  const problem = githubQueryProblem(q);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const family = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an id of lower-case letters, digits and dashes'),
    name: z.string().min(1),
    vendor: z.string().min(1),
    openness: z.enum(OPENNESS),
    region: z.string().regex(/^[A-Z]{2}$/, 'a two-letter region code such as US, CN or EU'),
    licence: z.object({
      name: z.string().min(1),
      commercial_use: z.string().min(1),
    }).strict(),
    releases: z.array(z.object({ date: day, label: z.string().min(1) }).strict()).default([]),
    github: z
      .object({
        /** Search queries; the first one is the family's headline project count. */
        search: z.array(searchQuery).default([]),
        repos: z.array(repoName).default([]),
      })
      .strict()
      .default({ search: [], repos: [] }),
    huggingface: z
      .object({
        models: z.array(z.string().regex(/^[^\s/]+(\/[^\s/]+)?$/, 'a model id written org/name')).default([]),
        authors: z.array(z.string().regex(/^[^\s/]+$/, 'an organisation name without a slash')).default([]),
      })
      .strict()
      .default({ models: [], authors: [] }),
    npm: z.array(z.string().regex(/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/, 'an npm package name')).default([]),
    pypi: z.array(z.string().regex(/^[A-Za-z0-9._-]+$/, 'a PyPI package name')).default([]),
    /** Case-insensitive regular expressions matched against leaderboard model names. */
    leaderboard: z
      .array(
        z.string().refine((p) => {
          try {
            new RegExp(p, 'i');
            return true;
          } catch {
            return false;
          }
        }, 'a valid regular expression'),
      )
      .default([]),
  })
  .strict();

export type { LeaderboardClass } from '../registry/openness.ts';
/** The leaderboard's licence classes: the registry's list. */
export const LEADERBOARD_CLASSES = LEADERBOARD_CLASS_ENTRIES.map((c) => c.id);

const catalogSchema = z
  .object({
    families: z.array(family).min(1),
    /** Leaderboard `License` values per class; matched case-insensitively, extendable. */
    leaderboard_licences: z
      .object({
        closed: z.array(z.string()).default([]),
        open_noncommercial: z.array(z.string()).default([]),
        open: z.array(z.string()).default([]),
      })
      .strict(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Map<string, number>();
    c.families.forEach((f, i) => {
      const before = seen.get(f.id);
      if (before !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['families', i, 'id'], message: `a unique id; "${f.id}" is already used by family #${before + 1}` });
      }
      seen.set(f.id, i);
    });
  });

export type Catalog = z.infer<typeof catalogSchema> & { file: string };
export type Family = Catalog['families'][number];

/** Reads and validates a catalog file. Throws OpenPulseError('CATALOG') naming file:line:column. */
export async function loadCatalog(file: string): Promise<Catalog> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new OpenPulseError('CATALOG', `cannot read the catalog ${file}: ${(cause as Error).message}`, {
      cause,
      hint: 'pass an existing file with --catalog FILE or OPENPULSE_CATALOG',
    });
  }
  return parseCatalog(text, file);
}

export function parseCatalog(text: string, file: string): Catalog {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new OpenPulseError('CATALOG', `${position(first.pos[0])}: invalid YAML: ${first.message.split('\n')[0]}`, {
      hint: 'fix the YAML syntax at that position',
    });
  }
  // reportInput: the issue carries the value found, so a message can say what was there instead
  const result = catalogSchema.safeParse(doc.toJS(), { reportInput: true });
  if (!result.success) {
    const lines = result.error.issues.slice(0, 10).map((issue) => {
      const node = nearestNode(doc.contents as Node | null, issue.path as (string | number)[]);
      const where = node?.range ? position(node.range[0]) : `${file}:1:1`;
      const field = issue.path.length ? issue.path.join('.') : '(top level)';
      return `${where}: ${field}: expected ${describeExpectation(issue)}`;
    });
    throw new OpenPulseError('CATALOG', `the catalog does not fit its schema:\n  ${lines.join('\n  ')}`, {
      hint: 'see the comments at the top of collector/catalog.yml for every field',
    });
  }
  return { ...result.data, file };
}

/** The deepest YAML node along a path, so an error points at the field or its parent. */
function nearestNode(root: Node | null, path: (string | number)[]): Node | null {
  let node: Node | null = root;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) return node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

/** A value found in the YAML, as a reader of the message would recognise it. */
function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const shown = JSON.stringify(value);
  return `${typeof value} ${shown.length > 60 ? `${shown.slice(0, 60)}…` : shown}`;
}

function describeExpectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `${issue.expected}, ${issue.input === undefined ? 'but the field is missing' : `found ${describeValue(issue.input)}`}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `no field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')} (unknown here)`;
    case 'invalid_format':
      return issue.message;
    case 'too_small':
      return `at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'item(s)' : 'character(s)'}`;
    default:
      return issue.message;
  }
}

/** Classifies a leaderboard `License` value using the catalog's mapping; null when unknown. */
export function classifyLicence(catalog: Pick<Catalog, 'leaderboard_licences'>, licence: string): LeaderboardClass | null {
  const wanted = licence.trim().toLowerCase();
  for (const cls of LEADERBOARD_CLASSES) {
    if (catalog.leaderboard_licences[cls].some((l) => l.trim().toLowerCase() === wanted)) return cls;
  }
  return null;
}

/** The catalog family whose leaderboard patterns match a model name, or ''. */
export function familyOfModel(catalog: Pick<Catalog, 'families'>, modelName: string): string {
  for (const f of catalog.families) {
    if (f.leaderboard.some((p) => new RegExp(p, 'i').test(modelName))) return f.id;
  }
  return '';
}
