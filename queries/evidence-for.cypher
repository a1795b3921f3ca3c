// name: evidence-for
// description: All evidence for one relation type: who, whom, the first quote and its place, who said it, and every report (documents, quotes, attributions, confidences) with their count and any conflict.
// param: type (string) — a relation type, kebab-case (supports) or as in Cypher (SUPPORTS)
MATCH (s)-[r]->(t)
WHERE r.type = $type OR r.cypher_type = $type
RETURN r.id AS relation, s.name AS source, t.name AS target, r.attribution AS attribution,
       r.attributed_to AS attributed_to, r.confidence AS confidence, r.document AS document,
       r.quote_start AS quote_start, r.quote_end AS quote_end, r.quote AS quote, r.evidence_count AS evidence,
       r.evidence_documents AS evidence_documents, r.evidence_quotes AS evidence_quotes,
       r.evidence_attributions AS evidence_attributions, r.evidence_confidences AS evidence_confidences,
       r.conflicted AS conflicted
ORDER BY relation
