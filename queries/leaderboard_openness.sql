-- leaderboard_openness: per leaderboard table, how many models each licence class has and its best rank and Elo (NULL when the table has none)
-- params: from Date = 2022-11-01, to Date = 2100-01-01
-- returns: table_date Date, class String, models Float64, best_rank Nullable(Float64), best_elo Nullable(Float64), is_reference UInt8
SELECT
  observed_at AS table_date,
  substring(subject, length('arena:') + 1) AS class,
  sumIf(value, metric = 'arena_models') AS models,
  minIf(toNullable(value), metric = 'arena_best_rank') AS best_rank,
  maxIf(toNullable(value), metric = 'arena_best_elo') AS best_elo,
  is_reference
FROM facts
WHERE startsWith(subject, 'arena:')
  AND metric IN ('arena_models', 'arena_best_rank', 'arena_best_elo')
  AND observed_at BETWEEN {from:Date} AND {to:Date}
GROUP BY table_date, class, is_reference
ORDER BY table_date, indexOf(['closed', 'open_noncommercial', 'open'], class), is_reference
