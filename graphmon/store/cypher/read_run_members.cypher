// The members of run $run_id's clusters: the run's figures (on MEMBER_OF) and the profile.
MATCH (a:Account)-[m:MEMBER_OF {run_id: $run_id}]->(c:Cluster)
RETURN a.account_id AS account_id, c.cluster_id AS cluster_id, properties(m) AS figures, properties(a) AS profile
ORDER BY cluster_id, account_id
