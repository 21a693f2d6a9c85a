-- series_breaks: the subjects (searches, repositories, packages, models) whose series starts or stops inside a window, and so are left out of its totals, shares and growth (a held count's series that begins at zero, such as a repository's star history from its first star, held nothing before and is no break); family_step is 1 when it also starts or stops inside its family's own series (a break on the family's line); scope: which subjects are added (text_models by default for open-vs-closed figures: registry/openness.ts SCOPES), and every subject counts on its own side (open or closed), so a family that ships both adds to both
-- params: metric FamilyMetric, from Date = 2022-11-01, to Date = 2100-01-01, series Series = collected, families Array(String) = [], scope Scope = all
-- returns: family String, name String, openness String, subject String, first_day Date, last_day Date, days UInt64, window_first_day Date, window_last_day Date, reason String, family_step UInt8
SELECT
  family, any(name) AS name, argMax(openness, g_last.1) AS openness, subject,
  any(first_day) AS first_day, any(last_day) AS last_day, sum(days) AS days,
  any(window_first_day) AS window_first_day, any(window_last_day) AS window_last_day,
  multiIf(first_day > window_first_day AND NOT any(from_zero) AND last_day < window_last_day, 'starts and stops inside the window',
          first_day > window_first_day AND NOT any(from_zero), 'starts inside the window',
          'stops inside the window') AS reason,
  toUInt8(any(covers_family) = 0) AS family_step
FROM subject_span(metric = {metric:FamilyMetric}, series = {series:Series}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)}, scope = {scope:Scope})
WHERE covers = 0
GROUP BY family, subject
ORDER BY min(catalog_order), first_day, subject
