-- open_share: the open side's share of a metric, per day (only days on which both sides have a value) (only the subjects whose series cover the window: one that starts or stops inside it is left out, see series_breaks); scope: which subjects are added (text_models by default for open-vs-closed figures: registry/openness.ts SCOPES), and every subject counts on its own side (open or closed), so a family that ships both adds to both
-- params: metric FamilyMetric = projects, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = [], scope Scope = text_models
-- returns: day Date, open Float64, closed Float64, open_share Float64, open_families UInt64, closed_families UInt64
-- Each side's families are added a week at a time (family_window_weeks: each family's seven sums), and the week
-- is spread into its days after: a side's families are those with a value that day.
SELECT week + i AS day, open_sums[i + 1] AS open, closed_sums[i + 1] AS closed, open / (open + closed) AS open_share,
       open_fams[i + 1] AS open_families, closed_fams[i + 1] AS closed_families
FROM
(
  SELECT week,
         sumForEachIf(sums, is_open = 1) AS open_sums, sumForEachIf(sums, is_open = 0) AS closed_sums,
         sumForEachIf(present, is_open = 1) AS open_fams,
         sumForEachIf(present, is_open = 0) AS closed_fams
  FROM family_window_weeks(metric = {metric:FamilyMetric}, series = {series:Series}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)}, scope = {scope:Scope})
  GROUP BY week
)
ARRAY JOIN range(7) AS i
WHERE open_families > 0 AND closed_families > 0 AND open + closed > 0
ORDER BY day
