-- 015_metric_partitions: the day rows (subject_days, migration 007) and the week rows (subject_weeks,
-- migration 012) partitioned by metric, as they are sorted: every query reads them FINAL, and FINAL
-- merges the rows of parts whose key ranges overlap. A collection's new rows make a small part whose
-- granules each span several metrics (a granule is 8,192 rows), so beside the merged rows of a store in
-- use that part overlapped each metric's whole range, and FINAL merged it all: at 50 M generated facts,
-- with the newest week written after the merge, one read of four years of Hugging Face downloads' week
-- rows took 69 ms against 14 ms merged. Partitioned by metric (a column of the sorting key, so FINAL
-- merges within a partition only), a new part is one per metric and overlaps the end of that metric's
-- range: 13 ms. A table's partition key cannot be altered: each is made again, partitioned, with the
-- old one's columns, projection and sorting (CREATE TABLE … AS), from its own rows, merged, and exchanged
-- with the old one (EXCHANGE TABLES: the writer views write into, and
-- read from, the tables by name), which is then dropped. The writer views and the rows' definitions
-- stay those of migrations 007, 010 and 012. On a server, run it while nothing writes facts (as every
-- migration: a write between the copy and the exchange would have its rows in the dropped table);
-- `openpulse repair` remakes the rows of any that did. A migration stopped part way runs again from
-- the start: the copy is dropped first.

DROP TABLE IF EXISTS subject_days_by_metric;

CREATE TABLE IF NOT EXISTS subject_days_by_metric AS subject_days
ENGINE = ReplacingMergeTree(version)
PARTITION BY metric
ORDER BY (metric, is_reference, day, subject)
SETTINGS deduplicate_merge_projection_mode = 'rebuild';

INSERT INTO subject_days_by_metric SETTINGS distributed_foreground_insert = 1
SELECT metric, is_reference, subject, day, family, value, class_subject, version FROM subject_days;

OPTIMIZE TABLE subject_days_by_metric FINAL;

EXCHANGE TABLES subject_days AND subject_days_by_metric;

DROP TABLE IF EXISTS subject_days_by_metric;

DROP TABLE IF EXISTS subject_weeks_by_metric;

CREATE TABLE IF NOT EXISTS subject_weeks_by_metric AS subject_weeks
ENGINE = AggregatingMergeTree
PARTITION BY metric
ORDER BY (metric, is_reference, week, subject);

INSERT INTO subject_weeks_by_metric SETTINGS distributed_foreground_insert = 1
SELECT metric, is_reference, week, subject, latest, days, d1, d2, d3, d4, d5, d6, d7 FROM subject_weeks;

OPTIMIZE TABLE subject_weeks_by_metric FINAL;

EXCHANGE TABLES subject_weeks AND subject_weeks_by_metric;

DROP TABLE IF EXISTS subject_weeks_by_metric;
