// name: timeline
// description: Every dated relation in date order (dates are ISO text: YYYY, YYYY-MM or YYYY-MM-DD), with the documents and reports behind it and any conflict between them (differing dates, a contradiction).
MATCH (s)-[r]->(t)
WHERE r.date IS NOT NULL
RETURN r.date AS date, s.name AS source, r.type AS relation, t.name AS target, r.status AS status,
       r.evidence_dates AS reported_dates, r.documents AS documents, r.evidence_count AS evidence,
       r.conflicted AS conflicted, r.conflicts AS conflicts, r.id AS relation_id
ORDER BY date, relation_id
