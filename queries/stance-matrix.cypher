// name: stance-matrix
// description: Who takes which stance (supports, opposes, aligns-with) toward whom: how many relations, how many reports of them, and the documents.
MATCH (s)-[r:SUPPORTS|OPPOSES|ALIGNS_WITH]->(t)
WITH s, r.type AS stance, t, count(*) AS relations, sum(r.evidence_count) AS evidence
MATCH (s)-[q:SUPPORTS|OPPOSES|ALIGNS_WITH]->(t)
WHERE q.type = stance
UNWIND q.evidence_documents AS document
WITH DISTINCT s, stance, t, relations, evidence, document
ORDER BY document
WITH s, stance, t, relations, evidence, collect(document) AS documents
RETURN s.name AS source, stance, t.name AS target, relations, evidence, documents
ORDER BY source, stance, target
