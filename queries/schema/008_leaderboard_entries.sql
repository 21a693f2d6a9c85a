-- 008_leaderboard_entries: one row per leaderboard publication and model, kept as a table as
-- facts are written, so the view leaderboard_models (views.sql), which every leaderboard query
-- reads, reads one row per model instead of regrouping its five facts through the facts' FINAL
-- (50 M generated facts, 1,489 publications: 3.4 M facts regrouped on every read → 0.67 M rows).
--   leaderboard_entries         source (arena: the Arena's dataset; leaderboard: a 2023 table),
--                               table_date, subject (arena-model:<model>); per fact metric of a model
--                               (registry/metrics.ts FACT_METRICS, subject 'arena-model') a tuple of
--                               (version, value): elo_fact (arena_model_elo, with the licence, class,
--                               organization and display name its detail carries), rating_lower_fact,
--                               rating_upper_fact, votes_fact, rank_fact; version 0 is "no such fact"
--   leaderboard_entries_writer  the materialized view that writes a partial row for every such fact
--                               as it is inserted (collectors, imports, backfills alike)
-- The five facts of a model can arrive in different inserts, so the table is an
-- AggregatingMergeTree: rows of one key merge column by column, each keeping the tuple of the
-- highest version, and readers read it FINAL. The version is the fact's collection time in
-- milliseconds, plus one (so an absent fact, 0, always loses): the choice the facts' own FINAL
-- makes (observations is a ReplacingMergeTree on collected_at), without reading the facts.
-- Sorted by publication date first: a new publication's rows are a new range, so FINAL merges
-- at read time only the few ranges written since the last merge.
-- A write that fails inside the store, and `openpulse repair`, remake these rows from the facts
-- by the view's own SELECT, as they remake subject_days (collector/store/derived.ts).

CREATE TABLE IF NOT EXISTS leaderboard_entries (
  source LowCardinality(String),
  table_date Date,
  subject String,
  family SimpleAggregateFunction(max, LowCardinality(String)),
  elo_fact SimpleAggregateFunction(max, Tuple(UInt64, Float64, String, String, String, String)),
  rating_lower_fact SimpleAggregateFunction(max, Tuple(UInt64, Nullable(Float64))),
  rating_upper_fact SimpleAggregateFunction(max, Tuple(UInt64, Nullable(Float64))),
  votes_fact SimpleAggregateFunction(max, Tuple(UInt64, Nullable(Float64))),
  rank_fact SimpleAggregateFunction(max, Tuple(UInt64, Nullable(Float64)))
) ENGINE = AggregatingMergeTree
ORDER BY (table_date, source, subject);

CREATE MATERIALIZED VIEW IF NOT EXISTS leaderboard_entries_writer TO leaderboard_entries AS
SELECT source, table_date, subject, family,
       if(metric = 'arena_model_elo', (ver, value, JSONExtractString(detail, 'licence'), JSONExtractString(detail, 'class'), JSONExtractString(detail, 'organization'), JSONExtractString(detail, 'model')), (toUInt64(0), 0., '', '', '', '')) AS elo_fact,
       if(metric = 'arena_model_rating_lower', (ver, toNullable(value)), (toUInt64(0), NULL)) AS rating_lower_fact,
       if(metric = 'arena_model_rating_upper', (ver, toNullable(value)), (toUInt64(0), NULL)) AS rating_upper_fact,
       if(metric = 'arena_model_votes', (ver, toNullable(value)), (toUInt64(0), NULL)) AS votes_fact,
       if(metric = 'arena_model_rank', (ver, toNullable(value)), (toUInt64(0), NULL)) AS rank_fact
FROM
(
  SELECT source, observed_at AS table_date, subject, family, metric, value, detail,
         toUInt64(toUnixTimestamp64Milli(collected_at)) + 1 AS ver
  FROM observations
  WHERE metric IN ('arena_model_elo', 'arena_model_rating_lower', 'arena_model_rating_upper', 'arena_model_votes', 'arena_model_rank')
    AND source IN ('arena', 'leaderboard')
    AND startsWith(subject, 'arena-model:')
);
