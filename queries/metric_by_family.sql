-- metric_by_family: a family-level metric (projects, stars, downloads, hf_downloads_30d) per family per day
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = []
-- returns: day Date, family String, name String, openness String, value Float64, subjects UInt64
SELECT day, family, name, openness, value, subjects
FROM family_window(metric = {metric:FamilyMetric}, series = {series:Series}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)})
ORDER BY day, catalog_order
