// name: aligned-with-sb-54
// description: Everything aligned with California SB 54, directly or through a chain of up to three alignments; for a direct alignment, the documents reporting it and how many reports.
MATCH (a)-[:ALIGNS_WITH*1..3]->(sb:Legislation {id: 'ca-sb-54'})
WITH DISTINCT a, sb
OPTIONAL MATCH (a)-[d:ALIGNS_WITH]->(sb)
RETURN a.name AS actor, a.type AS actor_type, d IS NOT NULL AS direct, d.documents AS documents,
       coalesce(d.evidence_count, 0) AS evidence
ORDER BY actor
