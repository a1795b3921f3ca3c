// name: who-supports-the-ordinance
// description: Who supports the Los Angeles sanctuary ordinance, with the quote behind each stance.
MATCH (s)-[r:SUPPORTS]->(o:Legislation {id: 'la-sanctuary-ordinance'})
RETURN s.name AS supporter, s.type AS supporter_type, r.attribution AS attribution, r.quote AS quote, r.id AS relation
ORDER BY supporter, relation
