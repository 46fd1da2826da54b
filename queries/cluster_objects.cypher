// The objects one cluster of a run pushed, shared by the most members first. For each: who shared
// it first of all accounts in the store (the likely source, in the cluster or not), and how fast the
// members followed: seconds from that first share to each other member's first share of it.
// param: run_id string
// param: cluster_id int
// param: min_members int 2
// param: limit int 50
MATCH (c:Cluster {run_id: $run_id, cluster_id: $cluster_id})<-[:MEMBER_OF]-(m:Account)
MATCH (m)-[:POSTED]->(:Post)-[s:SHARES]->(o:Object)
WITH o, m.account_id AS member, min(s.timestamp) AS member_first, count(s) AS member_shares
ORDER BY member
WITH o, collect(member) AS members, collect(member_first) AS member_times, sum(member_shares) AS member_shares
WHERE size(members) >= $min_members
CALL {
  WITH o
  MATCH (first:Post)-[fs:SHARES]->(o)
  RETURN first.account_id AS source, fs.timestamp AS source_time
  ORDER BY fs.timestamp, first.account_id
  LIMIT 1
}
WITH o, members, member_times, member_shares, source, source_time,
     [i IN range(0, size(members) - 1) WHERE members[i] <> source | member_times[i] - source_time] AS delays
CALL {
  WITH delays
  UNWIND delays AS delay
  RETURN min(delay) AS min_delay_s, percentileCont(delay, 0.5) AS median_delay_s, max(delay) AS max_delay_s
}
RETURN o.object_type AS object_type, o.object_id AS object_id, size(members) AS members,
       member_shares, source AS likely_source, source IN members AS source_in_cluster,
       toString(datetime({epochMillis: toInteger(round(source_time * 1000))})) AS first_shared,
       min_delay_s, median_delay_s, max_delay_s
ORDER BY members DESC, member_shares DESC, object_type, object_id
LIMIT $limit
