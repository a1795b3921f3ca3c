// name: stance-matrix
// description: Who takes which stance (supports, opposes, aligns-with) toward whom, counting the evidence for each.
MATCH (s)-[r:SUPPORTS|OPPOSES|ALIGNS_WITH]->(t)
RETURN s.name AS source, r.type AS stance, t.name AS target, count(*) AS evidence
ORDER BY source, stance, target
