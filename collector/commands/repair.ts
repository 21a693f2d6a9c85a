// openpulse repair: makes every subject's derived rows (the day rows in subject_days, the week rows
// in subject_weeks made from them, the newest-value rows in subject_latest and the leaderboard rows
// in leaderboard_entries, which the figures read) again from the stored facts. A write of facts that fails inside the store leaves a
// note in the spool and the next writing run remakes the subjects it names; this is for when that
// note could not be kept (the store said so), or to check that the derived rows agree with what
// they are made from.

import { configFromFlags, withStore } from './context.ts';
import type { Command } from './types.ts';

export const repairCommand: Command = {
  name: 'repair',
  summary: "make every subject's day, week, newest-value and leaderboard rows again from the stored facts (after a failed write), or check them with --check",
  usage: '[--check]',
  details:
    "The named queries read one row per subject, metric and day (the table subject_days), one per subject, metric and week made from those (subject_weeks), one per subject and metric with its newest fact (subject_latest) and one per leaderboard publication and model (leaderboard_entries), which the store writes with the facts. A write that fails inside the store notes its subjects, and the next job that writes facts (collect, backfill, import, main, schedule) remakes them; `repair` remakes every subject's rows, merges each table's parts, partition by partition, so every key has one row again, and checks them; a partition the store would not merge is named and the exit status is 1. A large table is checked a part of its subjects at a time, so the check's memory stays bounded (progress is shown per part). With --check it only counts the rows that differ from what they are made from (the week rows from the day rows, the others from the facts): exit 0 when none do, 1 when some do.",
  flags: {
    check: { type: 'boolean', description: 'count the derived rows that differ from what they are made from; change nothing' },
  },
  async run({ values }, io) {
    const config = configFromFlags(values, io.env);
    return withStore(config, io, 'repair', async (store) => {
      const report = async (when: string) => {
        const drift = await store.derivedDrift((label, done, total) => io.log.progress(`repair: ${when ? 'checking again' : 'checking'} the ${label}`, done, total));
        for (const d of drift) io.log.info(`repair: ${when}${d.differ.toLocaleString('en-US')} ${d.rows} (${d.table}) differ from ${d.from}`);
        return drift.reduce((sum, d) => sum + d.differ, 0);
      };
      const before = await report('');
      if (values.check) return before === 0 ? 0 : 1;
      const started = Date.now();
      await store.refoldDerived(null);
      const seconds = (Date.now() - started) / 1000;
      io.log.info(`repair: made every subject's derived rows again in ${seconds.toFixed(1)} s`);
      // Each key now has its old row and its new one: merged here, the check below and the figures'
      // reads read one row per key again (50 M generated facts: 24 s, and the check 16 → 8 parts of day rows).
      const merging = Date.now();
      // A partition the engine would not merge is named, and the check still runs: its rows are
      // stored and read FINAL, so the figures stay right, and the exit status says it was not merged.
      const merged = await store.mergeDerived((label, done, total) => io.log.progress(`repair: ${label}`, done, total)).then(
        () => true,
        (error: Error) => (io.log.warn(`repair: ${error.message}`), false),
      );
      if (merged) io.log.info(`repair: merged the derived rows in ${((Date.now() - merging) / 1000).toFixed(1)} s`);
      const after = await report('now ');
      return after === 0 && merged ? 0 : 1;
    });
  },
};
