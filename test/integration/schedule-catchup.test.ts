// The scheduler as a service, against the simulators with a controllable clock (issue 17):
// per-source cadences, catch-up after a simulated week of downtime with the days Hugging
// Face no longer has reported as lost for good, nothing run twice, and status against
// each source's own cadence.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import type { Simulator } from '../../simulators/server.ts';
import { runInProcess } from '../helpers/cli.ts';
import { simulatorClock } from '../helpers/simulator-context.ts';
import { catalogYaml, GPT4, LLAMA } from '../helpers/catalogs.ts';

const START = new Date('2026-11-20T06:00:00Z');
const DAY = 86_400_000;
const CATALOG = catalogYaml(
  { ...LLAMA, huggingface: { models: ['meta-llama/Llama-2-7b-hf'] }, npm: ['node-llama-cpp'] },
  { ...GPT4, npm: ['openai'], pypi: ['openai'] },
);

let dir: string;
let sim: Simulator;
const env = () => ({ ...sim.env, OPENPULSE_CATALOG: path.join(dir, 'catalog.yml'), OPENPULSE_DATA_DIR: path.join(dir, 'data') });
const schedule = (...args: string[]) => runInProcess(['schedule', '--once', ...args], { clock: simulatorClock(sim), env: env() });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-catchup-'));
  await writeFile(path.join(dir, 'catalog.yml'), CATALOG);
  sim = await startDefaultSimulator({ now: START });
});
afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('openpulse schedule: cadences and catch-up', () => {
  it('runs every enabled source at first start, then nothing until a cadence is due', async () => {
    const first = await schedule();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/schedule: cadences github=1d, huggingface=1d, npm=1d, pypi=1d, leaderboard=30d/);
    expect(first.stderr).toMatch(/schedule: due now: .*huggingface.*npm.*pypi/);
    expect(first.stderr).toMatch(/source=huggingface status=ok/);

    // an hour later: nothing is due; it says what is next
    sim.clock.advance(3_600_000);
    const again = await schedule();
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/schedule: nothing due; next: \w+ at 2026-11-21T/);
    expect(again.stderr).not.toMatch(/source=\w+ status=/);
  });

  it('an override shortens one source\'s cadence: only that one runs', async () => {
    sim.clock.advance(7 * 3_600_000);
    const r = await schedule('--cadence', 'npm=6h');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/schedule: due now: npm\n/);
    expect(r.stderr).toMatch(/source=npm status=ok/);
    expect(r.stderr).not.toMatch(/source=(pypi|huggingface) status=/);
  });

  it('after a week of downtime it catches up at once and says which Hugging Face days are lost for good', async () => {
    sim.clock.advance(7 * DAY); // 2026-11-27 14:00: today's snapshot is taken now, the six days before are gone
    const r = await schedule();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/LOST FOR GOOD: huggingface has no data for 2026-11-21 … 2026-11-26 \(6 days\)/);
    expect(r.stderr).toMatch(/schedule: due now: .*huggingface.*npm.*pypi/);
    // the packages' missed days come back: npm and pypistats still answer for them (every completed day, 20th to 26th)
    const q = await runInProcess(['query', "SELECT source, uniqExact(observed_at) AS days FROM facts WHERE source IN ('npm', 'pypi') AND observed_at BETWEEN '2026-11-20' AND '2026-11-27' GROUP BY source ORDER BY source", '--format', 'csv'], { clock: simulatorClock(sim), env: env() });
    expect(q.stdout).toBe('source,days\r\nnpm,7\r\npypi,7\r\n');
  });

  it('--log-format json writes one JSON object per line, with the key=value pairs as fields', async () => {
    // a day and a minute: the run before ended a few seconds after it began (its store's process reads the
    // command's clock moving as the system's), and a daily source is due a day after its run ended
    sim.clock.advance(DAY + 60_000);
    const r = await schedule('--log-format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length, r.stderr).toBeGreaterThan(3);
    for (const l of lines) expect(l).toMatchObject({ time: expect.stringMatching(/^20\d\d-/), level: expect.stringMatching(/^(info|warn|progress)$/) });
    expect(lines.find((l) => l.source === 'npm' && l.status === 'ok')).toMatchObject({ rows: expect.any(Number) });
    const bad = await schedule('--log-format', 'xml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--log-format xml: logs are text or json/);
  });

  it('refuses a cadence it cannot read, naming the source list (exit 2)', async () => {
    const r = await schedule('--cadence', 'hf=6h');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cadence "hf=6h": no collected source "hf"[\s\S]*collected sources: github, huggingface/);
  });
});
