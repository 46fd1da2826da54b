// Delete the Run node of run $run_id (its clusters and edges are deleted before).
MATCH (r:Run {run_id: $run_id})
DETACH DELETE r
