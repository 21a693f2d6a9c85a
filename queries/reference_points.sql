-- reference_points: cited figures reported before OpenPulse existed (source "reference"), each with the family and subject it belongs to, its qualifier, derivation, date basis and source
-- params: none
-- returns: day Date, family String, family_name String, subject String, metric String, value Float64, qualifier String, derivation String, date_basis String, date_inferred_from String, quoted String, note String, source_url String, source_title String, source_publisher String, source_published String, source_language String, citation String, detail String
SELECT
  f.observed_at AS day,
  f.family AS family,
  ifNull(fam.name, '') AS family_name,
  f.subject AS subject,
  f.metric AS metric,
  f.value AS value,
  if(JSONExtractString(f.detail, 'qualifier') = '', 'exact', JSONExtractString(f.detail, 'qualifier')) AS qualifier,
  JSONExtractString(f.detail, 'derivation') AS derivation,
  if(JSONExtractString(f.detail, 'date_basis') = '', 'stated', JSONExtractString(f.detail, 'date_basis')) AS date_basis,
  JSONExtractString(f.detail, 'date_inferred_from') AS date_inferred_from,
  JSONExtractString(f.detail, 'quoted') AS quoted,
  JSONExtractString(f.detail, 'note') AS note,
  JSONExtractString(f.detail, 'source', 'url') AS source_url,
  JSONExtractString(f.detail, 'source', 'title') AS source_title,
  JSONExtractString(f.detail, 'source', 'publisher') AS source_publisher,
  JSONExtractString(f.detail, 'source', 'published') AS source_published,
  JSONExtractString(f.detail, 'source', 'language') AS source_language,
  f.citation AS citation,
  f.detail AS detail
FROM facts AS f
LEFT JOIN (SELECT id, name FROM families FINAL) AS fam ON fam.id = f.family
WHERE f.is_reference = 1
  -- the same rows; through the sorting key (source leads it) the engine reads only theirs
  AND f.source = 'reference'
ORDER BY day, family, subject, metric
