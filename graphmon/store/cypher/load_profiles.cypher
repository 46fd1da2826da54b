// Account profiles (SPEC §2): present values overwrite, absent ones are kept.
// Rows: {account_id, profile: {screen_name, display_name, …}}.
UNWIND $rows AS row
MERGE (a:Account {account_id: row.account_id})
SET a += row.profile, a.has_profile = true
