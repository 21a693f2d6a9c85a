-- 007_subject_days: one subject's value of a family-level metric on a day, kept as a table as
-- facts are written, so the views (views.sql, subject_daily) read a row per subject and day
-- instead of regrouping every fact on each query (50 M facts: top_movers 0.63 s → 0.23 s, and
-- headline_figures' span end from a scan of the facts to a 25,000-row projection).
--   subject_days          metric: the family-level metric (registry/metrics.ts FAMILY_METRICS[].facts
--                         says which facts make it); is_reference: 1 for cited reference figures;
--                         family, value, class_subject (the subject whose class it takes: an
--                         OpenRouter slug takes its catalog entry's, detail.entry); version: which
--                         fact of the day wins
--   subject_days_writer   the materialized view that writes a row for every fact of those metrics
--                         as it is inserted (collectors, imports, backfills alike)
-- Sorted by metric, then day: a query reads one metric's days in its window or span, whatever
-- its subjects (a sort by subject first read every day of a metric whose series are shorter than
-- a granule: the 485-day span of headline_figures read all 19.6 M rows at 50 M facts, not 2.6 M).
-- One row per (metric, is_reference, day, subject): a ReplacingMergeTree keeps the row of the
-- highest version, and readers read it FINAL, as they read observations. The version puts the
-- metric's own fact before the fact that stands in for it (a backfill: github_projects before
-- github_projects_existing, github_stars before github_stars_retained; registry/metrics.ts FACT_METRICS[].backfillOf),
-- then the later collection before the earlier: the same choice the views made by regrouping
-- (argMax over the facts of the day, FINAL keeping the latest collection), even when the two
-- facts arrive in different inserts. Facts are never deleted, so every fact written reaches
-- this table in the same insert (a write that fails inside the store notes its subjects, and the
-- next writing job remakes their rows from the facts: collector/store/index.ts); when the migration creates the writer view, the store writes
-- the rows of the facts it already holds by the view's own SELECT (collector/store/index.ts, migrate).
-- Which catalog subjects count (the headline search, catalog repositories and packages) is read
-- in subject_daily, from the catalog as it is now, so a catalog edit needs no rewrite here.
-- The projection answers "the newest day of each metric" (headline_figures) from one row per
-- metric and day; a ReplacingMergeTree keeps projections only with deduplicate_merge_projection_mode
-- (ClickHouse 24.8), which rebuilds them when a merge drops rows.

CREATE TABLE IF NOT EXISTS subject_days (
  metric LowCardinality(String),
  is_reference UInt8,
  subject String,
  day Date,
  family LowCardinality(String),
  value Float64,
  class_subject String,
  version UInt64,
  PROJECTION metric_days (SELECT metric, is_reference, day, count() GROUP BY metric, is_reference, day)
) ENGINE = ReplacingMergeTree(version)
ORDER BY (metric, is_reference, day, subject)
SETTINGS deduplicate_merge_projection_mode = 'rebuild';

CREATE MATERIALIZED VIEW IF NOT EXISTS subject_days_writer TO subject_days AS
SELECT m AS metric, ref AS is_reference, subject, observed_at AS day, family, value, cls AS class_subject, ver AS version
FROM
(
  SELECT
    multiIf(
      metric IN ('github_projects', 'github_projects_existing'), 'projects',
      metric IN ('github_stars', 'github_stars_retained'), 'stars',
      metric IN ('npm_downloads', 'pypi_downloads'), 'downloads',
      metric IN ('hf_downloads_30d'), 'hf_downloads_30d',
      metric IN ('openrouter_tokens'), 'tokens',
      metric IN ('hf_derivatives'), 'derivatives',
      metric IN ('hf_derivative_downloads_30d'), 'derivative_downloads_30d',
      '') AS m,
    toUInt8(source = 'reference') AS ref,
    subject, observed_at, family, value,
    if(metric = 'openrouter_tokens' AND JSONExtractString(detail, 'entry') != '', concat('openrouter:', JSONExtractString(detail, 'entry')), subject) AS cls,
    bitShiftLeft(toUInt64(metric NOT IN ('github_projects_existing', 'github_stars_retained')), 48) + toUInt64(toUnixTimestamp64Milli(collected_at)) AS ver
  FROM observations
  WHERE metric IN ('github_projects', 'github_projects_existing', 'github_stars', 'github_stars_retained', 'npm_downloads', 'pypi_downloads', 'hf_downloads_30d', 'openrouter_tokens', 'hf_derivatives', 'hf_derivative_downloads_30d')
    AND (source != 'reference' OR metric IN ('github_projects', 'github_stars'))
    AND family != ''
);

