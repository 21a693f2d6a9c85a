// Every file OpenPulse writes for a reader (the site's data, the spool, query
// --out, export, reports) is written whole to a temporary name beside it and
// renamed into place: a failure, a full disk or a kill leaves the previous file
// (or none), never half of one.

import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { OpenPulseError } from './errors.ts';

export interface AtomicWriteOptions {
  /** Flush to disk before the rename, so not even a power cut leaves a complete name over partial content. Default false. */
  sync?: boolean;
}

/**
 * The temporary name: hidden, beside the file (a rename across file systems is
 * not atomic), with the writer's pid, so a later process can tell that one was
 * left by a writer that no longer runs.
 */
export function temporaryNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
}

/** The pid of the process whose temporaryNameFor(file) `name` (a name in file's folder) is; undefined for any other name. */
export function temporaryNameOwner(file: string, name: string): number | undefined {
  const prefix = `.${path.basename(file)}.`;
  if (!name.startsWith(prefix) || !name.endsWith('.tmp')) return undefined;
  const pid = name.slice(prefix.length, -'.tmp'.length);
  return /^\d+$/.test(pid) ? Number(pid) : undefined;
}

/** Writes `data` to `file` whole or not at all; the error names the file and what to do. */
export async function writeFileAtomically(file: string, data: Buffer | string, options: AtomicWriteOptions = {}): Promise<void> {
  const temporary = temporaryNameFor(file);
  try {
    await mkdir(path.dirname(path.resolve(file)), { recursive: true });
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(data);
      if (options.sync) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new OpenPulseError('FILE', `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
}

/** Bytes a ChunkedFile gathers before a write: few writes, memory bounded whatever the file's size. */
const WRITE_BYTES = 1024 * 1024;
/**
 * Characters joined into one string and encoded at a time. V8 joins a few thousand short strings
 * into 64 KiB several times faster than twenty thousand into 1 MiB (2 M rows' JSON, 111 MB:
 * about 0.1 s against 0.6 s), and a site's downloads are millions of rows a piece at a time.
 */
const JOIN_CHARS = 64 * 1024;

/**
 * A file written in gathered chunks, waiting for the disk when it falls behind: for a file too
 * large to hold whole, inside a folder that is itself swapped into place when complete (the site
 * data's staging folder). A failure to open or write it (a full disk, a folder in its place) is
 * kept and thrown by the next write or close, never left as an unhandled stream error.
 */
export class ChunkedFile {
  private readonly out: WriteStream;
  /** Pieces not yet joined, and their length in characters. */
  private pieces: string[] = [];
  private chars = 0;
  /** Joined pieces, encoded, not yet written, and their bytes. */
  private blocks: Buffer[] = [];
  private bytes = 0;
  private failure: Error | undefined;
  /** Bytes written so far (UTF-8). */
  written = 0;
  constructor(file: string) {
    this.out = createWriteStream(file);
    this.out.on('error', (error) => {
      this.failure ??= error;
    });
  }
  /**
   * Adds text (add) or bytes (addBytes); writes what has gathered once it reaches WRITE_BYTES. A
   * caller adding many small pieces to several files may use add() and flush() only when `full`
   * (one wait per chunk, not per piece).
   */
  async write(piece: string | Buffer): Promise<void> {
    if (typeof piece === 'string') this.add(piece);
    else this.addBytes(piece);
    if (this.full) await this.flush();
  }
  /** Adds `text` to what the next write sends, without waiting. */
  add(text: string): void {
    if (this.failure) throw this.failure;
    this.pieces.push(text);
    this.chars += text.length;
    if (this.chars >= JOIN_CHARS) this.join();
  }
  /** Adds bytes (UTF-8 text, or not) to what the next write sends, after what was added before; they are kept, not copied. */
  addBytes(bytes: Buffer): void {
    if (this.failure) throw this.failure;
    this.join();
    this.blocks.push(bytes);
    this.bytes += bytes.length;
  }
  /** Whether what has gathered is a chunk's worth: time to flush(). */
  get full(): boolean {
    return this.bytes >= WRITE_BYTES;
  }
  /** Writes what has gathered, waiting for the disk when it falls behind. */
  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    this.join();
    if (this.blocks.length === 0) return;
    const chunk = this.blocks.length === 1 ? this.blocks[0]! : Buffer.concat(this.blocks, this.bytes);
    this.blocks = [];
    this.bytes = 0;
    this.written += chunk.length;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
  private join(): void {
    if (this.pieces.length === 0) return;
    const block = Buffer.from(this.pieces.join(''));
    this.pieces = [];
    this.chars = 0;
    this.blocks.push(block);
    this.bytes += block.length;
  }
  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    if (!this.out.closed) await once(this.out, 'close').catch(() => undefined);
    if (this.failure) throw this.failure;
  }
  destroy(): void {
    this.out.destroy();
  }
}
