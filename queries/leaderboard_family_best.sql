-- leaderboard_family_best: per leaderboard publication and catalog family, the family's best model by rating, its position and licence class, and how many of the family's models the publication rates
-- params: from Date = 2022-11-01, to Date = 2100-01-01, families Array(String) = []
-- returns: table_date Date, family String, name String, best_model String, position UInt64, rating Float64, rating_lower Nullable(Float64), rating_upper Nullable(Float64), class String, family_models UInt64, models UInt64, origin String
-- A model belongs to the first family of the catalog whose leaderboard patterns match its name,
-- whatever its licence (a vendor's open and closed models are one family): `class` is the best
-- model's own class. Models no family matches are in no row.
-- Grouped first, then named: the catalog's families are joined to one row per publication and
-- family, not to every model (50 M generated facts: 0.85 s → 0.37 s).
SELECT
  b.table_date AS table_date,
  b.family AS family,
  fam.name AS name,
  b.best_model AS best_model,
  b.position AS position,
  b.rating AS rating,
  b.rating_lower AS rating_lower,
  b.rating_upper AS rating_upper,
  b.class AS class,
  b.family_models AS family_models,
  b.models AS models,
  b.origin AS origin
FROM
(
  SELECT
    m.table_date AS table_date,
    m.family AS family,
    argMin(m.display, m.ordinal) AS best_model,
    min(m.position) AS position,
    max(m.rating) AS rating,
    argMin(m.rating_lower, m.ordinal) AS rating_lower,
    argMin(m.rating_upper, m.ordinal) AS rating_upper,
    argMin(m.grp, m.ordinal) AS class,
    count() AS family_models,
    any(m.models) AS models,
    any(m.origin) AS origin
  FROM leaderboard_models AS m
  WHERE m.table_date BETWEEN {from:Date} AND {to:Date}
    AND m.family != ''
    AND m.family IN (SELECT id FROM families FINAL)
    AND (empty({families:Array(String)}) OR has({families:Array(String)}, m.family))
  GROUP BY table_date, family
) AS b
INNER JOIN (SELECT id, name FROM families FINAL) AS fam ON fam.id = b.family
ORDER BY table_date, position, family
