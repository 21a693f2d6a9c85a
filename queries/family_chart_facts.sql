-- family_chart_facts: the facts a family page charts: each subject's values of the given fact metrics (empty: every metric), every day from daily_from, one a week before it (the week's last day with a value, per subject and metric: of a count held, that day's value; of a count per day, such as downloads, the average of the week's days with a value, days saying how many), so a chart grows by one point a week of history, not seven; cited figures all
-- params: family String, metrics Array(String) = [], from Date = 2022-11-01, to Date = 2100-01-01, daily_from Date = 1970-01-01
-- returns: day Date, metric String, subject String, value Float64, is_reference UInt8, days UInt64
-- A count per day (registry/metrics.ts perDay: downloads, routed tokens) runs higher on weekdays than at
-- weekends: one day a week of it (the week's last, most often a Sunday) would draw the weeks before
-- daily_from at a weekend's level and a step up where the daily points begin. Its week is its days'
-- average instead, on the same day; `days` is 1 for a day's own value.
-- Grouped by week in one pass over the facts: a week with a value on or after daily_from keeps those
-- days as they are (and its days before daily_from are not drawn), a week before it keeps one point.
-- The family's subjects are found first, by the skip index on family, without FINAL: every subject with a
-- fact of the family in any version. The facts are then read FINAL by subject, the second column of the
-- table's key, so every version of each of their facts is in the ranges read, and `family` is tested on
-- the newest version (a fact written again under another family counts there only). Read FINAL by the skip
-- index alone, the engine must also read, for every granule the index keeps, whatever other parts hold of
-- the same key range: once a write has left the table in more than one part (every collection until the
-- engine merges them, and a large store's parts are seldom one) that was every fact of the window (50 M
-- generated facts and one week written after them: 15.9 M rows read and 1.0 s a family, against 0.75 M and
-- 0.2 s in one part; by subject 1.4 M and 0.25 s).
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
    AND subject IN (SELECT DISTINCT subject FROM observations WHERE family = {family:String})
    AND (empty({metrics:Array(String)}) OR has({metrics:Array(String)}, metric))
    AND observed_at BETWEEN {from:Date} AND {to:Date}
  GROUP BY subject, metric, is_reference, toStartOfWeek(observed_at, 1)
)
ARRAY JOIN pts AS pt
ORDER BY day, metric, subject, is_reference
