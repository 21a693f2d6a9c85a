-- top_movers: the families whose metric changed most (absolute change, gains and losses alike) between their first and last value in a window (only the subjects whose series cover the window: one that starts or stops inside it is left out, see series_breaks); scope: which subjects are added (text_models by default for open-vs-closed figures: registry/openness.ts SCOPES), and every subject counts on its own side (open or closed), so a family that ships both adds to both
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, limit UInt32 = 10, series Series = collected, families Array(String) = [], scope Scope = text_models
-- returns: family String, name String, openness String, start_value Float64, end_value Float64, change Float64, pct_change Nullable(Float64), start_day Date, end_day Date
SELECT
  family,
  if(is_open != toUInt8(family_openness != 'closed'), concat(name, if(is_open = 1, ' (open subjects)', ' (closed subjects)')), name) AS name,
  openness,
  first_value AS start_value, last_value AS end_value,
  last_value - first_value AS change,
  if(first_value = 0, NULL, 100 * (last_value - first_value) / first_value) AS pct_change,
  first_day AS start_day, last_day AS end_day
FROM family_span(metric = {metric:FamilyMetric}, series = {series:Series}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)}, scope = {scope:Scope})
ORDER BY abs(change) DESC, catalog_order
LIMIT {limit:UInt32}
