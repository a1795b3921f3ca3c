// name: timeline
// description: Every dated relation in date order (dates are ISO text: YYYY, YYYY-MM or YYYY-MM-DD).
MATCH (s)-[r]->(t)
WHERE r.date IS NOT NULL
RETURN r.date AS date, s.name AS source, r.type AS relation, t.name AS target, r.status AS status, r.id AS relation_id
ORDER BY date, relation_id
