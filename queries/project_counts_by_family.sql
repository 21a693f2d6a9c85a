-- project_counts_by_family: GitHub projects per family per day (the sum of its headline search of each side, open and closed, over those with a value that day: searches; backfilled counts where no snapshot), cited reference figures flagged; and where a collected search joins or leaves that sum inside the window (starts: a search whose first day it is, after the family's first; stops: whose last day it is, before the family's last; 0 on a cited figure's row), so a step on such a day (a family's second side searched from a later day) is never read as growth
-- params: from Date = 2022-11-01, to Date = 2100-01-01, families Array(String) = []
-- returns: day Date, family String, name String, openness String, projects Float64, searches UInt64, is_reference UInt8, starts UInt64, stops UInt64
-- A day row's family, name and openness are read from the class arrays (class_lookup: the catalog's families, as the
-- families table holds them; a family no longer in the catalog has no day rows, subject_weekly_classed) by its place
-- there (family_days' fam_i), after the sort rather than joined before it: the sort of one row per family and day moves an index,
-- not three strings (136,988 rows at 50 M generated facts, the engine alone, old and new in turn: 217 → 166 ms; the same rows)
WITH (SELECT (family_ids, family_names, family_openness, family_order) FROM class_lookup) AS c
SELECT d.day AS day, c.1[d.fam_i] AS family, c.2[d.fam_i] AS name, c.3[d.fam_i] AS openness, d.value AS projects, d.subjects AS searches, d.is_reference AS is_reference,
       if(d.is_reference = 0, b.starts, 0) AS starts, if(d.is_reference = 0, b.stops, 0) AS stops
FROM family_days(metric = 'projects', from = {from:Date}, to = {to:Date}) AS d
LEFT JOIN family_breaks(metric = 'projects', from = {from:Date}, to = {to:Date}) AS b ON b.family = d.family AND b.day = d.day
WHERE (empty({families:Array(String)}) OR has({families:Array(String)}, d.family))
ORDER BY day, c.4[d.fam_i], is_reference
