// The anonymity of analysed accounts, as last written (per-run figures are on MEMBER_OF).
UNWIND $rows AS row
MERGE (a:Account {account_id: row.account_id})
SET a.anonymity_score = row.anonymity_score, a.anonymity_factors = row.anonymity_factors,
    a.anonymity_run_id = $run_id
