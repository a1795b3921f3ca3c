// name: claims-by-speaker
// description: Relations that are someone's claim (a quote or statement) rather than the article's own reporting, with the documents reporting each and how many reports.
MATCH (s)-[r]->(t)
WHERE r.attributed_to IS NOT NULL
MATCH (p {id: r.attributed_to})
RETURN p.name AS speaker, r.attribution AS attribution, s.name AS source, r.type AS relation, t.name AS target,
       r.confidence AS confidence, r.documents AS documents, r.evidence_count AS evidence, r.id AS relation_id
ORDER BY speaker, relation_id
