-- 002_family_daily: a family's value of a metric on a day, as queries/README.md
-- ("Family-level metrics") defines it, so every named query counts the same way.
--   metric        projects | stars | downloads | hf_downloads_30d
--   value         the family's value that day (a sum over `subjects` subjects)
--   is_reference  1 for cited reference figures (source "reference"), a series of their own
-- Inner columns are named m, v and ref, not metric, value and is_reference: ClickHouse
-- lets a SELECT alias shadow the column of the same name inside the same query
-- (WHERE is_reference = 0 would compare the constant alias, not the column).

CREATE VIEW IF NOT EXISTS family_daily AS
SELECT day, family, m AS metric, v AS value, subjects, ref AS is_reference
FROM
(
  SELECT observed_at AS day, family, 'projects' AS m,
         argMax(value, metric = 'github_projects') AS v,
         toUInt64(1) AS subjects, toUInt8(0) AS ref
  FROM facts
  WHERE is_reference = 0
    AND metric IN ('github_projects', 'github_projects_existing')
    AND (family, subject) IN (SELECT family, concat('search:', item) FROM catalog_items FINAL WHERE kind = 'github_search' AND position = 0)
  GROUP BY observed_at, family

  UNION ALL

  SELECT observed_at AS day, family, 'projects' AS m, sum(value) AS v, uniqExact(subject) AS subjects, toUInt8(1) AS ref
  FROM facts
  WHERE is_reference = 1 AND metric = 'github_projects' AND family != ''
  GROUP BY observed_at, family

  UNION ALL

  SELECT day, family, 'stars' AS m, sum(repo_stars) AS v, uniqExact(subject) AS subjects, toUInt8(0) AS ref
  FROM
  (
    SELECT observed_at AS day, family, subject, argMax(value, metric = 'github_stars') AS repo_stars
    FROM facts
    WHERE is_reference = 0
      AND metric IN ('github_stars', 'github_stars_retained')
      AND (family, subject) IN (SELECT family, concat('repo:', item) FROM catalog_items FINAL WHERE kind = 'github_repo')
    GROUP BY observed_at, family, subject
  )
  GROUP BY day, family

  UNION ALL

  SELECT observed_at AS day, family, 'stars' AS m, sum(value) AS v, uniqExact(subject) AS subjects, toUInt8(1) AS ref
  FROM facts
  WHERE is_reference = 1 AND metric = 'github_stars' AND family != ''
  GROUP BY observed_at, family

  UNION ALL

  SELECT observed_at AS day, family, 'downloads' AS m, sum(value) AS v, uniqExact(subject) AS subjects, toUInt8(0) AS ref
  FROM facts
  WHERE is_reference = 0
    AND metric IN ('npm_downloads', 'pypi_downloads')
    AND (family, subject) IN (SELECT family, concat(kind, ':', item) FROM catalog_items FINAL WHERE kind IN ('npm', 'pypi'))
  GROUP BY observed_at, family

  UNION ALL

  SELECT observed_at AS day, family, 'hf_downloads_30d' AS m, sum(value) AS v, uniqExact(subject) AS subjects, toUInt8(0) AS ref
  FROM facts
  WHERE is_reference = 0 AND metric = 'hf_downloads_30d' AND family != ''
  GROUP BY observed_at, family
);
