// name: who-supports-the-ordinance
// description: Who supports the Los Angeles sanctuary ordinance, with the quote behind each stance, the documents reporting it and how many reports.
MATCH (s)-[r:SUPPORTS]->(o:Legislation {id: 'la-sanctuary-ordinance'})
RETURN s.name AS supporter, s.type AS supporter_type, r.attribution AS attribution, r.quote AS quote,
       r.documents AS documents, r.evidence_count AS evidence, r.id AS relation
ORDER BY supporter, relation
