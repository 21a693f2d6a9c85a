// The collection runner on a real embedded store: sources fetch over real HTTP
// from a local server; a failing source never costs the facts already stored.

import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../collector/catalog.ts';
import { collectInto } from '../../collector/commands/collect.ts';
import type { CommandIO } from '../../collector/commands/types.ts';
import { silentLogger } from '../../collector/log.ts';
import type { Observation } from '../../collector/observation.ts';
import { openStore } from '../../collector/store/index.ts';
import { spoolOnlyStore } from '../../collector/store/spool-store.ts';
import type { Source } from '../../collector/sources/types.ts';
import { freePort } from '../helpers/clickhouse-server.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';
import { catalogYaml, LLAMA } from '../helpers/catalogs.ts';

const CATALOG = parseCatalog(catalogYaml({ ...LLAMA, github: { search: ['llama'] } }), 'test.yml');

let upstream: Server;
let base: string;
let t: TestStore;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    if (req.url === '/counts') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify([{ day: '2026-11-28', n: 10 }, { day: '2026-11-29', n: -5 }, { day: '2099-01-01', n: 3 }, { day: '2026-11-27', n: 'lots' }]));
    } else {
      res.writeHead(500).end('boom');
    }
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(upstream.address() as { port: number }).port}`;
  t = await openTestStore();
});
afterAll(async () => {
  await t?.cleanup();
  await new Promise((r) => upstream.close(r));
});

function io(log = silentLogger()): CommandIO & { log: ReturnType<typeof silentLogger> } {
  return {
    stdout: { write: () => true },
    log,
    clock: { now: () => new Date('2026-11-29T12:00:00Z'), sleep: async () => {} },
    fetch: globalThis.fetch,
    env: {},
    config: () => t.config,
  };
}

const countsSource = (name: 'npm' | 'pypi', failAfterFirstBatch: boolean): Source => ({
  name,
  description: 'test source over local HTTP',
  endpoint: () => base,
  enabled: () => true,
  async collect(ctx) {
    const rows = (await (await ctx.fetch(`${base}/counts`)).json()) as { day: string; n: unknown }[];
    const facts: Observation[] = rows.map((r) => ({ source: name, subject: `${name}:pkg`, family: 'llama', metric: `${name}_downloads` as const, observed_at: r.day, value: r.n as number }));
    await ctx.emit(facts);
    if (failAfterFirstBatch) {
      const response = await ctx.fetch(`${base}/fails`);
      throw new Error(`upstream answered ${response.status}`);
    }
    return { rateLimitLeft: 42 };
  },
});

describe('collection runner', () => {
  it('stores the good facts, reports each bad one with its raw value, and keeps going after a failing source', async () => {
    const port = await freePort();
    const unreachable: Source = {
      name: 'github',
      description: 'nothing listens here',
      endpoint: () => `127.0.0.1:${port}`,
      enabled: () => true,
      async collect(ctx) {
        await ctx.fetch(`http://127.0.0.1:${port}/rate_limit`);
      },
    };
    const out = io();
    const outcomes = await collectInto(t.store, CATALOG, t.config, out, [], [countsSource('npm', true), unreachable, countsSource('pypi', false)]);

    expect(outcomes.map((o) => [o.source, o.status, o.rows, o.problems])).toEqual([
      ['npm', 'partial', 1, 3],
      ['github', 'unreachable', 0, 0],
      ['pypi', 'partial', 1, 3],
    ]);
    const lines = out.log.lines.join('\n');
    expect(lines).toMatch(new RegExp(`source=github status=unreachable rows=0 ms=\\d+ — cannot reach 127\\.0\\.0\\.1:${port}: connection refused`));
    expect(lines).toMatch(/source=npm status=partial rows=1 ms=\d+ problems=3 — upstream answered 500/);
    expect(lines).toMatch(/source=npm subject=npm:pkg metric=npm_downloads: not stored: value -5 is negative \(raw -5\)/);
    expect(lines).toMatch(/not stored: observed_at 2099-01-01 is in the future/);
    expect(lines).toMatch(/not stored: value "lots" is not a number \(raw lots\)/);
    expect(lines).toMatch(/source=pypi status=partial rows=1 ms=\d+ problems=3 left=42/);

    expect(await t.store.rows("SELECT source, toString(observed_at) AS day, value FROM facts WHERE metric LIKE '%downloads' ORDER BY source")).toEqual([
      { source: 'npm', day: '2026-11-28', value: 10 },
      { source: 'pypi', day: '2026-11-28', value: 10 },
    ]);
    const runs = await t.store.rows<{ source: string; status: string; message: string }>('SELECT source, status, message FROM runs FINAL ORDER BY source');
    expect(runs.map((r) => [r.source, r.status])).toEqual([
      ['github', 'unreachable'],
      ['npm', 'partial'],
      ['pypi', 'partial'],
    ]);
    const problems = await t.store.rows<{ raw: string }>("SELECT raw FROM problems WHERE source = 'npm' ORDER BY raw");
    expect(problems.map((p) => p.raw)).toEqual(['-5', '3', 'lots']);
  });

  it('holds facts and the state set after them, and writes both, facts first, before the source waits', async () => {
    const seen: string[] = [];
    const stored = async () => {
      const facts = (await t.store.rows<{ n: number }>("SELECT count() AS n FROM facts WHERE subject = 'npm:held'"))[0]!.n;
      return `facts=${facts} state=${(await t.store.getState('npm', 'held:through')) ?? 'none'}`;
    };
    const clock = { now: () => new Date('2026-11-29T12:00:00Z'), sleep: async () => void seen.push(`waiting: ${await stored()}`) };
    const source: Source = {
      ...countsSource('npm', false),
      async collect(ctx) {
        await ctx.emit(['2026-11-20', '2026-11-21'].map((day) => ({ source: 'npm', subject: 'npm:held', family: 'llama', metric: 'npm_downloads', observed_at: day, value: 7 })));
        await ctx.state.set('held:through', '2026-11-21');
        expect(await ctx.state.get('held:through')).toBe('2026-11-21');
        seen.push(`emitted: ${await stored()}`);
        await ctx.clock.sleep(1000);
        await ctx.emit([{ source: 'npm', subject: 'npm:held', family: 'llama', metric: 'npm_downloads', observed_at: '2026-11-22', value: 7 }]);
        await ctx.state.set('held:through', '2026-11-22');
        seen.push(`emitted: ${await stored()}`);
      },
    };
    const outcomes = await collectInto(t.store, CATALOG, t.config, { ...io(), clock }, [], [source]);
    expect(outcomes[0]).toMatchObject({ status: 'ok', rows: 3 });
    expect(seen).toEqual(['emitted: facts=0 state=none', 'waiting: facts=2 state=2026-11-21', 'emitted: facts=2 state=2026-11-21']);
    expect(await stored()).toBe('facts=3 state=2026-11-22');
  });

  it('collects into the spool when the server store is unreachable, and the next run loads it', async () => {
    const spoolDir = `${t.dir}/spool`;
    const offline = spoolOnlyStore({ ...t.config, spoolDir }, silentLogger());
    const outcomes = await collectInto(offline, CATALOG, t.config, io(), ['pypi'], [countsSource('pypi', false)]);
    expect(outcomes[0]!.rows).toBe(1);
    const pypiRuns = async () => (await t.store.rows<{ n: number }>("SELECT count() AS n FROM runs FINAL WHERE source = 'pypi'"))[0]!.n;
    const runsBefore = await pypiRuns();
    await t.store.close();
    t.store = await openStore({ ...t.config, spoolDir }, { job: 'collect' });
    const rows = await t.store.rows<{ n: number }>("SELECT count() AS n FROM facts WHERE source = 'reference'");
    expect(rows[0]!.n).toBeGreaterThan(0); // the reference figures travelled through the spool too
    // and so did the run's log line: status sees the offline run
    expect(await pypiRuns()).toBe(runsBefore + 1);
  });

  it('keeps a source\'s state (ETags) written while the store was unreachable', async () => {
    const spoolDir = `${t.dir}/spool-state`;
    await spoolOnlyStore({ ...t.config, spoolDir }, silentLogger()).setState('github', 'etag:/x', '"W/abc"');
    await t.store.close();
    t.store = await openStore({ ...t.config, spoolDir }, { job: 'collect' });
    expect(await t.store.getState('github', 'etag:/x')).toBe('"W/abc"');
  });
});
