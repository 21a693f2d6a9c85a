-- 001_baseline: facts, the catalog's families, run log and source state.
-- Facts are keyed by (source, subject, metric, observed_at); a second write of
-- the same key replaces the first (ReplacingMergeTree on collected_at), and
-- every read goes through the `facts` view, which reads FINAL.

CREATE TABLE IF NOT EXISTS observations (
  source LowCardinality(String),
  subject String,
  family LowCardinality(String),
  metric LowCardinality(String),
  observed_at Date,
  value Float64,
  detail String,
  citation String,
  run_id String,
  collected_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(collected_at)
ORDER BY (source, subject, metric, observed_at);

CREATE VIEW IF NOT EXISTS facts AS
SELECT source, subject, family, metric, observed_at, value, detail, citation, run_id, collected_at,
       CAST(source = 'reference', 'UInt8') AS is_reference
FROM observations FINAL;

CREATE TABLE IF NOT EXISTS families (
  id String,
  name String,
  vendor String,
  openness LowCardinality(String),
  is_open UInt8,
  region LowCardinality(String),
  licence String,
  commercial_use String,
  catalog_order UInt16,
  updated_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY id;

CREATE TABLE IF NOT EXISTS release_events (
  family String,
  released_at Date,
  label String,
  updated_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (family, released_at, label);

CREATE TABLE IF NOT EXISTS catalog_items (
  family String,
  kind LowCardinality(String),
  item String,
  position UInt16,
  updated_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (family, kind, item);

CREATE TABLE IF NOT EXISTS runs (
  run_id String,
  job LowCardinality(String),
  source LowCardinality(String),
  started_at DateTime64(3, 'UTC'),
  finished_at DateTime64(3, 'UTC'),
  status LowCardinality(String),
  rows UInt64,
  problems UInt64,
  message String,
  rate_limit_left Nullable(Int64)
) ENGINE = ReplacingMergeTree(finished_at)
ORDER BY (run_id, source);

CREATE TABLE IF NOT EXISTS problems (
  run_id String,
  source LowCardinality(String),
  subject String,
  metric String,
  raw String,
  message String,
  reported_at DateTime64(3, 'UTC')
) ENGINE = MergeTree
ORDER BY (reported_at, source, subject);

CREATE TABLE IF NOT EXISTS source_state (
  source LowCardinality(String),
  key String,
  value String,
  updated_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (source, key);
