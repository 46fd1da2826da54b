// The evidence behind one COORDINATED_WITH edge of a run: every pair of shares of the same object
// by the two accounts within the run's window, earliest first (delta_s = time of b's share - a's).
// Needs the events in the store (graphmon ingest); accounts may be given in either order.
// param: run_id string
// param: account_a string
// param: account_b string
// param: limit int 1000
MATCH (r:Run {run_id: $run_id})
MATCH (a:Account {account_id: $account_a})-[e:COORDINATED_WITH {run_id: $run_id}]-(b:Account {account_id: $account_b})
MATCH (a)-[:POSTED]->(pa:Post)-[sa:SHARES]->(o:Object)<-[sb:SHARES]-(pb:Post)<-[:POSTED]-(b)
WHERE abs(sb.timestamp - sa.timestamp) <= r.window_s
RETURN o.object_type AS object_type, o.object_id AS object_id,
       pa.content_id AS content_id_a, pb.content_id AS content_id_b,
       sa.timestamp AS timestamp_a, sb.timestamp AS timestamp_b, sb.timestamp - sa.timestamp AS delta_s,
       toString(datetime({epochMillis: toInteger(round(sa.timestamp * 1000))})) AS shared_a
ORDER BY sa.timestamp, sb.timestamp, object_type, object_id, content_id_a, content_id_b
LIMIT $limit
