// A small GraphQL parser: enough of the language for the queries collectors send to
// GitHub (operations with variables, aliases, arguments of every literal kind, nested
// selections, fragments and inline fragments), with line/column locations for errors.

export interface Location {
  line: number;
  column: number;
}

export type Value =
  | { kind: 'variable'; name: string }
  | { kind: 'int' | 'float'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'enum'; value: string }
  | { kind: 'list'; values: Value[] }
  | { kind: 'object'; fields: Record<string, Value> };

export interface FieldNode {
  kind: 'field';
  alias: string | null;
  name: string;
  args: Record<string, Value>;
  selections: SelectionNode[] | null;
  loc: Location;
}
export interface InlineFragmentNode {
  kind: 'inline';
  typeCondition: string | null;
  selections: SelectionNode[];
  loc: Location;
}
export interface FragmentSpreadNode {
  kind: 'spread';
  name: string;
  loc: Location;
}
export type SelectionNode = FieldNode | InlineFragmentNode | FragmentSpreadNode;

export interface OperationNode {
  type: 'query' | 'mutation' | 'subscription';
  name: string | null;
  variables: { name: string; type: string; defaultValue: Value | null }[];
  selections: SelectionNode[];
  loc: Location;
}

export interface DocumentNode {
  operations: OperationNode[];
  fragments: Map<string, { typeCondition: string; selections: SelectionNode[] }>;
}

export class GraphqlSyntaxError extends Error {
  readonly loc: Location;
  constructor(message: string, loc: Location) {
    super(message);
    this.name = 'GraphqlSyntaxError';
    this.loc = loc;
  }
}

type Token = { kind: 'punct' | 'name' | 'int' | 'float' | 'string' | 'eof'; value: string; loc: Location };

// Names GitHub's parser uses in its messages, e.g. `Parse error on "}" (RCURLY) at [3, 5]`.
const PUNCT_NAMES: Record<string, string> = { '{': 'LCURLY', '}': 'RCURLY', '(': 'LPAREN', ')': 'RPAREN', '[': 'LBRACKET', ']': 'RBRACKET', ':': 'COLON', '$': 'VAR_SIGN', '!': 'BANG', '=': 'EQUALS', '@': 'DIR_SIGN', '...': 'ELLIPSIS', '|': 'PIPE' };

function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const loc = (): Location => ({ line, column: i - lineStart + 1 });
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === ',' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    const start = loc();
    if (source.startsWith('...', i)) {
      tokens.push({ kind: 'punct', value: '...', loc: start });
      i += 3;
      continue;
    }
    if ('{}()[]:$!=@|'.includes(c)) {
      tokens.push({ kind: 'punct', value: c, loc: start });
      i++;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /[A-Za-z_][A-Za-z0-9_]*/y;
      m.lastIndex = i;
      const name = m.exec(source)![0];
      tokens.push({ kind: 'name', value: name, loc: start });
      i += name.length;
      continue;
    }
    if (/[-0-9]/.test(c)) {
      const m = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
      m.lastIndex = i;
      const found = m.exec(source);
      if (!found) throw new GraphqlSyntaxError(`Parse error on "${c}" at [${start.line}, ${start.column}]`, start);
      tokens.push({ kind: found[2] || found[3] ? 'float' : 'int', value: found[0], loc: start });
      i += found[0].length;
      continue;
    }
    if (source.startsWith('"""', i)) {
      const end = source.indexOf('"""', i + 3);
      if (end < 0) throw new GraphqlSyntaxError(`Parse error on unterminated string at [${start.line}, ${start.column}]`, start);
      const raw = source.slice(i + 3, end);
      for (const ch of raw) if (ch === '\n') line++;
      tokens.push({ kind: 'string', value: raw, loc: start });
      i = end + 3;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < source.length && source[j] !== '"') {
        if (source[j] === '\n') throw new GraphqlSyntaxError(`Parse error on unterminated string at [${start.line}, ${start.column}]`, start);
        if (source[j] === '\\') {
          const e = source[j + 1];
          if (e === 'u') {
            value += String.fromCharCode(Number.parseInt(source.slice(j + 2, j + 6), 16));
            j += 6;
            continue;
          }
          value += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[e ?? ''] ?? e ?? '';
          j += 2;
          continue;
        }
        value += source[j];
        j++;
      }
      if (j >= source.length) throw new GraphqlSyntaxError(`Parse error on unterminated string at [${start.line}, ${start.column}]`, start);
      tokens.push({ kind: 'string', value, loc: start });
      i = j + 1;
      continue;
    }
    throw new GraphqlSyntaxError(`Parse error on "${c}" at [${start.line}, ${start.column}]`, start);
  }
  tokens.push({ kind: 'eof', value: '', loc: loc() });
  return tokens;
}

export function parseGraphql(source: string): DocumentNode {
  const tokens = lex(source);
  let pos = 0;
  const peek = () => tokens[pos]!;
  const fail = (t: Token): never => {
    const what = t.kind === 'eof' ? 'end of file' : `"${t.value}" (${t.kind === 'punct' ? PUNCT_NAMES[t.value] : t.kind.toUpperCase()})`;
    throw new GraphqlSyntaxError(`Parse error on ${what} at [${t.loc.line}, ${t.loc.column}]`, t.loc);
  };
  const isPunct = (v: string) => peek().kind === 'punct' && peek().value === v;
  const expectPunct = (v: string) => {
    const t = peek();
    if (t.kind !== 'punct' || t.value !== v) fail(t);
    pos++;
    return t;
  };
  const expectName = () => {
    const t = peek();
    if (t.kind !== 'name') fail(t);
    pos++;
    return t.value;
  };

  const parseValue = (constant: boolean): Value => {
    const t = peek();
    if (t.kind === 'punct' && t.value === '$' && !constant) {
      pos++;
      return { kind: 'variable', name: expectName() };
    }
    if (t.kind === 'int' || t.kind === 'float') {
      pos++;
      return { kind: t.kind, value: Number(t.value) };
    }
    if (t.kind === 'string') {
      pos++;
      return { kind: 'string', value: t.value };
    }
    if (t.kind === 'name') {
      pos++;
      if (t.value === 'true' || t.value === 'false') return { kind: 'boolean', value: t.value === 'true' };
      if (t.value === 'null') return { kind: 'null' };
      return { kind: 'enum', value: t.value };
    }
    if (isPunct('[')) {
      pos++;
      const values: Value[] = [];
      while (!isPunct(']')) values.push(parseValue(constant));
      pos++;
      return { kind: 'list', values };
    }
    if (isPunct('{')) {
      pos++;
      const fields: Record<string, Value> = {};
      while (!isPunct('}')) {
        const name = expectName();
        expectPunct(':');
        fields[name] = parseValue(constant);
      }
      pos++;
      return { kind: 'object', fields };
    }
    return fail(t);
  };

  const parseType = (): string => {
    let type: string;
    if (isPunct('[')) {
      pos++;
      type = `[${parseType()}]`;
      expectPunct(']');
    } else type = expectName();
    if (isPunct('!')) {
      pos++;
      type += '!';
    }
    return type;
  };

  const skipDirectives = () => {
    while (isPunct('@')) {
      pos++;
      expectName();
      if (isPunct('(')) {
        pos++;
        while (!isPunct(')')) {
          expectName();
          expectPunct(':');
          parseValue(false);
        }
        pos++;
      }
    }
  };

  const parseSelections = (): SelectionNode[] => {
    expectPunct('{');
    const selections: SelectionNode[] = [];
    while (!isPunct('}')) {
      if (peek().kind === 'eof') fail(peek());
      const loc = peek().loc;
      if (isPunct('...')) {
        pos++;
        if (peek().kind === 'name' && peek().value === 'on') {
          pos++;
          const typeCondition = expectName();
          skipDirectives();
          selections.push({ kind: 'inline', typeCondition, selections: parseSelections(), loc });
        } else if (isPunct('{') || isPunct('@')) {
          skipDirectives();
          selections.push({ kind: 'inline', typeCondition: null, selections: parseSelections(), loc });
        } else {
          selections.push({ kind: 'spread', name: expectName(), loc });
          skipDirectives();
        }
        continue;
      }
      let name = expectName();
      let alias: string | null = null;
      if (isPunct(':')) {
        pos++;
        alias = name;
        name = expectName();
      }
      const args: Record<string, Value> = {};
      if (isPunct('(')) {
        pos++;
        while (!isPunct(')')) {
          const argName = expectName();
          expectPunct(':');
          args[argName] = parseValue(false);
        }
        pos++;
      }
      skipDirectives();
      const selections2 = isPunct('{') ? parseSelections() : null;
      selections.push({ kind: 'field', alias, name, args, selections: selections2, loc });
    }
    pos++;
    return selections;
  };

  const doc: DocumentNode = { operations: [], fragments: new Map() };
  while (peek().kind !== 'eof') {
    const t = peek();
    if (t.kind === 'punct' && t.value === '{') {
      doc.operations.push({ type: 'query', name: null, variables: [], selections: parseSelections(), loc: t.loc });
      continue;
    }
    if (t.kind !== 'name') fail(t);
    if (t.value === 'fragment') {
      pos++;
      const name = expectName();
      if (expectName() !== 'on') fail(tokens[pos - 1]!);
      const typeCondition = expectName();
      skipDirectives();
      doc.fragments.set(name, { typeCondition, selections: parseSelections() });
      continue;
    }
    if (t.value !== 'query' && t.value !== 'mutation' && t.value !== 'subscription') fail(t);
    pos++;
    const name = peek().kind === 'name' ? expectName() : null;
    const variables: OperationNode['variables'] = [];
    if (isPunct('(')) {
      pos++;
      while (!isPunct(')')) {
        expectPunct('$');
        const varName = expectName();
        expectPunct(':');
        const type = parseType();
        let defaultValue: Value | null = null;
        if (isPunct('=')) {
          pos++;
          defaultValue = parseValue(true);
        }
        variables.push({ name: varName, type, defaultValue });
      }
      pos++;
    }
    skipDirectives();
    doc.operations.push({ type: t.value as OperationNode['type'], name, variables, selections: parseSelections(), loc: t.loc });
  }
  if (doc.operations.length === 0) fail(peek());
  return doc;
}
