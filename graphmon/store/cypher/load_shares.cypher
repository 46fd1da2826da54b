// Posts and their shares: one row per share event. Accounts and objects exist already.
// A post is keyed by (account_id, content_id); its timestamp is the earliest of its shares.
// Each share keeps its own time on SHARES, so that evidence can be shown.
// Columns: account_id, content_id, post_timestamp, platform, text, object_type, object_id, timestamp.
UNWIND range(0, size($account_id) - 1) AS i
WITH $account_id[i] AS account_id, $content_id[i] AS content_id, $post_timestamp[i] AS post_timestamp,
     $platform[i] AS platform, $text[i] AS text, $object_type[i] AS object_type,
     $object_id[i] AS object_id, $timestamp[i] AS timestamp
MATCH (a:Account {account_id: account_id})
MATCH (o:Object {object_type: object_type, object_id: object_id})
MERGE (p:Post {account_id: account_id, content_id: content_id})
ON CREATE SET p.timestamp = post_timestamp, p.platform = platform, p.text = text
MERGE (a)-[:POSTED]->(p)
MERGE (p)-[:SHARES {timestamp: timestamp}]->(o)
WITH p, post_timestamp
WHERE post_timestamp < p.timestamp
SET p.timestamp = post_timestamp
