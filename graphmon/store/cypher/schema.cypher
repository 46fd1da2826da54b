// Constraints and indexes, created before any write (each statement is idempotent).
// The uniqueness constraints give MERGE the index it seeks on and keep every key unique.
CREATE CONSTRAINT graphmon_account_id IF NOT EXISTS
FOR (a:Account) REQUIRE a.account_id IS UNIQUE;
CREATE CONSTRAINT graphmon_post_key IF NOT EXISTS
FOR (p:Post) REQUIRE (p.account_id, p.content_id) IS UNIQUE;
CREATE CONSTRAINT graphmon_object_key IF NOT EXISTS
FOR (o:Object) REQUIRE (o.object_type, o.object_id) IS UNIQUE;
CREATE CONSTRAINT graphmon_run_id IF NOT EXISTS
FOR (r:Run) REQUIRE r.run_id IS UNIQUE;
CREATE CONSTRAINT graphmon_cluster_key IF NOT EXISTS
FOR (c:Cluster) REQUIRE (c.run_id, c.cluster_id) IS UNIQUE;
CREATE INDEX graphmon_coordinated_run IF NOT EXISTS
FOR ()-[e:COORDINATED_WITH]-() ON (e.run_id);
CREATE INDEX graphmon_member_run IF NOT EXISTS
FOR ()-[m:MEMBER_OF]-() ON (m.run_id);
CREATE INDEX graphmon_cluster_size IF NOT EXISTS
FOR (c:Cluster) ON (c.size);
