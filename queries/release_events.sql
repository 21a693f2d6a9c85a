-- release_events: model releases from the catalog, for marking on time axes
-- params: none
-- returns: family String, name String, openness String, released_at Date, label String
SELECT e.family AS family, fam.name AS name, fam.openness AS openness, e.released_at AS released_at, e.label AS label
FROM release_events AS e FINAL
INNER JOIN families AS fam FINAL ON fam.id = e.family
ORDER BY released_at, fam.catalog_order, label
