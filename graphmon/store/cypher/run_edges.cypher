// Coordination edges of run $run_id, from account_a to account_b (account_a < account_b).
// Rows: {account_a, account_b, properties: weight, co_shares, objects, delays, …}.
UNWIND $rows AS row
MERGE (a:Account {account_id: row.account_a})
MERGE (b:Account {account_id: row.account_b})
MERGE (a)-[e:COORDINATED_WITH {run_id: $run_id}]->(b)
SET e += row.properties
