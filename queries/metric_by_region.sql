-- metric_by_region: a family-level metric summed by the families' origin region and openness, per day
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = []
-- returns: day Date, region String, openness String, value Float64, families UInt64
SELECT d.day AS day, fam.region AS region, if(fam.is_open = 1, 'open', 'closed') AS openness, sum(d.value) AS value, uniqExact(d.family) AS families
FROM family_daily AS d
INNER JOIN families AS fam FINAL ON fam.id = d.family
WHERE d.metric = {metric:FamilyMetric}
  AND d.is_reference = ({series:Series} = 'reference')
  AND d.day BETWEEN {from:Date} AND {to:Date}
  AND (empty({families:Array(String)}) OR has({families:Array(String)}, d.family))
GROUP BY day, region, openness
ORDER BY day, region, openness
