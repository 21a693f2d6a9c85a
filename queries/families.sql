-- families: the catalog's model families in catalog order, with openness, origin region and licence
-- params: none
-- returns: id String, name String, name_zh String, vendor String, vendor_zh String, openness String, is_open UInt8, region String, licence String, commercial_use String, catalog_order UInt16
SELECT id, name, name_zh, vendor, vendor_zh, openness, is_open, region, licence, commercial_use, catalog_order
FROM families FINAL
ORDER BY catalog_order, id
