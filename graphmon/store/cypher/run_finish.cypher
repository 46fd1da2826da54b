// Mark run $run_id complete, with what it holds.
MATCH (r:Run {run_id: $run_id})
SET r.status = 'complete', r.clusters = $clusters, r.edges = $edges, r.members = $members
