// openpulse status as a health check: each source's last outcome, exit 1 while
// one did not complete, 0 again once it has.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../collector/store/index.ts';
import { runInProcess } from '../helpers/cli.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';

let t: TestStore;
const status = () => runInProcess(['status', '--data-dir', t.config.dataDir]);

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
    const r = await runInProcess(['collect', '--source', 'pypi'], { env });
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
    await again.store.close();
    const r = await status();
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).not.toMatch(/attention/);
  });
});
