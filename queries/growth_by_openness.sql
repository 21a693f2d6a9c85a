-- growth_by_openness: open and closed families' metric at the start and end of a window (each family's first and last value in it, summed), absolute and percent change
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = []
-- returns: openness String, start_value Float64, end_value Float64, change Float64, pct_change Nullable(Float64), start_day Date, end_day Date, families UInt64
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
  if(fam.is_open = 1, 'open', 'closed') AS openness,
  sum(w.first_value) AS start_value,
  sum(w.last_value) AS end_value,
  sum(w.last_value) - sum(w.first_value) AS change,
  if(sum(w.first_value) = 0, NULL, 100 * (sum(w.last_value) - sum(w.first_value)) / sum(w.first_value)) AS pct_change,
  min(w.first_day) AS start_day,
  max(w.last_day) AS end_day,
  count() AS families
FROM window AS w
INNER JOIN families AS fam FINAL ON fam.id = w.family
GROUP BY openness
ORDER BY openness
