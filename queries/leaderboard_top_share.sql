-- leaderboard_top_share: per leaderboard publication, how many of its top 10, 20 and 50 models by rating are open, closed or of unknown licence, and the open share of them
-- params: from Date = 2022-11-01, to Date = 2100-01-01
-- returns: table_date Date, top UInt8, models UInt64, open UInt64, open_noncommercial UInt64, closed UInt64, unknown UInt64, open_share Float64, origin String
-- `models` is the models at position `top` or better: more than `top` when models tie at the
-- cut. open counts every open licence, non-commercial ones included (also counted on their
-- own); open_share = open / models, models of unknown licence in the denominator (counted,
-- never dropped). A publication with fewer rated models than `top` has no row for it.
SELECT
  table_date,
  top,
  countIf(position <= top) AS models,
  countIf(position <= top AND side = 'open') AS open,
  countIf(position <= top AND grp = 'open_noncommercial') AS open_noncommercial,
  countIf(position <= top AND side = 'closed') AS closed,
  countIf(position <= top AND side = 'unknown') AS unknown,
  open / models AS open_share,
  any(origin) AS origin
FROM leaderboard_models
ARRAY JOIN [toUInt8(10), toUInt8(20), toUInt8(50)] AS top
WHERE table_date BETWEEN {from:Date} AND {to:Date}
GROUP BY table_date, top
HAVING any(leaderboard_models.models) >= top
ORDER BY table_date, top
