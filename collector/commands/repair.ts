// openpulse repair: makes every subject's day rows (subject_days, which the figures read) again
// from the stored facts. A write of facts that fails inside the store leaves a note in the spool
// and the next writing run remakes the subjects it names; this is for when that note could not be
// kept (the store said so), or to check that the day rows agree with the facts.

import { configFromFlags, withStore } from './context.ts';
import type { Command } from './types.ts';

export const repairCommand: Command = {
  name: 'repair',
  summary: "make every subject's day rows again from the stored facts (after a failed write), or check them with --check",
  usage: '[--check]',
  details:
    "The named queries read one row per subject, metric and day (the table subject_days), which the store writes with the facts. A write that fails inside the store notes its subjects, and the next job that writes facts (collect, backfill, import, main, schedule) remakes them; `repair` remakes every subject's rows. With --check it only counts the rows that differ from the facts: exit 0 when none do, 1 when some do.",
  flags: {
    check: { type: 'boolean', description: 'count the day rows that differ from the facts; change nothing' },
  },
  async run({ values }, io) {
    const config = configFromFlags(values, io.env);
    return withStore(config, io, 'repair', async (store) => {
      const before = await store.subjectDaysDrift();
      io.log.info(`repair: ${before.toLocaleString('en-US')} day row(s) differ from the facts`);
      if (values.check) return before === 0 ? 0 : 1;
      const started = Date.now();
      await store.refoldSubjectDays(null);
      const seconds = (Date.now() - started) / 1000;
      const after = await store.subjectDaysDrift();
      io.log.info(`repair: made every subject's day rows again in ${seconds.toFixed(1)} s; ${after.toLocaleString('en-US')} differ now`);
      return after === 0 ? 0 : 1;
    });
  },
};
