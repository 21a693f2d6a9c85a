// A leaderboard table is read whole or refused: a table cut short (ragged last row, a last
// row cut mid-URL, an unclosed quote) and a file in an unknown encoding are refused with the
// file, the line and what to do; UTF-8 with a BOM and UTF-16 (LE, BE) are read.

import { describe, expect, it } from 'vitest';
import { dayProblem, isCalendarDay } from '../../collector/days.ts';
import { OpenPulseError } from '../../collector/errors.ts';
import { decodeText, LeaderboardFormatError, parseCsv, parseLeaderboardTable } from '../../collector/sources/leaderboard-csv.ts';

const FILE = 'leaderboard_table_20230720.csv';
const TABLE = `Model,MT-bench (score),Arena Elo rating,MMLU,License,Link
GPT-4,8.99,1206,86.4,Proprietary,https://openai.com/research/gpt-4
Vicuna-33B,7.12,1096,59.2,Non-commercial,https://huggingface.co/lmsys/vicuna-33b-v1.3
Café-7B,4.1,950,40,Apache 2.0,https://example.org/cafe
`;

function refusal(text: string): LeaderboardFormatError {
  try {
    parseLeaderboardTable(FILE, text);
  } catch (error) {
    expect(error).toBeInstanceOf(LeaderboardFormatError);
    return error as LeaderboardFormatError;
  }
  throw new Error('the table was accepted');
}

const utf16le = (text: string, bom: boolean) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string, bom: boolean) => {
  const le = utf16le(text, false);
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), le]);
};

describe('a table cut short is refused with its file and line', () => {
  it('reads the whole table', () => {
    expect(parseLeaderboardTable(FILE, TABLE).rows.map((r) => r.model)).toEqual(['GPT-4', 'Vicuna-33B', 'Café-7B']);
  });

  it('refuses a ragged last row', () => {
    const cut = TABLE.slice(0, TABLE.indexOf(',Apache 2.0')) + '\n';
    expect(refusal(cut).message).toBe(`${FILE}:4: 4 cells where the header has 6: the table looks cut short; download it again`);
  });

  it('refuses a last row cut mid-URL (every cell there, no line break after it)', () => {
    const cut = TABLE.slice(0, TABLE.indexOf('example.org') + 4);
    expect(parseCsv(cut).at(-1)).toMatchObject({ line: 4, ended: false });
    expect(refusal(cut).message).toMatch(new RegExp(`^${FILE}:4: the last line does not end with a line break \\(it ends "https://exam"\\), so the table may be cut short; download it again`));
  });

  it('refuses a row with a missing cell in the middle, naming the line', () => {
    const ragged = TABLE.replace('7.12,1096,', '7.12,');
    expect(refusal(ragged).message).toMatch(new RegExp(`^${FILE}:3: 5 cells where the header has 6: a comma or quote is missing or extra`));
  });

  it('refuses an unclosed quote, naming the line it opened on', () => {
    const cut = `${TABLE}"OpenLLaMA-7B, v2",3.9,-,40.3,Apache 2.0,"https://huggingface.co/openlm`;
    expect(() => parseCsv(cut)).toThrow(/line 5 is never closed/);
    expect(refusal(cut).message).toMatch(new RegExp(`^${FILE}:5: not valid CSV: a quoted field opened on line 5 is never closed: the table looks cut short; download it again`));
  });

  it('refuses a table cut right after its header', () => {
    expect(refusal(TABLE.slice(0, TABLE.indexOf('\n') + 1)).message).toMatch(new RegExp(`^${FILE}:1: the table has a header but no model lines`));
  });
});

describe('decodeText: encodings detected or refused by name', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.from(TABLE, 'utf8'), FILE)).toBe(TABLE);
    const withBom = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TABLE, 'utf8')]), FILE);
    expect(withBom).toBe(TABLE);
    expect(parseLeaderboardTable(FILE, withBom).rows).toHaveLength(3);
  });

  it('reads UTF-16LE, with a BOM (as spreadsheets save "Unicode text") or without', () => {
    for (const bom of [true, false]) {
      const text = decodeText(utf16le(TABLE, bom), FILE);
      expect(text).toBe(TABLE);
      expect(parseLeaderboardTable(FILE, text).rows.map((r) => r.model)).toContain('Café-7B');
    }
  });

  it('reads UTF-16BE, with a BOM or without', () => {
    for (const bom of [true, false]) expect(decodeText(utf16be(TABLE, bom), FILE)).toBe(TABLE);
  });

  it('refuses invalid UTF-8 (Latin-1) naming the file, the line and how to convert it', () => {
    const latin1 = Buffer.from(TABLE, 'latin1');
    let error: unknown;
    try {
      decodeText(latin1, `/tmp/x/${FILE}`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OpenPulseError);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`^/tmp/x/${FILE}:4: the file is not UTF-8 text near "Caf\\ufffd" \\(perhaps Latin-1 or Windows-1252\\)`));
    expect(message).toContain(`iconv -f LATIN1 -t UTF-8 ${FILE} > ${FILE}.utf8 && mv ${FILE}.utf8 ${FILE}`);
  });
});

describe('calendar days', () => {
  it('knows real days from rolled-over ones and keeps them in range', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2024-02-30')).toBe(false);
    expect(isCalendarDay('2023-13-45')).toBe(false);
    expect(isCalendarDay('2024-1-01')).toBe(false);
    expect(dayProblem('2024-02-30', '2026-11-29')).toBe('"2024-02-30" is not a calendar date written YYYY-MM-DD');
    expect(dayProblem('1900-01-01', '2026-11-29')).toBe('1900-01-01 is before 2000-01-01');
    expect(dayProblem('2026-11-30', '2026-11-29')).toBe('2026-11-30 is in the future (today is 2026-11-29)');
    expect(dayProblem('2026-11-29', '2026-11-29')).toBeNull();
  });
});
