// Delete up to $limit clusters of run $run_id with their MEMBER_OF and FOUND_IN; returns how many.
MATCH (c:Cluster {run_id: $run_id})
WITH c LIMIT $limit
DETACH DELETE c
RETURN count(*) AS deleted
