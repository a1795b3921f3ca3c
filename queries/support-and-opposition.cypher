// name: support-and-opposition
// description: Actors or laws that draw both support and opposition: how many distinct actors take each side, how many reports back each side, and the documents.
MATCH (s)-[r:SUPPORTS|OPPOSES]->(t)
UNWIND r.evidence_documents AS document
WITH s, r, t, document
ORDER BY document
WITH t, count(DISTINCT CASE WHEN r.type = 'supports' THEN s.id END) AS supporters,
     count(DISTINCT CASE WHEN r.type = 'opposes' THEN s.id END) AS opponents,
     sum(CASE WHEN r.type = 'supports' THEN 1 ELSE 0 END) AS support_evidence,
     sum(CASE WHEN r.type = 'opposes' THEN 1 ELSE 0 END) AS opposition_evidence,
     collect(DISTINCT document) AS documents
WHERE supporters > 0 AND opponents > 0
RETURN t.name AS target, t.type AS target_type, supporters, opponents, support_evidence, opposition_evidence, documents
ORDER BY target
