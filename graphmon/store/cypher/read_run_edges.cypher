// The coordination edges of run $run_id (account_a < account_b) with their stored figures.
MATCH (a:Account)-[e:COORDINATED_WITH {run_id: $run_id}]->(b:Account)
RETURN a.account_id AS account_a, b.account_id AS account_b, properties(e) AS figures
ORDER BY account_a, account_b
