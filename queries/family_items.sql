-- family_items: what the catalog measures for one family (searches, repositories, models, packages), in catalog order
-- params: family String
-- returns: kind String, item String, position UInt16
SELECT kind, item, position
FROM catalog_items FINAL
WHERE family = {family:String}
ORDER BY indexOf(['github_search', 'github_repo', 'hf_model', 'hf_author', 'npm', 'pypi'], kind), position, item
