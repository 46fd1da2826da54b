// The members of one cluster of a run, with their profile and anonymity, most connected first.
// anonymity_score and the figures after it are the run's; created_at is the profile's (UTC).
// param: run_id string
// param: cluster_id int
MATCH (a:Account)-[m:MEMBER_OF]->(c:Cluster {run_id: $run_id, cluster_id: $cluster_id})
RETURN a.account_id AS account_id, a.screen_name AS screen_name, a.display_name AS display_name,
       CASE WHEN a.created_at IS NULL THEN null
            ELSE toString(datetime({epochMillis: toInteger(round(a.created_at * 1000))})) END AS created_at,
       a.followers_count AS followers_count, a.statuses_count AS statuses_count,
       a.default_profile_image AS default_profile_image, a.verified AS verified,
       m.anonymity_score AS anonymity_score, m.anonymity_factors AS anonymity_factors,
       m.shares AS shares, m.degree AS degree, m.strength AS strength
ORDER BY m.strength DESC, a.account_id
