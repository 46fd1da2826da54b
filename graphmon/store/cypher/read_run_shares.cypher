// The stored shares of the members of run $run_id's clusters that the run was made from: within
// its filters and input time span ($since <= timestamp < $until, post platform, object types;
// null = no filter), one record per member with its shares as equal-length lists (as
// stream_events returns them).
MATCH (a:Account)-[:MEMBER_OF {run_id: $run_id}]->(:Cluster)
WITH DISTINCT a
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
