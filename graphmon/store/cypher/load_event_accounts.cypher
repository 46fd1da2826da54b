// Accounts seen in share events. Columns: account_id, platform (may be empty).
UNWIND range(0, size($account_id) - 1) AS i
WITH $account_id[i] AS account_id, $platform[i] AS platform
MERGE (a:Account {account_id: account_id})
ON CREATE SET a.platform = platform
WITH a, platform
WHERE a.platform IS NULL AND platform IS NOT NULL
SET a.platform = platform
