-- metric_by_family: a family-level metric (projects, stars, downloads, hf_downloads_30d) per family per day
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = []
-- returns: day Date, family String, name String, openness String, value Float64, subjects UInt64
SELECT d.day AS day, d.family AS family, fam.name AS name, fam.openness AS openness, d.value AS value, d.subjects AS subjects
FROM family_daily AS d
INNER JOIN families AS fam FINAL ON fam.id = d.family
WHERE d.metric = {metric:FamilyMetric}
  AND d.is_reference = ({series:Series} = 'reference')
  AND d.day BETWEEN {from:Date} AND {to:Date}
  AND (empty({families:Array(String)}) OR has({families:Array(String)}, d.family))
ORDER BY day, fam.catalog_order
