-- metric_by_openness: a family-level metric summed over open and over closed families per day (families: how many had a value)
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = []
-- returns: day Date, openness String, value Float64, families UInt64
SELECT d.day AS day, if(fam.is_open = 1, 'open', 'closed') AS openness, sum(d.value) AS value, uniqExact(d.family) AS families
FROM family_daily AS d
INNER JOIN families AS fam FINAL ON fam.id = d.family
WHERE d.metric = {metric:FamilyMetric}
  AND d.is_reference = ({series:Series} = 'reference')
  AND d.day BETWEEN {from:Date} AND {to:Date}
  AND (empty({families:Array(String)}) OR has({families:Array(String)}, d.family))
GROUP BY day, openness
ORDER BY day, openness
