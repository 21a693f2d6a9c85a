// Runs the openpulse command in tests: in this process with a fake IO (fast,
// sees the log lines), or as a child process (its own embedded store binding).

import { spawn } from 'node:child_process';
import { main } from '../../collector/dispatch.ts';
import type { CommandIO } from '../../collector/commands/types.ts';
import { EXECUTABLE, loadConfig } from '../../collector/config.ts';
import { silentLogger } from '../../collector/log.ts';
import { systemClock, type Clock } from '../../collector/sources/types.ts';

export interface Ran {
  code: number | null;
  stdout: string;
  bytes: Buffer;
  stderr: string;
}

export function fakeIO(options: { clock?: Clock; env?: NodeJS.ProcessEnv; fetch?: typeof fetch } = {}) {
  const chunks: Buffer[] = [];
  const log = silentLogger();
  const io: CommandIO = {
    stdout: { write: (chunk: string | Uint8Array) => chunks.push(Buffer.from(chunk)) },
    log,
    clock: options.clock ?? systemClock,
    fetch: options.fetch ?? globalThis.fetch,
    env: options.env ?? {},
    config: () => loadConfig({ env: options.env ?? {} }),
  };
  return { io, bytes: () => Buffer.concat(chunks), lines: log.lines };
}

/** `openpulse …argv` in this process. */
export async function runInProcess(argv: string[], options: Parameters<typeof fakeIO>[0] = {}): Promise<Ran> {
  const { io, bytes, lines } = fakeIO(options);
  const code = await main(argv, io);
  return { code, stdout: bytes().toString('utf8'), bytes: bytes(), stderr: lines.join('\n') };
}

/** `node collector/cli.mjs …argv` as a child process, with only PATH and HOME from this environment plus `env`. */
export function runInChild(argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [EXECUTABLE, ...argv], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const bytes = Buffer.concat(out);
      resolve({ code, stdout: bytes.toString('utf8'), bytes, stderr });
    });
  });
}
