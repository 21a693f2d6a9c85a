-- family_chart_facts: the facts a family page charts: each subject's values of the given fact metrics (empty: every metric), every day from daily_from, one a week before it (the week's last day with a value, per subject and metric: of a count held, that day's value; of a count per day, such as downloads, the average of the week's days with a value, days saying how many), so a chart grows by one point a week of history, not seven; cited figures all
-- params: family String, metrics Array(String) = [], from Date = 2022-11-01, to Date = 2100-01-01, daily_from Date = 1970-01-01
-- returns: day Date, metric String, subject String, value Float64, is_reference UInt8, days UInt64
-- A count per day (registry/metrics.ts perDay: downloads, routed tokens) runs higher on weekdays than at
-- weekends: one day a week of it (the week's last, most often a Sunday) would draw the weeks before
-- daily_from at a weekend's level and a step up where the daily points begin. Its week is its days'
-- average instead, on the same day; `days` is 1 for a day's own value.
-- Grouped by week in one pass over the facts: a week with a value on or after daily_from keeps those
-- days as they are (and its days before daily_from are not drawn), a week before it keeps one point.
-- The family's facts are read by its subjects, found first, as family_metrics reads them (family_metrics.sql
-- says why: with the table in more than one part, a read by the skip index alone took every fact of the window).
SELECT pt.1 AS day, metric, subject, pt.2 AS value, is_reference, pt.3 AS days
FROM
(
  SELECT metric, subject, is_reference,
         metric IN ('npm_downloads', 'pypi_downloads', 'openrouter_tokens', 'github_stars_gained') AS per_day,
         if(is_reference = 1 OR max(observed_at) >= {daily_from:Date},
            groupArrayIf((observed_at, value, toUInt64(1)), is_reference = 1 OR observed_at >= {daily_from:Date}),
            [(max(observed_at), if(per_day, avg(value), argMax(value, observed_at)), if(per_day, count(), toUInt64(1)))]) AS pts
  FROM facts
  WHERE family = {family:String}
    AND subject GLOBAL IN (SELECT DISTINCT subject FROM observations WHERE family = {family:String})
    AND (empty({metrics:Array(String)}) OR has({metrics:Array(String)}, metric))
    AND observed_at BETWEEN {from:Date} AND {to:Date}
  GROUP BY subject, metric, is_reference, toStartOfWeek(observed_at, 1)
)
ARRAY JOIN pts AS pt
ORDER BY day, metric, subject, is_reference
