-- site_compare_series: a family-level metric per family per day, with the days since the family's first catalogued release (the Compare page's calendar and aligned views)
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01
-- returns: day Date, family String, name String, openness String, value Float64, first_release Nullable(Date), days_since_release Nullable(Int64)
SELECT
  d.day AS day,
  d.family AS family,
  fam.name AS name,
  fam.openness AS openness,
  d.value AS value,
  r.first_release AS first_release,
  if(isNull(r.first_release), NULL, dateDiff('day', assumeNotNull(r.first_release), d.day)) AS days_since_release
FROM family_daily AS d
INNER JOIN families AS fam FINAL ON fam.id = d.family
LEFT JOIN
(
  SELECT family, toNullable(min(released_at)) AS first_release
  FROM release_events FINAL
  GROUP BY family
) AS r ON r.family = d.family
WHERE d.metric = toString({metric:FamilyMetric}) -- as a String: a LowCardinality(String) column is never equal to an Enum value (ClickHouse 26.7)
  AND d.is_reference = 0
  AND d.day BETWEEN {from:Date} AND {to:Date}
ORDER BY day, fam.catalog_order
