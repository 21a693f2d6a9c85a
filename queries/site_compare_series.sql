-- site_compare_series: a family-level metric per family per day, every subject with a value that day (the Compare page's lines, and a family's newest figure), with where a series joins or leaves the family's sum inside the window (starts: subjects whose first day it is, after the family's first; stops: whose last day it is, before the family's last), which the page marks as breaks, so a step on such a day (a package whose history begins later, a model launched or retired) is never read as a trend; and the days since the family's first catalogued release (the calendar and aligned views)
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01
-- returns: day Date, family String, name String, openness String, value Float64, starts UInt64, stops UInt64, first_release Nullable(Date), days_since_release Nullable(Int64)
-- A day row's family, name and openness are read from the class arrays (class_lookup: the catalog's families, as the
-- families table holds them; a family no longer in the catalog has no day rows, subject_weekly_classed) by its place
-- there (family_days' fam_i), after the sort rather than joined before it: the sort of one row per family and day moves an index,
-- not three strings (136,988 rows at 50 M generated facts, the engine alone, old and new in turn: Hugging Face downloads 350 → 287 ms, projects 241 → 184 ms; the same rows)
WITH (SELECT (family_ids, family_names, family_openness, family_order) FROM class_lookup) AS c
SELECT
  d.day AS day,
  c.1[d.fam_i] AS family,
  c.2[d.fam_i] AS name,
  c.3[d.fam_i] AS openness,
  d.value AS value,
  b.starts AS starts,
  b.stops AS stops,
  r.first_release AS first_release,
  if(isNull(r.first_release), NULL, dateDiff('day', assumeNotNull(r.first_release), d.day)) AS days_since_release
FROM family_days(metric = {metric:FamilyMetric}, from = {from:Date}, to = {to:Date}) AS d
LEFT JOIN
(
  SELECT family, toNullable(min(released_at)) AS first_release
  FROM release_events FINAL
  GROUP BY family
) AS r ON r.family = d.family
LEFT JOIN family_breaks(metric = {metric:FamilyMetric}, from = {from:Date}, to = {to:Date}) AS b ON b.family = d.family AND b.day = d.day
WHERE d.is_reference = 0
ORDER BY day, c.4[d.fam_i]
