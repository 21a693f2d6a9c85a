-- leaderboard_openness: per leaderboard publication, how many models each licence class has and its best rank and Elo (NULL when the publication rates none)
-- params: from Date = 2022-11-01, to Date = 2100-01-01
-- returns: table_date Date, class String, models Float64, best_rank Nullable(Float64), best_elo Nullable(Float64), is_reference UInt8, origin String
-- Facts are stored per class of registry/openness.ts LEADERBOARD_CLASSES: a rung of the
-- openness ladder, "-noncommercial" when the licence forbids commercial use, or unknown.
-- `class` is what the site and reports show, derived from rung and flag: closed
-- (proprietary), open_noncommercial, open (every other open rung) and unknown. Cited
-- figures (and older stores) name these directly.
-- A date with a leaderboard table counts the table's models (every model it lists, rated or
-- not); its best rank and Elo are the table's own where it has an Elo column (2023), else
-- the Arena dataset's ratings of that date (the rank by rating among the models it rates):
-- origin 'table', 'table+dataset', or 'cited'. A date only the dataset has counts the models
-- it rates: origin 'dataset' (view leaderboard_models, migration 006).
WITH
  tables AS MATERIALIZED (
    SELECT
      observed_at AS table_date,
      multiIf(
        stored IN ('closed', 'unknown', 'open_noncommercial', 'open'), stored,
        endsWith(stored, '-noncommercial'), 'open_noncommercial',
        startsWith(stored, 'open-'), 'open',
        'unknown'
      ) AS class,
      sumIf(value, metric = 'arena_models') AS models,
      minIf(toNullable(value), metric = 'arena_best_rank') AS best_rank,
      maxIf(toNullable(value), metric = 'arena_best_elo') AS best_elo,
      is_reference
    FROM (SELECT *, substring(subject, length('arena:') + 1) AS stored FROM facts)
    WHERE startsWith(subject, 'arena:')
      AND metric IN ('arena_models', 'arena_best_rank', 'arena_best_elo')
      AND observed_at BETWEEN {from:Date} AND {to:Date}
    GROUP BY table_date, class, is_reference
  ),
  rated AS MATERIALIZED (
    SELECT table_date, grp AS class, toFloat64(count()) AS models, toNullable(toFloat64(min(position))) AS best_rank, toNullable(max(rating)) AS best_elo
    FROM leaderboard_models
    WHERE origin = 'dataset' AND table_date BETWEEN {from:Date} AND {to:Date}
    GROUP BY table_date, class
  )
SELECT table_date, class, models, best_rank, best_elo, is_reference, origin
FROM
(
  SELECT
    t.table_date AS table_date, t.class AS class, t.models AS models,
    if(t.best_rank IS NULL AND t.is_reference = 0, r.best_rank, t.best_rank) AS best_rank,
    if(t.best_elo IS NULL AND t.is_reference = 0, r.best_elo, t.best_elo) AS best_elo,
    t.is_reference AS is_reference,
    multiIf(t.is_reference = 1, 'cited', t.best_rank IS NULL AND r.best_rank IS NOT NULL, 'table+dataset', 'table') AS origin
  FROM tables AS t
  LEFT JOIN rated AS r ON r.table_date = t.table_date AND r.class = t.class AND t.is_reference = 0
  UNION ALL
  SELECT table_date, class, models, best_rank, best_elo, toUInt8(0) AS is_reference, 'dataset' AS origin
  FROM rated
  WHERE table_date NOT IN (SELECT table_date FROM tables WHERE is_reference = 0)
)
ORDER BY table_date, indexOf(['closed', 'open_noncommercial', 'open', 'unknown'], class), is_reference
