// name: who-opposes-the-ordinance
// description: Who opposes the Los Angeles sanctuary ordinance, with the quote behind each stance, the documents reporting it and how many reports.
MATCH (s)-[r:OPPOSES]->(o:Legislation {id: 'la-sanctuary-ordinance'})
RETURN s.name AS opponent, s.type AS opponent_type, r.attribution AS attribution, r.confidence AS confidence,
       r.quote AS quote, r.documents AS documents, r.evidence_count AS evidence, r.id AS relation
ORDER BY opponent, relation
