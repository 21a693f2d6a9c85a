// What a user's SQL may do without --write. The engine answers what it can
// answer without running anything: how many statements the text holds and
// their class (read, write, control), from ClickHouse's own parser. What it
// classifies as reading but still reaches outside the store (table functions
// such as url(), file(), s3(), executable()) gets its own rule, read from the
// statement's AST.

import { OpenPulseError } from '../errors.ts';

/** Statement classes, as the embedded engine's classifier numbers them (chdb_query_class). */
export type StatementClass = 'read' | 'write' | 'global' | 'control' | 'unknown';
export const STATEMENT_CLASSES: readonly StatementClass[] = ['read', 'write', 'global', 'control', 'unknown'];

export interface StatementAnalysis {
  /** Executable statements in the text. */
  statements: number;
  /** The most restricted class over the statements. */
  class: StatementClass;
}

/**
 * Table functions that read only what the engine makes up or what the store
 * holds. Every other table function reads files, other servers or the network,
 * or runs programs, and needs --write (an allow-list: a function added to
 * ClickHouse later is refused until someone looks at it).
 */
export const LOCAL_TABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  'numbers',
  'numbers_mt',
  'zeros',
  'zeros_mt',
  'generate_series',
  'generateSeries',
  'generateRandom',
  'values',
  'view',
  'viewIfPermitted',
  'null',
  'merge',
]);

/** AST root names of statements that only read, for a server, which has no classifier. */
const READING_ROOTS = /^(SelectWithUnionQuery|SelectQuery|SelectIntersectExceptQuery|Explain|ExplainQuery|DescribeQuery|ShowTables|ShowColumns|ShowCreate\w*|Exists\w*|ShowProcesslist|Show\w*)$/;

/** What EXPLAIN AST says about one statement that the classifier does not. */
export interface AstFacts {
  /** The root node's name: SelectWithUnionQuery, InsertQuery, … */
  root: string;
  /** Table functions the statement reads from, in order of appearance. */
  tableFunctions: string[];
  /** SELECT … INTO OUTFILE 'x': the file it would write. */
  outfile: string | undefined;
  /** SELECT … FORMAT X: the format the SQL asks for itself. */
  format: string | undefined;
}

/**
 * Reads the facts above from ClickHouse's `EXPLAIN AST` output: one node a
 * line, indented by depth, in the connection's default format (a server's
 * TabSeparated escapes, chDB's CSV quotes lines that hold spaces).
 */
export function readAst(output: string): AstFacts {
  const lines = output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (/^".*"$/.test(l) ? l.slice(1, -1).replace(/""/g, '"') : l.replace(/\\(.)/g, '$1')));
  const depth = (line: string) => line.length - line.trimStart().length;
  const node = (line: string) => line.trim();
  const root = /^[A-Za-z]+/.exec(node(lines[0] ?? ''))?.[0] ?? '';
  const tableFunctions: string[] = [];
  let outfile: string | undefined;
  let format: string | undefined;
  lines.forEach((line, i) => {
    if (node(line).startsWith('TableExpression')) {
      const child = lines[i + 1];
      const fn = child && depth(child) === depth(line) + 1 ? /^Function (\w+)/.exec(node(child))?.[1] : undefined;
      if (fn) tableFunctions.push(fn);
    }
  });
  // The root's own children after its statement list: a literal is INTO OUTFILE's file, an identifier the FORMAT.
  if (/^SelectWithUnionQuery|^SelectIntersectExceptQuery/.test(root)) {
    for (const line of lines.slice(1)) {
      if (depth(line) !== 1) continue;
      const literal = /^Literal '(.*)'$/.exec(node(line));
      if (literal) outfile = literal[1];
      const identifier = /^Identifier (\w+)$/.exec(node(line));
      if (identifier) format = identifier[1];
    }
  }
  return { root, tableFunctions, outfile, format };
}

/** A server has no classifier: one statement (the server refuses more), its class from the AST root. */
export function classFromAst(ast: AstFacts): StatementClass {
  if (ast.outfile !== undefined) return 'control';
  return READING_ROOTS.test(ast.root) ? 'read' : 'write';
}

/** Several statements are refused before anything else is asked of the engine: chDB would run them all. */
export function checkOneStatement(analysis: StatementAnalysis, context: string): void {
  if (analysis.statements > 1) {
    throw new OpenPulseError('USAGE', `${context}: the text holds ${analysis.statements} statements; OpenPulse runs exactly one at a time`, {
      hint: 'run each statement on its own (one "openpulse query" each); nothing was run',
    });
  }
}

/**
 * Refuses what the SQL may not do: always more than one statement, and without
 * --write anything but reading the store. Returns nothing when it may run.
 */
export function checkStatement(analysis: StatementAnalysis, ast: AstFacts, options: { write: boolean; context: string; storeViews?: ReadonlySet<string> }): void {
  const { context } = options;
  checkOneStatement(analysis, context);
  if (options.write) return;
  const outfile = ast.outfile;
  if (outfile !== undefined) {
    throw new OpenPulseError('USAGE', `${context}: refused INTO OUTFILE '${outfile}': a query writes no files`, {
      hint: 'drop INTO OUTFILE and use --out FILE (with --format) instead; nothing was run',
    });
  }
  if (analysis.class !== 'read') {
    const what =
      analysis.class === 'write' ? `this ${statementName(ast)} statement changes data`
      : analysis.class === 'unknown' ? 'ClickHouse could not classify this statement'
      : `this ${statementName(ast)} statement changes settings or acts outside the store`;
    throw new OpenPulseError('USAGE', `${context}: refused: ${what}, and the store is read-only here`, {
      hint: 'pass --write to allow statements that change data; nothing was run',
    });
  }
  // A parameterized view of the store (family_window(...)) reads like a table function and reads only the store.
  const outside = ast.tableFunctions.filter((fn) => !LOCAL_TABLE_FUNCTIONS.has(fn) && !options.storeViews?.has(fn));
  if (outside.length > 0) {
    const names = [...new Set(outside)].map((fn) => `${fn}()`).join(', ');
    throw new OpenPulseError('USAGE', `${context}: refused the table function ${names}: it reads files, other servers or the network, or runs programs`, {
      hint: `read-only queries may use only the store's tables and views and ${[...LOCAL_TABLE_FUNCTIONS].map((f) => `${f}()`).join(', ')}; pass --write to allow it; nothing was run`,
    });
  }
}

function statementName(ast: AstFacts): string {
  return ast.root.replace(/Query$/, '').toUpperCase() || 'non-reading';
}
