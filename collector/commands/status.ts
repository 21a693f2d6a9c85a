// openpulse status: the store, each source against its own cadence, and what needs a
// reader's attention. Usable as a health check: exit 1 when a source that has run is
// stale (its last success older than twice its cadence) or its last run did not complete.

import { OpenPulseError } from '../errors.ts';
import { configuredCadences, formatInterval, plan, type SourcePlan } from '../schedule/plan.ts';
import { sourceStates, type SourceNewestDay } from '../schedule/state.ts';
import { configFromFlags, withStore } from './context.ts';
import type { Command } from './types.ts';

interface RunRow { run_id: string; job: string; source: string; finished_at: string; status: string; rows: number; problems: number; message: string; rate_limit_left: number | null }

export const statusCommand: Command = {
  name: 'status',
  summary: 'show the store, each source against its cadence (last run, outcome, next due), and what needs attention',
  usage: '[--format text|json] [--runs N] [--cadence SOURCE=INTERVAL]...',
  details:
    'Exit 0 when every source that has run is fresh and its last run completed; 1 when one is stale (its last success older than twice its cadence) or ended partial, failed or unreachable (usable as a health check).',
  flags: {
    runs: { type: 'string', valueName: 'N', description: 'how many recent source runs to show (default 10)' },
    format: { type: 'string', valueName: 'FORMAT', description: 'text (default) or json' },
    cadence: { type: 'string', multiple: true, valueName: 'SOURCE=INTERVAL', description: 'the cadences the scheduler uses, if not the default (also OPENPULSE_CADENCE)' },
  },
  async run({ values }, io) {
    const format = (values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') throw new OpenPulseError('USAGE', `--format ${format}: status writes text or json`, { hint: 'e.g. openpulse status --format json' });
    const config = configFromFlags(values, io.env);
    const cadence = configuredCadences(config, values.cadence);
    return withStore(config, io, 'status', async (store) => {
      const now = io.clock.now();
      const migrations = await store.migrations();
      // The facts per source as data_freshness counts them (the store's counts while current, else every fact);
      // the same rows give each source's newest day to its plan, below.
      const freshness = await store.query<SourceNewestDay & { facts: number }>('data_freshness');
      const facts = freshness
        .filter((f) => Number(f.facts) > 0)
        .map((f) => ({ source: f.source, facts: Number(f.facts), newest: f.newest_day ?? '' }))
        .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
      const tables = await store.rows<{ table: string; rows: number; bytes: number }>(
        'SELECT table, sum(rows) AS rows, sum(bytes_on_disk) AS bytes FROM system.parts WHERE active AND database = currentDatabase() GROUP BY table ORDER BY table',
      );
      // Leaderboard licence strings no class of the catalog takes: counted as unknown until classified.
      const unknownLicences = await store.query<{ licence: string; models: number; tables: number; last_table: string; examples: string[] }>('leaderboard_unknown_licences', {});
      // OpenRouter models no catalog entry maps: counted as unknown until mapped.
      const unmapped = await store.query<{ slug: string; tokens: number }>('openrouter_unmapped', {});
      const last = await store.rows<RunRow>(
        `SELECT run_id, job, source, toString(finished_at) AS finished_at, status, rows, problems, message, rate_limit_left
           FROM runs FINAL WHERE status != 'skipped' ORDER BY source, finished_at DESC LIMIT 1 BY source`,
      );
      const plans = plan(now, cadence, await sourceStates(store, freshness));
      const limit = Number.parseInt((values.runs as string | undefined) ?? '10', 10) || 10;
      const runs = await store.rows<RunRow>(
        'SELECT run_id, job, source, toString(finished_at) AS finished_at, status, rows, problems, message, rate_limit_left FROM runs FINAL ORDER BY finished_at DESC LIMIT {limit:UInt32}',
        { limit },
      );

      // Judged: the sources that have run at least once (a fresh store has nothing to be stale).
      const judged = plans.filter((p) => last.some((r) => r.source === p.source));
      const incomplete = last.filter((r) => !['ok'].includes(r.status));
      const stale = judged.filter((p) => p.stale && !incomplete.some((r) => r.source === p.source));
      const healthy = incomplete.length === 0 && stale.length === 0;
      const sourceView = (p: SourcePlan) => {
        const r = last.find((x) => x.source === p.source);
        return {
          source: p.source,
          cadence: formatInterval(p.cadenceMs),
          last_run: r?.finished_at ?? null,
          job: r?.job ?? null,
          outcome: r?.status ?? 'never run',
          rows: r?.rows ?? 0,
          problems: r?.problems ?? 0,
          rate_limit_left: r?.rate_limit_left ?? null,
          message: r?.message ?? '',
          next_due: p.nextDue.toISOString(),
          due_now: p.due,
          fresh: r ? !p.stale : null,
          lost_days: p.lost,
          closing: p.closing,
        };
      };

      if (format === 'json') {
        io.stdout.write(
          `${JSON.stringify(
            {
              healthy,
              store: { kind: store.kind, location: store.location, migrations: migrations.map((m) => `${String(m.version).padStart(3, '0')}_${m.name}`), tables },
              facts,
              sources: plans.map(sourceView),
              leaderboard_unknown_licences: unknownLicences,
              openrouter_unmapped: unmapped,
              latest_runs: runs,
            },
            null,
            2,
          )}\n`,
        );
        return healthy ? 0 : 1;
      }

      const out = (line = '') => io.stdout.write(`${line}\n`);
      out(`store: ${store.kind} at ${store.location}`);
      out(`migrations: ${migrations.map((m) => `${String(m.version).padStart(3, '0')}_${m.name}`).join(', ')}`);
      const totalBytes = tables.reduce((n, t) => n + Number(t.bytes), 0);
      out(`size on disk: ${(totalBytes / 1_048_576).toFixed(1)} MiB in ${tables.length} tables (${tables.map((t) => `${t.table} ${Number(t.rows).toLocaleString('en-US')} rows`).join(', ')})`);
      out('facts by source:');
      for (const f of facts) out(`  ${f.source.padEnd(12)} ${String(f.facts).padStart(9)}  newest ${f.newest}`);
      if (unknownLicences.length > 0) {
        out('leaderboard licences in no class (counted as unknown; add each that names a licence to leaderboard_licences in the catalog, then import the tables again):');
        for (const u of unknownLicences.slice(0, 20)) {
          out(`  ${JSON.stringify(u.licence).padEnd(24)} ${String(u.models).padStart(5)} model rows in ${u.tables} table(s), newest ${u.last_table}${u.examples.length ? ` (e.g. ${u.examples.join(', ')})` : ''}`);
        }
        if (unknownLicences.length > 20) out(`  … and ${unknownLicences.length - 20} more (openpulse query leaderboard_unknown_licences)`);
      }
      if (unmapped.length > 0) {
        out(`OpenRouter models no catalog entry maps (counted as unknown; add an openrouter: entry to their family): ${unmapped.slice(0, 10).map((u) => u.slug).join(', ')}${unmapped.length > 10 ? `, … ${unmapped.length - 10} more (openpulse query openrouter_unmapped)` : ''}`);
      }
      out('last outcome by source:');
      for (const r of last) out(`  ${r.source.padEnd(12)} ${r.status.padEnd(11)} ${r.finished_at} (${r.job})${r.status !== 'ok' && r.message ? ` — ${r.message}` : ''}`);
      out('sources against their cadence:');
      for (const v of plans.map(sourceView)) {
        const state = v.fresh === null ? 'never run' : v.fresh ? 'fresh' : 'STALE';
        out(`  ${v.source.padEnd(12)} every ${v.cadence.padEnd(4)} ${state.padEnd(9)} next due ${v.due_now ? 'now' : v.next_due}${v.rows ? ` · last run stored ${v.rows} rows` : ''}${v.rate_limit_left !== null ? ` · rate limit left ${v.rate_limit_left}` : ''}${v.lost_days.length ? ` · ${v.lost_days.length} day(s) lost for good` : ''}`);
      }
      out('latest source runs:');
      for (const r of runs) {
        out(`  ${r.finished_at} ${r.job} source=${r.source} status=${r.status} rows=${r.rows} problems=${r.problems}${r.rate_limit_left !== null ? ` left=${r.rate_limit_left}` : ''}${r.message ? ` — ${r.message}` : ''}`);
      }
      if (incomplete.length > 0) {
        out();
        out(`attention: the last run of ${incomplete.map((r) => `${r.source} (${r.status})`).join(', ')} did not complete; run "openpulse collect" again, or see the messages above`);
      }
      if (stale.length > 0) {
        out();
        out(`attention: ${stale.map((p) => `${p.source} (no success in ${formatInterval(2 * p.cadenceMs)})`).join(', ')} ${stale.length === 1 ? 'is' : 'are'} stale; is the scheduler running? ("openpulse schedule", or "openpulse collect --source NAME" once)`);
      }
      return healthy ? 0 : 1;
    });
  },
};
