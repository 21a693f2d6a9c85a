-- 003_family_window: the rows of family_daily that a family-level query reads, in one
-- place. Every named query over a metric in a window (metric_by_*, open_share*,
-- growth_by_*, top_movers) selects the same days, series and families the same way;
-- these parameterized views say how once, so a rule about which rows count (coverage,
-- classes) is written here and nowhere else.
--   family_window(metric, series, from, to, families)  one row per family and day, with the family's attributes
--   family_span(metric, series, from, to, families)    one row per family: its first and last day and value in the window
-- Parameters: metric String, series String ('collected' | 'reference'), from Date, to Date,
-- families Array(String) (empty: every family).

CREATE VIEW IF NOT EXISTS family_window AS
SELECT d.day AS day, d.family AS family, d.value AS value, d.subjects AS subjects,
       fam.name AS name, fam.openness AS openness, fam.is_open AS is_open, fam.region AS region, fam.catalog_order AS catalog_order
FROM family_daily AS d
INNER JOIN families AS fam FINAL ON fam.id = d.family
WHERE d.metric = {metric:String}
  AND d.is_reference = ({series:String} = 'reference')
  AND d.day BETWEEN {from:Date} AND {to:Date}
  AND (empty({families:Array(String)}) OR has({families:Array(String)}, d.family));

CREATE VIEW IF NOT EXISTS family_span AS
SELECT family, any(name) AS name, any(openness) AS openness, any(is_open) AS is_open, any(catalog_order) AS catalog_order,
       min(day) AS first_day, argMin(value, day) AS first_value, max(day) AS last_day, argMax(value, day) AS last_value
FROM family_window(metric = {metric:String}, series = {series:String}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)})
GROUP BY family;
