// name: passage-of-laws
// description: What enacted, approved or signed which law, at what stage, and when (done or expected), with the documents reporting it, how many reports, and whether they conflict.
MATCH (s)-[r:ENACTS|APPROVES|SIGNS]->(l:Legislation)
RETURN l.name AS law, s.name AS actor, r.type AS action, r.stage AS stage, r.vote AS vote, r.date AS date,
       r.status AS status, r.takes_effect AS takes_effect, r.documents AS documents, r.evidence_count AS evidence,
       r.conflicted AS conflicted, r.id AS relation
ORDER BY law, relation
