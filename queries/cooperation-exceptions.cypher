// name: cooperation-exceptions
// description: Who may cooperate with whom only under an exception (LAPD and ICE), how often it was used, the quote, and the documents reporting it.
MATCH (a)-[r:COOPERATES_WITH_UNDER_EXCEPTION]->(b)
RETURN a.name AS actor, b.name AS partner, r.exception AS exception, r.times_invoked AS times_invoked,
       r.invoked_since AS invoked_since, r.quote AS quote, r.documents AS documents, r.evidence_count AS evidence
ORDER BY actor, partner
