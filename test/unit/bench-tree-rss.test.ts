// The benchmarks' memory of a process and every process under it at once (bench/common.ts treeRss):
// what a build of several processes needs of the machine, where GNU time gives only its largest.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { treeRss } from '../../bench/common.ts';

const MiB = 2 ** 20;
/** Every process a test started, ended after it whatever it did. */
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** A process's own resident memory, from /proc. */
function ownRss(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
}

describe('treeRss', () => {
  it('adds a process and the one it started, each holding 200 MiB, and counts what ended as nothing', async () => {
    // a parent that holds 200 MiB and starts a child that holds 200 MiB too; each says when it holds it
    const hold = 'const b = Buffer.alloc(200 * 2 ** 20, 1); console.log("holding " + process.pid); setInterval(() => b[0]++, 1000);';
    const parent = spawn(process.execPath, ['-e', `${hold} require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(hold)}], { stdio: ['ignore', 'inherit', 'inherit'] });`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pids: number[] = [];
    parent.stdout.on('data', (chunk: Buffer) => {
      const said = [...chunk.toString().matchAll(/holding (\d+)/g)].map((m) => Number(m[1]));
      pids.push(...said);
      started.push(...said);
    });
    await expect.poll(() => pids.length).toBe(2);
    const [first, second] = pids as [number, number];
    const both = treeRss(parent.pid!);
    expect(both).toBeGreaterThanOrEqual(400 * MiB);
    // the sum of the two, read one after the other, within what either moved meanwhile
    expect(Math.abs(both - (ownRss(first) + ownRss(second)))).toBeLessThan(20 * MiB);
    // the parent alone is half of it; a process that is gone holds nothing
    expect(ownRss(parent.pid!)).toBeLessThan(both - 150 * MiB);
    process.kill(second, 'SIGKILL');
    await expect.poll(() => treeRss(parent.pid!)).toBeLessThan(both - 150 * MiB);
    parent.kill('SIGKILL');
    await new Promise((resolve) => parent.once('close', resolve));
    expect(treeRss(parent.pid!)).toBe(0);
  });
});
