// Run $run_id's properties; no row when there is no such run.
MATCH (r:Run {run_id: $run_id})
RETURN properties(r) AS run
