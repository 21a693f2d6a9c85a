-- family_subjects_latest: the newest collected value of each subject and metric of one family, with its qualifiers (detail JSON)
-- params: family String
-- returns: subject String, metric String, day Date, value Float64, detail String
-- From the newest-value rows (subject_latest, migration 014): a row per subject and metric, not the
-- family's every fact; max merges the rows of a key the engine has not merged yet.
SELECT subject, metric, newest.1 AS day, newest.3 AS value, newest.4 AS detail
FROM
(
  SELECT subject, metric, max(newest) AS newest
  FROM subject_latest
  WHERE family = {family:String}
  GROUP BY subject, metric
)
ORDER BY subject, metric
