-- headline_answer: the headline question, one row per signal: what share of new GitHub projects, stars gained, package downloads, routed tokens, Hugging Face derivatives, leaderboard models and the leaderboard's top 20 is open, now and since a date (Llama 2's release by default); each share adds only the subjects of one scope (text models by default), each on its own side, and only the subjects that cover the span (covering / excluded say how many), with the signal's caveat
-- params: since Date = 2023-07-18, as_of Date = 2100-01-01, scope Scope = text_models, families Array(String) = []
-- returns: signal String, title String, shape String, now_share Nullable(Float64), now_from Nullable(Date), now_to Nullable(Date), since_share Nullable(Float64), since_from Nullable(Date), since_to Nullable(Date), then_share Nullable(Float64), open_value Nullable(Float64), closed_value Nullable(Float64), covering UInt64, excluded UInt64, unclassified UInt64, source String, caveat String
-- Stocks (projects, stars: a count held on a day): now_share is the share on the newest day of every
-- subject counted that day; since_share the open share of what was added between since_from (the first
-- day on or after `since` with a value) and since_to, among the subjects with a value on both days;
-- then_share the share on since_from among those. Flows (downloads: a count per day): now_share is the
-- last 7 days among the subjects counted on each of them; since_share everything counted since, among
-- the subjects with a value on both ends. Tables (leaderboard): now_share is the newest publication's
-- open share of classified models (leaderboard_top20: of its 20 highest-rated), then_share the first publication since; unclassified: models whose
-- licence no class names.
WITH
  selected AS (
    SELECT d.metric AS signal, d.day AS day, d.subject AS subject, d.value AS value, d.is_open AS is_open
    FROM subject_daily_classed AS d
    WHERE d.is_reference = 0
      AND d.metric IN ('projects', 'stars', 'downloads', 'tokens', 'derivatives')
      AND d.day <= {as_of:Date}
      AND (empty({families:Array(String)}) OR has({families:Array(String)}, d.family))
      AND (d.kind, d.modality) IN (SELECT kind, modality FROM scope_members FINAL WHERE scope = toString({scope:Scope}))
  ),
  ends AS (
    SELECT signal, max(day) AS now_day, minIf(day, day >= {since:Date}) AS since_day
    FROM selected
    GROUP BY signal
  ),
  per_subject AS (
    SELECT
      s.signal AS signal, s.subject AS subject, any(s.is_open) AS open,
      countIf(s.day = e.now_day) > 0 AS at_now, sumIf(s.value, s.day = e.now_day) AS v_now,
      countIf(s.day = e.since_day) > 0 AS at_since, sumIf(s.value, s.day = e.since_day) AS v_since,
      sumIf(s.value, s.day >= e.since_day) AS v_sum,
      uniqExactIf(s.day, s.day > e.now_day - 7) = 7 AS whole_week, sumIf(s.value, s.day > e.now_day - 7) AS v_week,
      countIf(s.day >= e.since_day) > 0 AS seen_since
    FROM selected AS s
    INNER JOIN ends AS e ON e.signal = s.signal
    GROUP BY s.signal, s.subject
  ),
  series AS (
    SELECT
      p.signal AS signal,
      any(e.now_day) AS now_day,
      any(e.since_day) AS since_day,
      any(n.shape) AS shape,
      -- now
      if(shape = 'stock',
         if(sumIf(v_now, at_now) = 0 OR countIf(at_now AND open = 1) = 0 OR countIf(at_now AND open = 0) = 0, NULL, sumIf(v_now, at_now AND open = 1) / sumIf(v_now, at_now)),
         if(sumIf(v_week, whole_week) = 0 OR countIf(whole_week AND open = 1) = 0 OR countIf(whole_week AND open = 0) = 0, NULL, sumIf(v_week, whole_week AND open = 1) / sumIf(v_week, whole_week))) AS now_share,
      if(shape = 'stock', sumIf(v_now - v_since, at_now AND at_since AND open = 1), sumIf(v_sum, at_now AND at_since AND open = 1)) AS open_since,
      if(shape = 'stock', sumIf(v_now - v_since, at_now AND at_since AND open = 0), sumIf(v_sum, at_now AND at_since AND open = 0)) AS closed_since,
      if(countIf(at_now AND at_since AND open = 1) = 0 OR countIf(at_now AND at_since AND open = 0) = 0 OR open_since + closed_since <= 0, NULL,
         open_since / (open_since + closed_since)) AS since_share,
      if(shape != 'stock' OR sumIf(v_since, at_now AND at_since) = 0, NULL, sumIf(v_since, at_now AND at_since AND open = 1) / sumIf(v_since, at_now AND at_since)) AS then_share,
      countIf(at_now AND at_since) AS covering,
      countIf(seen_since AND NOT (at_now AND at_since)) AS excluded
    FROM per_subject AS p
    INNER JOIN ends AS e ON e.signal = p.signal
    INNER JOIN signal_notes AS n FINAL ON n.signal = p.signal
    GROUP BY p.signal
  ),
  tables AS (
    -- a publication's counts: a leaderboard table's own per-class counts where one was imported
    -- (2023 on), else the Arena dataset's rated models of that date (leaderboard_models); never both
    SELECT day, sum(closed_n) AS closed_models, sum(open_n) AS open_models, sum(unknown_n) AS unknown_models
    FROM
    (
      SELECT observed_at AS day,
             sumIf(value, class = 'closed') AS closed_n,
             sumIf(value, class NOT IN ('closed', 'unknown')) AS open_n,
             sumIf(value, class = 'unknown') AS unknown_n
      FROM
      (
        SELECT observed_at, substring(subject, length('arena:') + 1) AS class, value
        FROM facts
        WHERE is_reference = 0 AND metric = 'arena_models' AND startsWith(subject, 'arena:') AND observed_at <= {as_of:Date}
      )
      GROUP BY day

      UNION ALL

      SELECT table_date AS day, toFloat64(countIf(side = 'closed')) AS closed_n, toFloat64(countIf(side = 'open')) AS open_n, toFloat64(countIf(side = 'unknown')) AS unknown_n
      FROM leaderboard_models
      WHERE table_date <= {as_of:Date}
        AND table_date NOT IN (SELECT observed_at FROM facts WHERE is_reference = 0 AND metric = 'arena_models')
      GROUP BY table_date
    )
    GROUP BY day
    HAVING closed_models + open_models > 0
  ),
  top20_tables AS (
    -- the top 20 of each rated publication (leaderboard_models: position by rating)
    SELECT table_date AS day, toFloat64(countIf(side = 'closed')) AS closed_models, toFloat64(countIf(side = 'open')) AS open_models, toFloat64(countIf(side = 'unknown')) AS unknown_models
    FROM leaderboard_models
    WHERE position <= 20 AND table_date <= {as_of:Date}
    GROUP BY table_date
    HAVING closed_models + open_models > 0
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
    )
    GROUP BY signal
  )
SELECT
  n.signal AS signal, n.title AS title, n.shape AS shape,
  multiIf(n.shape = 'table', if(l.signal != '', toNullable(l.now_share), NULL), s.signal != '', s.now_share, NULL) AS now_share,
  multiIf(n.shape = 'table' AND l.signal != '', toNullable(l.now_day), s.signal != '' AND n.shape = 'flow', toNullable(s.now_day - 6), s.signal != '', toNullable(s.now_day), NULL) AS now_from,
  multiIf(n.shape = 'table' AND l.signal != '', toNullable(l.now_day), s.signal != '', toNullable(s.now_day), NULL) AS now_to,
  if(n.shape = 'table' OR s.signal = '', NULL, s.since_share) AS since_share,
  multiIf(n.shape = 'table' AND l.signal != '' AND l.since_day >= {since:Date}, toNullable(l.since_day), n.shape != 'table' AND s.signal != '' AND s.since_day >= {since:Date}, toNullable(s.since_day), NULL) AS since_from,
  multiIf(n.shape = 'table' AND l.signal != '', toNullable(l.now_day), s.signal != '', toNullable(s.now_day), NULL) AS since_to,
  multiIf(n.shape = 'table' AND l.signal != '', l.then_share, s.signal != '', s.then_share, NULL) AS then_share,
  multiIf(n.shape = 'table' AND l.signal != '', toNullable(l.open_now), s.signal != '', toNullable(s.open_since), NULL) AS open_value,
  multiIf(n.shape = 'table' AND l.signal != '', toNullable(l.closed_now), s.signal != '', toNullable(s.closed_since), NULL) AS closed_value,
  toUInt64(if(n.shape = 'table', 0, s.covering)) AS covering,
  toUInt64(if(n.shape = 'table', 0, s.excluded)) AS excluded,
  toUInt64(if(n.shape = 'table', l.unknown_now, 0)) AS unclassified,
  n.source AS source, n.caveat AS caveat
FROM signal_notes AS n FINAL
LEFT JOIN series AS s ON s.signal = n.signal
LEFT JOIN leaderboard AS l ON l.signal = n.signal
ORDER BY n.position
