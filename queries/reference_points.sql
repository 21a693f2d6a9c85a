-- reference_points: cited figures reported before OpenPulse existed (source "reference"), each with its citation
-- params: none
-- returns: day Date, family String, subject String, metric String, value Float64, citation String, detail String
SELECT observed_at AS day, family, subject, metric, value, citation, detail
FROM facts
WHERE is_reference = 1
ORDER BY day, family, subject, metric
