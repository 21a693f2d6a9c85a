-- metric_by_openness: a family-level metric summed over the open and over the closed subjects per day, each subject on its own side (families: how many families have a value on that side) (only the subjects whose series cover the window: one that starts or stops inside it is left out, see series_breaks); scope: which subjects are added (text_models by default for open-vs-closed figures: registry/openness.ts SCOPES), and every subject counts on its own side (open or closed), so a family that ships both adds to both
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = [], scope Scope = text_models
-- returns: day Date, openness String, value Float64, families UInt64
SELECT day, if(is_open = 1, 'open', 'closed') AS openness, sum(value) AS value, uniqExact(family) AS families
FROM family_window(metric = {metric:FamilyMetric}, series = {series:Series}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)}, scope = {scope:Scope})
GROUP BY day, openness
ORDER BY day, openness
