-- family_subjects_latest: the newest collected value of each subject and metric of one family, with its qualifiers (detail JSON)
-- params: family String
-- returns: subject String, metric String, day Date, value Float64, detail String
SELECT subject, metric, newest_day AS day, newest_value AS value, newest_detail AS detail
FROM
(
  SELECT subject, metric, max(observed_at) AS newest_day, argMax(value, observed_at) AS newest_value, argMax(detail, observed_at) AS newest_detail
  FROM facts
  WHERE family = {family:String} AND is_reference = 0
  GROUP BY subject, metric
)
ORDER BY subject, metric
