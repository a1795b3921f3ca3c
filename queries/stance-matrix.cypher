// name: stance-matrix
// description: Who takes which stance (supports, opposes, aligns-with) toward whom: how many relations, how many reports of them, and the documents.
MATCH (s)-[r:SUPPORTS|OPPOSES|ALIGNS_WITH]->(t)
UNWIND r.evidence_documents AS document
WITH s, r, t, document
ORDER BY document
RETURN s.name AS source, r.type AS stance, t.name AS target, count(DISTINCT r.id) AS relations, count(*) AS evidence,
       collect(DISTINCT document) AS documents
ORDER BY source, stance, target
