-- headline_figures: open families' share of each metric on the newest day up to as_of, and its change since 30 and 365 days before (NULL when there is no share that early)
-- params: as_of Date = 2100-01-01, families Array(String) = []
-- returns: metric String, open_share Float64, open_share_30d_ago Nullable(Float64), change_30d Nullable(Float64), open_share_365d_ago Nullable(Float64), change_365d Nullable(Float64), as_of_day Date, day_30d_ago Nullable(Date), day_365d_ago Nullable(Date)
WITH shares AS (
  SELECT d.metric AS share_metric, d.day AS day, sumIf(d.value, fam.is_open = 1) / sum(d.value) AS share
  FROM family_daily AS d
  INNER JOIN families AS fam FINAL ON fam.id = d.family
  WHERE d.is_reference = 0
    AND d.day <= {as_of:Date}
    AND (empty({families:Array(String)}) OR has({families:Array(String)}, d.family))
  GROUP BY share_metric, day
  HAVING uniqExactIf(d.family, fam.is_open = 1) > 0 AND uniqExactIf(d.family, fam.is_open = 0) > 0 AND sum(d.value) > 0
),
newest AS (
  SELECT share_metric, max(day) AS newest_day FROM shares GROUP BY share_metric
)
SELECT
  s.share_metric AS metric,
  argMaxIf(s.share, s.day, s.day = n.newest_day) AS open_share,
  argMaxIf(toNullable(s.share), s.day, s.day <= n.newest_day - 30) AS open_share_30d_ago,
  open_share - open_share_30d_ago AS change_30d,
  argMaxIf(toNullable(s.share), s.day, s.day <= n.newest_day - 365) AS open_share_365d_ago,
  open_share - open_share_365d_ago AS change_365d,
  any(n.newest_day) AS as_of_day,
  maxIf(toNullable(s.day), s.day <= n.newest_day - 30) AS day_30d_ago,
  maxIf(toNullable(s.day), s.day <= n.newest_day - 365) AS day_365d_ago
FROM shares AS s
INNER JOIN newest AS n ON n.share_metric = s.share_metric
GROUP BY s.share_metric
ORDER BY indexOf(['projects', 'stars', 'downloads', 'hf_downloads_30d'], metric)
