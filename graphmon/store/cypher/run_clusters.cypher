// The clusters of run $run_id. Rows: {cluster_id, properties}.
MATCH (r:Run {run_id: $run_id})
UNWIND $rows AS row
MERGE (c:Cluster {run_id: $run_id, cluster_id: row.cluster_id})
SET c += row.properties
MERGE (c)-[:FOUND_IN]->(r)
