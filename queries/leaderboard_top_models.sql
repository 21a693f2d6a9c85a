-- leaderboard_top_models: per leaderboard publication, its top models by rating (position 1 is the highest), each with its licence class, interval, votes and family
-- params: from Date = 2022-11-01, to Date = 2100-01-01, top UInt32 = 10
-- returns: table_date Date, position UInt64, model String, organization String, licence String, class String, licence_class String, family String, rating Float64, rating_lower Nullable(Float64), rating_upper Nullable(Float64), votes Nullable(Float64), arena_rank Nullable(Float64), models UInt64, origin String
-- Rows of the view leaderboard_models (migration 006): the Arena's dataset where it has the
-- date, else the 2023 table's Elo. Models tied at the cut share its position and are all listed.
-- `class` is what the site shows (closed, open_noncommercial, open, unknown), `licence_class`
-- the stored class; `arena_rank` is the Arena's own published rank (its upper-bound rank, where
-- several models can share rank 1), `position` the order by rating.
SELECT
  m.table_date AS table_date, m.position AS position, m.display AS model, m.organization AS organization, m.licence AS licence,
  m.grp AS class, m.class AS licence_class, m.family AS family,
  m.rating AS rating, m.rating_lower AS rating_lower, m.rating_upper AS rating_upper, m.votes AS votes, m.arena_rank AS arena_rank,
  m.models AS models, m.origin AS origin
FROM leaderboard_models AS m
WHERE m.table_date BETWEEN {from:Date} AND {to:Date}
  AND m.position <= {top:UInt32}
ORDER BY table_date, position, model
