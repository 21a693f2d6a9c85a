-- metric_by_family: a family-level metric (registry/metrics.ts FAMILY_METRICS: projects, stars, downloads, hf_downloads_30d, tokens, derivatives, derivative_downloads_30d) per family per day, summed over the subjects that cover the family's own series in the window (excluded_subjects: how many start or stop inside it; series_breaks lists them); scope: which subjects are added (text_models by default for open-vs-closed figures: registry/openness.ts SCOPES), and every subject counts on its own side (open or closed), so a family that ships both adds to both
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = [], scope Scope = all
-- returns: day Date, family String, name String, openness String, value Float64, subjects UInt64, excluded_subjects UInt64
SELECT day, family, any(name) AS name, any(family_openness) AS openness,
       sumIf(value, covers_family = 1) AS value, countIf(covers_family = 1) AS subjects, any(excluded_family) AS excluded_subjects
FROM subject_window(metric = {metric:FamilyMetric}, series = {series:Series}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)}, scope = {scope:Scope})
GROUP BY day, family
HAVING subjects > 0
ORDER BY day, min(catalog_order)
