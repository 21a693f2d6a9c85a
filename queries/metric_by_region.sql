-- metric_by_region: a family-level metric summed by the families' origin region and openness, per day (only the subjects whose series cover the window: one that starts or stops inside it is left out, see series_breaks); scope: which subjects are added (text_models by default for open-vs-closed figures: registry/openness.ts SCOPES), and every subject counts on its own side (open or closed), so a family that ships both adds to both
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = [], scope Scope = text_models
-- returns: day Date, region String, openness String, value Float64, families UInt64
-- A region's families are added a week at a time (family_window_weeks: each family's seven sums), and the week is
-- spread into its days after: families counts those with a value that day.
SELECT week + i AS day, region, if(is_open = 1, 'open', 'closed') AS openness, sums[i + 1] AS value, fams[i + 1] AS families
FROM
(
  SELECT week, region, is_open, sumForEach(sums) AS sums, sumForEach(present) AS fams
  FROM family_window_weeks(metric = {metric:FamilyMetric}, series = {series:Series}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)}, scope = {scope:Scope})
  GROUP BY week, region, is_open
)
ARRAY JOIN range(7) AS i
WHERE fams[i + 1] > 0
ORDER BY day, region, openness
