// Starts Debian's clickhouse-server on a free loopback port with a throw-away
// configuration, for tests of the server code path. Stopped by stop().

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const CLICKHOUSE_SERVER_BINARY = '/usr/sbin/clickhouse-server';

export function clickhouseServerInstalled(): boolean {
  const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', 'clickhouse-server'], { encoding: 'utf8' });
  return existsSync(CLICKHOUSE_SERVER_BINARY) && status.stdout === 'install ok installed';
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export async function startClickHouseServer(): Promise<RunningServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-chserver-'));
  for (const sub of ['data', 'tmp', 'log']) await mkdir(path.join(dir, sub));
  const [httpPort, tcpPort] = [await freePort(), await freePort()];
  await writeFile(
    path.join(dir, 'config.xml'),
    `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/error.log</errorlog></logger>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>5368709</mark_cache_size>
</yandex>
`,
  );
  await copyFile('/etc/clickhouse-server/users.xml', path.join(dir, 'users.xml'));
  const child: ChildProcess = spawn(CLICKHOUSE_SERVER_BINARY, [`--config-file=${path.join(dir, 'config.xml')}`], { cwd: dir, stdio: 'ignore' });
  const url = `http://127.0.0.1:${httpPort}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/ping`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`clickhouse-server exited with ${child.exitCode}; see ${dir}/log`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('clickhouse-server did not answer /ping within 30 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
