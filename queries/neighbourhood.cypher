// name: neighbourhood
// description: Every relation of one actor, found by id, name or alias (any case), with the evidence: first quote, documents and how many reports.
// param: name (string) — the actor's id, name or alias, e.g. LAPD or "Karen Bass"
WITH toLower($name) AS wanted
MATCH (a)
WHERE toLower(a.id) = wanted OR toLower(a.name) = wanted OR any(alias IN a.aliases WHERE toLower(alias) = wanted)
WITH a
MATCH (s)-[r]->(t)
WHERE s.id = a.id OR t.id = a.id
RETURN a.name AS actor, s.name AS source, r.type AS relation, t.name AS target, r.quote AS quote,
       r.documents AS documents, r.evidence_count AS evidence, r.id AS relation_id
ORDER BY relation_id
