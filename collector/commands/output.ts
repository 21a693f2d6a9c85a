// Where a command writes a result of any size (query, export): to --out FILE, whole or not at
// all (a temporary name beside it, renamed into place when complete: files.ts), or to standard
// output as it comes, waiting whenever the reader falls behind. Never the whole result in memory:
// a year of 50 M generated facts is 1.3 GB of NDJSON, more than one JavaScript string can hold.

import { once, type EventEmitter } from 'node:events';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OpenPulseError } from '../errors.ts';
import { ChunkedFile, temporaryNameFor } from '../files.ts';
import { removedOnStop } from '../signals.ts';
import type { CommandIO } from './types.ts';

export interface ResultOutput {
  /** Writes the next bytes or text; resolves when they are taken (the disk or the reader keeps up). */
  write(piece: Buffer | string): Promise<void>;
  /**
   * For a format the engine writes whole into a file of its own (Parquet): the path it is to write.
   * Its content becomes the output's. Not to be mixed with write().
   */
  engineFile(): Promise<string>;
}

/**
 * Runs `produce` with an output that goes to `out` (whole or not at all) or, without `out`, to
 * `stdout`. A failure to write `out` is a FILE error naming it; the file is then not there (or
 * is as it was before).
 */
export async function writeResult<T>(out: string | undefined, stdout: CommandIO['stdout'], produce: (output: ResultOutput) => Promise<T>): Promise<T> {
  return out === undefined ? toStdout(stdout, produce) : toFile(out, produce);
}

async function toFile<T>(out: string, produce: (output: ResultOutput) => Promise<T>): Promise<T> {
  const temporary = temporaryNameFor(out);
  // Opened on the first write, so that a file the engine writes under the same name is not truncated by a late open.
  let file: ChunkedFile | undefined;
  let engineWrote = false;
  // Ctrl-C ends a query or export at once: its partial file goes with it
  const release = removedOnStop(temporary);
  try {
    await mkdir(path.dirname(path.resolve(out)), { recursive: true });
    const result = await produce({
      write: async (piece) => {
        if (engineWrote) throw new Error('writeResult: the engine wrote this output whole; nothing is added to it');
        file ??= new ChunkedFile(temporary);
        await file.write(piece);
      },
      engineFile: async () => {
        if (file) throw new Error('writeResult: bytes were written already; the engine cannot write this output whole');
        engineWrote = true;
        return temporary;
      },
    });
    if (file) await file.close();
    // nothing written (a statement that changed data has no result): an empty file, as before
    else if (!engineWrote || !existsSync(temporary)) await writeFile(temporary, '');
    await rename(temporary, out);
    return result;
  } catch (error) {
    file?.destroy();
    await rm(temporary, { force: true });
    if (error instanceof OpenPulseError) throw error;
    throw new OpenPulseError('FILE', `cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  } finally {
    release();
  }
}

async function toStdout<T>(stdout: CommandIO['stdout'], produce: (output: ResultOutput) => Promise<T>): Promise<T> {
  const write = async (piece: Buffer | string) => {
    // A reader that stops early (| head) ends the process (dispatch.ts); a slow one is waited for.
    if (stdout.write(piece) === false && typeof (stdout as Partial<EventEmitter>).once === 'function') await once(stdout as unknown as EventEmitter, 'drain');
  };
  let folder: string | undefined;
  let release = () => {};
  try {
    const result = await produce({
      write,
      engineFile: async () => {
        if (folder === undefined) {
          folder = await mkdtemp(path.join(os.tmpdir(), 'openpulse-output-'));
          release = removedOnStop(folder);
        }
        return path.join(folder, 'result');
      },
    });
    // (a statement that changed data instead has no result, and the engine wrote no file)
    if (folder && existsSync(path.join(folder, 'result'))) for await (const chunk of createReadStream(path.join(folder, 'result'))) await write(chunk as Buffer);
    return result;
  } finally {
    if (folder) await rm(folder, { recursive: true, force: true });
    release();
  }
}
