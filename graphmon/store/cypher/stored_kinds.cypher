// The object types and platforms of the stored events, sorted (told when a filter matched nothing).
CALL { MATCH (o:Object) WITH DISTINCT o.object_type AS kind ORDER BY kind RETURN collect(kind) AS object_types }
CALL { MATCH (p:Post) WHERE p.platform IS NOT NULL
       WITH DISTINCT p.platform AS platform ORDER BY platform RETURN collect(platform) AS platforms }
RETURN object_types, platforms
