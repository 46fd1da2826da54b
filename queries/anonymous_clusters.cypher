// Anonymous clusters above a size: clusters of at least min_size accounts whose anonymity score is
// at least min_anonymity over at least half of their members (profiled_accounts), in one run or in
// every complete run; most anonymous, then largest, first.
// param: min_size int 5
// param: min_anonymity float 0.6
// param: run_id string null
// param: limit int 100
MATCH (c:Cluster)-[:FOUND_IN]->(r:Run {status: 'complete'})
WHERE c.size >= $min_size AND c.anonymity_score >= $min_anonymity
  AND coalesce(2 * c.profiled_accounts >= c.size, true)
  AND ($run_id IS NULL OR r.run_id = $run_id)
RETURN r.run_id AS run_id, c.cluster_id AS cluster_id, c.rank AS rank, c.size AS size,
       c.anonymity_score AS anonymity_score, c.coordination_score AS coordination_score, c.kind AS kind,
       c.profiled_accounts AS profiled_accounts, c.anonymity_factors AS anonymity_factors, c.reason AS reason
ORDER BY anonymity_score DESC, size DESC, run_id, cluster_id
LIMIT $limit
