// GitHub repository search syntax, as far as the simulator needs it: terms and quoted
// phrases combined with AND / OR / NOT (or a leading '-'), qualifiers such as
// `in:name,description,topics` (accepted; the world's terms live in exactly those fields)
// and `created:` with every form GitHub documents, plus GitHub's query validation.

import { dayNumber, isDayString } from './days.ts';

/** One alternative of a query in disjunctive normal form: all `must` terms, none of `mustNot`. */
export interface Conjunction {
  must: string[];
  mustNot: string[];
}

export interface ParsedQuery {
  alternatives: Conjunction[];
  /** Inclusive creation-day bounds from `created:` qualifiers, as day numbers. */
  createdFrom: number | null;
  createdTo: number | null;
}

export type QueryProblem = { code: 'missing' | 'invalid'; message?: string };

const MAX_CHARS = 256;
const MAX_OPERATORS = 5;

type Token = { kind: 'term'; text: string; negated: boolean } | { kind: 'op'; op: 'AND' | 'OR' | 'NOT' } | { kind: 'open' } | { kind: 'close' } | { kind: 'qualifier'; key: string; value: string; negated: boolean };

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(-?)(?:"([^"]*)"|(\()|(\))|([A-Za-z_]+):("[^"]*"|\S+)|([^\s()"]+))/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(q)) !== null && m[0].trim() !== '') {
    const negated = m[1] === '-';
    if (m[2] !== undefined) tokens.push({ kind: 'term', text: m[2].toLowerCase(), negated });
    else if (m[3]) tokens.push({ kind: 'open' });
    else if (m[4]) tokens.push({ kind: 'close' });
    else if (m[5] !== undefined) tokens.push({ kind: 'qualifier', key: m[5].toLowerCase(), value: m[6]!.replace(/^"|"$/g, ''), negated });
    else {
      const word = m[7]!;
      if (!negated && (word === 'AND' || word === 'OR' || word === 'NOT')) tokens.push({ kind: 'op', op: word });
      else tokens.push({ kind: 'term', text: word.toLowerCase(), negated });
    }
  }
  return tokens;
}

/** GitHub's own limits: 256 characters (not counting qualifiers and operators) and five AND/OR/NOT operators. */
export function validateSearchQuery(q: string | null): QueryProblem | null {
  if (q === null || q.trim() === '') return { code: 'missing' };
  const tokens = tokenize(q);
  const operators = tokens.filter((t) => t.kind === 'op').length;
  if (operators > MAX_OPERATORS) {
    return { code: 'invalid', message: `The search contains more than ${MAX_OPERATORS} AND / OR / NOT operators.` };
  }
  const length = tokens
    .filter((t) => t.kind === 'term')
    .reduce((n, t) => n + (t as { text: string }).text.length + 1, -1);
  if (length > MAX_CHARS) return { code: 'invalid', message: `The search is longer than ${MAX_CHARS} characters.` };
  for (const t of tokens) {
    if (t.kind === 'qualifier' && t.key === 'created' && parseCreated(t.value) === null) {
      return { code: 'invalid', message: `The created qualifier "${t.value}" is not a date or date range.` };
    }
  }
  return null;
}

function dateOf(text: string): number | null {
  const day = text.slice(0, 10);
  return isDayString(day) ? dayNumber(day) : null;
}

/** Parses a `created:` value into inclusive day bounds; null when GitHub would not understand it. */
export function parseCreated(value: string): { from: number | null; to: number | null } | null {
  const range = /^(.+)\.\.(.+)$/.exec(value);
  if (range) {
    const from = range[1] === '*' ? null : dateOf(range[1]!);
    const to = range[2] === '*' ? null : dateOf(range[2]!);
    if ((range[1] !== '*' && from === null) || (range[2] !== '*' && to === null)) return null;
    return { from, to };
  }
  const cmp = /^(>=|<=|>|<)?(.+)$/.exec(value);
  const day = cmp ? dateOf(cmp[2]!) : null;
  if (!cmp || day === null) return null;
  switch (cmp[1]) {
    case '>=':
      return { from: day, to: null };
    case '>':
      return { from: day + 1, to: null };
    case '<=':
      return { from: null, to: day };
    case '<':
      return { from: null, to: day - 1 };
    default:
      return { from: day, to: day };
  }
}

/** Parses a query that validateSearchQuery accepted. OR binds looser than AND, as on GitHub. */
export function parseSearchQuery(q: string): ParsedQuery {
  const tokens = tokenize(q);
  let createdFrom: number | null = null;
  let createdTo: number | null = null;
  const body: Token[] = [];
  for (const t of tokens) {
    if (t.kind !== 'qualifier') {
      body.push(t);
      continue;
    }
    if (t.key === 'created') {
      const bounds = parseCreated(t.value);
      if (bounds?.from != null) createdFrom = createdFrom === null ? bounds.from : Math.max(createdFrom, bounds.from);
      if (bounds?.to != null) createdTo = createdTo === null ? bounds.to : Math.min(createdTo, bounds.to);
    }
    // Other qualifiers (in:, language:, stars:...) do not narrow the simulated world.
  }
  let pos = 0;
  const parseOr = (): Conjunction[] => {
    let result = parseAnd();
    while (pos < body.length && body[pos]!.kind === 'op' && (body[pos] as { op: string }).op === 'OR') {
      pos++;
      result = result.concat(parseAnd());
    }
    return result;
  };
  const parseAnd = (): Conjunction[] => {
    let result: Conjunction[] = [{ must: [], mustNot: [] }];
    while (pos < body.length) {
      const t = body[pos]!;
      if (t.kind === 'close' || (t.kind === 'op' && t.op === 'OR')) break;
      if (t.kind === 'op' && t.op === 'AND') {
        pos++;
        continue;
      }
      const negate = t.kind === 'op' && t.op === 'NOT';
      if (negate) pos++;
      const operand = parseUnary();
      const next = negate ? negateAll(operand) : operand;
      result = result.flatMap((a) => next.map((b) => ({ must: [...a.must, ...b.must], mustNot: [...a.mustNot, ...b.mustNot] })));
    }
    return result;
  };
  const parseUnary = (): Conjunction[] => {
    const t = body[pos++];
    if (!t) return [{ must: [], mustNot: [] }];
    if (t.kind === 'open') {
      const inner = parseOr();
      if (body[pos]?.kind === 'close') pos++;
      return inner;
    }
    if (t.kind === 'term') return [t.negated ? { must: [], mustNot: [t.text] } : { must: [t.text], mustNot: [] }];
    return [{ must: [], mustNot: [] }];
  };
  const alternatives = parseOr().filter((c, i, all) => all.findIndex((o) => key(o) === key(c)) === i);
  return { alternatives, createdFrom, createdTo };
}

// NOT (a OR b) = NOT a AND NOT b; NOT (a AND b) is approximated the same way (rare in practice).
function negateAll(cs: Conjunction[]): Conjunction[] {
  const mustNot = cs.flatMap((c) => c.must);
  const must = cs.flatMap((c) => c.mustNot);
  return [{ must, mustNot }];
}

function key(c: Conjunction): string {
  return `${[...c.must].sort().join('&')}|${[...c.mustNot].sort().join('&')}`;
}

/** Whether a set of terms satisfies the query's boolean part. */
export function termsMatch(alternatives: Conjunction[], terms: ReadonlySet<string>): boolean {
  return alternatives.some((c) => c.must.every((t) => terms.has(t)) && !c.mustNot.some((t) => terms.has(t)));
}
