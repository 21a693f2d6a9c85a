// The server code path against a real ClickHouse server: Debian's 18.16, which
// is older than OpenPulse supports and must be refused with both versions named.
// .ci/run installs the package; on a machine without it this file says it skipped.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../collector/config.ts';
import { MIN_CLICKHOUSE_VERSION, openStore } from '../../collector/store/index.ts';
import { clickhouseServerInstalled, freePort, startClickHouseServer, type RunningServer } from '../helpers/clickhouse-server.ts';

const installed = clickhouseServerInstalled();
if (!installed) console.warn('server-version.test.ts skipped: clickhouse-server is not installed (apt-get install clickhouse-server; .ci/run does)');

describe.skipIf(!installed)('an unsupported ClickHouse server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startClickHouseServer();
  });
  afterAll(async () => server?.stop());

  it('is refused with a message naming its version and the minimum', async () => {
    const config = loadConfig({ env: { CLICKHOUSE_URL: server.url } });
    const error = await openStore(config, { job: 'test' }).then(
      () => null,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.code).toBe('STORE_VERSION');
    expect(error?.message).toContain(`runs version 18.16.1`);
    expect(error?.message).toContain(`OpenPulse needs ${MIN_CLICKHOUSE_VERSION} or newer`);
    expect(error?.message).toContain(server.url);
  });

  it('never shows the password, even when the server refuses it', async () => {
    const password = 'pa55-word-never-shown';
    const url = new URL(server.url);
    url.username = 'default';
    url.password = password;
    const config = loadConfig({ env: { CLICKHOUSE_URL: url.toString(), CLICKHOUSE_PASSWORD: password } });
    const error = await openStore(config, { job: 'test' }).then(
      () => null,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error).not.toBeNull();
    expect(error!.message).not.toContain(password);
    expect(error!.message).toMatch(/answered \d+|runs version/);
  });
});

describe('an unreachable ClickHouse server', () => {
  it('is reported as unreachable, naming the URL without credentials', async () => {
    const port = await freePort();
    const config = loadConfig({ env: { CLICKHOUSE_URL: `http://someone:secret-pass@127.0.0.1:${port}/`, CLICKHOUSE_PASSWORD: 'secret-pass' } });
    const error = await openStore(config, { job: 'test' }).then(
      () => null,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error?.code).toBe('STORE_UNREACHABLE');
    expect(error?.message).toBe(`cannot reach the ClickHouse server at http://127.0.0.1:${port}: ECONNREFUSED`);
    expect(error?.message).not.toContain('secret-pass');
  });
});
