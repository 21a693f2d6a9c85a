// Ctrl-C during a long `openpulse query` or `export` ends it at once, and what it was writing goes
// with it: the partial --out file under its temporary name, and an aligned table's rows kept in a
// temporary folder (a result streamed a block at a time may be gigabytes by then).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXECUTABLE } from '../../collector/config.ts';
import { runInChild } from '../helpers/cli.ts';

let dir: string;
let tmp: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-interrupt-'));
  tmp = path.join(dir, 'tmp');
  await mkdir(tmp);
  // the store made once, so that each command below starts on an existing one
  const made = await runInChild(['query', 'SELECT 1', '--data-dir', 'store'], { cwd: dir });
  expect(made.code, made.stderr).toBe(0);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs `argv` until `ready()` holds (checked every 50 ms), then sends SIGINT; resolves with how it ended. */
function interruptWhen(argv: string[], ready: () => Promise<boolean>): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [EXECUTABLE, ...argv, '--data-dir', 'store'], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: tmp },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    let sent = false;
    const poll = setInterval(() => {
      void ready().then((yes) => {
        if (yes && !sent) {
          sent = true;
          child.kill('SIGINT');
        }
      });
    }, 50);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, stderr });
    });
  });
}

const names = async (folder: string) => (await readdir(folder)).filter((name) => name !== 'node-compile-cache');

describe('Ctrl-C during a long result', () => {
  it('query --out: the partial file under its temporary name is removed, and no file is left', async () => {
    // far more rows than are written before the signal
    const ended = await interruptWhen(['query', "SELECT number, repeat('x', 200) AS s FROM numbers(200000000)", '--out', 'big.csv'], async () =>
      (await readdir(dir)).some((name) => /^\.big\.csv\.\d+\.tmp$/.test(name)),
    );
    expect(ended.signal ?? ended.code, ended.stderr).toBe('SIGINT');
    expect((await readdir(dir)).filter((name) => name.includes('big.csv'))).toEqual([]);
  });

  it("query --format table: the table's rows kept in a temporary folder are removed", async () => {
    const ended = await interruptWhen(['query', "SELECT number, repeat('x', 200) AS s FROM numbers(200000000)", '--format', 'table', '--out', 'big.txt'], async () =>
      (await names(tmp)).some((name) => name.startsWith('openpulse-table-')),
    );
    expect(ended.signal ?? ended.code, ended.stderr).toBe('SIGINT');
    expect(await names(tmp)).toEqual([]);
    expect((await readdir(dir)).filter((name) => name.includes('big.txt'))).toEqual([]);
  });

  it('a query that ends is not touched afterwards: its file stays', async () => {
    const done = await runInChild(['query', 'SELECT number FROM numbers(10)', '--out', 'small.csv', '--data-dir', 'store'], { cwd: dir });
    expect(done.code, done.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'small.csv'))).toBe(true);
  });
});
