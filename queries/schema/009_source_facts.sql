-- 009_source_facts: per source, how many facts the store holds, its newest day and when its facts
-- were last stored: what data_freshness states, without counting every fact on every read.
-- A fact replaced by a later collection of the same key is one fact, so the count is of the facts'
-- FINAL rows: exact only by reading every key (50 M facts: 0.4 s, every row). A store that wrote
-- facts (collect, import, backfill, or a write through `openpulse query --write`) counts them before
-- its next named query and as it closes, and this migration counts a store's facts; each labels the
-- counts with the witness of the facts' table they were made from (views.sql, observations_witness:
-- its parts' block numbers and mutations, which every insert and every change of the facts moves
-- on, and merges do not). data_freshness reads these counts only while the witness is still the
-- table's own, and else counts the facts itself, as before: a count made before the newest write
-- is never shown.
--   source_facts   source; newest_day, facts, newest_collected: max(observed_at), count() and
--                  max(collected_at) over the source's facts; witness: observations_witness when
--                  they were counted; counted_at
-- A ReplacingMergeTree on counted_at: one row per source, the latest counting's.

CREATE TABLE IF NOT EXISTS source_facts (
  source LowCardinality(String),
  newest_day Date,
  facts UInt64,
  newest_collected DateTime64(3, 'UTC'),
  witness String,
  counted_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(counted_at)
ORDER BY source;
