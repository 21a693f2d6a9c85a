// A query's result written as text while its rows arrive (ResultText, LineSplitter): the same text
// the whole-result renderers make, however the engine's bytes are cut, and an aligned table whose
// rows outgrow memory kept in a file that is removed afterwards.

import { readdir } from 'node:fs/promises';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { toCsv, toTsv } from '../../charts/csv.ts';
import { LineSplitter } from '../../collector/export/lines.ts';
import { ResultText, type TextFormat } from '../../collector/export/result-text.ts';
import { toAlignedTable, toMarkdownTable, type ResultTable } from '../../collector/export/table.ts';

const columns = [
  { name: 'n', type: 'UInt64' },
  { name: 'name', type: 'Nullable(String)' },
  { name: 'share', type: 'Float64' },
  { name: 'tags', type: 'Array(String)' },
];
// strings that a careless writer breaks: CJK (three bytes each), a pipe, a formula, a tab, a newline
const rows: unknown[][] = Array.from({ length: 2000 }, (_, i) => [
  i,
  i % 7 === 0 ? null : ['通义千问 Qwen3', 'a|b', '=SUM(A1)', 'tab\there', 'two\nlines', 'Llama 4 Maverick'][i % 6]! + (i % 11 === 0 ? '长'.repeat(i % 40) : ''),
  i / 8,
  i % 3 === 0 ? [] : ['open', `v${i}`],
]);
const table: ResultTable = { columns, rows };
// what the engine sends: JSONCompactEachRowWithNamesAndTypes
const engineBytes = Buffer.from(
  [JSON.stringify(columns.map((c) => c.name)), JSON.stringify(columns.map((c) => c.type)), ...rows.map((r) => JSON.stringify(r))].map((l) => `${l}\n`).join(''),
);

const whole: Record<TextFormat, string> = {
  csv: toCsv(columns.map((c) => c.name), rows),
  tsv: toTsv(columns.map((c) => c.name), rows),
  markdown: toMarkdownTable(table),
  table: toAlignedTable(table),
};

/** The bytes in pieces of `size`, so that lines and characters are cut between pieces. */
function pieces(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

async function render(format: TextFormat, parts: Buffer[], options: { keepChars?: number } = {}): Promise<{ text: string; rows: number; spooled: boolean }> {
  let text = '';
  const writer = new ResultText(format, async (piece) => {
    text += piece;
  }, options);
  let spooled = false;
  try {
    for (const part of parts) {
      await writer.push(part);
      spooled ||= writer.spooled;
    }
    const count = await writer.end();
    return { text, rows: count, spooled };
  } finally {
    await writer.dispose();
  }
}

async function spoolFolders(): Promise<string[]> {
  return (await readdir(os.tmpdir())).filter((name) => name.startsWith('openpulse-table-'));
}

describe('a result written as its rows arrive', () => {
  it.each(['csv', 'tsv', 'markdown', 'table'] as const)('%s: the text of the whole result, however the bytes are cut', async (format) => {
    for (const size of [engineBytes.length, 65_536, 1_001, 7, 1]) {
      const { text, rows: count } = await render(format, pieces(engineBytes, size));
      expect(count).toBe(rows.length);
      expect(text, `cut every ${size} bytes`).toBe(whole[format]);
    }
  });

  it('an aligned table larger than what it keeps in memory: its rows go to a file, the text is the same, the file is removed', async () => {
    const before = await spoolFolders();
    const { text, spooled } = await render('table', pieces(engineBytes, 4_096), { keepChars: 10_000 });
    expect(spooled).toBe(true);
    expect(text).toBe(whole.table);
    expect(await spoolFolders()).toEqual(before);
  });

  it("says how far an aligned table's writing is, ending at every row", async () => {
    const calls: [number, number][] = [];
    let text = '';
    const writer = new ResultText('table', async (piece) => {
      text += piece;
    }, { keepChars: 10_000, onTable: (written, total) => calls.push([written, total]) });
    try {
      for (const part of pieces(engineBytes, 4_096)) await writer.push(part);
      await writer.end();
    } finally {
      await writer.dispose();
    }
    expect(text).toBe(whole.table);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.at(-1)).toEqual([rows.length, rows.length]);
    expect(calls.every(([written], i) => i === 0 || written >= calls[i - 1]![0])).toBe(true);
  });

  it('a result that fails part way leaves no file behind', async () => {
    const before = await spoolFolders();
    const writer = new ResultText('table', async () => {}, { keepChars: 1_000 });
    try {
      await writer.push(engineBytes.subarray(0, 50_000));
      expect(writer.spooled).toBe(true);
      expect(await spoolFolders()).not.toEqual(before);
    } finally {
      await writer.dispose();
    }
    expect(await spoolFolders()).toEqual(before);
  });

  it('a statement without a result writes what a table without columns is', async () => {
    for (const format of ['csv', 'tsv', 'markdown', 'table'] as const) {
      const expected = { csv: toCsv([], []), tsv: toTsv([], []), markdown: toMarkdownTable({ columns: [], rows: [] }), table: toAlignedTable({ columns: [], rows: [] }) }[format];
      expect((await render(format, [])).text).toBe(expected);
    }
  });

  it('a header and no rows', async () => {
    const head = Buffer.from('["n","name"]\n["UInt64","String"]\n');
    expect((await render('csv', [head])).text).toBe('n,name\r\n');
    expect((await render('table', [head])).text).toBe('n  name\n-  ----\n');
  });
});

describe('lines from pieces', () => {
  it('joins a line and a character cut between pieces, and gives back a last line without a newline', () => {
    const text = 'première ligne\n第二行\nlast';
    const split = new LineSplitter();
    const lines = pieces(Buffer.from(text), 3).flatMap((part) => split.push(part));
    expect(lines).toEqual(['première ligne', '第二行']);
    expect(split.end()).toBe('last');
    expect(split.end()).toBe('');
  });
});
