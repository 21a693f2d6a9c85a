-- 011_leaderboard_days: a projection of leaderboard_entries with one row per publication date and
-- source, so the view leaderboard_models (views.sql) finds the dates a leaderboard table (rather
-- than the Arena's dataset) has rows on without reading every row: it keeps a table's rows only on
-- the dates the dataset has no rated model on, and looked for those dates in the whole table on every
-- read, whatever dates the query asked for (50 M facts: 671,600 rows read for one publication's
-- models; every leaderboard query read the table twice).
--   rated_days   (table_date, source, count()): the inner GROUP BY of the view's table_days is the
--                projection's own, which is what lets the engine read it instead of the rows
-- An AggregatingMergeTree keeps a projection only with deduplicate_merge_projection_mode, which
-- rebuilds it when a merge folds rows together. MATERIALIZE PROJECTION builds it for the parts a
-- store already has (a mutation, in the background; until then the engine reads the rows, with the
-- same result); new parts get it on insert.

ALTER TABLE leaderboard_entries MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';
ALTER TABLE leaderboard_entries ADD PROJECTION IF NOT EXISTS rated_days (SELECT table_date, source, count() GROUP BY table_date, source);
ALTER TABLE leaderboard_entries MATERIALIZE PROJECTION rated_days;
