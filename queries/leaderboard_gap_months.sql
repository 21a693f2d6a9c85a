-- leaderboard_gap_months: per leaderboard publication date, how many months earlier the closed frontier had first reached the rating of the best open model so far (0 when no closed model had), every rating read from one publication and every model dated by its first appearance
-- params: scale Date = 2100-01-01, from Date = 2022-11-01, to Date = 2100-01-01
-- returns: day Date, scale_date Date, best_open String, open_rating Float64, open_first_seen Date, closed_best String, closed_rating Float64, matched_by String, matched_on Nullable(Date), months Float64, months_low Float64, months_high Float64, open_leads UInt8, rated UInt64, unrated UInt64
-- After Epoch AI's open-vs-closed gap ("Open models lag state-of-the-art closed models by 4
-- months", 2026-05-29): for each day, the best open model available by then, and how long
-- before it the closed frontier was at its level. Here the scale is one publication's ratings
-- (the newest on or before `scale`), so models of different dates are compared on one scale;
-- a model's date is the first publication that lists it, and only models that publication
-- rates take part (`unrated`: models listed by then that it does not rate, or of unknown
-- licence). The days are the publication dates from `from` to `to`, up to the scale's date.
--   matched_on   the first appearance of the earliest closed model rated at least open_rating
--   months       (day − matched_on) in months of 30.436875 days; 0 and open_leads = 1 when no
--                closed model listed by the day is rated as high
--   months_high  the same with the intervals taken in the closed frontier's favour: the first
--                closed model whose rating_upper reaches the open model's rating_lower
--   months_low   and against it: the first whose rating_lower reaches the open rating_upper
-- closed_best is the best closed model listed by the day, on the same scale.
WITH
  (SELECT max(table_date) FROM leaderboard_models WHERE table_date <= {scale:Date}) AS scale_day,
  seen AS MATERIALIZED (SELECT model, min(table_date) AS first_seen FROM leaderboard_models GROUP BY model),
  rated AS MATERIALIZED (
    SELECT m.display AS name, m.side AS side, m.rating AS rating,
           coalesce(m.rating_lower, m.rating) AS lo, coalesce(m.rating_upper, m.rating) AS hi, s.first_seen AS first_seen,
           -- the orders the picks below follow, as one number each (a tuple key is several times slower):
           -- by rating, then name; and by first day seen, then rating, then name
           row_number() OVER (ORDER BY m.rating DESC, m.display, m.model) AS by_rating,
           row_number() OVER (ORDER BY s.first_seen, m.rating DESC, m.display, m.model) AS by_first_seen
    FROM leaderboard_models AS m
    INNER JOIN seen AS s ON s.model = m.model
    WHERE m.table_date = scale_day AND m.side IN ('open', 'closed')
  ),
  days AS MATERIALIZED (
    SELECT DISTINCT table_date AS day FROM leaderboard_models
    WHERE table_date BETWEEN {from:Date} AND {to:Date} AND table_date <= scale_day
  ),
  per_day AS (
    SELECT
      d.day AS day,
      argMinIf(r.name, r.by_rating, r.side = 'open') AS best_open,
      maxIf(r.rating, r.side = 'open') AS open_rating,
      argMinIf(r.lo, r.by_rating, r.side = 'open') AS open_lo,
      argMinIf(r.hi, r.by_rating, r.side = 'open') AS open_hi,
      argMinIf(r.first_seen, r.by_rating, r.side = 'open') AS open_first_seen,
      argMinIf(r.name, r.by_rating, r.side = 'closed') AS closed_best,
      maxIf(r.rating, r.side = 'closed') AS closed_rating,
      countIf(r.side = 'open') AS open_models,
      count() AS rated
    FROM days AS d
    CROSS JOIN rated AS r
    WHERE r.first_seen <= d.day
    GROUP BY d.day
    HAVING open_models > 0 AND countIf(r.side = 'closed') > 0
  ),
  matched AS (
    SELECT
      p.day AS day,
      minIf(toNullable(c.first_seen), c.rating >= p.open_rating) AS matched_on,
      argMinIf(c.name, c.by_first_seen, c.rating >= p.open_rating) AS matched_by,
      minIf(toNullable(c.first_seen), c.hi >= p.open_lo) AS early_on,
      minIf(toNullable(c.first_seen), c.lo >= p.open_hi) AS late_on,
      toUInt8(matched_on IS NULL OR assumeNotNull(matched_on) > p.day) AS leads
    FROM per_day AS p
    CROSS JOIN (SELECT * FROM rated WHERE side = 'closed') AS c
    GROUP BY p.day
  ),
  listed AS (
    SELECT d.day AS day, count() AS listed
    FROM days AS d
    CROSS JOIN seen AS s
    WHERE s.first_seen <= d.day
    GROUP BY d.day
  )
SELECT
  p.day AS day,
  assumeNotNull(scale_day) AS scale_date,
  p.best_open AS best_open,
  p.open_rating AS open_rating,
  p.open_first_seen AS open_first_seen,
  p.closed_best AS closed_best,
  p.closed_rating AS closed_rating,
  if(m.leads = 1, '', m.matched_by) AS matched_by,
  if(m.leads = 1, NULL, m.matched_on) AS matched_on,
  if(m.leads = 1, 0, dateDiff('day', assumeNotNull(m.matched_on), p.day) / 30.436875) AS months,
  if(m.late_on IS NULL OR assumeNotNull(m.late_on) > p.day, 0, dateDiff('day', assumeNotNull(m.late_on), p.day) / 30.436875) AS months_low,
  if(m.early_on IS NULL OR assumeNotNull(m.early_on) > p.day, 0, dateDiff('day', assumeNotNull(m.early_on), p.day) / 30.436875) AS months_high,
  m.leads AS open_leads,
  p.rated AS rated,
  toUInt64(l.listed - p.rated) AS unrated
FROM per_day AS p
INNER JOIN matched AS m ON m.day = p.day
INNER JOIN listed AS l ON l.day = p.day
ORDER BY day
