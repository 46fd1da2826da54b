// The stored shares of the members of run $run_id's clusters that the run was made from: within
// its filters and input time span ($since <= timestamp < $until, post platform, object types;
// null = no filter), as canonical event columns.
MATCH (a:Account)-[:MEMBER_OF {run_id: $run_id}]->(:Cluster)
WITH DISTINCT a
MATCH (a)-[:POSTED]->(p:Post)-[s:SHARES]->(o:Object)
WHERE ($since IS NULL OR s.timestamp >= $since)
  AND ($until IS NULL OR s.timestamp < $until)
  AND ($platform IS NULL OR p.platform = $platform)
  AND ($object_types IS NULL OR o.object_type IN $object_types)
RETURN a.account_id AS account_id, o.object_id AS object_id, o.object_type AS object_type,
       s.timestamp AS timestamp, p.content_id AS content_id, p.platform AS platform, p.text AS text
