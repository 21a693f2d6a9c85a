// Text from upstream, the catalog or a query reaches terminals and Markdown
// readers: it must stay text there, and system errors must say where and what to do.

import { describe, expect, it } from 'vitest';
import { describeError, OpenPulseError, showControls } from '../../collector/errors.ts';
import { markdownCell, markdownText, toAlignedTable } from '../../collector/export/table.ts';
import { consoleLogger } from '../../collector/log.ts';

describe('terminal output', () => {
  it('shows escape sequences instead of sending them to the terminal', () => {
    const hostile = 'red \x1b[31mtext\x1b[0m, a title \x1b]0;pwned\x07 and a C1 \x9b2J';
    expect(showControls(hostile)).toBe('red \\x1b[31mtext\\x1b[0m, a title \\x1b]0;pwned\\x07 and a C1 \\x9b2J');
    expect(showControls('two\nlines\tand a tab')).toBe('two\nlines\tand a tab');
  });

  it('in query tables, log lines and error messages', () => {
    const table = toAlignedTable({ columns: [{ name: 'name', type: 'String' }], rows: [['\x1b]8;;http://x\x07link\x1b]8;;\x07']] });
    expect(table).not.toMatch(/\x1b/);
    expect(table).toContain('\\x1b]8;;http://x\\x07link');
    expect(describeError(new OpenPulseError('SOURCE', 'upstream said \x1b[2J'))).toBe('upstream said \\x1b[2J');
    let written = '';
    const stream = { write: (s: string) => ((written += s), true), isTTY: false } as unknown as NodeJS.WriteStream;
    consoleLogger(stream).warn('source=leaderboard model "\x1b[5mblink"');
    expect(written).toBe('source=leaderboard model "\\x1b[5mblink"\n');
  });
});

describe('Markdown', () => {
  it('shows HTML from data as text', () => {
    expect(markdownText('Llama <img src=x onerror=alert(1)> & co')).toBe('Llama &lt;img src=x onerror=alert(1)&gt; &amp; co');
    expect(markdownCell('a|b\n<script>')).toBe('a\\|b<br>&lt;script&gt;');
  });
});

describe('system errors', () => {
  it('a full disk names the path and what to do', () => {
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: 'ENOSPC', path: 'out/report.html' });
    expect(describeError(full)).toMatch(/no space left on the device while writing out\/report\.html\n  → free space on that disk/);
    const wrapped = new OpenPulseError('STORE_QUERY', 'storing facts', { cause: new Error('Cannot write to file data/clickhouse/store/x.bin, errno: 28, strerror: No space left on device') });
    expect(describeError(wrapped)).toMatch(/^storing facts: no space left on the device while writing data\/clickhouse\/store\/x\.bin\n  → free space/);
  });
});
