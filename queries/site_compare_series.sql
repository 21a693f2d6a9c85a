-- site_compare_series: a family-level metric per family per day, every subject with a value that day (the Compare page's lines, and a family's newest figure), with where a series joins or leaves the family's sum inside the window (starts: subjects whose first day it is, after the family's first; stops: whose last day it is, before the family's last), which the page marks as breaks, so a step on such a day (a package whose history begins later, a model launched or retired) is never read as a trend; and the days since the family's first catalogued release (the calendar and aligned views)
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01
-- returns: day Date, family String, name String, openness String, value Float64, starts UInt64, stops UInt64, first_release Nullable(Date), days_since_release Nullable(Int64)
SELECT
  w.day AS day,
  w.family AS family,
  w.name AS name,
  w.openness AS openness,
  w.value AS value,
  w.starts AS starts,
  w.stops AS stops,
  r.first_release AS first_release,
  if(isNull(r.first_release), NULL, dateDiff('day', assumeNotNull(r.first_release), w.day)) AS days_since_release
FROM
(
  -- every subject of the family (scope all), collected figures only; subject_window gives each its first and last day and the family's
  SELECT day, family, any(name) AS name, any(family_openness) AS openness, sum(value) AS value,
         countIf(first_day = day AND first_day > family_first_day) AS starts,
         countIf(last_day = day AND last_day < family_last_day) AS stops,
         min(catalog_order) AS catalog_order
  FROM subject_window(metric = {metric:FamilyMetric}, series = 'collected', from = {from:Date}, to = {to:Date}, families = [], scope = 'all')
  GROUP BY day, family
) AS w
LEFT JOIN
(
  SELECT family, toNullable(min(released_at)) AS first_release
  FROM release_events FINAL
  GROUP BY family
) AS r ON r.family = w.family
ORDER BY day, w.catalog_order
