// openpulse status as a health check: each source's last outcome, exit 1 while
// one did not complete, 0 again once it has.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../collector/observation.ts';
import { sourceStates } from '../../collector/schedule/state.ts';
import type { RunRecord } from '../../collector/store/index.ts';
import { runInProcess } from '../helpers/cli.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';

let t: TestStore;
let now = new Date('2026-12-02T12:00:00Z');
const clock = { now: () => now, sleep: async () => {} };
const status = (...args: string[]) => runInProcess(['status', '--data-dir', t.config.dataDir, ...args], { clock });

function run(source: string, status: RunRecord['status'], at: string, message = ''): RunRecord {
  const when = new Date(at);
  return { run_id: `run-${source}-${at}`, job: 'collect', source, started_at: when, finished_at: when, status, rows: 10, problems: status === 'ok' ? 0 : 1, message, rate_limit_left: null };
}

beforeAll(async () => {
  t = await openTestStore();
  await t.store.logRun(run('github', 'ok', '2026-12-01T06:00:00Z'));
  await t.store.logRun(run('npm', 'ok', '2026-12-01T06:00:00Z'));
  await t.store.logRun(run('npm', 'partial', '2026-12-02T06:00:00Z', 'npm: 2 of 40 packages answered 429; stored the other 38'));
  await t.store.close();
});
afterAll(async () => t?.cleanup());

describe('openpulse status', () => {
  it('shows each source\'s last outcome and exits 1 while one did not complete', async () => {
    const r = await status();
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/last outcome by source:\n  github\s+ok\s+2026-12-01 06:00:00\.000 \(collect\)\n  npm\s+partial\s+2026-12-02 06:00:00\.000 \(collect\) — npm: 2 of 40 packages answered 429/);
    expect(r.stdout).toMatch(/attention: the last run of npm \(partial\) did not complete; run "openpulse collect" again/);
  });

  it('collect exits 3 when a source could not be reached, and status names it', async () => {
    const env = { OPENPULSE_DATA_DIR: t.config.dataDir, PYPISTATS_URL: 'http://127.0.0.1:9', OPENPULSE_REQUEST_TIMEOUT_MS: '30000' };
    // On the test's clock (2026-12-02), so the run it logs is older than the good runs the next test logs, whatever today is.
    const r = await runInProcess(['collect', '--source', 'pypi'], { env, clock });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/source=pypi status=unreachable/);
    const s = await status();
    expect(s.code).toBe(1);
    expect(s.stdout).toMatch(/attention: the last run of .*pypi \(unreachable\)/);
  });

  it('exits 0 once the next run of that source is ok', async () => {
    const again = await openTestStore({ dataDir: t.config.dataDir });
    await again.store.logRun(run('npm', 'ok', '2026-12-03T06:00:00Z'));
    await again.store.logRun(run('pypi', 'ok', '2026-12-03T06:00:00Z'));
    await again.store.logRun(run('github', 'ok', '2026-12-02T06:00:00Z'));
    await again.store.close();
    // github's last success is 30 hours old: due (cadence 1d), not stale (2d)
    now = new Date('2026-12-03T12:00:00Z');
    const r = await status();
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).not.toMatch(/attention/);
    expect(r.stdout).toMatch(/sources against their cadence:\n  github\s+every 1d\s+fresh\s+next due now/);
    expect(r.stdout).toMatch(/  npm\s+every 1d\s+fresh\s+next due 2026-12-04T06:00:00.000Z · last run stored 10 rows/);
    expect(r.stdout).toMatch(/  huggingface\s+every 1d\s+never run/);
    expect(r.stdout).toMatch(/size on disk: [\d.]+ MiB in \d+ tables \(.*runs \d+ rows/);
  });

  it('is stale (exit 1) when a source that has run has no success in twice its cadence, and says so', async () => {
    now = new Date('2026-12-06T12:00:00Z');
    const r = await status();
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/  npm\s+every 1d\s+STALE/);
    expect(r.stdout).toMatch(/attention: github \(no success in 2d\), npm \(no success in 2d\), pypi \(no success in 2d\) are stale; is the scheduler running\?/);
    // a longer cadence for one source (as the scheduler is told) changes the verdict for it
    const weekly = await status('--cadence', 'github=1w,npm=1w,pypi=1w');
    expect(weekly.code, weekly.stdout).toBe(0);
  });

  it('--format json gives the same verdict as data', async () => {
    now = new Date('2026-12-06T12:00:00Z');
    const r = await status('--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { healthy: boolean; sources: { source: string; fresh: boolean | null; cadence: string; next_due: string }[]; store: { kind: string; tables: unknown[] } };
    expect(json.healthy).toBe(false);
    expect(json.store.kind).toBe('embedded');
    expect(json.sources.find((s) => s.source === 'npm')).toMatchObject({ fresh: false, cadence: '1d', next_due: '2026-12-06T12:00:00.000Z' });
    expect(json.sources.find((s) => s.source === 'huggingface')).toMatchObject({ fresh: null });
    const bad = await status('--format', 'yaml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format yaml: status writes text or json/);
  });
});

describe('facts by source, and each source\'s newest day', () => {
  const fact = (over: Partial<Observation>): Observation => ({ source: 'npm', subject: 'npm:ollama', family: 'llama', metric: 'npm_downloads', observed_at: '2026-11-20', value: 10, ...over });
  /** What status and the scheduler must say, counted from every fact. */
  const counted = async (store: TestStore['store']) =>
    store.rows<{ source: string; facts: number; newest: string }>('SELECT source, count() AS facts, toString(max(observed_at)) AS newest FROM facts GROUP BY source ORDER BY source');
  const newestOwnDays = async (store: TestStore['store']) =>
    store.rows<{ source: string; newest: string }>("SELECT source, toString(max(observed_at)) AS newest FROM facts WHERE source != 'reference' GROUP BY source ORDER BY source");
  const statusFacts = async () => (JSON.parse((await status('--format', 'json')).stdout) as { facts: unknown[] }).facts;
  const schedulerDays = async (store: TestStore['store']) =>
    (await sourceStates(store)).filter((s) => s.newestDay !== null && s.source !== 'reference').map((s) => ({ source: s.source, newest: s.newestDay })).sort((a, b) => (a.source < b.source ? -1 : 1));

  it('are read from the counts the store keeps while they are current, and counted from the facts when they are not', async () => {
    const again = await openTestStore({ dataDir: t.config.dataDir });
    await again.store.insert([fact({}), fact({ observed_at: '2026-11-21', value: 12 }), fact({ source: 'pypi', subject: 'pypi:vllm', metric: 'pypi_downloads', observed_at: '2026-11-19' })], 'run-f1', new Date('2026-11-22T06:00:00Z'));
    // a cited figure, newer than every collected fact: the scheduler's days are the collected facts' own
    await again.store.insert([fact({ source: 'reference', subject: 'search:llama', metric: 'github_projects', observed_at: '2026-11-30', value: 5000 })], 'run-f2', new Date('2026-11-30T06:00:00Z'));
    // the writer counts its facts as it closes: status reads those counts
    await again.store.close();
    const reader = await openTestStore({ dataDir: t.config.dataDir });
    expect(await reader.store.rows('SELECT count() AS n FROM source_facts_current')).toEqual([{ n: 3 }]);
    const expected = await counted(reader.store);
    expect(expected.map((r) => r.source)).toEqual(['npm', 'pypi', 'reference']);
    expect(await schedulerDays(reader.store)).toEqual(await newestOwnDays(reader.store));
    // and reads them rather than every fact: a count planted under the current witness is what both say
    await reader.store.rows(
      "INSERT INTO source_facts SELECT 'npm', '2026-11-25', 999999, '2026-11-25 06:00:00', (SELECT witness FROM observations_witness), now64(3)",
      {},
      { readonly: false },
    );
    expect((await schedulerDays(reader.store)).find((d) => d.source === 'npm')).toEqual({ source: 'npm', newest: '2026-11-25' });
    await reader.store.close();
    expect(await statusFacts()).toEqual(expected.map((r) => (r.source === 'npm' ? { source: 'npm', facts: 999999, newest: '2026-11-25' } : r)));
    // counts that are not current (here: none) are not read; the facts are counted instead
    const stale = await openTestStore({ dataDir: t.config.dataDir });
    await stale.store.rows('TRUNCATE TABLE source_facts', {}, { readonly: false });
    expect(await stale.store.rows('SELECT count() AS n FROM source_facts_current')).toEqual([{ n: 0 }]);
    expect(await schedulerDays(stale.store)).toEqual([{ source: 'npm', newest: '2026-11-21' }, { source: 'pypi', newest: '2026-11-19' }]);
    await stale.store.close();
    expect(await statusFacts()).toEqual(expected);
  });
});
