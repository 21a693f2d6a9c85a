-- 004_coverage: coverage-aware windows (DESIGN.md, "Measuring honestly": a total, share or
-- growth over a window adds only series that cover the window; a series that starts or
-- stops inside it is a marked break, never a trend). The unit of coverage is a subject's
-- series (a search, a repository, a package, a model), so a family's value is now built
-- from per-subject values:
--   subject_daily                                         one subject's value of a family-level metric on a day; the
--                                                         only place that says which facts make each metric
--   family_daily                                          (replaces 002) the sum of subject_daily per family and day
--   subject_window(metric, series, from, to, families)    one row per subject and day in the window, with the subject's
--                                                         first and last day there, whether it covers the window
--                                                         (covers) and its family's own span in it (covers_family), and
--                                                         per family how many subjects do not (excluded, excluded_family)
--   family_window(metric, series, from, to, families)     (replaces 003) per family and day, only the subjects that cover
--                                                         the window, and how many of the family's subjects were left out
--   family_span(metric, series, from, to, families)       (replaces 003) per family, its first and last covered value
-- Coverage: the window's first and last day are the first and last day on which any
-- selected subject has a value; a subject covers the window when its own first day is
-- not later than the window's first day and its last day not earlier than its last day.
-- Totals, shares and growth (family_window) add only covering subjects, so both ends of
-- the window compare the same subjects. A family's own line (metric_by_family) uses the
-- same rule on the family's first and last day in the window (covers_family), so a family
-- that starts inside the window is drawn from its start, but a package that joins it later
-- is not a step. The subjects left out are listed by the named query series_breaks.
-- Inner columns are named m, v and ref, not metric, value and is_reference (see 002).

CREATE VIEW IF NOT EXISTS subject_daily AS
SELECT day, family, subject, m AS metric, v AS value, ref AS is_reference
FROM
(
  SELECT observed_at AS day, family, subject, 'projects' AS m,
         argMax(value, metric = 'github_projects') AS v, toUInt8(0) AS ref
  FROM facts
  WHERE is_reference = 0
    AND metric IN ('github_projects', 'github_projects_existing')
    AND (family, subject) IN (SELECT family, concat('search:', item) FROM catalog_items FINAL WHERE kind = 'github_search' AND position = 0)
  GROUP BY observed_at, family, subject

  UNION ALL

  SELECT observed_at AS day, family, subject, 'projects' AS m, sum(value) AS v, toUInt8(1) AS ref
  FROM facts
  WHERE is_reference = 1 AND metric = 'github_projects' AND family != ''
  GROUP BY observed_at, family, subject

  UNION ALL

  SELECT observed_at AS day, family, subject, 'stars' AS m, argMax(value, metric = 'github_stars') AS v, toUInt8(0) AS ref
  FROM facts
  WHERE is_reference = 0
    AND metric IN ('github_stars', 'github_stars_retained')
    AND (family, subject) IN (SELECT family, concat('repo:', item) FROM catalog_items FINAL WHERE kind = 'github_repo')
  GROUP BY observed_at, family, subject

  UNION ALL

  SELECT observed_at AS day, family, subject, 'stars' AS m, sum(value) AS v, toUInt8(1) AS ref
  FROM facts
  WHERE is_reference = 1 AND metric = 'github_stars' AND family != ''
  GROUP BY observed_at, family, subject

  UNION ALL

  SELECT observed_at AS day, family, subject, 'downloads' AS m, sum(value) AS v, toUInt8(0) AS ref
  FROM facts
  WHERE is_reference = 0
    AND metric IN ('npm_downloads', 'pypi_downloads')
    AND (family, subject) IN (SELECT family, concat(kind, ':', item) FROM catalog_items FINAL WHERE kind IN ('npm', 'pypi'))
  GROUP BY observed_at, family, subject

  UNION ALL

  SELECT observed_at AS day, family, subject, 'hf_downloads_30d' AS m, sum(value) AS v, toUInt8(0) AS ref
  FROM facts
  WHERE is_reference = 0 AND metric = 'hf_downloads_30d' AND family != ''
  GROUP BY observed_at, family, subject
);

CREATE OR REPLACE VIEW family_daily AS
SELECT day, family, metric, sum(value) AS value, count() AS subjects, is_reference
FROM subject_daily
GROUP BY day, family, metric, is_reference;

CREATE VIEW IF NOT EXISTS subject_window AS
SELECT day, family, subject, value, first_day, last_day, window_first_day, window_last_day, covers,
       uniqExactIf(subject, covers = 0) OVER (PARTITION BY family) AS excluded,
       family_first_day, family_last_day, covers_family,
       uniqExactIf(subject, covers_family = 0) OVER (PARTITION BY family) AS excluded_family,
       name, openness, is_open, region, catalog_order
FROM
(
  SELECT day, family, subject, value, first_day, last_day, window_first_day, window_last_day,
         toUInt8(first_day <= window_first_day AND last_day >= window_last_day) AS covers,
         family_first_day, family_last_day,
         toUInt8(first_day <= family_first_day AND last_day >= family_last_day) AS covers_family,
         name, openness, is_open, region, catalog_order
  FROM
  (
    SELECT s.day AS day, s.family AS family, s.subject AS subject, s.value AS value,
           min(s.day) OVER (PARTITION BY s.family, s.subject) AS first_day,
           max(s.day) OVER (PARTITION BY s.family, s.subject) AS last_day,
           min(s.day) OVER (PARTITION BY s.family) AS family_first_day,
           max(s.day) OVER (PARTITION BY s.family) AS family_last_day,
           min(s.day) OVER () AS window_first_day,
           max(s.day) OVER () AS window_last_day,
           fam.name AS name, fam.openness AS openness, fam.is_open AS is_open, fam.region AS region, fam.catalog_order AS catalog_order
    FROM subject_daily AS s
    INNER JOIN families AS fam FINAL ON fam.id = s.family
    WHERE s.metric = {metric:String}
      AND s.is_reference = ({series:String} = 'reference')
      AND s.day BETWEEN {from:Date} AND {to:Date}
      AND (empty({families:Array(String)}) OR has({families:Array(String)}, s.family))
  )
);

CREATE OR REPLACE VIEW family_window AS
SELECT day, family, sumIf(value, covers = 1) AS value, countIf(covers = 1) AS subjects, any(excluded) AS excluded_subjects,
       any(name) AS name, any(openness) AS openness, any(is_open) AS is_open, any(region) AS region, any(catalog_order) AS catalog_order
FROM subject_window(metric = {metric:String}, series = {series:String}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)})
GROUP BY day, family
HAVING subjects > 0;

CREATE OR REPLACE VIEW family_span AS
SELECT family, any(name) AS name, any(openness) AS openness, any(is_open) AS is_open, any(catalog_order) AS catalog_order,
       min(day) AS first_day, argMin(value, day) AS first_value, max(day) AS last_day, argMax(value, day) AS last_value,
       any(excluded_subjects) AS excluded_subjects
FROM family_window(metric = {metric:String}, series = {series:String}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)})
GROUP BY family;
