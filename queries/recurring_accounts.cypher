// Accounts that recur in clusters across runs: members of a cluster in at least min_runs complete
// runs, most recurrent first, with the clusters (run_id:cluster_id) they were found in.
// param: min_runs int 2
// param: limit int 100
MATCH (a:Account)-[:MEMBER_OF]->(c:Cluster)-[:FOUND_IN]->(r:Run {status: 'complete'})
WITH a, c, r
ORDER BY r.run_id, c.cluster_id
WITH a, count(DISTINCT r) AS runs, collect(r.run_id + ':' + toString(c.cluster_id)) AS clusters
WHERE runs >= $min_runs
RETURN a.account_id AS account_id, a.screen_name AS screen_name, runs, clusters,
       a.anonymity_score AS anonymity_score
ORDER BY runs DESC, account_id
LIMIT $limit
