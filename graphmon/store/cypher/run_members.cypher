// Cluster membership in run $run_id. Rows: {account_id, cluster_id, properties}.
UNWIND $rows AS row
MATCH (c:Cluster {run_id: $run_id, cluster_id: row.cluster_id})
MERGE (a:Account {account_id: row.account_id})
MERGE (a)-[m:MEMBER_OF]->(c)
SET m += row.properties, m.run_id = $run_id
