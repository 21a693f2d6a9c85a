-- 012_subject_weeks: a subject's day rows of one ISO week as one row, kept as a table as the day
-- rows are written, so a question over a long span (headline_answer: three and a half years of five
-- signals) reads a row per subject and week instead of one per day (50 M generated facts:
-- 2.4 M day rows → 0.4 M week rows; 21.5% of the facts' count read → 4.4%).
--   subject_weeks         metric, is_reference, subject as in subject_days; week: its Monday;
--                         d1 … d7: the day row of Monday … Sunday as (version, value), (0, 0) for
--                         none; days: one bit per day with a row (bit 0: Monday); latest: (version,
--                         family, class_key, author_key) of the week's newest day row, the family
--                         and the class keys (migration 010) the week is counted and classed by
--   subject_weeks_writer  the materialized view that writes a partial row for every day row as it
--                         is written (subject_days_writer's rows, the migration's fill and a refold)
-- A day's rows can arrive in different inserts (two facts of a day, a fact written again), so the
-- table is an AggregatingMergeTree: rows of one key merge column by column, each day keeping the
-- tuple of the highest version, which is the row subject_days keeps (a ReplacingMergeTree on the
-- same version), so a week's value of a day is exactly that day's; readers read it FINAL.
-- A week takes the family and class of its newest day row: a subject whose catalog family or
-- class entry changes within a week is counted in the new one for the whole of that week.
-- The cost is at write time: a second derived row for every day row (generating 5 M facts: inserted in
-- 11.4 s → 18 s; 50 M: 102 s → 126 s; `openpulse import` of 10 M facts 31.9 → 37.7 s). Grouping a
-- block's day rows by week in the view was slower still (2 M facts: 5.6 → 8.3 s).
-- Sorted by metric, then week, as subject_days is by day: a query reads one metric's weeks in its
-- span. Made from subject_days, not from the facts: remaking a subject's day rows (a failed write,
-- `openpulse repair`) writes its week rows again through this view (collector/store/derived.ts).

CREATE TABLE IF NOT EXISTS subject_weeks (
  metric LowCardinality(String),
  is_reference UInt8,
  week Date,
  subject String,
  latest SimpleAggregateFunction(max, Tuple(UInt64, String, UInt64, UInt64)),
  days SimpleAggregateFunction(groupBitOr, UInt8),
  d1 SimpleAggregateFunction(max, Tuple(UInt64, Float64)),
  d2 SimpleAggregateFunction(max, Tuple(UInt64, Float64)),
  d3 SimpleAggregateFunction(max, Tuple(UInt64, Float64)),
  d4 SimpleAggregateFunction(max, Tuple(UInt64, Float64)),
  d5 SimpleAggregateFunction(max, Tuple(UInt64, Float64)),
  d6 SimpleAggregateFunction(max, Tuple(UInt64, Float64)),
  d7 SimpleAggregateFunction(max, Tuple(UInt64, Float64))
) ENGINE = AggregatingMergeTree
ORDER BY (metric, is_reference, week, subject);

CREATE MATERIALIZED VIEW IF NOT EXISTS subject_weeks_writer TO subject_weeks AS
SELECT metric, is_reference, toMonday(day) AS week, subject,
       (version, toString(family), class_key, author_key) AS latest,
       toUInt8(bitShiftLeft(1, toDayOfWeek(day) - 1)) AS days,
       if(toDayOfWeek(day) = 1, (version, value), (toUInt64(0), 0.)) AS d1,
       if(toDayOfWeek(day) = 2, (version, value), (toUInt64(0), 0.)) AS d2,
       if(toDayOfWeek(day) = 3, (version, value), (toUInt64(0), 0.)) AS d3,
       if(toDayOfWeek(day) = 4, (version, value), (toUInt64(0), 0.)) AS d4,
       if(toDayOfWeek(day) = 5, (version, value), (toUInt64(0), 0.)) AS d5,
       if(toDayOfWeek(day) = 6, (version, value), (toUInt64(0), 0.)) AS d6,
       if(toDayOfWeek(day) = 7, (version, value), (toUInt64(0), 0.)) AS d7
FROM subject_days;
