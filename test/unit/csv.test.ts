// CSV/TSV export: spreadsheet formulas neutralised, RFC 4180 structure.

import { describe, expect, it } from 'vitest';
import { cellText, csvField, neutraliseFormula, toCsv, toTsv } from '../../charts/csv.ts';

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes; throws on anything else. */
function readRfc4180(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  if (!text.endsWith('\r\n')) throw new Error('the last record does not end with CRLF');
  while (i < text.length) {
    const record: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error('unterminated quoted field');
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
            } else {
              i++;
              break;
            }
          } else field += text[i++];
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
          if (text[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
          field += text[i++];
        }
      }
      record.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text.startsWith('\r\n', i)) {
        i += 2;
        break;
      }
      throw new Error(`expected , or CRLF at ${i}, got ${JSON.stringify(text[i])}`);
    }
    records.push(record);
  }
  const width = records[0]?.length;
  if (records.some((r) => r.length !== width)) throw new Error('records have different numbers of fields');
  return records;
}

describe('neutraliseFormula', () => {
  it('prefixes an apostrophe to text starting with = + - @ tab or CR', () => {
    expect(['=1+1', '+SUM(A1)', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1)', '\tx', '\rx'].map(neutraliseFormula)).toEqual([
      "'=1+1",
      "'+SUM(A1)",
      "'-2+3+cmd|' /C calc'!A0",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
    ]);
  });

  it('leaves plain numbers and other text alone', () => {
    expect(['-12.5', '+3', '-1e-9', '.5', 'llama', '', ' =x', "'=x"].map(neutraliseFormula)).toEqual(['-12.5', '+3', '-1e-9', '.5', 'llama', '', ' =x', "'=x"]);
  });
});

describe('toCsv', () => {
  const columns = ['family', 'note', 'value', 'missing'];
  const rows = [
    ['llama', 'says "hi", twice', 5600, null],
    ['=HYPERLINK("http://x","y")', 'line one\nline two', -4.5, null],
    ['@evil', '-1+1', 0.1, ['a', 'b']],
    ['tab', '\tstarts with a tab', 1, { k: 1 }],
  ];

  it('is RFC 4180: CRLF records, quoted fields where needed, quotes doubled', () => {
    const text = toCsv(columns, rows);
    expect(readRfc4180(text)).toEqual([
      ['family', 'note', 'value', 'missing'],
      ['llama', 'says "hi", twice', '5600', ''],
      ['\'=HYPERLINK("http://x","y")', 'line one\nline two', '-4.5', ''],
      ["'@evil", "'-1+1", '0.1', '["a","b"]'],
      ['tab', "'\tstarts with a tab", '1', '{"k":1}'],
    ]);
    expect(text.split('\r\n')[1]).toBe('llama,"says ""hi"", twice",5600,');
  });

  it('neutralises formulas in the header too', () => {
    expect(toCsv(['=x'], [])).toBe("'=x\r\n");
  });

  it('quotes exactly the fields that need it', () => {
    expect(['a', 'a,b', 'a"b', 'a\rb', 'a\nb', ''].map(csvField)).toEqual(['a', '"a,b"', '"a""b"', '"a\rb"', '"a\nb"', '']);
  });
});

describe('toTsv', () => {
  it('escapes tabs, line breaks and backslashes; neutralises formulas', () => {
    expect(toTsv(['a', 'b'], [['x\ty', '=1'], ['back\\slash', 'two\nlines'], [null, -3]])).toBe('a\tb\nx\\ty\t\'=1\nback\\\\slash\ttwo\\nlines\n\t-3\n');
  });

  it('a cell starting with a tab gets the apostrophe before the escaped tab', () => {
    expect(toTsv(['a'], [['\tx']])).toBe("a\n'\\tx\n");
  });
});

describe('cellText', () => {
  it('writes NULL as empty, numbers as JSON does, nested values as JSON', () => {
    expect([null, undefined, 0.25, 12345678901, true, 'x', [1, 2], { a: null }].map(cellText)).toEqual(['', '', '0.25', '12345678901', 'true', 'x', '[1,2]', '{"a":null}']);
  });
});
