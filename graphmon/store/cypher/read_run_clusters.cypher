// The clusters of run $run_id with their stored record, in rank order.
MATCH (:Run {run_id: $run_id})<-[:FOUND_IN]-(c:Cluster)
RETURN c.cluster_id AS cluster_id, properties(c) AS record
ORDER BY c.rank, c.cluster_id
