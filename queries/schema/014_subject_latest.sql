-- 014_subject_latest: each collected subject's newest fact of each metric, kept as a table as facts
-- are written, so a family page's table of newest values (family_subjects_latest) reads a row per
-- subject and metric instead of every fact of the family's history (50 M generated facts: 729 k
-- facts read through FINAL for one family, ~50 ms a family, 92 in a site build).
--   subject_latest         family (the fact's own, as the facts keep it), subject, metric; newest:
--                          (observed_at, collected_at, value, detail) of the fact with the latest day,
--                          and of that day's facts the latest collection
--   subject_latest_writer  the materialized view that writes each insert's newest fact per key (its
--                          facts grouped by key in the insert: a bulk import writes thousands of rows,
--                          not a row per fact)
-- A key's facts can arrive in different inserts, so the table is an AggregatingMergeTree whose rows
-- of one key merge to the largest tuple: the latest day, and of that day the latest collection, the
-- fact the facts' own FINAL keeps (observations is a ReplacingMergeTree on collected_at); readers
-- take max(newest) per key, which is the same whether or not the engine has merged them yet.
-- Cited reference figures are not collected values: not written here (family_subjects_latest never
-- read them). Facts are never deleted; a write that fails inside the store, and `openpulse repair`,
-- remake these rows from the facts by the view's own SELECT, as they remake the day rows
-- (collector/store/derived.ts).

CREATE TABLE IF NOT EXISTS subject_latest (
  family LowCardinality(String),
  subject String,
  metric LowCardinality(String),
  newest SimpleAggregateFunction(max, Tuple(Date, DateTime64(3, 'UTC'), Float64, String))
) ENGINE = AggregatingMergeTree
ORDER BY (family, subject, metric);

CREATE MATERIALIZED VIEW IF NOT EXISTS subject_latest_writer TO subject_latest AS
SELECT family, subject, metric, max((observed_at, collected_at, value, detail)) AS newest
FROM observations
WHERE source != 'reference'
GROUP BY family, subject, metric;
