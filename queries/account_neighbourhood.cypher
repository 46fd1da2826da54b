// An account's neighbourhood: the accounts it is coordinated with, in one run or in every complete
// run, strongest edge first, with the neighbour's cluster in that run and its anonymity.
// param: account_id string
// param: run_id string null
// param: limit int 100
MATCH (a:Account {account_id: $account_id})-[e:COORDINATED_WITH]-(n:Account)
WHERE $run_id IS NULL OR e.run_id = $run_id
MATCH (:Run {run_id: e.run_id, status: 'complete'})
OPTIONAL MATCH (n)-[:MEMBER_OF]->(nc:Cluster {run_id: e.run_id})
OPTIONAL MATCH (a)-[:MEMBER_OF]->(ac:Cluster {run_id: e.run_id})
RETURN e.run_id AS run_id, n.account_id AS neighbour, n.screen_name AS screen_name,
       e.weight AS weight, e.co_shares AS co_shares, e.median_delta_s AS median_delta_s,
       nc.cluster_id AS neighbour_cluster, ac IS NOT NULL AND ac = nc AS same_cluster,
       n.anonymity_score AS anonymity_score
ORDER BY weight DESC, run_id, neighbour
LIMIT $limit
