-- growth_by_family: each family's first and last value of a metric in a window, absolute and percent change (pct_change NULL when the start is 0) (only the subjects whose series cover the window: one that starts or stops inside it is left out, see series_breaks)
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = []
-- returns: family String, name String, openness String, start_day Date, start_value Float64, end_day Date, end_value Float64, change Float64, pct_change Nullable(Float64)
SELECT
  family, name, openness,
  first_day AS start_day, first_value AS start_value,
  last_day AS end_day, last_value AS end_value,
  last_value - first_value AS change,
  if(first_value = 0, NULL, 100 * (last_value - first_value) / first_value) AS pct_change
FROM family_span(metric = {metric:FamilyMetric}, series = {series:Series}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)})
ORDER BY catalog_order
