// ChunkedFile (collector/files.ts): the site data's large files, written a gathered chunk at a
// time. Pieces of text and of bytes come out in the order they went in, whatever the chunk and
// join boundaries, and a failure to write surfaces from the next call.

import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChunkedFile } from '../../collector/files.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-chunked-file-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('ChunkedFile', () => {
  it('writes text and bytes in the order given across joins and chunks, and counts UTF-8 bytes', async () => {
    const file = path.join(dir, 'mixed.ndjson');
    const out = new ChunkedFile(file);
    const expected: Buffer[] = [];
    // About 3 MB: several 1 MiB chunks, each of many 64 KiB joins; multi-byte characters on the way.
    for (let i = 0; i < 40_000; i++) {
      const text = `{"row":${i},"name":"模型 ${i}","note":"é"}\n`;
      if (i % 7 === 3) {
        const bytes = Buffer.from(text);
        out.addBytes(bytes);
        expected.push(bytes);
      } else if (i % 2 === 0) {
        out.add(text);
        expected.push(Buffer.from(text));
      } else {
        await out.write(text);
        expected.push(Buffer.from(text));
      }
      if (out.full) await out.flush();
    }
    await out.close();
    const written = await readFile(file);
    const whole = Buffer.concat(expected);
    expect(written.length).toBe(whole.length);
    expect(written.equals(whole)).toBe(true);
    expect(out.written).toBe(whole.length);
  });

  it('writes nothing but an empty file when given nothing', async () => {
    const file = path.join(dir, 'empty.csv');
    const out = new ChunkedFile(file);
    await out.close();
    expect((await readFile(file)).length).toBe(0);
    expect(out.written).toBe(0);
  });

  it('throws a failure to open the file from the next call, not as an unhandled error', async () => {
    const blocked = path.join(dir, 'a-folder');
    await mkdir(blocked);
    const out = new ChunkedFile(blocked);
    // The stream's error arrives after it tries to open; a close waits for it.
    await expect(
      (async () => {
        for (let i = 0; i < 100_000; i++) {
          out.add('x'.repeat(100));
          if (out.full) await out.flush();
        }
        await out.close();
      })(),
    ).rejects.toThrow(/EISDIR/);
  });
});
