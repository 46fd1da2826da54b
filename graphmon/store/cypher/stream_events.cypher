// Share events out of the store, as the canonical events table (SPEC §1).
// Filters (null = no filter): $since <= timestamp < $until, post platform, object types.
MATCH (p:Post)-[s:SHARES]->(o:Object)
WHERE ($since IS NULL OR s.timestamp >= $since)
  AND ($until IS NULL OR s.timestamp < $until)
  AND ($platform IS NULL OR p.platform = $platform)
  AND ($object_types IS NULL OR o.object_type IN $object_types)
RETURN p.account_id AS account_id, o.object_id AS object_id, o.object_type AS object_type,
       s.timestamp AS timestamp, p.content_id AS content_id, p.platform AS platform, p.text AS text
