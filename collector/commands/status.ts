import { configFromFlags, withStore } from './context.ts';
import type { Command } from './types.ts';

interface RunRow { run_id: string; job: string; source: string; finished_at: string; status: string; rows: number; problems: number; message: string; rate_limit_left: number | null }

export const statusCommand: Command = {
  name: 'status',
  summary: 'show the store, its migrations, fact counts, each source\'s last outcome and the latest runs',
  usage: '',
  details: 'Exit 0 when the last run of every source ended ok; 1 when one ended partial, failed or unreachable (usable as a health check).',
  flags: { runs: { type: 'string', valueName: 'N', description: 'how many recent source runs to show (default 10)' } },
  async run({ values }, io) {
    const config = configFromFlags(values, io.env);
    return withStore(config, io, 'status', async (store) => {
      const out = (line = '') => io.stdout.write(`${line}\n`);
      out(`store: ${store.kind} at ${store.location}`);
      const migrations = await store.migrations();
      out(`migrations: ${migrations.map((m) => `${String(m.version).padStart(3, '0')}_${m.name}`).join(', ')}`);
      const facts = await store.rows<{ source: string; facts: number; newest: string }>(
        'SELECT source, count() AS facts, toString(max(observed_at)) AS newest FROM facts GROUP BY source ORDER BY source',
      );
      out('facts by source:');
      for (const f of facts) out(`  ${f.source.padEnd(12)} ${String(f.facts).padStart(9)}  newest ${f.newest}`);
      // Each source's newest run, whatever the job: what a reader of the site gets from it now.
      const last = await store.rows<RunRow>(
        `SELECT run_id, job, source, toString(finished_at) AS finished_at, status, rows, problems, message, rate_limit_left
           FROM runs FINAL WHERE status != 'skipped' ORDER BY source, finished_at DESC LIMIT 1 BY source`,
      );
      const incomplete = last.filter((r) => r.status !== 'ok');
      out('last outcome by source:');
      for (const r of last) out(`  ${r.source.padEnd(12)} ${r.status.padEnd(11)} ${r.finished_at} (${r.job})${r.status !== 'ok' && r.message ? ` — ${r.message}` : ''}`);
      const limit = Number.parseInt((values.runs as string | undefined) ?? '10', 10) || 10;
      const runs = await store.rows<RunRow>(
        'SELECT run_id, job, source, toString(finished_at) AS finished_at, status, rows, problems, message, rate_limit_left FROM runs FINAL ORDER BY finished_at DESC LIMIT {limit:UInt32}',
        { limit },
      );
      out('latest source runs:');
      for (const r of runs) {
        out(`  ${r.finished_at} ${r.job} source=${r.source} status=${r.status} rows=${r.rows} problems=${r.problems}${r.rate_limit_left !== null ? ` left=${r.rate_limit_left}` : ''}${r.message ? ` — ${r.message}` : ''}`);
      }
      if (incomplete.length > 0) {
        out();
        out(`attention: the last run of ${incomplete.map((r) => `${r.source} (${r.status})`).join(', ')} did not complete; run "openpulse collect" again, or see the messages above`);
        return 1;
      }
      return 0;
    });
  },
};
