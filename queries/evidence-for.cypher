// name: evidence-for
// description: All evidence for one relation type: who, whom, the quote, its place in the document, and who said it.
// param: type (string) — a relation type, kebab-case (supports) or as in Cypher (SUPPORTS)
MATCH (s)-[r]->(t)
WHERE r.type = $type OR r.cypher_type = $type
RETURN r.id AS relation, s.name AS source, t.name AS target, r.attribution AS attribution,
       r.attributed_to AS attributed_to, r.confidence AS confidence, r.document AS document,
       r.quote_start AS quote_start, r.quote_end AS quote_end, r.quote AS quote
ORDER BY relation
