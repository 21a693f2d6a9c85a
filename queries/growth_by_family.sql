-- growth_by_family: each family's first and last value of a metric in a window, absolute and percent change (pct_change NULL when the start is 0) (only the subjects whose series cover the window: one that starts or stops inside it is left out, see series_breaks); scope: which subjects are added (all by default: everything tracked for the family; registry/openness.ts SCOPES); one row per family, its open and closed subjects summed
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = [], scope Scope = all
-- returns: family String, name String, openness String, start_day Date, start_value Float64, end_day Date, end_value Float64, change Float64, pct_change Nullable(Float64)
SELECT
  family, any(name) AS name, any(family_openness) AS openness,
  min(first_day) AS start_day, sum(first_value) AS start_value,
  max(last_day) AS end_day, sum(last_value) AS end_value,
  end_value - start_value AS change,
  if(start_value = 0, NULL, 100 * (end_value - start_value) / start_value) AS pct_change
FROM family_span(metric = {metric:FamilyMetric}, series = {series:Series}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)}, scope = {scope:Scope})
GROUP BY family
ORDER BY min(catalog_order)
