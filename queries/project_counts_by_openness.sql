-- project_counts_by_openness: GitHub projects matching each family's headline search, summed by openness (open vs closed) per day
-- params: from Date = 2022-11-01, to Date = 2100-01-01
-- returns: day Date, openness String, projects Float64, families UInt64, is_reference UInt8
WITH headline AS (
  SELECT family, concat('search:', item) AS subject
  FROM catalog_items FINAL
  WHERE kind = 'github_search' AND position = 0
)
SELECT
  f.observed_at AS day,
  if(fam.is_open = 1, 'open', 'closed') AS openness,
  sum(f.value) AS projects,
  uniqExact(f.family) AS families,
  f.is_reference AS is_reference
FROM facts AS f
INNER JOIN families AS fam FINAL ON fam.id = f.family
WHERE f.metric IN ('github_projects', 'github_projects_existing')
  AND f.observed_at BETWEEN {from:Date} AND {to:Date}
  AND (f.is_reference = 1 OR (f.family, f.subject) IN (SELECT family, subject FROM headline))
GROUP BY day, openness, is_reference
ORDER BY day, openness, is_reference
