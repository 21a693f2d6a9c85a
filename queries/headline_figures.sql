-- headline_figures: open subjects' share of each metric that has one (projects, stars, downloads, tokens) on the newest day up to as_of, and its change since 30 and 365 days before among only the subjects with a value on both days (a held count whose series begins at zero after the earlier day counts there at zero: it held nothing before; routed tokens, whose every day is whole, compare every model on both days) (NULL when there is no share that early); comparable_share_*: the newest day's share among those subjects; excluded_*: subjects that start or stop in between, left out of the change; scope: which subjects are added (text models by default), each on its own side (open or closed)
-- params: as_of Date = 2100-01-01, families Array(String) = [], scope Scope = text_models
-- returns: metric String, open_share Float64, open_share_30d_ago Nullable(Float64), change_30d Nullable(Float64), open_share_365d_ago Nullable(Float64), change_365d Nullable(Float64), as_of_day Date, day_30d_ago Nullable(Date), day_365d_ago Nullable(Date), comparable_share_30d Nullable(Float64), comparable_share_365d Nullable(Float64), excluded_30d UInt64, excluded_365d UInt64
-- Only the facts of the 485 days (a year and four months) up to the newest family-level fact on or before as_of
-- are read, so the cost follows that span, not the store's years: the newest day and both comparison days are
-- found in it, and a metric with no share in it is left out. Only the metrics that have an open share are read
-- (registry/metrics.ts FAMILY_METRICS[].openShare): closed models have no Hugging Face downloads or derivatives
-- by construction, so no figure states a share of them, and their day rows were three quarters of the span's
-- (50 M facts: 2.6 M day rows read → 0.63 M, 313 → 190 ms).
WITH
  span_end AS (
    -- the newest day any family-level metric has a collected value on or before as_of, from subject_days'
    -- projection of one row per metric and day (migration 007): the inner GROUP BY is the projection's
    SELECT max(day) AS day
    FROM (SELECT metric, is_reference, day, count() FROM subject_days WHERE is_reference = 0 AND day <= {as_of:Date} GROUP BY metric, is_reference, day)
  ),
  selected AS MATERIALIZED (
    SELECT d.metric AS share_metric, d.day AS day, d.family AS family, d.subject AS subject, d.value AS value, d.is_open AS is_open
    FROM subject_daily_classed AS d
    WHERE d.is_reference = 0
      AND d.metric IN ['projects', 'stars', 'downloads', 'tokens']
      AND bitTest(d.scope_bits, (SELECT bit FROM scope_bits WHERE scope = toString({scope:Scope})))
      AND d.day <= {as_of:Date}
      AND d.day >= (SELECT day FROM span_end) - 485
      AND (empty({families:Array(String)}) OR has({families:Array(String)}, d.family))
  ),
  shares AS MATERIALIZED (
    SELECT share_metric, day, sumIf(value, is_open = 1) / sum(value) AS share
    FROM selected
    GROUP BY share_metric, day
    HAVING countIf(is_open = 1) > 0 AND countIf(is_open = 0) > 0 AND sum(value) > 0
  ),
  newest AS (
    SELECT share_metric, max(day) AS newest_day FROM shares GROUP BY share_metric
  ),
  marks AS (
    SELECT
      s.share_metric AS share_metric,
      any(n.newest_day) AS as_of_day,
      argMaxIf(s.share, s.day, s.day = n.newest_day) AS share_now,
      maxIf(toNullable(s.day), s.day <= n.newest_day - 30) AS day_30d_ago,
      maxIf(toNullable(s.day), s.day <= n.newest_day - 365) AS day_365d_ago
    FROM shares AS s
    INNER JOIN newest AS n ON n.share_metric = s.share_metric
    GROUP BY s.share_metric
  ),
  subjects AS (
    -- one row per subject: its value on the newest day and on the days 30 and 365 days before, and whether it has any value since
    SELECT
      u.share_metric AS share_metric, u.family AS family, u.subject AS subject, any(u.is_open) AS open,
      -- a metric whose every day is a whole (whole_day_metrics: routed tokens) compares whole days: every subject
      -- counts on both days, at zero on a day it has no value
      any(u.share_metric) IN (SELECT metric FROM whole_day_metrics) AS whole_days,
      countIf(u.day = mk.as_of_day) > 0 OR whole_days AS at_end, sumIf(u.value, u.day = mk.as_of_day) AS end_value,
      -- a held count whose series begins at zero after a comparison day held nothing on it: it counts there at zero
      min((u.day, u.value)) AS first_point, first_point.1 AS first_day,
      first_point.2 = 0 AND any(u.share_metric) IN (SELECT metric FROM held_metrics) AS from_zero,
      countIf(ifNull(u.day = mk.day_30d_ago, 0)) > 0 OR (from_zero AND ifNull(first_day > any(mk.day_30d_ago), 0)) OR whole_days AS at_30,
      sumIf(u.value, ifNull(u.day = mk.day_30d_ago, 0)) AS value_30,
      countIf(ifNull(u.day >= mk.day_30d_ago, 0)) > 0 AS since_30,
      countIf(ifNull(u.day = mk.day_365d_ago, 0)) > 0 OR (from_zero AND ifNull(first_day > any(mk.day_365d_ago), 0)) OR whole_days AS at_365,
      sumIf(u.value, ifNull(u.day = mk.day_365d_ago, 0)) AS value_365,
      countIf(ifNull(u.day >= mk.day_365d_ago, 0)) > 0 AS since_365
    FROM selected AS u
    INNER JOIN marks AS mk ON mk.share_metric = u.share_metric
    WHERE u.day <= mk.as_of_day
    GROUP BY u.share_metric, u.family, u.subject
  ),
  changes AS (
    SELECT
      share_metric,
      if(sumIf(value_30, at_30 AND at_end) = 0, NULL, sumIf(value_30, at_30 AND at_end AND open = 1) / sumIf(value_30, at_30 AND at_end)) AS then_30,
      if(sumIf(end_value, at_30 AND at_end) = 0, NULL, sumIf(end_value, at_30 AND at_end AND open = 1) / sumIf(end_value, at_30 AND at_end)) AS now_30,
      countIf(since_30 AND NOT (at_30 AND at_end)) AS excluded_30,
      if(sumIf(value_365, at_365 AND at_end) = 0, NULL, sumIf(value_365, at_365 AND at_end AND open = 1) / sumIf(value_365, at_365 AND at_end)) AS then_365,
      if(sumIf(end_value, at_365 AND at_end) = 0, NULL, sumIf(end_value, at_365 AND at_end AND open = 1) / sumIf(end_value, at_365 AND at_end)) AS now_365,
      countIf(since_365 AND NOT (at_365 AND at_end)) AS excluded_365
    FROM subjects
    GROUP BY share_metric
  )
SELECT
  mk.share_metric AS metric,
  mk.share_now AS open_share,
  if(isNull(mk.day_30d_ago), NULL, c.then_30) AS open_share_30d_ago,
  if(isNull(mk.day_30d_ago), NULL, c.now_30 - c.then_30) AS change_30d,
  if(isNull(mk.day_365d_ago), NULL, c.then_365) AS open_share_365d_ago,
  if(isNull(mk.day_365d_ago), NULL, c.now_365 - c.then_365) AS change_365d,
  mk.as_of_day AS as_of_day,
  mk.day_30d_ago AS day_30d_ago,
  mk.day_365d_ago AS day_365d_ago,
  if(isNull(mk.day_30d_ago), NULL, c.now_30) AS comparable_share_30d,
  if(isNull(mk.day_365d_ago), NULL, c.now_365) AS comparable_share_365d,
  if(isNull(mk.day_30d_ago), 0, c.excluded_30) AS excluded_30d,
  if(isNull(mk.day_365d_ago), 0, c.excluded_365) AS excluded_365d
FROM marks AS mk
INNER JOIN changes AS c ON c.share_metric = mk.share_metric
ORDER BY indexOf(['projects', 'stars', 'downloads', 'tokens'], metric)
