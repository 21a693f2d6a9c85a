-- leaderboard_best_open_closed: per leaderboard publication, the best open and the best closed model by rating, and how far the closed one leads, in rating points with its interval where both ratings have one
-- params: from Date = 2022-11-01, to Date = 2100-01-01
-- returns: table_date Date, best_open String, open_position UInt64, open_rating Float64, open_lower Nullable(Float64), open_upper Nullable(Float64), best_closed String, closed_position UInt64, closed_rating Float64, closed_lower Nullable(Float64), closed_upper Nullable(Float64), gap Float64, gap_lower Nullable(Float64), gap_upper Nullable(Float64), models UInt64, origin String
-- gap = closed rating − open rating (negative: the best open model is rated higher). Its
-- interval joins the two ratings' intervals end to end: gap_lower = closed_lower − open_upper,
-- gap_upper = closed_upper − open_lower, so it holds wherever both ratings lie in their own
-- intervals (wider than an interval of the difference itself). NULL where either has none.
-- Open includes non-commercial licences; models of unknown licence are on neither side.
-- Ties in rating go to the model name first in alphabetical order.
-- Both sides in one pass over a publication's models, each side's best taken with -If aggregates: a
-- side's rows grouped apart and joined to the other side's read the view twice (50 M generated facts:
-- 564,076 rows read; once, 282,038).
SELECT
  table_date,
  argMinIf(display, ordinal, side = 'open') AS best_open,
  argMinIf(position, ordinal, side = 'open') AS open_position,
  maxIf(rating, side = 'open') AS open_rating,
  argMinIf(rating_lower, ordinal, side = 'open') AS open_lower,
  argMinIf(rating_upper, ordinal, side = 'open') AS open_upper,
  argMinIf(display, ordinal, side = 'closed') AS best_closed,
  argMinIf(position, ordinal, side = 'closed') AS closed_position,
  maxIf(rating, side = 'closed') AS closed_rating,
  argMinIf(rating_lower, ordinal, side = 'closed') AS closed_lower,
  argMinIf(rating_upper, ordinal, side = 'closed') AS closed_upper,
  closed_rating - open_rating AS gap,
  closed_lower - open_upper AS gap_lower,
  closed_upper - open_lower AS gap_upper,
  anyIf(models, side = 'open') AS models,
  anyIf(origin, side = 'open') AS origin
FROM leaderboard_models
WHERE table_date BETWEEN {from:Date} AND {to:Date} AND side IN ('open', 'closed')
GROUP BY table_date
HAVING countIf(side = 'open') > 0 AND countIf(side = 'closed') > 0
ORDER BY table_date
