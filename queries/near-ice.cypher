// name: near-ice
// description: Actors within two hops of ICE (U.S. Immigration and Customs Enforcement), in either direction, with the documents that name each.
MATCH (ice {id: 'ice'})-[*1..2]-(a)
WHERE a.id <> ice.id
RETURN DISTINCT a.name AS actor, a.type AS actor_type, a.documents AS documents
ORDER BY actor
