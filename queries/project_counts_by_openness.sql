-- project_counts_by_openness: GitHub projects of the families' headline searches, summed by openness (open vs closed) per day, collected facts only (a cited figure is its family's: see project_counts_by_family, reference_points)
-- params: from Date = 2022-11-01, to Date = 2100-01-01, families Array(String) = []
-- returns: day Date, openness String, projects Float64, families UInt64
SELECT d.day AS day, if(fam.is_open = 1, 'open', 'closed') AS openness, sum(d.value) AS projects, uniqExact(d.family) AS families
FROM family_daily AS d
INNER JOIN families AS fam FINAL ON fam.id = d.family
WHERE d.metric = 'projects'
  AND d.is_reference = 0
  AND d.day BETWEEN {from:Date} AND {to:Date}
  AND (empty({families:Array(String)}) OR has({families:Array(String)}, d.family))
GROUP BY day, openness
ORDER BY day, openness
