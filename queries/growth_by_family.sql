-- growth_by_family: each family's first and last value of a metric in a window, absolute and percent change (pct_change NULL when the start is 0)
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = []
-- returns: family String, name String, openness String, start_day Date, start_value Float64, end_day Date, end_value Float64, change Float64, pct_change Nullable(Float64)
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
  w.first_day AS start_day, w.first_value AS start_value,
  w.last_day AS end_day, w.last_value AS end_value,
  w.last_value - w.first_value AS change,
  if(w.first_value = 0, NULL, 100 * (w.last_value - w.first_value) / w.first_value) AS pct_change
FROM window AS w
INNER JOIN families AS fam FINAL ON fam.id = w.family
ORDER BY fam.catalog_order
