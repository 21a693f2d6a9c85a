-- family_metrics: every fact of one family in a window (each subject and metric as collected), reference figures flagged
-- params: family String, from Date = 2022-11-01, to Date = 2100-01-01
-- returns: day Date, metric String, subject String, value Float64, is_reference UInt8
SELECT observed_at AS day, metric, subject, value, is_reference
FROM facts
WHERE family = {family:String}
  AND observed_at BETWEEN {from:Date} AND {to:Date}
ORDER BY day, metric, subject, is_reference
