// Share events out of the store, as the canonical events table (SPEC §1): one record per account
// whose shares match, its shares as equal-length lists (nulls kept), which the driver decodes
// several times faster than one record per share, while the server holds one account's at a time.
// Filters (null = no filter): $since <= timestamp < $until, post platform, object types.
MATCH (a:Account)
CALL {  // the importing WITH runs on every Neo4j 5 (the scoped form CALL (a) needs 5.23)
  WITH a
  MATCH (a)-[:POSTED]->(p:Post)-[s:SHARES]->(o:Object)
  WHERE ($since IS NULL OR s.timestamp >= $since)
    AND ($until IS NULL OR s.timestamp < $until)
    AND ($platform IS NULL OR p.platform = $platform)
    AND ($object_types IS NULL OR o.object_type IN $object_types)
  RETURN collect([o.object_id, o.object_type, s.timestamp, p.content_id, p.platform, p.text]) AS shares
}
WITH a, shares
WHERE size(shares) > 0
RETURN a.account_id AS account_id, [r IN shares | r[0]] AS object_id, [r IN shares | r[1]] AS object_type,
       [r IN shares | r[2]] AS timestamp, [r IN shares | r[3]] AS content_id, [r IN shares | r[4]] AS platform,
       [r IN shares | r[5]] AS text
