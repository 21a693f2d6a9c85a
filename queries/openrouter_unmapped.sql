-- openrouter_unmapped: the OpenRouter model slugs in no catalog family, which openrouter_share counts as unknown: no catalog entry matched them when they were collected (add an openrouter entry to their family, then backfill openrouter), or the family they were mapped to has left the catalog; with their tokens in the window, their share of all routed tokens, and OpenRouter's newest as-of time of their figures
-- params: from Date = 2025-01-01, to Date = 2100-01-01
-- returns: slug String, tokens Float64, share Float64, days UInt64, first_day Date, last_day Date, reason String, as_of String
-- The long-tail row (`other`: every model outside a day's top 50) names no model and is not
-- listed here; openrouter_share counts it apart.
SELECT
  substring(subject, 12) AS slug,
  sum(value) AS tokens,
  -- the window's total is never empty when a row is here (the row's own tokens are in it)
  tokens / ifNull((
    SELECT sum(value) FROM facts
    WHERE source = 'openrouter' AND metric = 'openrouter_tokens' AND observed_at BETWEEN {from:Date} AND {to:Date}
  ), 0) AS share,
  uniqExact(observed_at) AS days,
  min(observed_at) AS first_day,
  max(observed_at) AS last_day,
  if(anyHeavy(family) = '', 'no catalog entry matches', concat('mapped to ', anyHeavy(family), ', which is not in the catalog')) AS reason,
  argMax(JSONExtractString(detail, 'as_of'), parseDateTime64BestEffortOrZero(JSONExtractString(detail, 'as_of'), 3)) AS as_of
FROM facts
WHERE source = 'openrouter' AND metric = 'openrouter_tokens' AND is_reference = 0
  AND subject != 'openrouter:other'
  AND observed_at BETWEEN {from:Date} AND {to:Date}
  AND (family = '' OR family NOT IN (SELECT id FROM families FINAL))
GROUP BY subject
ORDER BY tokens DESC, slug
