// How many of the given accounts have posts in the store: a run's evidence queries
// (edge_evidence, cluster_objects) answer from the stored shares of its accounts.
UNWIND $account_ids AS id
MATCH (a:Account {account_id: id})
WHERE EXISTS { (a)-[:POSTED]->() }
RETURN count(a) AS n
