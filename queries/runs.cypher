// The analysis runs written to the store, newest first, with what each found.
// status is 'complete' once a run is fully written ('writing' means an interrupted write: write it again).
// param: limit int 100
MATCH (r:Run)
RETURN r.run_id AS run_id, r.created_at AS created_at, r.status AS status, r.method AS method,
       r.window_s AS window_s, r.input_events AS events, r.clusters AS clusters, r.edges AS edges,
       r.source AS source
ORDER BY r.created_at DESC, r.run_id
LIMIT $limit
