-- project_counts_by_openness: GitHub projects of the families' headline searches (one per family and side), summed by the searches' own class (open vs closed) per day, collected facts only (a cited figure is its family's: see project_counts_by_family, reference_points); scope: which subjects are added (text models by default)
-- params: from Date = 2022-11-01, to Date = 2100-01-01, families Array(String) = [], scope Scope = text_models
-- returns: day Date, openness String, projects Float64, families UInt64
SELECT d.day AS day, if(d.is_open = 1, 'open', 'closed') AS openness, sum(d.value) AS projects, uniqExact(d.family) AS families
FROM subject_daily_classed AS d
WHERE d.metric = 'projects'
  AND d.is_reference = 0
  AND d.day BETWEEN {from:Date} AND {to:Date}
  AND (empty({families:Array(String)}) OR has({families:Array(String)}, d.family))
  AND bitTest(d.scope_bits, (SELECT bit FROM scope_bits WHERE scope = toString({scope:Scope})))
GROUP BY day, openness
ORDER BY day, openness
