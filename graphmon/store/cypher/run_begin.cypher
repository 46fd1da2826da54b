// Start writing run $run_id: status 'writing' until run_finish marks it 'complete'.
MERGE (r:Run {run_id: $run_id})
SET r += $properties, r.status = 'writing'
