// How a --batch line is split into words: as a shell would, quotes keeping blanks.

import { describe, expect, it } from 'vitest';
import { parseBatch, splitWords } from '../../collector/commands/query-batch.ts';

describe('a batch line split into words', () => {
  it('splits on blanks and keeps quoted text whole, quotes removed', () => {
    expect(splitWords('top_movers  -p metric=tokens\t--out a.csv')).toEqual(['top_movers', '-p', 'metric=tokens', '--out', 'a.csv']);
    expect(splitWords(`"SELECT 'x' AS y" --out 'my file.csv'`)).toEqual(["SELECT 'x' AS y", '--out', 'my file.csv']);
    expect(splitWords('--out a\\ b.csv "say \\"hi\\"" pre"fix"')).toEqual(['--out', 'a b.csv', 'say "hi"', 'prefix']);
    expect(splitWords('""')).toEqual(['']);
  });

  it('refuses a quote left open, saying where it opened', () => {
    expect(() => splitWords(`families --out 'a.csv`)).toThrow("a single quote opened at column 16 is not closed");
    expect(() => splitWords('"SELECT 1 --out b.csv')).toThrow('a double quote opened at column 1 is not closed');
  });

  it('reads the lines in order, skipping blanks and comments, each with its line number, format and file', () => {
    const items = parseBatch('# a comment\n\nfamilies --out f.md\n  data_freshness --format json --out d.txt  \n', 'b.txt', () => '');
    expect(items.map((i) => [i.line, i.target.source, i.format, i.out])).toEqual([
      [3, 'query families (queries/families.sql)', 'markdown', 'f.md'],
      [4, 'query data_freshness (queries/data_freshness.sql)', 'json', 'd.txt'],
    ]);
  });
});
