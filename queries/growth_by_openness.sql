-- growth_by_openness: the open and the closed side's metric at the start and end of a window (each family's first and last value on that side, summed), absolute and percent change (only the subjects whose series cover the window: one that starts or stops inside it is left out, see series_breaks); scope: which subjects are added (text_models by default for open-vs-closed figures: registry/openness.ts SCOPES), and every subject counts on its own side (open or closed), so a family that ships both adds to both
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = [], scope Scope = text_models
-- returns: openness String, start_value Float64, end_value Float64, change Float64, pct_change Nullable(Float64), start_day Date, end_day Date, families UInt64
SELECT
  if(is_open = 1, 'open', 'closed') AS openness,
  sum(first_value) AS start_value,
  sum(last_value) AS end_value,
  sum(last_value) - sum(first_value) AS change,
  if(sum(first_value) = 0, NULL, 100 * (sum(last_value) - sum(first_value)) / sum(first_value)) AS pct_change,
  min(first_day) AS start_day,
  max(last_day) AS end_day,
  uniqExact(family) AS families
FROM family_span(metric = {metric:FamilyMetric}, series = {series:Series}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)}, scope = {scope:Scope})
GROUP BY openness
ORDER BY openness
