// How many of the given shares (account_id, object_type, object_id, timestamp) the store holds:
// a run's evidence queries (edge_evidence, cluster_objects) answer from the stored shares.
UNWIND $shares AS share
OPTIONAL MATCH (:Account {account_id: share.account_id})-[:POSTED]->(:Post)
               -[s:SHARES {timestamp: share.timestamp}]->(:Object {object_type: share.object_type,
                                                                  object_id: share.object_id})
WITH share, count(s) > 0 AS held
RETURN count(CASE WHEN held THEN 1 END) AS n
