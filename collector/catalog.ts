// The catalog: which model families to track and what to measure for each.
// Parsed once at the edge; every error names file:line:column and what was expected.

import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { OpenPulseError } from './errors.ts';

import {
  LEADERBOARD_CLASSES as LEADERBOARD_CLASS_ENTRIES,
  MODALITY_IDS,
  OPENNESS_IDS,
  RETIRED_OPENNESS,
  SUBJECT_KIND_IDS,
  type LeaderboardClass,
  type Modality,
  type Openness,
  type SubjectKind,
} from '../registry/openness.ts';

/** A subject's or family's openness: the registry's ladder (registry/openness.ts). */
export const OPENNESS = OPENNESS_IDS;
export type { Openness } from '../registry/openness.ts';

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

/** A rung of the openness ladder; a retired value is refused with the rung to write instead. */
const openness = z.string().superRefine((v, ctx) => {
  if ((OPENNESS as readonly string[]).includes(v)) return;
  const instead = RETIRED_OPENNESS[v];
  ctx.addIssue({
    code: 'custom',
    message: instead
      ? `one of ${OPENNESS.map((o) => JSON.stringify(o)).join(', ')}; "${v}" is no longer a class: write ${instead}`
      : `one of ${OPENNESS.map((o) => JSON.stringify(o)).join(', ')}, found ${JSON.stringify(v)}`,
  });
}).transform((v) => v as Openness);

const url = z.string().regex(/^https:\/\/\S+$/, 'an https:// address of the public page that says it');

/**
 * One tracked thing: either its id alone (it takes its family's openness, licence,
 * kind and modality) or {id, openness, licence, kind, modality, noncommercial} where
 * it differs from its family (OpenAI's gpt-oss weights in a family of closed models).
 */
function subjectEntry<T extends z.ZodType<string>>(id: T) {
  return z.union([
    id,
    z
      .object({
        id,
        openness: openness.optional(),
        licence: z.string().min(1).optional(),
        kind: z.enum(SUBJECT_KIND_IDS).optional(),
        modality: z.enum(MODALITY_IDS).optional(),
        noncommercial: z.boolean().optional(),
        source: url.optional(),
      })
      .strict(),
  ]);
}
type SubjectEntry = string | { id: string; openness?: Openness; licence?: string; kind?: SubjectKind; modality?: Modality; noncommercial?: boolean; source?: string };

const release = z
  .object({
    date: day,
    label: z.string().min(1),
    /** The label in Simplified Chinese: names as they are ("Llama 2"), the catalog's own words translated ("Llama 4 Scout 与 Maverick"). */
    label_zh: z.string().min(1).optional(),
    /** The release's own openness when it differs from the family's (ERNIE 4.5's open weights after closed ERNIE Bot). */
    openness: openness.optional(),
    licence: z.string().min(1).optional(),
    /** The public page that gives the date (and the licence). */
    source: url.optional(),
  })
  .strict();

const familyFields = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an id of lower-case letters, digits and dashes'),
    name: z.string().min(1),
    /** The family's name on Chinese pages: the one the vendor uses in Chinese (通义千问, 文心), or the brand itself (Claude). */
    name_zh: z.string().min(1).optional(),
    vendor: z.string().min(1),
    vendor_zh: z.string().min(1).optional(),
    /** The default rung of the family's subjects; a subject or release may name its own. */
    openness,
    /** The default kind and modality of the family's subjects. */
    kind: z.enum(SUBJECT_KIND_IDS).default('model'),
    modality: z.enum(MODALITY_IDS).default('text'),
    region: z.string().regex(/^[A-Z]{2}$/, 'a two-letter region code such as US, CN or EU'),
    licence: z.object({
      name: z.string().min(1),
      commercial_use: z.string().min(1),
      /** What commercial_use says, in Simplified Chinese (the catalog's own summary; the licence name stays as the licensor writes it). */
      commercial_use_zh: z.string().min(1).optional(),
      noncommercial: z.boolean().default(false),
      source: url.optional(),
    }).strict(),
    releases: z.array(release).default([]),
    github: z
      .object({
        /** Search queries; the first one of each side (open, closed) is the family's headline project count on that side. */
        search: z.array(subjectEntry(searchQuery)).default([]),
        repos: z.array(subjectEntry(repoName)).default([]),
      })
      .strict()
      .default({ search: [], repos: [] }),
    huggingface: z
      .object({
        models: z.array(subjectEntry(z.string().regex(/^[^\s/]+(\/[^\s/]+)?$/, 'a model id written org/name'))).default([]),
        authors: z.array(subjectEntry(z.string().regex(/^[^\s/]+$/, 'an organisation name without a slash'))).default([]),
      })
      .strict()
      .default({ models: [], authors: [] }),
    npm: z.array(subjectEntry(z.string().regex(/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/, 'an npm package name'))).default([]),
    pypi: z.array(subjectEntry(z.string().regex(/^[A-Za-z0-9._-]+$/, 'a PyPI package name'))).default([]),
    /**
     * OpenRouter model slugs of the family (author/model, e.g. meta-llama/llama-3.3-70b-instruct):
     * each a subject, exactly or as a case-insensitive regular expression written /…/; a slug
     * takes the class of the first entry that matches it.
     */
    openrouter: z.array(subjectEntry(z.string().min(1).refine((p) => {
      if (!p.startsWith('/')) return /^[^\s/]+\/[^\s]+$/.test(p);
      try {
        new RegExp(p.replace(/^\/|\/$/g, ''), 'i');
        return p.endsWith('/') && p.length > 2;
      } catch {
        return false;
      }
    }, 'an OpenRouter slug written author/model, or a regular expression written /…/'))).default([]),
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

/** One tracked subject with everything a share needs: its store key, class, licence, kind and modality. */
export interface Subject {
  /** The store's subject key: search:…, repo:…, hf:…, hf-author:…, npm:…, pypi:…, openrouter:… (a slug or /pattern/) */
  key: string;
  family: string;
  openness: Openness;
  licence: string;
  noncommercial: boolean;
  kind: SubjectKind;
  modality: Modality;
  source: string;
}

const SUBJECT_PREFIX = { search: 'search:', repos: 'repo:', models: 'hf:', authors: 'hf-author:', npm: 'npm:', pypi: 'pypi:', openrouter: 'openrouter:' } as const;

const family = familyFields.superRefine((f, ctx) => {
  const lists: [string[], SubjectEntry[]][] = [
    [['github', 'search'], f.github.search],
    [['github', 'repos'], f.github.repos],
    [['huggingface', 'models'], f.huggingface.models],
    [['huggingface', 'authors'], f.huggingface.authors],
    [['npm'], f.npm],
    [['pypi'], f.pypi],
    [['openrouter'], f.openrouter],
  ];
  for (const [where, list] of lists) {
    list.forEach((entry, i) => {
      if (typeof entry === 'string') return;
      if (entry.openness && entry.openness !== f.openness && !entry.licence) {
        ctx.addIssue({ code: 'custom', path: [...where, i, 'licence'], message: `the licence of "${entry.id}" (its openness, ${entry.openness}, differs from its family's, so its family's licence cannot be its own)` });
      }
    });
  }
  f.releases.forEach((r, i) => {
    if (r.openness && r.openness !== f.openness && !r.licence) {
      ctx.addIssue({ code: 'custom', path: ['releases', i, 'licence'], message: `the licence of release "${r.label}" (its openness, ${r.openness}, differs from its family's)` });
    }
  });
}).transform((f) => {
  const subjects: Subject[] = [];
  const flatten = (list: SubjectEntry[], prefix: string): string[] =>
    list.map((entry) => {
      const e = typeof entry === 'string' ? { id: entry } : entry;
      subjects.push({
        key: `${prefix}${e.id}`,
        family: f.id,
        openness: e.openness ?? f.openness,
        licence: e.licence ?? f.licence.name,
        noncommercial: e.noncommercial ?? (e.licence ? false : f.licence.noncommercial),
        kind: e.kind ?? f.kind,
        modality: e.modality ?? f.modality,
        source: e.source ?? (e.licence ? '' : f.licence.source ?? ''),
      });
      return e.id;
    });
  return {
    ...f,
    github: { search: flatten(f.github.search, SUBJECT_PREFIX.search), repos: flatten(f.github.repos, SUBJECT_PREFIX.repos) },
    huggingface: { models: flatten(f.huggingface.models, SUBJECT_PREFIX.models), authors: flatten(f.huggingface.authors, SUBJECT_PREFIX.authors) },
    npm: flatten(f.npm, SUBJECT_PREFIX.npm),
    pypi: flatten(f.pypi, SUBJECT_PREFIX.pypi),
    openrouter: flatten(f.openrouter, SUBJECT_PREFIX.openrouter),
    /** Every tracked subject with its own class (the lists above keep only the ids, for the collectors). */
    subjects,
  };
});

export type { LeaderboardClass } from '../registry/openness.ts';
/** The leaderboard's licence classes: the registry's list (rung plus non-commercial flag, and unknown). */
export const LEADERBOARD_CLASSES = LEADERBOARD_CLASS_ENTRIES.map((c) => c.id);
/** The classes a catalog lists licence strings under: all but `unknown`, which is what no list takes. */
export type ListedLeaderboardClass = Exclude<LeaderboardClass, 'unknown'>;

/**
 * A leaderboard `License` string as the catalog matches it: lower-cased, every run of
 * spaces, dashes, underscores and dots one space, trimmed. "Apache-2.0", "apache 2.0"
 * and "Apache_2.0" are one string; "-" and "" are none (no letter or digit).
 */
export function normaliseLicence(licence: string): string {
  return licence.toLowerCase().replace(/[\s\-_.]+/g, ' ').trim();
}

const licenceList = z.array(z.string().refine((l) => normaliseLicence(l) !== '', 'a licence string with a letter or digit (placeholders such as "-" count as unknown on their own)')).default([]);

/** Older catalogs' keys, read as the class they meant. */
const LEGACY_LICENCE_KEYS = {
  /** A non-commercial licence restricts use, so it is the restricted rung's non-commercial class. */
  open_noncommercial: 'open-weights-restricted-noncommercial',
  /** Read as the lowest open rung: it claims no more than open weights. List each licence under its rung instead. */
  open: 'open-weights-restricted',
} as const satisfies Record<string, ListedLeaderboardClass>;

/**
 * The one table that classes leaderboard `License` strings: per class (registry
 * LEADERBOARD_CLASSES but `unknown`), the strings as the tables write them, typos and
 * spelling variants included. Matched after normaliseLicence; a string in no list counts
 * as `unknown`. One string may not sit in two classes.
 */
const leaderboardLicences = z
  .object({
    closed: licenceList,
    'open-weights-restricted-noncommercial': licenceList,
    'open-weights-restricted': licenceList,
    'open-weights-osi': licenceList,
    'open-source': licenceList,
    open_noncommercial: licenceList,
    open: licenceList,
  } satisfies Record<ListedLeaderboardClass | keyof typeof LEGACY_LICENCE_KEYS, unknown>)
  .strict()
  .superRefine((lists, ctx) => {
    const seen = new Map<string, { cls: ListedLeaderboardClass; key: string; raw: string }>();
    for (const [key, list] of Object.entries(lists) as [keyof typeof lists, string[]][]) {
      const cls: ListedLeaderboardClass = key in LEGACY_LICENCE_KEYS ? LEGACY_LICENCE_KEYS[key as keyof typeof LEGACY_LICENCE_KEYS] : (key as ListedLeaderboardClass);
      list.forEach((raw, i) => {
        const normal = normaliseLicence(raw);
        const before = seen.get(normal);
        if (before && before.cls !== cls) {
          ctx.addIssue({
            code: 'custom',
            path: [key, i],
            message: `a licence string in one class only; "${raw}" is "${before.raw}" of ${before.key} once lower-cased with spaces, dashes, underscores and dots alike: keep it in one class`,
          });
        } else if (!before) {
          seen.set(normal, { cls, key, raw });
        }
      });
    }
  })
  .transform(({ open_noncommercial, open, ...lists }) => ({
    ...lists,
    'open-weights-restricted-noncommercial': [...lists['open-weights-restricted-noncommercial'], ...open_noncommercial],
    'open-weights-restricted': [...lists['open-weights-restricted'], ...open],
  }));

const catalogSchema = z
  .object({
    families: z.array(family).min(1),
    leaderboard_licences: leaderboardLicences,
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

const licenceTables = new WeakMap<object, Map<string, ListedLeaderboardClass>>();

/** The catalog's leaderboard_licences as one lookup: normalised string to class. */
function licenceTable(licences: Catalog['leaderboard_licences']): Map<string, ListedLeaderboardClass> {
  let table = licenceTables.get(licences);
  if (!table) {
    table = new Map();
    for (const [cls, list] of Object.entries(licences) as [ListedLeaderboardClass, string[]][]) {
      for (const raw of list) if (!table.has(normaliseLicence(raw))) table.set(normaliseLicence(raw), cls);
    }
    licenceTables.set(licences, table);
  }
  return table;
}

/**
 * Classifies a leaderboard `License` string through the catalog's one table (see
 * normaliseLicence); null when no class takes it, which the leaderboard counts as `unknown`.
 */
export function classifyLicence(catalog: Pick<Catalog, 'leaderboard_licences'>, licence: string): ListedLeaderboardClass | null {
  return licenceTable(catalog.leaderboard_licences).get(normaliseLicence(licence)) ?? null;
}

/** The catalog family whose leaderboard patterns match a model name, or ''. */
export function familyOfModel(catalog: Pick<Catalog, 'families'>, modelName: string): string {
  for (const f of catalog.families) {
    if (f.leaderboard.some((p) => new RegExp(p, 'i').test(modelName))) return f.id;
  }
  return '';
}

/** A release (a release_events row or a catalog release) by its family, day and label. */
export interface ReleaseKey {
  family: string;
  /** YYYY-MM-DD */
  date: string;
  label: string;
}

/** A release's label in a language: the catalog's Chinese where it gives one, else the label as it is. */
export function releaseLabel(catalog: Pick<Catalog, 'families'>, release: ReleaseKey, lang: 'en' | 'zh'): string {
  if (lang === 'en') return release.label;
  const found = catalog.families.find((f) => f.id === release.family)?.releases.find((r) => r.date === release.date && r.label === release.label);
  return found?.label_zh ?? release.label;
}

/** What a family's licence allows commercially, in a language: the catalog's Chinese where it gives one. */
export function commercialUse(catalog: Pick<Catalog, 'families'>, family: string, lang: 'en' | 'zh'): { text: string; lang: 'en' | 'zh' } | undefined {
  const licence = catalog.families.find((f) => f.id === family)?.licence;
  if (!licence) return undefined;
  if (lang === 'zh' && licence.commercial_use_zh) return { text: licence.commercial_use_zh, lang: 'zh' };
  return { text: licence.commercial_use, lang: 'en' };
}
