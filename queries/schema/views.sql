-- views.sql: the store's views, each defined once, as it is now. Views hold no data: they
-- say how facts become figures, so they are not migrations. Opening a store (any command, a
-- query included: openStore) re-creates them (CREATE OR REPLACE) when this file differs from
-- the one the store last applied, after the numbered migrations have made the tables.
-- Change a view here, never in a new migration. In dependency order:
--
--   counted_subjects         the catalog's rules of which subjects a metric counts: projects from the first
--                            search of each side of a family (its first open and its first closed search),
--                            stars from its repositories, downloads from its packages (every other metric
--                            counts every subject of a family)
--   scope_bits               each scope's bit in subject_daily_classed.scope_bits (a query keeps a scope with bitTest)
--   class_lookup_live        one row: every class a row can take (the catalog's entries', then its families'),
--                            as arrays indexed alike, and each family's attributes
--   class_lookup             class_lookup_live as the store last made it (class_cache, migration 013: made
--                            again whenever the catalog, the registry's scopes or these views change)
--   counted_keys             counted_subjects' (metric, class_key) pairs, from the same row of class_cache, each
--                            also as one 64-bit key (pair_key), by which the day and week rows are looked up
--   subject_daily            one subject's value of a family-level metric on a day, and class_subject, the
--                            subject whose class it takes: the table subject_days (migration 007, kept up as
--                            facts are written; it says which facts make each metric: projects, stars,
--                            downloads (npm + PyPI), hf_downloads_30d, tokens (OpenRouter slugs mapped to a
--                            family, in the class of the catalog entry that matched: detail.entry),
--                            derivatives and derivative_downloads_30d (Hugging Face models naming a catalog
--                            model as base_model, as facts of that model's subject)), with only the subjects
--                            counted_subjects counts (counted_keys); class_key and author_key, the keys its class is looked
--                            up by (migration 010)
--   subject_daily_classed    subject_daily with each subject's class: its own entry in `subjects`, else its
--                            Hugging Face organisation's entry (a model listed under a catalog author), else
--                            its family's; rung, is_open, licence, kind, modality, and scope_bits: the scopes
--                            (scope_members) its kind and modality belong to, one bit each
--   subject_weekly           subject_daily a week at a time: the table subject_weeks (migration 012), its
--                            days (one bit each) and their values (vals), with the same subjects counted
--   subject_weekly_classed   subject_weekly with each subject's class, looked up as subject_daily_classed does, and
--                            its family's place in class_lookup's family arrays (fam_i), which family_days and
--                            subject_span carry, so a query reads a family's name, openness and order from there
--   family_daily             the sum of subject_daily per family and day
--   window_weeks(metric, from, to)
--                            subject_weekly_classed's rows with a day in the window, each with only those days (mask)
--   family_days(metric, from, to)
--                            family_daily's rows of one metric and window, summed from subject_weekly a week at
--                            a time (a week takes the family of its newest day row)
--   held_metrics             the family-level metrics that count what is held on a day (stocks and counts, not
--                            flows): a series of one that begins at zero held nothing before, and covers
--   whole_day_metrics        the family-level metrics whose every day is a whole (routed tokens: OpenRouter's top
--                            50 and the rest): every subject of one covers every window, on the days it has
--   family_breaks(metric, from, to)
--                            per family and day of the window, how many of its collected series join its sum
--                            (starts: a subject's first day, after the family's first, unless a held count's
--                            series begins there at zero) or leave it (stops: a subject's last day, before the
--                            family's last): a step on such a day is not a trend
--   subject_span(metric, series, from, to, families, scope)
--                            one row per subject in the window with its class, only the scope's subjects
--                            (scope_members, from registry/openness.ts), from its week rows (window_weeks): its
--                            first and last day and value there, its days, its week rows (weeks), whether it
--                            covers the window (covers) and its family's own span (covers_family), and per family
--                            how many subjects do not (excluded, excluded_family); a held count's series that
--                            begins at zero inside the window covers its start. The coverage rule's one place
--   subject_window(…)        subject_span's rows spread into one row per subject and day with a value
--   family_window_weeks(…)   per family, side (is_open) and ISO week, the sums of the subjects that cover the
--                            window on each of the week's seven days, and how many add to each: a family that
--                            ships open and closed subjects adds to both sides
--   family_window(…)         family_window_weeks spread into one row per family, side and day with a value
--   family_span(…)           per family and side, its first and last covered value (family_window's first and
--                            last day, from each subject's first and last day: subject_span)
--   leaderboard_models       one row per leaderboard publication and model (below)
--   observations_witness     a string that every insert into the facts' table and every change of its rows
--                            moves on, and merges do not: source_facts (migration 009) is read only while it
--                            is the one its counts were made with
--   source_facts_current     source_facts' counts while their witness is still observations_witness (else none)
--
-- Coverage (DESIGN.md, "Measuring honestly"): a subject covers the window when its own first
-- day is not later than the window's first day (or, for a held count, its series begins at zero:
-- it held nothing before, see held_metrics) and its last day not earlier than its last
-- day; every subject of a metric whose every day is a whole (whole_day_metrics: routed tokens)
-- covers every window. Totals, shares and growth add only covering subjects, so both ends of a window compare
-- the same subjects; the ones left out are listed by the named query series_breaks.
-- Why class_subject: a slug matched by a pattern entry (`/^meta-llama\//`) is not itself a
-- catalog subject; the catalog subject is the entry, and the `subjects` table (rewritten from
-- the catalog at every sync) holds its class, so editing an entry's openness moves every stored
-- fact of its slugs at the next sync, without recollecting.

-- The catalog's rules of which subjects a metric counts, for the metrics that have one (a metric
-- with none counts every subject of a family, and cited figures always count), and each counted
-- subject's class_key: the 64-bit key of its family and subject, as a day row stores it (migration
-- 010), by which subject_daily and subject_weekly look a row up.
CREATE OR REPLACE VIEW counted_subjects AS
SELECT metric, family, subject, cityHash64(CAST(family AS String), subject) AS class_key
FROM
(
-- projects: the first search of each side of a family (its first open and its first closed search)
SELECT 'projects' AS metric, family, subject
FROM
(
  SELECT i.family AS family, argMin(concat('search:', i.item), i.position) AS subject
  FROM catalog_items AS i FINAL
  INNER JOIN families AS fam FINAL ON fam.id = i.family
  LEFT JOIN (SELECT family, subject, is_open FROM subjects FINAL) AS own
    ON own.family = i.family AND own.subject = concat('search:', i.item)
  WHERE i.kind = 'github_search'
  GROUP BY i.family, if(own.subject != '', own.is_open, fam.is_open)
)

UNION ALL

-- stars: the catalog's repositories
SELECT 'stars' AS metric, family, concat('repo:', item) AS subject FROM catalog_items FINAL WHERE kind = 'github_repo'

UNION ALL

-- downloads: the catalog's npm and PyPI packages
SELECT 'downloads' AS metric, family, concat(kind, ':', item) AS subject FROM catalog_items FINAL WHERE kind IN ('npm', 'pypi')
);

-- scope_bits: each scope's bit in subject_daily_classed.scope_bits (and that bit alone set, mask),
-- the one numbering of the scopes (sorted by name, from 0).
-- A scope with no members has no row, so bitTest(…, (SELECT bit …)) is NULL and keeps no row, as
-- an IN over its (empty) members did.
CREATE OR REPLACE VIEW scope_bits AS
SELECT name AS scope, toUInt8(b - 1) AS bit, bitShiftLeft(toUInt64(1), toUInt8(b - 1)) AS mask
FROM (SELECT arraySort(groupUniqArray(toString(scope))) AS names FROM scope_members FINAL)
ARRAY JOIN names AS name, arrayEnumerate(names) AS b;

-- class_lookup_live: the classes as arrays, looked up with transform() (a hash lookup of a constant
-- array) rather than joined: three joins on every day row were most of a window query's time (2.7 M
-- day rows at 50 M facts: 617 ms → 436 ms). One list of classes, the catalog entries' (keys: the
-- 64-bit hash of an entry's family and subject, cityHash64 of the two, each hashed whole, so no
-- separator is needed), then the families' (family_ids): a row's class is its place in it, so each
-- attribute is one array lookup rather than a choice among three. Two strings concatenated per row
-- and looked up as text took a third of a classed view's time (485 days at 50 M facts: 271 → 189
-- ms). A false match needs one of the ~10,000 keys a store holds to share its hash with one of the
-- catalog's entries: about 1 in 10^12.
-- scope_bits: bit b is set when the class's (kind, modality) is a member of the scope the view
-- scope_bits numbers b. A query keeps a scope's rows with bitTest(scope_bits, <its bit>): per class,
-- not a pair of strings looked up per row (2.7 M rows of headline_figures' 485 days at 50 M facts,
-- filtered to a scope: 209 ms, against 338 ms by strings).
-- The classed views read it as one scalar, (SELECT (keys, …) FROM class_lookup) AS c, and c.1 …:
-- a named tuple read by name (c.keys) took 40 ms more to plan on every query.
CREATE OR REPLACE VIEW class_lookup_live AS
SELECT e.keys AS keys, f.ids AS family_ids,
       arrayConcat(e.openness, f.openness) AS openness,
       arrayConcat(e.licence, f.licence) AS licence,
       arrayConcat(e.kind, f.kind) AS kind,
       arrayConcat(e.modality, f.modality) AS modality,
       arrayMap((k, m) -> toUInt64(arrayReduce('groupBitOr', arrayMap(p -> p.3, arrayFilter(p -> p.1 = k AND p.2 = m, s.masks)))), kind, modality) AS scope_bits,
       f.names AS family_names, f.openness AS family_openness, f.region AS family_region, f.catalog_order AS family_order
FROM (SELECT groupArray(cityHash64(family, subject)) AS keys, groupArray(toString(openness)) AS openness, groupArray(licence) AS licence,
             groupArray(toString(kind)) AS kind, groupArray(toString(modality)) AS modality
      FROM subjects FINAL) AS e
CROSS JOIN (SELECT groupArray(id) AS ids, groupArray(name) AS names, groupArray(toString(openness)) AS openness, groupArray(licence) AS licence,
                   groupArray(toString(kind)) AS kind, groupArray(toString(modality)) AS modality, groupArray(toString(region)) AS region,
                   groupArray(catalog_order) AS catalog_order
            FROM families FINAL) AS f
CROSS JOIN (SELECT groupArray((toString(m.kind), toString(m.modality), b.mask)) AS masks
            FROM scope_members AS m FINAL INNER JOIN scope_bits AS b ON b.scope = toString(m.scope)) AS s;

-- class_lookup: class_lookup_live as the store last made it (class_cache, migration 013), the row
-- every classed read looks up.
CREATE OR REPLACE VIEW class_lookup AS
SELECT keys, family_ids, openness, licence, kind, modality, scope_bits, family_names, family_openness, family_region, family_order
FROM class_cache FINAL;

-- counted_keys: counted_subjects' (metric, class_key) pairs as the store last made them (class_cache), and each
-- pair as one 64-bit key (pair_key: the class_key xor'ed with its metric's hash), by which subject_daily and
-- subject_weekly look a row up.
CREATE OR REPLACE VIEW counted_keys AS
SELECT metric, class_key, bitXor(class_key, cityHash64(metric)) AS pair_key
FROM class_cache FINAL
ARRAY JOIN counted_metrics AS metric, counted_keys AS class_key;

-- The day rows of the subjects each metric counts (counted_subjects; a metric it has no rule for
-- counts every subject of a family, and cited figures always count). One set of rules looked up
-- once per query: a branch per rule, each with its own lookup, was 15–25 ms slower per query at
-- 50 M facts once the rules became one view. A row is looked up by its metric and class_key: for
-- every metric with a rule a day row's class_subject is its own subject (only tokens take another:
-- 007_subject_days.sql), so its stored class_key is its family's and subject's, counted_subjects'
-- class_key. Three strings hashed per row took a quarter of this view's time (427 k day rows
-- of a metric's window at 50 M facts: 68 → 50 ms); a false match needs one of a metric's counted
-- keys to share its hash with another subject of that metric, about 1 in 10^12 as class_lookup's.
-- The pair is looked up as one 64-bit key (counted_keys.pair_key), a set of numbers rather than of
-- (string, number) tuples: a row of a metric with no rule still goes through the lookup (the rule is
-- one expression for every metric), and that took a third of the reading of four years of Hugging
-- Face downloads' week rows (1.2 M at 50 M facts: 81 → 56 ms; stars, which have a rule, 40 → 32 ms).
-- A false match needs a row's class_key xor'ed with its metric's hash to equal a counted pair's:
-- about 1 in 10^11 over the keys of a store.
CREATE OR REPLACE VIEW subject_daily AS
SELECT day, family, subject, metric, value, is_reference, class_subject, class_key, author_key
FROM subject_days FINAL
WHERE family != ''
  AND (metric NOT IN ('projects', 'stars', 'downloads') OR is_reference = 1
       OR bitXor(class_key, cityHash64(metric)) IN (SELECT pair_key FROM counted_keys));

-- A row's class: own_i, org_i, fam_i are the places of the subject's own entry, its Hugging Face
-- organisation's entry (models only) and its family (0: none; a row of no catalog family is left
-- out, as the join with families left it out); class_i is the first of them that exists. A day
-- row's two keys (class_key: family and class_subject; author_key: family and hf-author:<its
-- organisation>) are stored with it (migration 010), not hashed on each read. subject_weekly_classed
-- looks a week row's class up with the same four lines.
CREATE OR REPLACE VIEW subject_daily_classed AS
WITH (SELECT (keys, family_ids, openness, licence, kind, modality, scope_bits, family_names, family_openness, family_region, family_order) FROM class_lookup) AS c
SELECT day, family, subject, metric, value, is_reference,
       c.3[class_i] AS openness,
       toUInt8(openness != 'closed') AS is_open,
       c.4[class_i] AS licence,
       c.5[class_i] AS kind,
       c.6[class_i] AS modality,
       c.7[class_i] AS scope_bits,
       c.8[fam_i] AS name, c.9[fam_i] AS family_openness, c.10[fam_i] AS region, c.11[fam_i] AS catalog_order
FROM
(
  SELECT day, family, subject, metric, value, is_reference, fam_i,
         CAST(multiIf(own_i > 0, own_i, org_i > 0, org_i, length(c.1) + fam_i) AS UInt32) AS class_i
  FROM
  (
    SELECT day, family, subject, metric, value, is_reference,
           CAST(transform(family, c.2, arrayEnumerate(c.2), 0) AS UInt32) AS fam_i,
           CAST(transform(class_key, c.1, arrayEnumerate(c.1), 0) AS UInt32) AS own_i,
           CAST(if(author_key != 0, transform(author_key, c.1, arrayEnumerate(c.1), 0), 0) AS UInt32) AS org_i
    FROM subject_daily
  )
)
WHERE fam_i > 0;

-- A subject's week (subject_weeks, migration 012) with the days it has (days: bit i is its Monday
-- + i) and their values (vals[i + 1]; 0 for a day without), counted by the same rules as its days
-- (counted_subjects, by its metric and class_key as subject_daily) under the family of its newest day row.
CREATE OR REPLACE VIEW subject_weekly AS
SELECT week, family, subject, metric, is_reference, days, vals, class_key, author_key
FROM
(
  SELECT week, subject, metric, is_reference, days, latest.2 AS family, latest.3 AS class_key, latest.4 AS author_key,
         [d1.2, d2.2, d3.2, d4.2, d5.2, d6.2, d7.2] AS vals
  FROM subject_weeks FINAL
)
WHERE family != ''
  AND (metric NOT IN ('projects', 'stars', 'downloads') OR is_reference = 1
       OR bitXor(class_key, cityHash64(metric)) IN (SELECT pair_key FROM counted_keys));

CREATE OR REPLACE VIEW subject_weekly_classed AS
WITH (SELECT (keys, family_ids, openness, licence, kind, modality, scope_bits, family_names, family_openness, family_region, family_order) FROM class_lookup) AS c
SELECT week, family, subject, metric, is_reference, days, vals,
       c.3[class_i] AS openness,
       toUInt8(openness != 'closed') AS is_open,
       c.4[class_i] AS licence,
       c.5[class_i] AS kind,
       c.6[class_i] AS modality,
       c.7[class_i] AS scope_bits,
       fam_i, c.8[fam_i] AS name, c.9[fam_i] AS family_openness, c.10[fam_i] AS region, c.11[fam_i] AS catalog_order
FROM
(
  SELECT week, family, subject, metric, is_reference, days, vals, fam_i,
         CAST(multiIf(own_i > 0, own_i, org_i > 0, org_i, length(c.1) + fam_i) AS UInt32) AS class_i
  FROM
  (
    SELECT week, family, subject, metric, is_reference, days, vals,
           CAST(transform(family, c.2, arrayEnumerate(c.2), 0) AS UInt32) AS fam_i,
           CAST(transform(class_key, c.1, arrayEnumerate(c.1), 0) AS UInt32) AS own_i,
           CAST(if(author_key != 0, transform(author_key, c.1, arrayEnumerate(c.1), 0), 0) AS UInt32) AS org_i
    FROM subject_weekly
  )
)
WHERE fam_i > 0;

-- held_metrics: the family-level metrics that count what is held on a day (a stock such as a search's
-- repositories or a repository's stars, or a count such as a model's derivatives: the headline signals of
-- shape stock or count, registry/metrics.ts HEADLINE_SIGNALS), as opposed to a flow counted per day. A
-- held count's series that begins at zero held nothing before its first day (a repository's star history
-- begins with the week of its first star, a search's count with the day it found none): it is not a series
-- joining a sum, it covers every earlier day of a window at zero, and its first day is no break.
CREATE OR REPLACE VIEW held_metrics AS
SELECT signal AS metric FROM signal_notes FINAL WHERE shape IN ('stock', 'count');

-- whole_day_metrics: the family-level metrics whose every day is a whole: routed tokens, from OpenRouter's
-- rankings, which name each day's top 50 models and add the rest as one row (the long tail), so a model
-- entering or leaving the top 50 moves tokens within the day, not into or out of it. Models come and go
-- every week: over a long window the coverage rule keeps almost none (of 83 models routed over two years,
-- one). So every subject of such a metric counts on the days it has a value: it covers every window, and
-- its first and last days are no breaks (a family's line steps where a model enters or leaves the top 50:
-- the metric's caveat says so).
CREATE OR REPLACE VIEW whole_day_metrics AS
SELECT 'tokens' AS metric;

CREATE OR REPLACE VIEW family_daily AS
SELECT day, family, metric, sum(value) AS value, count() AS subjects, is_reference
FROM subject_daily
GROUP BY day, family, metric, is_reference;

-- window_weeks: a metric's week rows with their class (subject_weekly_classed: so only the catalog's families)
-- that have a day in the window, each with only those days (mask: its day bits and'ed with those of the week's
-- days from `from` to `to`, as headline_answer's days_between), the lowest and the highest of them (low, high;
-- bitXor(mask, mask - 1) sets the bits up to its lowest set one): what family_days, family_breaks and
-- subject_span read. The class is looked up only where a query reads it (subject_span): family_days pays 10–45 ms
-- for reading the classed rows (50 M generated facts), the price of looking a week row's class up in one place.
CREATE OR REPLACE VIEW window_weeks AS
SELECT *,
       toUInt8(bitCount(bitXor(mask, mask - 1)) - 1) AS low,
       toUInt8(multiIf(mask >= 64, 6, mask >= 32, 5, mask >= 16, 4, mask >= 8, 3, mask >= 4, 2, mask >= 2, 1, 0)) AS high
FROM
(
  -- subject_weekly_classed's columns, with the window's days (mask) in place of all of the week's (days)
  SELECT * EXCEPT (days),
         bitAnd(days, toUInt8(bitShiftLeft(1, greatest(least(toInt32({to:Date} - week), 6) + 1, 0)) - bitShiftLeft(1, least(greatest(toInt32({from:Date} - week), 0), greatest(least(toInt32({to:Date} - week), 6) + 1, 0))))) AS mask
  FROM subject_weekly_classed
  WHERE metric = {metric:String} AND week BETWEEN toMonday({from:Date}) AND {to:Date}
)
WHERE mask != 0;

-- family_days: family_daily over a window, summed a week at a time. Each subject's week row keeps its days in
-- the window (window_weeks), and a family's week rows are summed day by day
-- (sumForEach) before the days are spread again: a seventh of the rows family_daily reads and groups (the
-- family figures' four years of Hugging Face downloads, site_compare_series, at 50 M generated facts: 4.15 M day
-- rows, read twice with family_breaks, 8.3 M rows or 17% of the facts; 1.2 M week rows this way). The same rows as family_daily's in
-- the window for the catalog's families (test/integration/store.test.ts; a sum of fractions in another order can
-- differ in a Float64's last bit; a family no longer in the catalog has none, as in the classed views), but for one
-- case: a week takes the family of its newest day row (subject_weeks), so a subject whose facts move to another
-- family in the middle of a week counts there from the week's Monday.
CREATE OR REPLACE VIEW family_days AS
SELECT week + i AS day, family, fam_i, metric, is_reference, sums[i + 1] AS value, counts[i + 1] AS subjects
FROM
(
  SELECT week, family, any(fam_i) AS fam_i, metric, is_reference,
         -- a day with no value holds 0 in vals, and a day outside the window is counted by no subject: dropped below
         sumForEach(vals) AS sums,
         sumForEach(arrayMap(b -> toUInt64(bitTest(mask, b)), range(7))) AS counts
  FROM window_weeks(metric = {metric:String}, from = {from:Date}, to = {to:Date})
  GROUP BY week, family, metric, is_reference
)
ARRAY JOIN range(7) AS i
WHERE counts[i + 1] > 0;

-- Each subject's week rows in the window (window_weeks, as family_days reads them) are grouped to one row
-- before the window functions run: its first day in the window is the lowest of a week's days there (low),
-- its last the highest (high), and its first value the one on its first day. A subject has one row a week,
-- so its first point is its earliest week's (argMin by week: the engine's fast path, where the smallest
-- (day, value) tuple compared tuples row by row; see subject_span). The first value is needed only where a
-- series that begins at zero is no break (a held count: held_metrics), so `held` is a scalar the engine knows
-- before it reads: for any other metric the value is the constant 0 and the week rows' values are not read
-- (site_compare_series of four years of Hugging Face downloads at 50 M generated facts: 271 → 242 ms, the same rows).
CREATE OR REPLACE VIEW family_breaks AS
WITH (SELECT count() > 0 FROM held_metrics WHERE metric = {metric:String}) AS held
SELECT family, e.1 AS day, countIf(e.2 = 1) AS starts, countIf(e.2 = 2) AS stops
FROM
(
  SELECT family, first_day, last_day, from_zero, whole_days, min(first_day) OVER (PARTITION BY family) AS family_first, max(last_day) OVER (PARTITION BY family) AS family_last
  FROM
  (
    SELECT family, subject, (min(week + low), argMin(if(held, vals[low + 1], 0.), week)) AS first_point, first_point.1 AS first_day, max(week + high) AS last_day,
           first_point.2 = 0 AND held AS from_zero,
           {metric:String} IN (SELECT metric FROM whole_day_metrics) AS whole_days
    FROM window_weeks(metric = {metric:String}, from = {from:Date}, to = {to:Date})
    WHERE is_reference = 0
    GROUP BY family, subject
  )
)
ARRAY JOIN [(first_day, if(first_day > family_first AND NOT from_zero AND NOT whole_days, 1, 0)), (last_day, if(last_day < family_last AND NOT whole_days, 2, 0))] AS e
WHERE e.2 != 0
GROUP BY family, day;

-- subject_span: one row per subject (one per openness, if its rows take two) of a metric in a window: its first
-- and last (day, value) there (g_first, g_last), how many days it has a value (days), its week rows there (weeks:
-- (week, mask, vals), window_weeks' rows), and the coverage rule: its first and last day over its rows (first_day,
-- last_day; from_zero: a held count that begins at zero), whether it covers the window (covers) and its family's
-- own span (covers_family), and per family how many subjects do not (excluded, excluded_family). The one place
-- the rule is written: subject_window, family_window, family_span and series_breaks read it from here.
-- Made from the subject's week rows (window_weeks): a long window reads a seventh of the rows of its days, and
-- the window functions sort one row per subject. A week takes the family and class of its newest day row
-- (subject_weeks), so a subject whose facts move to another family inside a week counts there from its Monday.
CREATE OR REPLACE VIEW subject_span AS
SELECT *,
       uniqExactIf(subject, covers = 0) OVER (PARTITION BY family) AS excluded,
       uniqExactIf(subject, covers_family = 0) OVER (PARTITION BY family) AS excluded_family
FROM
(
  SELECT *,
         toUInt8(whole_days OR ((first_day <= window_first_day OR from_zero) AND last_day >= window_last_day)) AS covers,
         toUInt8(whole_days OR ((first_day <= family_first_day OR from_zero) AND last_day >= family_last_day)) AS covers_family
  FROM
  (
    SELECT family, subject, g_first, g_last, days, weeks, name, openness, is_open, family_openness, region, catalog_order, fam_i, whole_days,
           min(g_first) OVER (PARTITION BY family, subject) AS first_point,
           first_point.1 AS first_day,
           max(g_last.1) OVER (PARTITION BY family, subject) AS last_day,
           first_point.2 = 0 AND held AS from_zero,
           min(g_first.1) OVER (PARTITION BY family) AS family_first_day,
           max(g_last.1) OVER (PARTITION BY family) AS family_last_day,
           min(g_first.1) OVER () AS window_first_day,
           max(g_last.1) OVER () AS window_last_day
    FROM
    (
      -- a subject has one row a week (subject_weeks), so its first and last (day, value) are its earliest and
      -- latest week's: min and argMin by week, which the engine runs on its fast paths, where the smallest and
      -- largest (day, value) tuple compared tuples row by row (four years of derivatives at 50 M generated
      -- facts, the grouping alone, in turn, 11 runs: 141 → 120 ms)
      SELECT family, subject, (min(week + low), argMin(vals[low + 1], week)) AS g_first, (max(week + high), argMax(vals[high + 1], week)) AS g_last,
             sum(bitCount(mask)) AS days,
             groupArray((week, mask, vals)) AS weeks,
             {metric:String} IN (SELECT metric FROM held_metrics) AS held,
             {metric:String} IN (SELECT metric FROM whole_day_metrics) AS whole_days,
             openness, is_open,
             -- the family's own: one per family, taken rather than grouped on
             any(name) AS name, any(family_openness) AS family_openness, any(region) AS region, any(catalog_order) AS catalog_order,
             any(fam_i) AS fam_i
      FROM window_weeks(metric = {metric:String}, from = {from:Date}, to = {to:Date})
      WHERE is_reference = ({series:String} = 'reference')
        AND (empty({families:Array(String)}) OR has({families:Array(String)}, family))
        AND bitTest(scope_bits, (SELECT bit FROM scope_bits WHERE scope = {scope:String}))
      GROUP BY family, subject, openness, is_open
    )
  )
);

-- subject_window: one row per subject and day in the window, subject_span's rows with their weeks spread into
-- the days that have a value (each week row's mask). What a reader who wants a subject's days reads; the
-- site's sums (family_window, metric_by_family) add a week's days in one row instead (sumForEach).
CREATE OR REPLACE VIEW subject_window AS
SELECT w.1 + i AS day, family, subject, w.3[i + 1] AS value, first_day, last_day, from_zero, window_first_day, window_last_day, covers, excluded,
       family_first_day, family_last_day, covers_family, excluded_family,
       name, openness, is_open, family_openness, region, catalog_order
FROM subject_span(metric = {metric:String}, series = {series:String}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)}, scope = {scope:String})
ARRAY JOIN weeks AS w
ARRAY JOIN arrayFilter(b -> bitTest(w.2, b), range(7)) AS i;

-- family_window_weeks: per family, side and week, the covering subjects' sums of each of the week's days, added a
-- week at a time: each covering subject's week row (subject_span's weeks) adds its seven values (a day without one
-- holds 0) and counts the days of its mask. The sums of every day row, in another order (50 M generated facts, old
-- and new SQL in turn: metric_by_openness of four years of derivatives 385 → 203 ms, the same rows). A query that
-- adds families up (metric_by_openness, open_share, open_share_growth, metric_by_region) adds their weeks and
-- spreads the days after: a seventh of the rows family_window gives it, the same rows (50 M generated facts, four
-- years, where they added family_window's days, in turn, 5 runs, the engine alone: metric_by_openness of derivatives
-- 224 → 181 ms, of projects 177 → 119 ms; open_share of projects 174 → 123 ms; metric_by_region of projects 207 →
-- 124 ms, of Hugging Face downloads 343 → 300 ms; windows of a week or a month of stars 5–15 ms less).
CREATE OR REPLACE VIEW family_window_weeks AS
SELECT w.1 AS week, family, is_open,
       sumForEach(w.3) AS sums,
       sumForEach(arrayMap(b -> toUInt64(bitTest(w.2, b)), range(7))) AS counts,
       -- 1 on each day the family side has a value: its weeks added (sumForEach) count the families of each day
       arrayMap(n -> toUInt64(n > 0), counts) AS present,
       any(excluded) AS excluded_subjects,
       any(name) AS name, anyHeavy(openness) AS openness, any(family_openness) AS family_openness, any(region) AS region, any(catalog_order) AS catalog_order
FROM subject_span(metric = {metric:String}, series = {series:String}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)}, scope = {scope:String})
ARRAY JOIN weeks AS w
WHERE covers = 1
GROUP BY week, family, is_open;

-- family_window: family_window_weeks spread into one row per family, side and day that a covering subject has a
-- value on.
CREATE OR REPLACE VIEW family_window AS
SELECT week + i AS day, family, is_open, sums[i + 1] AS value, counts[i + 1] AS subjects, excluded_subjects,
       name, openness, family_openness, region, catalog_order
FROM family_window_weeks(metric = {metric:String}, series = {series:String}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)}, scope = {scope:String})
ARRAY JOIN range(7) AS i
WHERE counts[i + 1] > 0;

-- family_span: per family and side, the first and the last day of family_window's rows and their values, found
-- without summing every day: a day's sum of a side adds the covering subjects with a value that day, so on the
-- side's first day (the earliest of its covering subjects' first days) it adds the first values of the subjects
-- whose first day that is, and on its last day the last values of those whose last day that is. Each subject's
-- first and last day and value come from subject_span (50 M generated facts, old and new SQL in turn, 7 runs: growth_by_family of Hugging Face
-- downloads over 365 days 472 → 167 ms, top_movers of derivatives 174 → 109 ms; the view alone over ten years of
-- npm and PyPI downloads 703 → 178 ms; a window of one week 10–15 ms more, planning). The same rows as taking
-- the first and last day of family_window (test/integration/store.test.ts). A side whose subjects differ in openness (Nemotron's open side: an open-source repository and an open-weights one)
-- takes the openness of its subject with the largest last value, where it took the most frequent of one day's
-- (anyHeavy), which changed from run to run.
CREATE OR REPLACE VIEW family_span AS
SELECT family, is_open, any(name) AS name, argMax(openness, (g_last.2, openness)) AS openness, any(family_openness) AS family_openness, any(catalog_order) AS catalog_order,
       min(g_first.1) AS first_day, sumIf(g_first.2, g_first.1 = side_first) AS first_value,
       max(g_last.1) AS last_day, sumIf(g_last.2, g_last.1 = side_last) AS last_value,
       any(excluded) AS excluded_subjects
FROM
(
  -- the side's first and last day, over its covering subjects only
  SELECT *, min(g_first.1) OVER (PARTITION BY family, is_open) AS side_first, max(g_last.1) OVER (PARTITION BY family, is_open) AS side_last
  FROM subject_span(metric = {metric:String}, series = {series:String}, from = {from:Date}, to = {to:Date}, families = {families:Array(String)}, scope = {scope:String})
  WHERE covers = 1
)
GROUP BY family, is_open;

-- leaderboard_models: one row per leaderboard publication and model, the one definition the
-- leaderboard queries read (leaderboard_top_models, leaderboard_best_open_closed,
-- leaderboard_top_share, leaderboard_family_best, leaderboard_gap_months, leaderboard_openness).
--
-- A publication's models come from one source: the Arena's leaderboard dataset (source
-- `arena`: rating with its interval, votes, the Arena's published rank) where it has that date,
-- else the leaderboard table of that date (source `leaderboard`, 2023 tables only: their Arena
-- Elo and the rank computed from it). Never both, so a model is never counted twice on a day.
-- A model is its subject's key (the dataset's model_name; a 2023 table's Model name). Its facts
-- are read as one row per publication and model, from leaderboard_entries (migration 008).
--
--   class       the stored licence class (registry/openness.ts LEADERBOARD_CLASSES)
--   grp         what the site shows: closed (proprietary), open_noncommercial, open, unknown
--   side        open, closed, or unknown (a licence in no class: counted, never on either side)
--   position    1 + the number of models of the publication rated higher (ties share a position)
--   ordinal     the model's place in the publication by rating, then display name, then model: no two share
--               one, so a query picks "the best" as argMin(…, ordinal) (a tuple key is several times slower)
--   arena_rank  the Arena's own published rank (dataset), or the table's rank by Elo
--   models      the publication's rated models
--   family      the catalog family whose leaderboard patterns match the model, as a String (the stored
--               column is a LowCardinality, whose dictionaries a query's sort of one row per publication and
--               family carried through the merge of its sorted blocks: leaderboard_family_best's 136,988 rows at
--               50 M generated facts, the engine alone, in turn, 251 → 184 ms)
CREATE OR REPLACE VIEW leaderboard_models AS
WITH
  -- one row per publication and model, each fact's latest collection (leaderboard_entries, migration 008)
  per_model AS (
    SELECT
      source,
      table_date,
      substring(subject, length('arena-model:') + 1) AS model,
      CAST(e.family AS String) AS family,
      elo_fact.2 AS rating,
      rating_lower_fact.2 AS rating_lower,
      rating_upper_fact.2 AS rating_upper,
      votes_fact.2 AS votes,
      rank_fact.2 AS arena_rank,
      elo_fact.3 AS stored_licence,
      elo_fact.4 AS stored_class_raw,
      elo_fact.5 AS stored_organization,
      elo_fact.6 AS stored_display
    FROM leaderboard_entries AS e FINAL
    WHERE elo_fact.1 > 0
  ),
  -- the dates a leaderboard table (not the dataset) has rows on, from the projection of one row per date and
  -- source (migration 011: its GROUP BY is the projection's), and of those, the ones the dataset has a rated model
  -- on (a key's rows have a rating once merged if any of them has one, so no FINAL): only a table's dates are
  -- looked at, not every row of every publication
  table_days AS (SELECT table_date FROM (SELECT table_date, source, count() FROM leaderboard_entries GROUP BY table_date, source) WHERE source != 'arena'),
  dataset_days AS (SELECT DISTINCT table_date FROM leaderboard_entries WHERE source = 'arena' AND elo_fact.1 > 0 AND table_date IN (SELECT table_date FROM table_days)),
  chosen AS (
    SELECT *, if(stored_class_raw = '', 'unknown', stored_class_raw) AS stored_class
    FROM per_model
    WHERE source = 'arena' OR table_date NOT IN (SELECT table_date FROM dataset_days)
  )
SELECT
  table_date,
  if(source = 'arena', 'dataset', 'table') AS origin,
  model,
  if(stored_display = '', model, stored_display) AS display,
  stored_organization AS organization,
  stored_licence AS licence,
  stored_class AS class,
  multiIf(stored_class = 'closed', 'closed', endsWith(stored_class, '-noncommercial'), 'open_noncommercial', startsWith(stored_class, 'open-'), 'open', 'unknown') AS grp,
  multiIf(stored_class = 'closed', 'closed', startsWith(stored_class, 'open-'), 'open', 'unknown') AS side,
  family,
  rating,
  rating_lower,
  rating_upper,
  votes,
  arena_rank,
  rank() OVER (PARTITION BY table_date ORDER BY rating DESC) AS position,
  row_number() OVER (PARTITION BY table_date ORDER BY rating DESC, display, model) AS ordinal,
  count() OVER (PARTITION BY table_date) AS models
FROM chosen;

-- observations_witness: the facts' table's active parts, as one string: the blocks they span (an
-- insert adds a block, which no merge takes away; a part dropped by hand takes its span away), how
-- far their mutations have gone past their first block (an ALTER … UPDATE or DELETE raises it), and
-- the newest block. A merge joins adjacent spans and keeps both sums (one across a gap that a
-- mutation's number left only raises the first: a count is then made again, never kept wrongly).
-- Empty when the table has no parts here: an empty store, or a cluster, whose facts are in the
-- nodes' local tables (ddl.ts), so data_freshness there always counts the facts itself.
CREATE OR REPLACE VIEW observations_witness AS
SELECT if(count() = 0, '',
          concat(toString(sum(max_block_number - min_block_number + 1)), '.', toString(sum(data_version - min_block_number)), '.', toString(max(max_block_number)))) AS witness
FROM system.parts
WHERE database = currentDatabase() AND table = 'observations' AND active;

-- source_facts_current: the facts per source as the store last counted them (source_facts, migration 009),
-- only while the facts' table is as it was then; no rows otherwise (data_freshness then counts the facts).
CREATE OR REPLACE VIEW source_facts_current AS
SELECT source, newest_day, facts, newest_collected
FROM source_facts FINAL
WHERE witness != '' AND witness = (SELECT witness FROM observations_witness);
