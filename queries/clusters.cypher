// The clusters of one run, ranked: the most suspicious first (rank 0).
// Size, coordination and anonymity scores, kind, and the reason for the rank.
// param: run_id string
// param: min_size int 2
// param: limit int 100
MATCH (c:Cluster {run_id: $run_id})
WHERE c.size >= $min_size
RETURN c.rank AS rank, c.cluster_id AS cluster_id, c.size AS size,
       c.coordination_score AS coordination_score, c.anonymity_score AS anonymity_score,
       c.rank_score AS rank_score, c.kind AS kind, c.edges AS edges, c.total_weight AS total_weight,
       c.first_share AS first_share, c.last_share AS last_share, c.reason AS reason
ORDER BY c.rank, c.cluster_id
LIMIT $limit
