-- family_chart_facts: the facts a family page charts: each subject's values of the given fact metrics (empty: every metric), every day from daily_from, one a week before it (the last day of each week with a value, per subject and metric), so a chart grows by one point a week of history, not seven; cited figures all
-- params: family String, metrics Array(String) = [], from Date = 2022-11-01, to Date = 2100-01-01, daily_from Date = 1970-01-01
-- returns: day Date, metric String, subject String, value Float64, is_reference UInt8
SELECT day, metric, subject, value, is_reference
FROM
(
  SELECT observed_at AS day, metric, subject, value, is_reference,
         max(observed_at) OVER (PARTITION BY subject, metric, is_reference, toStartOfWeek(observed_at, 1)) AS week_last
  FROM facts
  WHERE family = {family:String}
    AND (empty({metrics:Array(String)}) OR has({metrics:Array(String)}, metric))
    AND observed_at BETWEEN {from:Date} AND {to:Date}
)
WHERE is_reference = 1 OR day >= {daily_from:Date} OR day = week_last
ORDER BY day, metric, subject, is_reference
