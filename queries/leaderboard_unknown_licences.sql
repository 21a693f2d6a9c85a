-- leaderboard_unknown_licences: the leaderboard License strings no class of the catalog takes (counted as unknown), with how many model rows carry each
-- params: from Date = 2022-11-01, to Date = 2100-01-01
-- returns: licence String, models Float64, tables UInt64, first_table Date, last_table Date, examples Array(String)
-- models adds the rows of every publication in the window (a model listed in three counts
-- three times): the leaderboard tables' and, on the dates only the Arena dataset has, the
-- dataset's (view leaderboard_models); examples are up to five keys of models that carry the
-- string. Add a string to leaderboard_licences in the catalog to class it from the next import.
SELECT
  licence,
  sum(rows) AS models,
  uniqExact(observed_at) AS tables,
  min(observed_at) AS first_table,
  max(observed_at) AS last_table,
  arraySlice(arraySort(groupUniqArrayArray(keys)), 1, 5) AS examples
FROM
(
  SELECT
    observed_at,
    licence_rows.1 AS licence,
    licence_rows.2 AS rows,
    JSONExtract(detail, 'examples', licence_rows.1, 'Array(String)') AS keys
  FROM facts
  ARRAY JOIN JSONExtractKeysAndValues(detail, 'licences', 'Float64') AS licence_rows
  WHERE source = 'leaderboard'
    AND subject = 'arena:unknown'
    AND metric = 'arena_models'
    AND observed_at BETWEEN {from:Date} AND {to:Date}
  UNION ALL
  SELECT table_date AS observed_at, licence, toFloat64(count()) AS rows, groupArray(model) AS keys
  FROM leaderboard_models
  WHERE origin = 'dataset' AND class = 'unknown'
    AND table_date BETWEEN {from:Date} AND {to:Date}
    AND table_date NOT IN (SELECT DISTINCT observed_at FROM facts WHERE source = 'leaderboard' AND metric = 'arena_models')
  GROUP BY table_date, licence
)
GROUP BY licence
ORDER BY models DESC, licence
