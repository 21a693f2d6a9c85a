// Lines of text that arrives in pieces (a result read a block at a time): a line, or a
// character, split between two pieces is joined, never read as two halves.

import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  private rest = '';
  private readonly decoder = new StringDecoder('utf8');
  /** The lines `piece` completes, without their newlines. */
  push(piece: Buffer): string[] {
    const text = this.rest + this.decoder.write(piece);
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      this.rest = text;
      return [];
    }
    this.rest = text.slice(end + 1);
    return text.slice(0, end).split('\n');
  }
  /** What followed the last newline: a last line without one, or ''. */
  end(): string {
    const last = this.rest + this.decoder.end();
    this.rest = '';
    return last;
  }
}

/** The newline bytes in `bytes`: the lines a piece of one-line-a-row output ends. */
export function countNewlines(bytes: Buffer): number {
  let n = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) n++;
  return n;
}
