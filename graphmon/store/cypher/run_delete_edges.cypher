// Delete up to $limit COORDINATED_WITH edges of run $run_id; returns how many.
MATCH ()-[e:COORDINATED_WITH {run_id: $run_id}]->()
WITH e LIMIT $limit
DELETE e
RETURN count(*) AS deleted
