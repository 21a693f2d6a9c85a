// A result's stream hands the store its bytes in chunks; the store keeps them (a file's pending
// piece, or the whole answer of raw()) as Buffers without copying them again.
import { describe, expect, it } from 'vitest';
import { chunkBytes } from '../../collector/store/index.ts';

describe('a chunk of a result as bytes', () => {
  it('keeps a Buffer as it is', () => {
    const chunk = Buffer.from('["2026-11-28","llama"]\n');
    expect(chunkBytes(chunk)).toBe(chunk);
  });

  it('sees a Uint8Array as a Buffer over the same memory, from its offset to its end', () => {
    const memory = new Uint8Array(Buffer.from('xx["a",1]\nyy'));
    const chunk = memory.subarray(2, 10);
    const bytes = chunkBytes(chunk);
    expect(Buffer.isBuffer(bytes)).toBe(true);
    expect(bytes.toString()).toBe('["a",1]\n');
    memory[4] = 'b'.charCodeAt(0);
    expect(bytes.toString()).toBe('["b",1]\n');
  });

  it('encodes a string as UTF-8', () => {
    const bytes = chunkBytes('["通义千问",1]\n');
    expect(bytes.length).toBe(Buffer.byteLength('["通义千问",1]\n'));
    expect(bytes.toString('utf8')).toBe('["通义千问",1]\n');
  });
});
