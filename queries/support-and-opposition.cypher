// name: support-and-opposition
// description: Actors or laws that draw both support and opposition, with how many distinct actors take each side.
MATCH (s)-[:SUPPORTS]->(t)<-[:OPPOSES]-(o)
RETURN t.name AS target, t.type AS target_type, count(DISTINCT s.id) AS supporters, count(DISTINCT o.id) AS opponents
ORDER BY target
