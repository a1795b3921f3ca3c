"""Every shipped query answers the seed graph with the rows checked by hand against the article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cypherast import ast as a

from graph.cypher import allow
from graph.cypher.library import list_queries
from graph.cypher.parse import parse, walk
from graph.cypher.run import run_query
from tests.cypher.conftest import EXPECTED, QUERIES

SHIPPED = list_queries(QUERIES)


def test_at_least_ten_queries_ship_each_with_expected_rows():
    assert len(SHIPPED) >= 10
    assert sorted(q.name for q in SHIPPED) == sorted(p.stem for p in EXPECTED.glob("*.json"))


@pytest.mark.parametrize("query", SHIPPED, ids=lambda q: q.name)
def test_query_answers_expected_rows(engine, query):
    expected = json.loads((EXPECTED / f"{query.name}.json").read_text(encoding="utf-8"))
    result = run_query(engine, query.text, expected["params"])
    assert result.columns == expected["columns"]
    assert [list(row) for row in result.rows] == expected["rows"]


@pytest.mark.parametrize("query", SHIPPED, ids=lambda q: q.name)
def test_query_passes_the_gate_on_both_engines(query):
    for engine in ("embedded", "neo4j"):
        allow.check(parse(query.text).tree, engine)


@pytest.mark.parametrize("query", SHIPPED, ids=lambda q: q.name)
def test_query_header_names_file_and_declares_every_parameter(query):
    assert query.name == Path(query.path).stem
    assert query.description
    assert sorted(p.name for p in query.params) == sorted(parse(query.text).parameters)


@pytest.mark.parametrize("query", SHIPPED, ids=lambda q: q.name)
def test_query_orders_its_rows(query):
    final = parse(query.text).tree.this.clauses[-1]
    assert isinstance(final, a.Return) and final.order, "rows must come in a deterministic order"
    assert all(not isinstance(n, a.Star) or n.parent is not final for n in walk(final))
