// `openpulse build` runs the site's queries in a process of its own (collector/commands/store-process.ts),
// which ends before Astro starts, so the embedded engine's memory is not held beside Astro's (`main` and
// `schedule` do the same with their collection: test/integration/stop-signals.test.ts, schedule.test.ts).
// What that process logs is the build's log, what it fails with is the build's error, a process that
// ends without answering is said as such, and the process that waits on Astro never loads the engine.
// This file opens no store itself: the engine's library mapped into this test's process could only
// have come from the function under test.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inStoreProcess, snapshotInOwnProcess } from '../../collector/commands/build.ts';
import type { CommandIO } from '../../collector/commands/types.ts';
import { loadConfig } from '../../collector/config.ts';
import { OpenPulseError } from '../../collector/errors.ts';
import { systemClock } from '../../collector/sources/types.ts';
import { readLockHolder } from '../../collector/store/lock.ts';
import { freePort } from '../helpers/clickhouse-server.ts';
import { catalogYaml, GPT4, LLAMA } from '../helpers/catalogs.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-build-queries-'));
  await writeFile(path.join(dir, 'catalog.yml'), catalogYaml({ ...LLAMA, github: { search: ['llama'] } }, { ...GPT4, npm: ['openai'] }));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function recordingIO(env: NodeJS.ProcessEnv) {
  const lines: string[] = [];
  const progress: string[] = [];
  const io: CommandIO = {
    stdout: { write: () => true },
    log: { info: (l) => lines.push(`info ${l}`), warn: (l) => lines.push(`warn ${l}`), progress: (label, done, total) => progress.push(`${label} ${done}/${total}`) },
    clock: { now: () => new Date('2026-11-20T06:00:00Z'), sleep: systemClock.sleep },
    fetch: globalThis.fetch,
    env,
    config: () => loadConfig({ env }),
  };
  return { io, lines, progress };
}

describe("the build's queries in a process of their own", () => {
  it('writes the snapshot there, as of the command clock, with its log and progress in this one, and never loads the engine here', async () => {
    const config = loadConfig({ env: {}, flags: { dataDir: path.join(dir, 'data'), catalog: path.join(dir, 'catalog.yml') } });
    const { io, lines, progress } = recordingIO({ PATH: process.env.PATH });
    const snapshot = await snapshotInOwnProcess(config, io);
    expect(snapshot).toBe(path.join(dir, 'data', 'site-data'));
    const index = JSON.parse(await readFile(path.join(snapshot, 'index.json'), 'utf8')) as { generatedAt: string; catalog: { families: { id: string }[] } };
    // the moment is this process's clock, not the queries' process's own
    expect(index.generatedAt).toBe('2026-11-20T06:00:00.000Z');
    expect(index.catalog.families.map((f) => f.id)).toEqual(['llama', 'gpt']);
    expect(lines.at(-1)).toMatch(new RegExp(`^info site: queries written to ${snapshot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; peak memory of this process so far \\d+ MiB$`));
    // every named query and every report counted out to its end
    const last = (label: string) => progress.filter((p) => p.startsWith(`${label} `)).at(-1);
    expect(last('site queries')).toMatch(/^site queries (\d+)\/\1$/);
    expect(last('site reports')).toMatch(/^site reports (\d+)\/\1$/);
    // the engine's library was never mapped into this process
    expect(await readFile('/proc/self/maps', 'utf8')).not.toMatch(/chdb/i);
  });

  it("throws the queries' process's own error, its code and hint, and writes nothing", async () => {
    const data = path.join(dir, 'data-missing-catalog');
    const config = loadConfig({ env: {}, flags: { dataDir: data, catalog: path.join(dir, 'no-such-catalog.yml') } });
    const { io } = recordingIO({ PATH: process.env.PATH });
    const error = await snapshotInOwnProcess(config, io).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OpenPulseError);
    expect((error as OpenPulseError).code).toBe('CATALOG');
    expect((error as OpenPulseError).message).toBe(`cannot read the catalog ${path.join(dir, 'no-such-catalog.yml')}: ENOENT: no such file or directory, open '${path.join(dir, 'no-such-catalog.yml')}'`);
    expect((error as OpenPulseError).hint).toBe('pass an existing file with --catalog FILE or OPENPULSE_CATALOG');
    expect(existsSync(path.join(data, 'site-data'))).toBe(false);
  });

  it("runs the demo's simulators, backfills and collection there, into the demo's store, and never loads the engine here", async () => {
    const data = path.join(dir, 'data-demo');
    const config = loadConfig({ env: {}, flags: { dataDir: data, catalog: path.join(dir, 'catalog.yml'), simulated: true } });
    const { io, lines } = recordingIO({ PATH: process.env.PATH });
    const answer = await inStoreProcess({ job: 'demo', config, since: '2026-09-01', seed: 1, today: '2026-11-20T12:00:00.000Z' }, io);
    expect(answer.snapshot).toBe(path.join(data, 'site-data'));
    // the simulators ran there, on their own clock: what they answered is counted, and the day is the demo's
    expect(answer.requests).toBeGreaterThan(10);
    expect(answer.cost).toBeGreaterThan(0);
    expect(lines).toContainEqual(expect.stringMatching(/^info demo: simulated upstreams at http:\/\/127\.0\.0\.1:\d+ \(today is 2026-11-20 in the simulated world\)$/));
    expect(lines).toContain('info demo: backfill github-counts since 2026-09-01');
    for (const source of ['github', 'npm']) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^info source=${source} status=ok rows=[1-9]`)));
    const index = JSON.parse(await readFile(path.join(answer.snapshot, 'index.json'), 'utf8')) as { generatedAt: string; simulated: boolean };
    expect(index.simulated).toBe(true);
    expect(index.generatedAt.slice(0, 10)).toBe('2026-11-20');
    // the simulators' made-up token is a secret there too
    expect(lines.join('\n')).not.toContain('demo-simulated-token');
    expect(await readFile('/proc/self/maps', 'utf8')).not.toMatch(/chdb/i);
  });

  it('says so when the store\'s process ends without answering (killed, as by the OOM killer), with what is kept', async () => {
    const data = path.join(dir, 'data-killed');
    // nothing listens there: main's collection finds every upstream unreachable, then writes the site's data
    const closed = `http://127.0.0.1:${await freePort()}`;
    const config = loadConfig({
      env: {},
      flags: { dataDir: data, catalog: path.join(dir, 'catalog.yml'), githubApiUrl: `${closed}/github`, hfEndpoint: `${closed}/hf`, npmDownloadsUrl: `${closed}/npm`, pypistatsUrl: `${closed}/pypistats`, requestTimeoutMs: 2000 },
    });
    const { io, lines } = recordingIO({ PATH: process.env.PATH });
    const answer = inStoreProcess({ job: 'main', config, clockOffsetMs: 0 }, io).then(
      () => undefined,
      (e: unknown) => e,
    );
    // once it says the store is open, the store's process holds the store's lock, named by its pid
    while (!lines.some((l) => l.startsWith('info store: embedded at '))) await new Promise((resolve) => setTimeout(resolve, 50));
    const holder = await readLockHolder(data);
    expect(holder?.job).toBe('main');
    expect(holder!.pid).not.toBe(process.pid);
    process.kill(holder!.pid, 'SIGKILL');
    const error = await answer;
    expect(error).toBeInstanceOf(OpenPulseError);
    expect((error as OpenPulseError).message).toBe("the store's process (the collection and site queries) ended (SIGKILL) before it answered; see the messages above");
    expect((error as OpenPulseError).hint).toBe('what was collected before it ended is stored, and the previous site was left as it was; run "npm start" again');
  });
});
