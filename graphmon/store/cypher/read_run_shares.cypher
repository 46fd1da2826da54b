// Every stored share of the members of run $run_id's clusters, as canonical event columns.
MATCH (a:Account)-[:MEMBER_OF {run_id: $run_id}]->(:Cluster)
WITH DISTINCT a
MATCH (a)-[:POSTED]->(p:Post)-[s:SHARES]->(o:Object)
RETURN a.account_id AS account_id, o.object_id AS object_id, o.object_type AS object_type,
       s.timestamp AS timestamp, p.content_id AS content_id, p.platform AS platform, p.text AS text
