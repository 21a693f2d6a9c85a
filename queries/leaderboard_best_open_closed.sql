-- leaderboard_best_open_closed: per leaderboard publication, the best open and the best closed model by rating, and how far the closed one leads, in rating points with its interval where both ratings have one
-- params: from Date = 2022-11-01, to Date = 2100-01-01
-- returns: table_date Date, best_open String, open_position UInt64, open_rating Float64, open_lower Nullable(Float64), open_upper Nullable(Float64), best_closed String, closed_position UInt64, closed_rating Float64, closed_lower Nullable(Float64), closed_upper Nullable(Float64), gap Float64, gap_lower Nullable(Float64), gap_upper Nullable(Float64), models UInt64, origin String
-- gap = closed rating − open rating (negative: the best open model is rated higher). Its
-- interval joins the two ratings' intervals end to end: gap_lower = closed_lower − open_upper,
-- gap_upper = closed_upper − open_lower, so it holds wherever both ratings lie in their own
-- intervals (wider than an interval of the difference itself). NULL where either has none.
-- Open includes non-commercial licences; models of unknown licence are on neither side.
-- Ties in rating go to the model name first in alphabetical order.
WITH best AS (
  SELECT
    table_date,
    side,
    argMin(display, ordinal) AS model,
    argMin(position, ordinal) AS pos,
    max(rating) AS best_rating,
    argMin(rating_lower, ordinal) AS lower,
    argMin(rating_upper, ordinal) AS upper,
    any(models) AS table_models,
    any(origin) AS table_origin
  FROM leaderboard_models
  WHERE table_date BETWEEN {from:Date} AND {to:Date} AND side IN ('open', 'closed')
  GROUP BY table_date, side
)
SELECT
  o.table_date AS table_date,
  o.model AS best_open, o.pos AS open_position, o.best_rating AS open_rating, o.lower AS open_lower, o.upper AS open_upper,
  c.model AS best_closed, c.pos AS closed_position, c.best_rating AS closed_rating, c.lower AS closed_lower, c.upper AS closed_upper,
  c.best_rating - o.best_rating AS gap,
  c.lower - o.upper AS gap_lower,
  c.upper - o.lower AS gap_upper,
  o.table_models AS models,
  o.table_origin AS origin
FROM best AS o
INNER JOIN best AS c ON c.table_date = o.table_date AND c.side = 'closed'
WHERE o.side = 'open'
ORDER BY table_date
