// The read-only rules on ClickHouse's EXPLAIN AST output, as a server prints it
// (TabSeparated) and as chDB prints it (CSV, lines with spaces quoted). A server
// has no statement classifier: it refuses several statements itself, and the
// class comes from the AST, so these cases are the server path's whole check.

import { describe, expect, it } from 'vitest';
import { checkStatement, classFromAst, readAst } from '../../collector/store/readonly.ts';

const ast = (...lines: string[]) => lines.join('\n') + '\n';
const urlSelect = ast(
  'SelectWithUnionQuery (children 1)',
  ' ExpressionList (children 1)',
  '  SelectQuery (children 2)',
  '   ExpressionList (children 1)',
  '    Asterisk',
  '   TablesInSelectQuery (children 1)',
  '    TablesInSelectQueryElement (children 1)',
  '     TableExpression (children 1)',
  '      Function url (children 1)',
  '       ExpressionList (children 2)',
  "        Literal 'http://127.0.0.1:9/x.csv'",
  '        Identifier CSV',
);
const outfile = ast(
  'SelectWithUnionQuery (children 2)',
  ' ExpressionList (children 1)',
  '  SelectQuery (children 1)',
  '   ExpressionList (children 1)',
  '    Literal UInt64_1',
  " Literal '/tmp/x.csv'",
);
const numbersJoin = ast(
  'SelectWithUnionQuery (children 1)',
  ' ExpressionList (children 1)',
  '  SelectQuery (children 2)',
  '   ExpressionList (children 1)',
  '    Asterisk',
  '   TablesInSelectQuery (children 2)',
  '    TablesInSelectQueryElement (children 1)',
  '     TableExpression (children 1)',
  '      TableIdentifier system.one (alias o)',
  '    TablesInSelectQueryElement (children 2)',
  '     TableExpression (children 1)',
  '      Function numbers (children 1)',
  '       ExpressionList (children 1)',
  '        Literal UInt64_2',
  '     TableJoin',
);
const server = (text: string, write = false) => {
  const facts = readAst(text);
  checkStatement({ statements: 1, class: classFromAst(facts) }, facts, { write, context: 'the SQL given' });
};

describe('EXPLAIN AST facts', () => {
  it('finds table functions in every table expression, nested ones too', () => {
    expect(readAst(urlSelect)).toEqual({ root: 'SelectWithUnionQuery', tableFunctions: ['url'], outfile: undefined, format: undefined });
    expect(readAst(numbersJoin).tableFunctions).toEqual(['numbers']);
  });

  it('reads INTO OUTFILE and FORMAT from the root', () => {
    expect(readAst(outfile).outfile).toBe('/tmp/x.csv');
    expect(readAst(ast('SelectWithUnionQuery (children 2)', ' ExpressionList (children 1)', '  SelectQuery (children 1)', ' Identifier CSV')).format).toBe('CSV');
  });

  it('reads chDB\'s quoted lines like a server\'s plain ones', () => {
    const quoted = urlSelect
      .trimEnd()
      .split('\n')
      .map((l) => (l.includes(' ') ? `"${l.replace(/"/g, '""')}"` : l))
      .join('\n');
    expect(readAst(quoted)).toEqual(readAst(urlSelect));
  });
});

describe('the server path', () => {
  it.each([
    ['INSERT', ast('InsertQuery   (children 1)', ' Identifier t'), /this INSERT statement changes data/],
    ['TRUNCATE', ast('TruncateQuery  observations (children 1)', ' Identifier observations'), /this TRUNCATE statement changes data/],
    ['DROP', ast('DropQuery  facts (children 1)', ' Identifier facts'), /this DROP statement changes data/],
    ['SET', ast('Set'), /this SET statement changes data/],
    ['INTO OUTFILE', outfile, /refused INTO OUTFILE '\/tmp\/x\.csv'/],
    ['url()', urlSelect, /refused the table function url\(\)/],
  ])('refuses %s without --write', (_, text, message) => {
    expect(() => server(text)).toThrow(message);
  });

  it('allows reading, and what --write allows', () => {
    expect(() => server(numbersJoin)).not.toThrow();
    expect(() => server(ast('Explain EXPLAIN (children 1)', ' SelectWithUnionQuery (children 1)'))).not.toThrow();
    expect(() => server(urlSelect, true)).not.toThrow();
    expect(() => server(ast('InsertQuery   (children 1)', ' Identifier t'), true)).not.toThrow();
  });

  it('refuses several statements even with --write', () => {
    expect(() => checkStatement({ statements: 2, class: 'read' }, readAst(numbersJoin), { write: true, context: 'q' })).toThrow(/holds 2 statements/);
  });
});
