// The way a ClickHouse server is given an NDJSON file of facts (collector/store/fact-import.ts):
// sent in batches of whole lines into the staging table, then checked and stored as the
// in-process store does it. Run against an in-memory engine through the same client, in its
// own file because chDB allows one data directory per process.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitStatements } from '../../collector/store/ddl.ts';
import { importFactFile } from '../../collector/store/fact-import.ts';
import { listMigrations } from '../../collector/store/index.ts';

const TODAY = '2026-12-01';
const line = (over: Record<string, unknown>) => JSON.stringify({ source: 'npm', subject: 'npm:openai', family: 'gpt', metric: 'npm_downloads', observed_at: '2024-01-02', value: 12, ...over });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-fact-batches-'));
});
afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

describe('the server\'s way: the file sent in batches of lines', () => {
  it('stores the same rows as the in-process way, checked the same', async () => {
    // An engine in memory with the store's observations table; engineReadsFile: false sends each
    // batch through the client as a server receives it.
    const { createChdbConnection } = await import('chdb/connection');
    const client = createClient({ connection: createChdbConnection({ path: ':memory:' }) as never } as Parameters<typeof createClient>[0]);
    try {
      const baseline = splitStatements(await readFile(listMigrations()[0]!.file, 'utf8')).find((s) => s.includes('TABLE IF NOT EXISTS observations'))!;
      await client.command({ query: baseline });
      const lines = Array.from({ length: 3_000 }, (_, i) => line({ subject: `npm:sent${i}` }));
      const file = path.join(dir, 'sent.ndjson');
      await writeFile(file, `${lines.join('\n')}\n`);
      const sent: number[] = [];
      const options = { runId: 'sent', collectedAt: new Date('2026-12-01T10:00:00Z'), today: TODAY, batchBytes: 16 * 1024, engineReadsFile: false, onProgress: (b: number) => sent.push(b) };
      expect(await importFactFile(client, file, options)).toEqual({ status: 'stored', bySource: [{ source: 'npm', rows: 3_000 }] });
      expect(sent.length).toBeGreaterThan(10);
      const result = await client.query({ query: "SELECT count() AS n FROM observations WHERE run_id = 'sent'", format: 'JSONEachRow' });
      expect(await result.json()).toEqual([{ n: 3000 }]);
      await writeFile(file, `${[...lines, line({ subject: 'npm:sent-bad', observed_at: '2024-02-30' })].join('\n')}\n`);
      expect(await importFactFile(client, file, { ...options, runId: 'sent-bad' })).toEqual({ status: 'invalid', rows: 1 });
    } finally {
      await client.close();
    }
  });
});
