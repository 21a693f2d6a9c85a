-- open_share: share of the open families in a metric, per day (only days on which both open and closed families have a value)
-- params: metric FamilyMetric = projects, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = []
-- returns: day Date, open Float64, closed Float64, open_share Float64, open_families UInt64, closed_families UInt64
SELECT
  d.day AS day,
  sumIf(d.value, fam.is_open = 1) AS open,
  sumIf(d.value, fam.is_open = 0) AS closed,
  open / (open + closed) AS open_share,
  uniqExactIf(d.family, fam.is_open = 1) AS open_families,
  uniqExactIf(d.family, fam.is_open = 0) AS closed_families
FROM family_daily AS d
INNER JOIN families AS fam FINAL ON fam.id = d.family
WHERE d.metric = {metric:FamilyMetric}
  AND d.is_reference = ({series:Series} = 'reference')
  AND d.day BETWEEN {from:Date} AND {to:Date}
  AND (empty({families:Array(String)}) OR has({families:Array(String)}, d.family))
GROUP BY day
HAVING open_families > 0 AND closed_families > 0 AND open + closed > 0
ORDER BY day
