// Every file OpenPulse writes for a reader (the site's data, the spool, query
// --out, export, reports) is written whole to a temporary name beside it and
// renamed into place: a failure, a full disk or a kill leaves the previous file
// (or none), never half of one.

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
