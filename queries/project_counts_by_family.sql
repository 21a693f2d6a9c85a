-- project_counts_by_family: GitHub projects per family per day (the sum of its headline search of each side, open and closed, over those with a value that day; backfilled counts where no snapshot), cited reference figures flagged
-- params: from Date = 2022-11-01, to Date = 2100-01-01, families Array(String) = []
-- returns: day Date, family String, name String, openness String, projects Float64, is_reference UInt8
SELECT d.day AS day, d.family AS family, fam.name AS name, fam.openness AS openness, d.value AS projects, d.is_reference AS is_reference
FROM family_daily AS d
INNER JOIN families AS fam FINAL ON fam.id = d.family
WHERE d.metric = 'projects'
  AND d.day BETWEEN {from:Date} AND {to:Date}
  AND (empty({families:Array(String)}) OR has({families:Array(String)}, d.family))
ORDER BY day, fam.catalog_order, is_reference
