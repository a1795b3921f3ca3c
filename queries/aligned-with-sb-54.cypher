// name: aligned-with-sb-54
// description: Everything aligned with California SB 54, directly or through a chain of up to three alignments.
MATCH (a)-[:ALIGNS_WITH*1..3]->(sb:Legislation {id: 'ca-sb-54'})
RETURN DISTINCT a.name AS actor, a.type AS actor_type,
       EXISTS { MATCH (a)-[:ALIGNS_WITH]->(sb) } AS direct
ORDER BY actor
