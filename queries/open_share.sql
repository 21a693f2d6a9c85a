-- open_share: the open side's share of a metric, per day (only days on which both sides have a value) (only the subjects whose series cover the window: one that starts or stops inside it is left out, see series_breaks); scope: which subjects are added (text_models by default for open-vs-closed figures: registry/openness.ts SCOPES), and every subject counts on its own side (open or closed), so a family that ships both adds to both
-- params: metric FamilyMetric = projects, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = [], scope Scope = text_models
-- returns: day Date, open Float64, closed Float64, open_share Float64, open_families UInt64, closed_families UInt64
SELECT
  day,
  sumIf(value, is_open = 1) AS open,
  sumIf(value, is_open = 0) AS closed,
  open / (open + closed) AS open_share,
  uniqExactIf(family, is_open = 1) AS open_families,
  uniqExactIf(family, is_open = 0) AS closed_families
FROM family_window(metric = {metric:FamilyMetric}, series = {series:Series}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)}, scope = {scope:Scope})
GROUP BY day
HAVING open_families > 0 AND closed_families > 0 AND open + closed > 0
ORDER BY day
