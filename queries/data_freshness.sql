-- data_freshness: per source, the newest day it has facts for, how many, and its latest run (NULL / empty when it never ran, e.g. reference figures)
-- params: none
-- returns: source String, newest_day Nullable(Date), facts UInt64, last_run Nullable(DateTime64(3, 'UTC')), last_status String, last_rows UInt64, last_message String, last_problems UInt64, newest_collected Nullable(DateTime64(3, 'UTC'))
SELECT
  source,
  max(fact_day) AS newest_day,
  sum(fact_count) AS facts,
  max(run_finished) AS last_run,
  ifNull(max(run_status), '') AS last_status,
  ifNull(max(run_rows), 0) AS last_rows,
  ifNull(max(run_message), '') AS last_message,
  ifNull(max(run_problems), 0) AS last_problems,
  max(fact_collected) AS newest_collected
FROM
(
  -- the facts per source as the store last counted them, while the facts' table is still as it was
  -- then (views.sql, source_facts_current) ...
  SELECT source, toNullable(newest_day) AS fact_day, facts AS fact_count, toNullable(newest_collected) AS fact_collected,
         CAST(NULL AS Nullable(DateTime64(3, 'UTC'))) AS run_finished, CAST(NULL AS Nullable(String)) AS run_status,
         CAST(NULL AS Nullable(UInt64)) AS run_rows, CAST(NULL AS Nullable(String)) AS run_message, CAST(NULL AS Nullable(UInt64)) AS run_problems
  FROM source_facts_current

  UNION ALL

  -- ... else counted here, from every fact (a constant condition: the branch not taken reads nothing)
  SELECT source, toNullable(max(observed_at)), count(), toNullable(max(collected_at)), NULL, NULL, NULL, NULL, NULL
  FROM facts
  WHERE (SELECT count() FROM source_facts_current) = 0
  GROUP BY source

  UNION ALL

  -- the latest run whole: each field from the same run, two runs that finished in the same
  -- millisecond told apart by the later start, then the greater run id (never a field of each)
  SELECT source, NULL, 0, NULL,
         toNullable(last.1), toNullable(toString(last.2)), toNullable(last.3), toNullable(last.4), toNullable(last.5)
  FROM
  (
    SELECT source, argMax((finished_at, status, rows, message, problems), (finished_at, started_at, run_id)) AS last
    FROM runs FINAL
    GROUP BY source
  )
)
GROUP BY source
ORDER BY source
