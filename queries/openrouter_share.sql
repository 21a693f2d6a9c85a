-- openrouter_share: the open share of the tokens routed through OpenRouter, per day or per ISO week (grain = day | week; a week starts on Monday and `days` says how many of its days have figures); open and closed are the tokens of the slugs a catalog entry maps to a family, each on its entry's side and only in the scope (text models by default); unknown are the slugs no entry maps (counted, never dropped: openrouter_unmapped lists them), long_tail is OpenRouter's `other` row (every model outside the day's top 50), out_of_scope the mapped slugs the scope leaves out; open_share is open / (open + closed) (NULL without either), the other shares are of all tokens; as_of is OpenRouter's newest as-of time of the figures, with their licence and the citation OpenRouter asks for
-- params: grain String = day, from Date = 2025-01-01, to Date = 2100-01-01, scope Scope = text_models
-- returns: period_start Date, days UInt64, open_tokens Float64, closed_tokens Float64, unknown_tokens Float64, long_tail_tokens Float64, out_of_scope_tokens Float64, total_tokens Float64, open_share Nullable(Float64), unknown_share Float64, long_tail_share Float64, as_of String, licence String, citation String
-- Every day of OpenRouter's rankings is a whole: its top 50 plus `other` add up to all its
-- public traffic that day, so a day's shares need no coverage rule; a model leaving the top 50
-- moves its tokens to long_tail, not out of the total.
WITH
  routed AS (
    SELECT observed_at AS day, subject, value,
           JSONExtractString(detail, 'as_of') AS fact_as_of,
           JSONExtractString(detail, 'licence') AS fact_licence
    FROM facts
    WHERE source = 'openrouter' AND metric = 'openrouter_tokens' AND is_reference = 0
      AND observed_at BETWEEN {from:Date} AND {to:Date}
  ),
  classed AS (
    SELECT day, subject, is_open,
           toUInt8(ifNull(bitTest(scope_bits, (SELECT bit FROM scope_bits WHERE scope = toString({scope:Scope}))), 0)) AS in_scope
    FROM subject_daily_classed
    WHERE metric = 'tokens' AND is_reference = 0 AND day BETWEEN {from:Date} AND {to:Date}
  ),
  sides AS (
    SELECT r.day AS day, r.value AS value, r.fact_as_of AS fact_as_of, r.fact_licence AS fact_licence,
           multiIf(r.subject = 'openrouter:other', 'long_tail', c.subject = '', 'unknown', c.in_scope = 0, 'out_of_scope', c.is_open = 1, 'open', 'closed') AS side
    FROM routed AS r
    LEFT JOIN classed AS c ON c.day = r.day AND c.subject = r.subject
  )
SELECT
  if({grain:String} = 'week', toMonday(day), day) AS period_start,
  uniqExact(day) AS days,
  sumIf(value, side = 'open') AS open_tokens,
  sumIf(value, side = 'closed') AS closed_tokens,
  sumIf(value, side = 'unknown') AS unknown_tokens,
  sumIf(value, side = 'long_tail') AS long_tail_tokens,
  sumIf(value, side = 'out_of_scope') AS out_of_scope_tokens,
  sum(value) AS total_tokens,
  if(open_tokens + closed_tokens = 0, NULL, open_tokens / (open_tokens + closed_tokens)) AS open_share,
  unknown_tokens / total_tokens AS unknown_share,
  long_tail_tokens / total_tokens AS long_tail_share,
  argMax(fact_as_of, parseDateTime64BestEffortOrZero(fact_as_of, 3)) AS as_of,
  anyHeavy(fact_licence) AS licence,
  concat('Source: OpenRouter (openrouter.ai/rankings), as of ', as_of, '.', if(licence = '', '', concat(' Licensed under ', licence, '.'))) AS citation
FROM sides
WHERE throwIf({grain:String} NOT IN ('day', 'week'), 'openrouter_share: grain must be day or week') = 0
GROUP BY period_start
ORDER BY period_start
