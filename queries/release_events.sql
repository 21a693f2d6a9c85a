-- release_events: model releases from the catalog, for marking on time axes, each with its own openness and licence (a family's class over time follows its releases: ERNIE's closed ERNIE Bot, then open ERNIE 4.5) and the public page that gives the date
-- params: none
-- returns: family String, name String, openness String, released_at Date, label String, licence String, source String
SELECT e.family AS family, fam.name AS name, if(e.openness = '', fam.openness, e.openness) AS openness, e.released_at AS released_at, e.label AS label,
       if(e.licence = '', fam.licence, e.licence) AS licence, e.source AS source
FROM release_events AS e FINAL
INNER JOIN families AS fam FINAL ON fam.id = e.family
ORDER BY released_at, fam.catalog_order, label
