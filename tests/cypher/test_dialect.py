"""The portable-dialect checker: what it accepts, what it rejects, and the portable form it names."""

from __future__ import annotations

import pytest

from graph.cypher import dialect

PORTABLE = [
    "MATCH (a:Agency) RETURN a.name ORDER BY a.name",
    "MATCH (a)-[r:SUPPORTS|OPPOSES]->(b) RETURN a.id, r.type, count(r) AS n",
    "MATCH (a {id: 'ice'})-[*1..2]-(b) WHERE b.id <> a.id RETURN DISTINCT b.name",
    "MATCH (a) WHERE a.name = 'labels(x) type(r)' RETURN a.id // substring(x) in a comment",
    "/* RETURN n */ MATCH (n) RETURN count(n) AS n",
    "WITH toLower($name) AS w MATCH (a) WHERE any(x IN a.aliases WHERE toLower(x) = w) RETURN a.id",
    "MATCH (a) WITH a, size(a.aliases) AS n RETURN a.id, n",
    "RETURN [1, 2] AS l",
    "MATCH (a) WHERE EXISTS { MATCH (a)-[:SUPPORTS]->() } RETURN a.id;",
]

NOT_PORTABLE = [
    ("MATCH (n) RETURN labels(n)", "labels()", "n.type"),
    ("MATCH (a)-[r]->(b) RETURN type(r)", "type()", "r.type"),
    ("MATCH (a:Person:Agency) RETURN a.id", "multi-label pattern", "n.type"),
    ("MATCH (a:Person|Agency) RETURN a.id", "multi-label pattern", "n.type"),
    ("MATCH (a) RETURN [x IN a.aliases WHERE x <> '' | x]", "list comprehension", "any()"),
    ("MATCH (a) RETURN [(a)-->(b) | b.id]", "pattern comprehension", "OPTIONAL MATCH"),
    ("MATCH (a) RETURN a.aliases[0]", "list indexing", "from 1"),
    ("MATCH (a) RETURN substring(a.name, 0, 3)", "substring()", "left()"),
    ("MATCH (a), (b) RETURN shortestPath((a)-[*1..3]-(b))", "shortestPath()", "bounded"),
    ("MATCH (a)-[*]-(b) RETURN DISTINCT b.id", "unbounded or long variable-length pattern", "[*1..2]"),
    ("MATCH (a)-[*1..9]-(b) RETURN DISTINCT b.id", "unbounded or long variable-length pattern", "at most 3"),
    ("MATCH (a)-[*1..2]-(b) RETURN b.id", "variable-length pattern without DISTINCT", "DISTINCT"),
    ("MATCH (a) RETURN a", "returning whole 'a'", "n.name"),
    ("MATCH (a)-[r]->(b) RETURN r AS rel", "returning whole 'r'", "scalar"),
    ("MATCH p = (a)-->(b) RETURN p", "returning whole 'p'", "scalar"),
    ("MATCH (a) RETURN collect(a) AS all", "returning whole 'a'", "scalar"),
    ("MATCH (a)-->(b) RETURN *", "RETURN *", "name the properties"),
    ("MATCH (a) WHERE exists(a.year) RETURN a.id", "exists()", "IS NOT NULL"),
    ("CREATE (:Person {id: 'x'})", "CREATE", "read-only"),
    ("CALL db.labels()", "CALL", "MATCH"),
    ("MATCH (a) WHERE any(x IN a.aliases WHERE x = $name) RETURN a.id", "parameter $name inside", "WITH $name"),
    ("RETURN 1; RETURN 2", "several statements", "one query"),
    ("MATCH (a) RETURN toString(a.year)", "toString()", "render"),
    ("MATCH (a) RETURN head(a.aliases)", "head()", "portable functions are"),
]


@pytest.mark.parametrize("query", PORTABLE)
def test_accepts_portable_query(query):
    assert dialect.check(query) == []


@pytest.mark.parametrize(("query", "construct", "hint"), NOT_PORTABLE)
def test_rejects_construct_naming_it_and_its_portable_form(query, construct, hint):
    found = dialect.check(query)
    assert any(v.construct.startswith(construct) for v in found), [v.construct for v in found]
    described = next(v for v in found if v.construct.startswith(construct)).describe(query)
    assert hint in described


def test_violation_gives_line_and_column():
    query = "MATCH (a)\nRETURN labels(a)"
    (violation,) = dialect.check(query)
    assert violation.where(query) == "line 2, column 8"


def test_parameters_ignore_strings_and_comments():
    query = "MATCH (a) WHERE a.id = $id AND a.name <> '$not' // $nor\nRETURN a.id, $id AS again"
    assert dialect.parameters(query) == ["id"]
