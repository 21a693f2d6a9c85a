-- top_movers: the families whose metric changed most (absolute change, gains and losses alike) between their first and last value in a window
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, limit UInt32 = 10, series Series = collected, families Array(String) = []
-- returns: family String, name String, openness String, start_value Float64, end_value Float64, change Float64, pct_change Nullable(Float64), start_day Date, end_day Date
WITH window AS (
  SELECT d.family AS family, min(d.day) AS first_day, argMin(d.value, d.day) AS first_value, max(d.day) AS last_day, argMax(d.value, d.day) AS last_value
  FROM family_daily AS d
  WHERE d.metric = {metric:FamilyMetric}
    AND d.is_reference = ({series:Series} = 'reference')
    AND d.day BETWEEN {from:Date} AND {to:Date}
    AND (empty({families:Array(String)}) OR has({families:Array(String)}, d.family))
  GROUP BY d.family
)
SELECT
  w.family AS family, fam.name AS name, fam.openness AS openness,
  w.first_value AS start_value, w.last_value AS end_value,
  w.last_value - w.first_value AS change,
  if(w.first_value = 0, NULL, 100 * (w.last_value - w.first_value) / w.first_value) AS pct_change,
  w.first_day AS start_day, w.last_day AS end_day
FROM window AS w
INNER JOIN families AS fam FINAL ON fam.id = w.family
ORDER BY abs(change) DESC, fam.catalog_order
LIMIT {limit:UInt32}
