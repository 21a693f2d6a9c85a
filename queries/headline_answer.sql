-- headline_answer: the headline question for one common week, one row per signal: what share of new GitHub projects, stars gained, package downloads, routed tokens, leaderboard models and the leaderboard's top 20 is open, now and since a date (Llama 2's release by default), and how many Hugging Face derivatives open models have (closed models have none by construction: a count, never a share); each share adds only the subjects of one scope (text models by default), each on its own side, and only the subjects that cover the span (covering / excluded say how many), with the signal's caveat
-- params: since Date = 2023-07-18, as_of Date = 2100-01-01, scope Scope = text_models, families Array(String) = []
-- returns: signal String, title String, shape String, week_from Nullable(Date), week_to Nullable(Date), now_share Nullable(Float64), now_from Nullable(Date), now_to Nullable(Date), since_share Nullable(Float64), since_from Nullable(Date), since_to Nullable(Date), then_share Nullable(Float64), open_value Nullable(Float64), closed_value Nullable(Float64), open_now Nullable(Float64), closed_now Nullable(Float64), now_by_rung Map(String, Float64), added_by_rung Map(String, Float64), covering UInt64, excluded UInt64, unclassified UInt64, source String, caveat String
-- The week (week_from, a Monday, to week_to, a Sunday; the same on every row): the latest ISO week ending on or
-- before as_of for which every flow with data (downloads, tokens) has a value on each of its 7 days; without one,
-- the week of the newest value if it has ended by as_of, else the last that has. Every signal is read as of the
-- week's end, and its own days (now_from, now_to) say where its figure is from when that differs:
-- Stocks (projects, stars: a count held on a day): now_share is the share on the newest day on or before the
-- week's end (now_to), of every subject counted that day; since_share the open share of what was added between
-- since_from (the first day on or after `since` with a value) and since_to (= now_to), among the subjects with a
-- value on both days (a series that begins at zero after since_from held nothing on it, and counts there at zero:
-- a repository created since, whose star history begins with its first star); then_share the share on since_from
-- among those. A stock with no value by the week's end
-- (a snapshot series such as Hugging Face's begins with its first collection) is read on its first day after it.
-- Counts (derivatives: only open models have them; closed models publish no weights) are read as stocks with no
-- share at all: open_now is the count on now_to, open_value its change among the covering subjects.
-- Flows (downloads, tokens: a count per day): now is the week (or the flow's newest whole week before it), among
-- the subjects counted on each of its days; since_share everything counted from since_from to now_to, among the
-- subjects with a value on both ends, except routed tokens: every day of OpenRouter's rankings is whole (its top
-- 50 and the rest: whole_day_metrics), so their week and since_share are of every model's tokens in them. Tables (leaderboard): the newest publication on or before the week's end
-- (now_to is its date): its open share of classified models, the ones it rates where it rates any, else every
-- model its table lists (leaderboard_top20: of its 20 highest-rated);
-- then_share the first publication since; unclassified: models whose licence no class names.
-- open_now / closed_now: the amounts now (a stock's on now_to, a flow's in its week, a table's models), NULL when
-- nothing is counted; now_by_rung / added_by_rung: the amounts now and open_value / closed_value per openness rung
-- (registry/openness.ts OPENNESS_LADDER; a rung whose amount is 0 is left out).
-- Only the week rows (subject_weeks, migration 012: a subject's days of one week as one row) from a week before
-- `since` on are read (the span the answer speaks of, and the week that ends on its first day), so the cost
-- follows the span's weeks, not the store's years nor its days; a signal with no value in it has none.
WITH
  -- A subject's week row (subject_weekly_classed) holds its days as bits (bit i: the week's Monday + i)
  -- and their values (vals[i + 1]). days_between: the bits of a week's days from a to b; sum_on: the
  -- sum of a week's values on a mask's days; first_bit, last_bit: a mask's first and last day's bit
  -- (-1 when it has none).
  (monday, a, b) -> toUInt8(bitShiftLeft(1, greatest(least(b - monday, 6) + 1, 0)) - bitShiftLeft(1, least(greatest(a - monday, 0), greatest(least(b - monday, 6) + 1, 0)))) AS days_between,
  (mask, vals) -> arraySum(arrayMap((v, i) -> if(bitTest(mask, i), v, 0.), vals, range(7))) AS sum_on,
  mask -> toInt32(arrayFirstIndex(i -> bitTest(mask, i), range(7))) - 1 AS first_bit,
  mask -> toInt32(arrayLastIndex(i -> bitTest(mask, i), range(7))) - 1 AS last_bit,
  selected AS MATERIALIZED (
    -- the five signals' week rows in the span, each with only its days from a week before `since` to as_of
    SELECT w.metric AS signal, w.week AS week, w.subject AS subject, w.vals AS vals, w.is_open AS is_open, toString(w.openness) AS rung,
           bitAnd(w.days, days_between(w.week, {since:Date} - 7, {as_of:Date})) AS days
    FROM subject_weekly_classed AS w
    WHERE w.is_reference = 0
      AND w.metric IN ('projects', 'stars', 'downloads', 'tokens', 'derivatives')
      AND w.week <= {as_of:Date}
      AND w.week + 6 >= {since:Date} - 7
      AND (empty({families:Array(String)}) OR has({families:Array(String)}, w.family))
      AND bitTest(w.scope_bits, (SELECT bit FROM scope_bits WHERE scope = toString({scope:Scope})))
      AND days != 0
  ),
  signal_weeks AS MATERIALIZED (
    -- per signal and ISO week (named by its Sunday): how many days have data (the bits of its subjects'
    -- week rows, or'ed), the first and the last, and the first on or after `since`; the signal's shape
    -- is joined to the weeks, not to every week row
    SELECT w.signal AS signal, n.shape AS signal_shape, w.week_end AS week_end, w.days AS days,
           w.first_day AS first_day, w.last_day AS last_day, w.has_since AS has_since, w.first_since AS first_since
    FROM
    (
      SELECT s.signal AS signal, s.week + 6 AS week_end, groupBitOr(s.days) AS mask, bitCount(mask) AS days,
             s.week + first_bit(mask) AS first_day, s.week + last_bit(mask) AS last_day,
             bitAnd(mask, days_between(s.week, {since:Date}, s.week + 6)) AS since_mask,
             since_mask != 0 AS has_since, s.week + first_bit(since_mask) AS first_since
      FROM selected AS s
      GROUP BY s.signal, s.week
    ) AS w
    INNER JOIN signal_notes AS n FINAL ON n.signal = w.signal
  ),
  week AS MATERIALIZED (
    -- whole: one entry per flow and week it has on each of the 7 days (ending by as_of); the week is the latest
    -- that every flow has, else the week of the newest value if it has ended by as_of, else the last that has
    SELECT
      arrayFilter(w -> countEqual(whole, w) = flows, whole) AS common,
      if(notEmpty(common), toNullable(arrayMax(common)), if(any_data, toNullable(least(toMonday({as_of:Date} + 1) - 1, newest_week)), NULL)) AS week_to,
      -- the leaderboard's newest publication on or before the week's end (as_of when no signal has data)
      ifNull(week_to, {as_of:Date}) AS table_end
    FROM
    (
      SELECT uniqExactIf(signal, signal_shape = 'flow') AS flows,
             groupArrayIf(week_end, signal_shape = 'flow' AND days = 7 AND week_end <= {as_of:Date}) AS whole,
             count() > 0 AS any_data, max(week_end) AS newest_week
      FROM signal_weeks
    )
  ),
  ends AS (
    -- a signal's now: a flow's newest whole week by the week's end (else its newest day by then); a stock's (or
    -- count's) newest day on or before the week's end, else its first day after it (a snapshot series such as
    -- Hugging Face's begins with its first collection: the answer says the day); its since: the first day on or
    -- after `since` with a value, if not after now (else 1970-01-01: none)
    SELECT signal, any(signal_shape) AS shape, wk.week_to AS week_end_day,
      if(shape = 'flow',
         multiIf(countIf(days = 7 AND week_end <= week_end_day) > 0, maxIf(week_end, days = 7 AND week_end <= week_end_day),
                 countIf(week_end <= week_end_day) > 0, maxIf(last_day, week_end <= week_end_day),
                 max(last_day)),
         if(countIf(week_end <= week_end_day) > 0, maxIf(last_day, week_end <= week_end_day), min(first_day))) AS now_day,
      minIf(first_since, has_since) AS first_since_day,
      if(countIf(has_since) > 0 AND first_since_day <= now_day, first_since_day, toDate('1970-01-01')) AS since_day
    FROM signal_weeks CROSS JOIN week AS wk
    GROUP BY signal, week_end_day
  ),
  per_subject AS (
    -- per signal and subject, from its week rows' days up to now_day: its value on now_day and on
    -- since_day, what it counts from since_day to now_day (span), and on the 7 days to now_day (a
    -- flow's week)
    SELECT
      signal, subject, any(is_open) AS open, any(rung) AS rung,
      any(shape) AS shape, any(now_day) AS now_day, any(since_day) AS since_day,
      max(bitAnd(days, span) != 0) AS seen_since,
      -- routed tokens: every day of OpenRouter's rankings is whole (its top 50 and one row for the rest,
      -- whole_day_metrics), so a model entering or leaving the top 50 moves tokens within the day, not into
      -- or out of the span: what was routed since, and in the week, adds every model seen, with no coverage rule
      signal IN (SELECT metric FROM whole_day_metrics) AND seen_since AS whole_days,
      max(bitAnd(days, on_now) != 0) OR whole_days AS at_now, sum(sum_on(bitAnd(days, on_now), vals)) AS v_now,
      -- a held count (stock or count) whose series begins at zero after since_day held nothing on it: it
      -- counts there at zero (a repository's star history begins with the week of its first star)
      min((first_day, first_value)) AS first_point,
      signal IN (SELECT metric FROM held_metrics) AND first_point.2 = 0 AND first_point.1 > since_day AS from_zero,
      max(bitAnd(days, on_since) != 0) OR from_zero OR whole_days AS at_since, sum(sum_on(bitAnd(days, on_since), vals)) AS v_since,
      sum(sum_on(bitAnd(days, span), vals)) AS v_sum,
      -- a flow's week: the subjects counted on each of its 7 days, or every one counted in it where every day is whole
      sum(bitCount(bitAnd(days, last7))) = 7 OR (whole_days AND sum(bitCount(bitAnd(days, last7))) > 0) AS whole_week,
      sum(sum_on(bitAnd(days, last7), vals)) AS v_week,
      -- what the subject adds to the span: a stock's (or count's) change, a flow's sum
      if(shape IN ('stock', 'count'), v_now - v_since, v_sum) AS v_added
    FROM
    (
      SELECT s.signal AS signal, s.subject AS subject, s.is_open AS is_open, s.rung AS rung, s.vals AS vals,
             e.shape AS shape, e.now_day AS now_day, e.since_day AS since_day,
             bitAnd(s.days, days_between(s.week, toDate('1970-01-01'), e.now_day)) AS days,
             -- the row's first day and its value (days != 0: bitXor(days, days - 1) sets the bits up to its lowest set one)
             bitCount(bitXor(days, days - 1)) AS first_index, s.week + (first_index - 1) AS first_day, s.vals[first_index] AS first_value,
             days_between(s.week, e.now_day, e.now_day) AS on_now,
             days_between(s.week, e.since_day, e.since_day) AS on_since,
             days_between(s.week, e.since_day, e.now_day) AS span,
             days_between(s.week, e.now_day - 6, e.now_day) AS last7
      FROM selected AS s
      INNER JOIN ends AS e ON e.signal = s.signal
      WHERE s.week <= e.now_day
    )
    WHERE days != 0
    GROUP BY signal, subject
  ),
  series AS (
    -- now: a stock's amounts on now_day, of every subject counted that day; a flow's in the week, of the subjects
    -- counted on each day; since: what was added (stock) or counted (flow) from since_day to now_day, among the
    -- subjects with a value on both (the covering ones). Each sum is taken once, in the inner query, and the
    -- shares are made from them after, rather than from aggregates written inside each other
    SELECT
      signal, now_day, since_day, signal_shape,
      signal_shape IN ('stock', 'count') AS held,
      if(held, n_at_now, n_in_week) = 0 AS none_now,
      if(none_now, NULL, if(held, open_at_now, open_in_week)) AS open_now,
      if(none_now, NULL, if(held, closed_at_now, closed_in_week)) AS closed_now,
      if(held, n_open_at_now > 0 AND n_closed_at_now > 0, n_open_in_week > 0 AND n_closed_in_week > 0) AS both_now,
      if(signal_shape = 'count' OR NOT both_now OR open_now + closed_now = 0, NULL, assumeNotNull(open_now) / (open_now + closed_now)) AS now_share,
      if(held, mapFromArrays(rungs_at_now.1, rungs_at_now.2), mapFromArrays(rungs_in_week.1, rungs_in_week.2)) AS now_by_rung,
      open_since, closed_since,
      mapFromArrays(rungs_since.1, rungs_since.2) AS added_by_rung,
      if(signal_shape = 'count' OR n_open_covering = 0 OR n_closed_covering = 0 OR open_since + closed_since <= 0, NULL,
         open_since / (open_since + closed_since)) AS since_share,
      if(signal_shape != 'stock' OR then_all = 0, NULL, then_open / then_all) AS then_share,
      covering, excluded
    FROM
    (
      SELECT
        signal, any(p.now_day) AS now_day, any(p.since_day) AS since_day, any(p.shape) AS signal_shape,
        countIf(at_now) AS n_at_now, countIf(whole_week) AS n_in_week,
        countIf(at_now AND open = 1) AS n_open_at_now, countIf(at_now AND open = 0) AS n_closed_at_now,
        countIf(whole_week AND open = 1) AS n_open_in_week, countIf(whole_week AND open = 0) AS n_closed_in_week,
        sumIf(v_now, at_now AND open = 1) AS open_at_now, sumIf(v_now, at_now AND open = 0) AS closed_at_now,
        sumIf(v_week, whole_week AND open = 1) AS open_in_week, sumIf(v_week, whole_week AND open = 0) AS closed_in_week,
        sumMapIf([rung], [v_now], at_now) AS rungs_at_now,
        sumMapIf([rung], [v_week], whole_week) AS rungs_in_week,
        sumIf(v_added, at_now AND at_since AND open = 1) AS open_since,
        sumIf(v_added, at_now AND at_since AND open = 0) AS closed_since,
        sumMapIf([rung], [v_added], at_now AND at_since) AS rungs_since,
        countIf(at_now AND at_since AND open = 1) AS n_open_covering, countIf(at_now AND at_since AND open = 0) AS n_closed_covering,
        sumIf(v_since, at_now AND at_since AND open = 1) AS then_open, sumIf(v_since, at_now AND at_since) AS then_all,
        countIf(at_now AND at_since) AS covering,
        countIf(seen_since AND NOT (at_now AND at_since)) AS excluded
      FROM per_subject AS p
      GROUP BY signal
    )
  ),
  rated AS MATERIALIZED (
    -- per rated publication (leaderboard_models, read once): its models per side, and those of its 20 highest-rated
    SELECT table_date AS day,
           toFloat64(countIf(side = 'closed')) AS closed_n, toFloat64(countIf(side = 'open')) AS open_n, toFloat64(countIf(side = 'unknown')) AS unknown_n,
           toFloat64(countIf(side = 'closed' AND position <= 20)) AS closed_top, toFloat64(countIf(side = 'open' AND position <= 20)) AS open_top,
           toFloat64(countIf(side = 'unknown' AND position <= 20)) AS unknown_top
    FROM leaderboard_models
    GROUP BY table_date
  ),
  tables AS (
    -- a publication's counts: its rated models (rated: the Arena dataset's, or a 2023 table's with an Elo
    -- column) where it rates any, else every model a leaderboard table lists (a table with no ratings);
    -- never both. Rated first, so the first publication since and the newest one count alike (a 2023
    -- table lists unrated models too: counting them on one end only moved the share by itself)
    SELECT day, sum(closed_n) AS closed_models, sum(open_n) AS open_models, sum(unknown_n) AS unknown_models
    FROM
    (
      SELECT day, closed_n, open_n, unknown_n
      FROM rated
      WHERE closed_n + open_n + unknown_n > 0

      UNION ALL

      SELECT observed_at AS day,
             sumIf(value, class = 'closed') AS closed_n,
             sumIf(value, class NOT IN ('closed', 'unknown')) AS open_n,
             sumIf(value, class = 'unknown') AS unknown_n
      FROM
      (
        SELECT observed_at, substring(subject, length('arena:') + 1) AS class, value
        FROM facts
        WHERE is_reference = 0 AND metric = 'arena_models' AND startsWith(subject, 'arena:')
          AND observed_at NOT IN (SELECT day FROM rated)
      )
      GROUP BY day
    )
    GROUP BY day
    HAVING closed_models + open_models > 0
  ),
  top20_tables AS (
    -- the top 20 of each rated publication (leaderboard_models: position by rating)
    SELECT day, closed_top AS closed_models, open_top AS open_models, unknown_top AS unknown_models
    FROM rated
    WHERE closed_top + open_top > 0
  ),
  leaderboard AS (
    SELECT signal,
      max(day) AS now_day,
      minIf(day, day >= {since:Date}) AS since_day,
      argMax(open_models / (open_models + closed_models), day) AS now_share,
      if(countIf(day >= {since:Date}) = 0, NULL, argMinIf(open_models / (open_models + closed_models), day, day >= {since:Date})) AS then_share,
      argMax(open_models, day) AS open_now,
      argMax(closed_models, day) AS closed_now,
      argMax(unknown_models, day) AS unknown_now
    FROM
    (
      SELECT 'leaderboard' AS signal, day, open_models, closed_models, unknown_models FROM tables
      UNION ALL
      SELECT 'leaderboard_top20' AS signal, day, open_models, closed_models, unknown_models FROM top20_tables
    ) AS t
    CROSS JOIN week AS wk
    WHERE t.day <= wk.table_end
    GROUP BY signal
  )
SELECT
  n.signal AS signal, n.title AS title, n.shape AS shape,
  if(isNull(wk.week_to), NULL, wk.week_to - 6) AS week_from,
  wk.week_to AS week_to,
  multiIf(n.shape = 'table', if(l.signal != '', toNullable(l.now_share), NULL), s.signal != '', s.now_share, NULL) AS now_share,
  multiIf(n.shape = 'table' AND l.signal != '', toNullable(l.now_day), s.signal != '' AND n.shape = 'flow', toNullable(s.now_day - 6), s.signal != '', toNullable(s.now_day), NULL) AS now_from,
  multiIf(n.shape = 'table' AND l.signal != '', toNullable(l.now_day), s.signal != '', toNullable(s.now_day), NULL) AS now_to,
  if(n.shape = 'table' OR s.signal = '', NULL, s.since_share) AS since_share,
  multiIf(n.shape = 'table' AND l.signal != '' AND l.since_day >= {since:Date}, toNullable(l.since_day), n.shape != 'table' AND s.signal != '' AND s.since_day >= {since:Date}, toNullable(s.since_day), NULL) AS since_from,
  multiIf(n.shape = 'table' AND l.signal != '', toNullable(l.now_day), s.signal != '', toNullable(s.now_day), NULL) AS since_to,
  multiIf(n.shape = 'table' AND l.signal != '', l.then_share, s.signal != '', s.then_share, NULL) AS then_share,
  multiIf(n.shape = 'table' AND l.signal != '', toNullable(l.open_now), s.signal != '', toNullable(s.open_since), NULL) AS open_value,
  multiIf(n.shape = 'table' AND l.signal != '', toNullable(l.closed_now), s.signal != '', toNullable(s.closed_since), NULL) AS closed_value,
  multiIf(n.shape = 'table' AND l.signal != '', toNullable(l.open_now), s.signal != '', s.open_now, NULL) AS open_now,
  multiIf(n.shape = 'table' AND l.signal != '', toNullable(l.closed_now), s.signal != '', s.closed_now, NULL) AS closed_now,
  -- a table's row has no series row: empty maps
  s.now_by_rung AS now_by_rung,
  s.added_by_rung AS added_by_rung,
  toUInt64(if(n.shape = 'table', 0, s.covering)) AS covering,
  toUInt64(if(n.shape = 'table', 0, s.excluded)) AS excluded,
  toUInt64(if(n.shape = 'table', l.unknown_now, 0)) AS unclassified,
  n.source AS source, n.caveat AS caveat
FROM signal_notes AS n FINAL
LEFT JOIN series AS s ON s.signal = n.signal
LEFT JOIN leaderboard AS l ON l.signal = n.signal
CROSS JOIN week AS wk
ORDER BY n.position
-- optimize_and_compare_chain (on by default) looks for comparisons to add to every AND chain by hashing
-- the query trees of its operands, and a column of a subquery is hashed with that subquery: every AND
-- over per_subject's columns hashed per_subject again. It was most of the query's analysis (about 130
-- ms of a run at 50 M facts) and found nothing to add; turning it off does not change the result. An
-- engine without the setting (before ClickHouse 25.1) runs the query without it (queries/README.md).
SETTINGS optimize_and_compare_chain = 0
