"""The embedded engine answers as a synced Neo4j would: names, labels, whole values, warnings, refusals."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.cypher.engines import base
from graph.cypher.run import run_query
from graph.errors import Refused
from tests.cypher.conftest import QUERIES, SEEDS


def rows(engine, query, **params):
    return run_query(engine, query, params).rows


def test_labels_and_type_are_the_entity_type_and_the_cypher_type(embedded_engine):
    assert rows(embedded_engine, "MATCH (n {id: 'ice'}) RETURN labels(n)") == [(["Agency"],)]
    types = {t for (t,) in rows(embedded_engine, "MATCH ()-[r]->() RETURN DISTINCT type(r)")}
    assert "SUPPORTS" in types and all(t.isupper() for t in types)


def test_a_node_with_two_labels_means_both(embedded_engine):
    assert rows(embedded_engine, "MATCH (n:Agency:Person) RETURN count(*)") == [(0,)]
    assert rows(embedded_engine, "MATCH (n:Agency:Agency) RETURN count(*)") == rows(
        embedded_engine, "MATCH (n:Agency) RETURN count(*)"
    )


def test_whole_nodes_and_relationships_are_engine_neutral_values_without_nulls(embedded_engine):
    [(node,)] = rows(embedded_engine, "MATCH (n {id: 'ice'}) RETURN n")
    assert isinstance(node, base.Node) and node.id == "ice" and node.labels == ("Agency",)
    assert None not in node.properties.values() and not any(k.startswith("_") for k in node.properties)
    [(rel, start)] = rows(embedded_engine, "MATCH (s)-[r]->() RETURN r, s.id ORDER BY r.id LIMIT 1")
    assert isinstance(rel, base.Relationship) and rel.start == start and rel.type.isupper()
    assert None not in rel.properties.values()


def test_unaliased_columns_are_named_by_their_text(embedded_engine):
    result = run_query(embedded_engine, "MATCH (n:Agency) RETURN n.id, count( * ), n {.id} ORDER BY n.id", {})
    assert result.columns == ["n.id", "count( * )", "n"]


def test_order_and_limit_in_with_hold_before_a_later_aggregate(embedded_engine):
    query = "MATCH (n:Agency) WITH n ORDER BY n.id DESC LIMIT 2 RETURN collect(n.id)"
    every = sorted(i for (i,) in rows(embedded_engine, "MATCH (n:Agency) RETURN n.id"))
    assert rows(embedded_engine, query) == [(every[::-1][:2],)]


def test_null_propagates_and_indexes_count_from_zero(embedded_engine):
    assert rows(embedded_engine, "RETURN null + '!'") == [(None,)]
    assert rows(embedded_engine, "RETURN [1, 2, 3][0], [1, 2, 3][-1], [1, 2, 3][5], substring('hello', 1, 3)") == [
        (1, 3, None, "ell")
    ]


def test_one_relationship_is_never_used_twice_in_a_match(embedded_engine):
    found = rows(embedded_engine, "MATCH (x {id: 'ice'})-->()<--(a) RETURN DISTINCT a.id")
    assert ("ice",) not in found


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("MATCH p = (a)-->(b) RETURN length(p)", "line 1:7: a path variable"),
        ("MATCH (a)-[*]->(b) RETURN DISTINCT b.id", "unbounded variable-length"),
        ("MATCH (a)-[r*1..2]->(b) RETURN DISTINCT b.id", "named variable-length"),
        ("MATCH (n) RETURN keys(n)", "the function keys()"),
        ("MATCH (n) RETURN [(n)-->(m) | m.id]", "pattern comprehension"),
        ("MATCH (n) RETURN n.name =~ 'L.*'", "=~"),
        ("MATCH (n) RETURN n.aliases[1..2]", "list slice"),
        ("MATCH (n) WHERE any(x IN n.aliases WHERE x = $v) RETURN n.id", "WITH $v AS value"),
    ],
)
def test_what_cannot_be_made_equal_is_refused_with_a_supported_form(embedded_engine, query, named):
    with pytest.raises(Refused) as refused:
        run_query(embedded_engine, query, {"v": "x"} if "$v" in query else {})
    assert named in str(refused.value)
    assert "--engine neo4j" in str(refused.value) or "e.g." in str(refused.value) or "WITH" in str(refused.value)


def test_unknown_label_type_and_property_are_one_warning_each_on_stderr():
    result = CliRunner().invoke(
        app,
        [
            "query",
            "MATCH (n:Agnecy)-[:SUPORTS]->(m {nmae: 'x'}) RETURN n.nmae, m.nmae",
            "--seeds",
            str(SEEDS),
            "--queries",
            str(QUERIES),
        ],
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert lines == [
        "warning: the schema has no label 'Agnecy': it matches nothing",
        "warning: the schema has no relationship type 'SUPORTS': it matches nothing",
        "warning: the schema has no property 'nmae': it matches nothing",
    ]
