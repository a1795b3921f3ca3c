// name: support-and-opposition
// description: Actors or laws that draw both support and opposition: how many distinct actors take each side, how many reports back each side, and the documents.
MATCH (s)-[r:SUPPORTS|OPPOSES]->(t)
WITH t, count(DISTINCT CASE WHEN r.type = 'supports' THEN s.id END) AS supporters,
     count(DISTINCT CASE WHEN r.type = 'opposes' THEN s.id END) AS opponents,
     sum(CASE WHEN r.type = 'supports' THEN r.evidence_count ELSE 0 END) AS support_evidence,
     sum(CASE WHEN r.type = 'opposes' THEN r.evidence_count ELSE 0 END) AS opposition_evidence
WHERE supporters > 0 AND opponents > 0
MATCH (t)<-[q:SUPPORTS|OPPOSES]-()
UNWIND q.evidence_documents AS document
WITH DISTINCT t, supporters, opponents, support_evidence, opposition_evidence, document
ORDER BY document
WITH t, supporters, opponents, support_evidence, opposition_evidence, collect(document) AS documents
RETURN t.name AS target, t.type AS target_type, supporters, opponents, support_evidence, opposition_evidence,
       documents
ORDER BY target
