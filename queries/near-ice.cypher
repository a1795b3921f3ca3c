// name: near-ice
// description: Actors within two hops of ICE (U.S. Immigration and Customs Enforcement), in either direction.
MATCH (ice {id: 'ice'})-[*1..2]-(a)
WHERE a.id <> ice.id
RETURN DISTINCT a.name AS actor, a.type AS actor_type
ORDER BY actor
