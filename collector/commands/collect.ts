import { describeError, OpenPulseError } from '../errors.ts';
import { spoolDir } from '../config.ts';
import { spoolOnlyStore } from '../store/spool-store.ts';
import { exitCodeFor, newRunId, loadReferenceFigures, runSources, type SourceOutcome } from '../run.ts';
import { stopSignal } from '../signals.ts';
import { SOURCES } from '../sources/index.ts';
import type { CatalogDimensions, RunSink } from '../store/index.ts';
import type { Source } from '../sources/types.ts';
import type { Catalog } from '../catalog.ts';
import type { Config } from '../config.ts';
import { catalogFor, configFromFlags, withStore } from './context.ts';
import type { Command, CommandIO } from './types.ts';
import { COLLECTED_SOURCE_NAMES } from '../../registry/sources.ts';

/** Syncs the catalog, loads the reference figures and runs the chosen sources. */
export async function collectInto(store: RunSink & CatalogDimensions, catalog: Catalog, config: Config, io: CommandIO, only: string[] = [], available: Source[] = SOURCES): Promise<SourceOutcome[]> {
  const runId = newRunId(io.clock.now());
  await store.syncCatalog(catalog, io.clock.now());
  const reference = await loadReferenceFigures({ store, clock: io.clock }, runId);
  io.log.info(`reference figures: ${reference} cited facts loaded (kept apart from collected ones)`);
  const unknown = only.filter((name) => !available.some((s) => s.name === name));
  if (unknown.length) throw new OpenPulseError('USAGE', `unknown source ${unknown.join(', ')}`, { hint: `known sources: ${available.map((s) => s.name).join(', ')}` });
  const sources = available.filter((s) => (only.length ? only.includes(s.name) : s.enabled(catalog, config)));
  io.log.info(`run ${runId}: ${sources.length} source(s): ${sources.map((s) => s.name).join(', ') || 'none'}`);
  return runSources({ store, catalog, config, clock: io.clock, log: io.log, fetch: io.fetch }, sources, { runId, job: 'collect' });
}

export const collectCommand: Command = {
  name: 'collect',
  summary: 'collect today\'s measurements from every configured source into the store',
  usage: '[--source NAME]...',
  flags: { source: { type: 'string', multiple: true, valueName: 'NAME', description: `only this source (repeatable): ${COLLECTED_SOURCE_NAMES.join(', ')}; default all enabled` } },
  async run({ values }, io) {
    const config = configFromFlags(values, io.env);
    const catalog = await catalogFor(config);
    const only = (values.source as string[] | undefined) ?? [];
    let outcomes: SourceOutcome[];
    try {
      outcomes = await withStore(config, io, 'collect', (store) => collectInto(store, catalog, config, io, only));
    } catch (error) {
      if (!(error instanceof OpenPulseError && error.code === 'STORE_UNREACHABLE')) throw error;
      // Nothing is lost: collect anyway, into the spool the next run loads.
      io.log.warn(`${describeError(error)}\ncollecting into the spool at ${spoolDir(config)}; the next run that reaches the store loads it`);
      outcomes = await collectInto(spoolOnlyStore(config, io.log), catalog, config, io, only);
    }
    return exitCodeFor(outcomes, stopSignal.aborted);
  },
};
