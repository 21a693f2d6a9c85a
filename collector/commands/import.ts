import { readFile } from 'node:fs/promises';
import { OpenPulseError } from '../errors.ts';
import { METRICS, type Observation, type SourceName } from '../observation.ts';
import { newRunId, runAction } from '../run.ts';
import { importLeaderboards, leaderboardSource } from '../sources/leaderboard.ts';
import { catalogFor, configFromFlags, withStore } from './context.ts';
import type { Command } from './types.ts';

const SOURCE_NAMES: readonly SourceName[] = ['github', 'huggingface', 'npm', 'pypi', 'leaderboard', 'reference'];

/** Reads facts written by `openpulse export --format ndjson`; every bad line is named with its number. */
export function parseFactsNdjson(text: string, file: string): Observation[] {
  const facts: Observation[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${file}:${index + 1}`;
    let row: Record<string, unknown>;
    try {
      row = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      throw new OpenPulseError('IMPORT', `${where}: not a JSON object: ${(error as Error).message}`, { hint: 'import reads the NDJSON that "openpulse export --format ndjson" writes' });
    }
    const source = row.source as SourceName;
    if (!SOURCE_NAMES.includes(source)) throw new OpenPulseError('IMPORT', `${where}: source ${JSON.stringify(row.source)} is not one of ${SOURCE_NAMES.join(', ')}`);
    if (!(METRICS as readonly string[]).includes(row.metric as string)) throw new OpenPulseError('IMPORT', `${where}: unknown metric ${JSON.stringify(row.metric)}`);
    let detail: Record<string, unknown> | undefined;
    if (typeof row.detail === 'string' && row.detail) {
      try {
        detail = JSON.parse(row.detail) as Record<string, unknown>;
      } catch {
        throw new OpenPulseError('IMPORT', `${where}: detail is not JSON: ${row.detail.slice(0, 80)}`);
      }
    }
    facts.push({
      source,
      subject: String(row.subject ?? ''),
      family: String(row.family ?? ''),
      metric: row.metric as Observation['metric'],
      observed_at: String(row.observed_at ?? ''),
      value: typeof row.value === 'string' ? Number(row.value) : (row.value as number),
      ...(detail ? { detail } : {}),
      ...(row.citation ? { citation: String(row.citation) } : {}),
    });
  });
  return facts;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import leaderboard tables (CSV files, folders or URLs) or facts exported as NDJSON',
  usage: 'leaderboard FILE-OR-URL... | facts FILE.ndjson...',
  positionals: true,
  flags: {},
  async run({ values, positionals }, io) {
    const [kind, ...targets] = positionals;
    if ((kind !== 'leaderboard' && kind !== 'facts') || targets.length === 0) {
      throw new OpenPulseError('USAGE', 'import needs what to import and at least one file, e.g. "openpulse import leaderboard leaderboard_table_20230720.csv"');
    }
    const config = configFromFlags(values, io.env);
    const catalog = await catalogFor(config);
    return withStore(config, io, `import ${kind}`, async (store) => {
      await store.syncCatalog(catalog, io.clock.now());
      const runId = newRunId(io.clock.now());
      const deps = { store, catalog, config, clock: io.clock, log: io.log, fetch: io.fetch };
      if (kind === 'leaderboard') {
        let files = 0;
        const outcome = await runAction(deps, leaderboardSource, { runId, job: 'import' }, async (ctx) => {
          const result = await importLeaderboards(ctx, targets);
          files = result.files;
          return { notes: [`tables imported=${result.files} of ${targets.length} named, facts=${result.rows}, problems=${result.problems.length}`] };
        });
        io.stdout.write(`imported ${files} leaderboard table(s): ${outcome.rows} facts stored, ${outcome.problems} problem(s)\n`);
        return outcome.status === 'ok' ? 0 : 1;
      }
      let stored = 0;
      let problems = 0;
      for (const file of targets) {
        const facts = parseFactsNdjson(await readFile(file, 'utf8').catch((cause: Error) => {
          throw new OpenPulseError('IMPORT', `cannot read ${file}: ${cause.message}`);
        }), file);
        const bySource = Map.groupBy(facts, (f) => f.source);
        for (const [sourceName, rows] of bySource) {
          const source = { ...leaderboardSource, name: sourceName, description: `facts imported from ${file}` };
          const outcome = await runAction(deps, source, { runId, job: 'import' }, async (ctx) => {
            await ctx.emit(rows);
          });
          stored += outcome.rows;
          problems += outcome.problems;
        }
      }
      io.stdout.write(`imported ${stored} facts from ${targets.length} file(s), ${problems} refused (see the lines above)\n`);
      return problems ? 1 : 0;
    });
  },
};
