-- openrouter_share: the open share of the tokens routed through OpenRouter, per day or per ISO week (grain = day | week; a week starts on Monday and `days` says how many of its days have figures); open and closed are the tokens of the slugs a catalog entry maps to a family, each on its entry's side and only in the scope (text models by default); unknown are the slugs no entry maps (counted, never dropped: openrouter_unmapped lists them), long_tail is OpenRouter's `other` row (every model outside the day's top 50), out_of_scope the mapped slugs the scope leaves out; open_share is open / (open + closed) (NULL without either), the other shares are of all tokens; as_of is OpenRouter's newest as-of time of the figures, with their licence and the citation OpenRouter asks for
-- params: grain String = day, from Date = 2025-01-01, to Date = 2100-01-01, scope Scope = text_models
-- returns: period_start Date, days UInt64, open_tokens Float64, closed_tokens Float64, unknown_tokens Float64, long_tail_tokens Float64, out_of_scope_tokens Float64, total_tokens Float64, open_share Nullable(Float64), unknown_share Float64, long_tail_share Float64, as_of String, licence String, citation String
-- Every day of OpenRouter's rankings is a whole: its top 50 plus `other` add up to all its
-- public traffic that day, so a day's shares need no coverage rule; a model leaving the top 50
-- moves its tokens to long_tail, not out of the total.
-- Each side is summed per period before the two meet (one row per period each, joined by period;
-- joining every routed fact to its classed day row by day and slug instead took 365 against 180 ms
-- for four years of days at 50 M generated facts, the same rows): the classed day rows (subject_daily_classed) are the
-- routed facts a catalog entry maps to a catalog family, so what is routed and neither classed nor the
-- long tail is unknown. Token counts are whole numbers, and sums of whole numbers below 2^53 are exact,
-- so that difference is exact too.
WITH
  routed AS (
    SELECT if({grain:String} = 'week', toMonday(day), day) AS period_start,
           uniqExact(day) AS days,
           sum(value) AS total_tokens,
           sumIf(value, subject = 'openrouter:other') AS long_tail_tokens,
           argMax(fact_as_of, parseDateTime64BestEffortOrZero(fact_as_of, 3)) AS as_of,
           anyHeavy(fact_licence) AS licence
    FROM
    (
      SELECT observed_at AS day, subject, value,
             JSONExtractString(detail, 'as_of') AS fact_as_of,
             JSONExtractString(detail, 'licence') AS fact_licence
      FROM facts
      WHERE source = 'openrouter' AND metric = 'openrouter_tokens' AND is_reference = 0
        AND observed_at BETWEEN {from:Date} AND {to:Date}
    )
    GROUP BY period_start
  ),
  classed AS (
    SELECT if({grain:String} = 'week', toMonday(day), day) AS period_start,
           sumIf(value, in_scope = 1 AND is_open = 1) AS open_tokens,
           sumIf(value, in_scope = 1 AND is_open = 0) AS closed_tokens,
           sumIf(value, in_scope = 0) AS out_of_scope_tokens,
           sum(value) AS classed_tokens
    FROM
    (
      SELECT day, value, is_open,
             toUInt8(ifNull(bitTest(scope_bits, (SELECT bit FROM scope_bits WHERE scope = toString({scope:Scope}))), 0)) AS in_scope
      FROM subject_daily_classed
      WHERE metric = 'tokens' AND is_reference = 0 AND day BETWEEN {from:Date} AND {to:Date}
        AND subject != 'openrouter:other'
    )
    GROUP BY period_start
  )
SELECT
  r.period_start AS period_start,
  r.days AS days,
  ifNull(c.open_tokens, 0) AS open_tokens,
  ifNull(c.closed_tokens, 0) AS closed_tokens,
  r.total_tokens - r.long_tail_tokens - ifNull(c.classed_tokens, 0) AS unknown_tokens,
  r.long_tail_tokens AS long_tail_tokens,
  ifNull(c.out_of_scope_tokens, 0) AS out_of_scope_tokens,
  r.total_tokens AS total_tokens,
  if(open_tokens + closed_tokens = 0, NULL, open_tokens / (open_tokens + closed_tokens)) AS open_share,
  unknown_tokens / total_tokens AS unknown_share,
  long_tail_tokens / total_tokens AS long_tail_share,
  r.as_of AS as_of,
  r.licence AS licence,
  concat('Source: OpenRouter (openrouter.ai/rankings), as of ', as_of, '.', if(licence = '', '', concat(' Licensed under ', licence, '.'))) AS citation
FROM routed AS r
-- (a period with routed tokens and none classed has no classed row: its sides are 0, also where a
-- server's profile sets join_use_nulls)
LEFT JOIN classed AS c ON c.period_start = r.period_start
WHERE throwIf({grain:String} NOT IN ('day', 'week'), 'openrouter_share: grain must be day or week') = 0
ORDER BY period_start
