"""The core fields are declared once (graph.schema CORE_*): a field added there reaches every backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import load_corpus, schema
from graph.build import build_graph
from graph.cypher.engines.embedded import EmbeddedEngine
from graph.readwrite import cyjs, gexf, graphml, neo4j_csv
from tests.conftest import SEEDS


@pytest.fixture
def widened(monkeypatch: pytest.MonkeyPatch):
    """The seeds built with two new core fields declared (one edit each) and set on every node and edge."""
    monkeypatch.setitem(schema.CORE_EDGE, "reported_on", "date")
    monkeypatch.setitem(schema.CORE_NODE, "first_seen", "integer")
    corpus = load_corpus(SEEDS)
    graph = build_graph(corpus)
    for _, attrs in graph.nodes(data=True):
        attrs["first_seen"] = 2024
    for *_, attrs in graph.edges(keys=True, data=True):
        attrs["reported_on"] = "2024-11-19"
    return graph, corpus.schema


def test_graphml_declares_and_round_trips_a_new_core_field(widened, tmp_path: Path) -> None:
    graph, declared = widened
    graphml.write(graph, tmp_path / "g.graphml", declared)
    text = (tmp_path / "g.graphml").read_text()
    assert 'attr.name="reported_on" attr.type="string"' in text
    assert 'attr.name="first_seen" attr.type="long"' in text
    back = graphml.read(tmp_path / "g.graphml", declared)
    assert {a["first_seen"] for _, a in back.nodes(data=True)} == {2024}
    assert {a["reported_on"] for *_, a in back.edges(data=True)} == {"2024-11-19"}


@pytest.mark.parametrize("writer", [gexf, cyjs])
def test_the_other_file_formats_carry_it(widened, tmp_path: Path, writer) -> None:
    graph, declared = widened
    writer.write(graph, tmp_path / "g", declared)
    text = (tmp_path / "g").read_text()
    assert "reported_on" in text and "first_seen" in text


def test_neo4j_csv_has_a_typed_column_for_it(widened, tmp_path: Path) -> None:
    graph, declared = widened
    neo4j_csv.write(graph, tmp_path / "csv", declared)
    assert "first_seen:long" in (tmp_path / "csv" / "nodes.csv").read_text().splitlines()[0]
    assert "reported_on" in (tmp_path / "csv" / "relationships.csv").read_text().splitlines()[0]


def test_the_embedded_engine_has_a_column_for_it(widened) -> None:
    graph, declared = widened
    engine = EmbeddedEngine.in_memory(graph, declared)
    try:
        assert engine.run("MATCH (n) RETURN DISTINCT n.first_seen").rows == [(2024,)]
        assert engine.run("MATCH ()-[r]->() RETURN DISTINCT r.reported_on").rows == [("2024-11-19",)]
    finally:
        engine.close()


def test_every_backend_type_map_covers_every_core_kind() -> None:
    """One type map per backend, each covering every kind the core fields use (a miss is found here, not in an
    export)."""
    from graph.cypher.engines.tables import DDL_TYPE, arrow_types
    from graph.readwrite._fields import VALUE_KINDS

    kinds = {*schema.CORE_GRAPH.values(), *schema.CORE_NODE.values(), *schema.CORE_EDGE.values()}
    assert kinds <= set(VALUE_KINDS)
    assert kinds - {"json"} <= set(DDL_TYPE) == set(arrow_types())
