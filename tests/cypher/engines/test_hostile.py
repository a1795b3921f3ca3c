"""Hostile text in the data stays data in the embedded engine: it round-trips and runs nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import load_corpus, load_schema
from graph.build import build_graph
from graph.cypher.engines import tables as cols
from graph.cypher.engines.embedded import EmbeddedEngine
from graph.errors import EngineUnavailable
from graph.schema import Schema
from tests.support.hostile import SEEDS, hostile_seeds

PAYLOADS = [
    "x`}) DETACH DELETE n //",
    "it's \"quoted\" and 'single'",
    "line\nbreak\r\nand\ttab",
    "$name {id: 'x'}) MATCH (m) DETACH DELETE m //",
    "\\`; DROP TABLE Person; //",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_values_round_trip_as_data(tmp_path: Path, payload: str) -> None:
    corpus = load_corpus(hostile_seeds(tmp_path, payload))
    graph = build_graph(corpus)
    engine = EmbeddedEngine.in_memory(graph, corpus.schema)
    try:
        for table in cols.node_tables(corpus.schema):
            query = f"MATCH (n:{table.name}) RETURN n.id, {', '.join(f'n.`{c}`' for c in table.columns)} ORDER BY n.id"
            for node, *values in engine.run(query).rows:
                attrs = {"id": node, **graph.nodes[node]}
                assert values == [attrs.get(c) for c in table.columns]
        for table in cols.rel_tables(corpus.schema):
            query = f"MATCH ()-[r:{table.name}]->() RETURN r.id, {', '.join(f'r.`{c}`' for c in table.columns)}"
            for key, *values in engine.run(query).rows:
                (attrs,) = [a for _, _, k, a in graph.edges(keys=True, data=True) if k == key]
                assert values == [attrs.get(c) for c in table.columns]
        assert engine.run("MATCH (n) RETURN count(n)").rows == [(graph.number_of_nodes(),)]
        assert engine.run("MATCH ()-[r]->() RETURN count(r)").rows == [(graph.number_of_edges(),)]
        found = engine.run("MATCH (n) WHERE n.name = $name RETURN n.id", {"name": f"Ann {payload} Smith"})
        assert found.rows == [("ann",)]
    finally:
        engine.close()


def test_the_hostile_seeds_carry_the_payload_everywhere(tmp_path: Path) -> None:
    graph = build_graph(load_corpus(hostile_seeds(tmp_path, "PAYLOAD")))
    texts = [v for _, attrs in graph.nodes(data=True) for v in attrs.values() if isinstance(v, str)]
    texts += [v for _, _, attrs in graph.edges(data=True) for v in attrs.values() if isinstance(v, str)]
    texts += [str(d) for d in graph.graph["documents"].values()]
    # names, description, role, mention; quotes, note, string qualifiers; document metadata
    assert sum("PAYLOAD" in t for t in texts) == 14
    assert graph.nodes["ann"]["aliases"] == ["Mayor PAYLOAD Ann"]


@pytest.mark.parametrize("name", ["Agency`) DETACH DELETE n //", "Agency\n", "A'B"])
def test_the_engine_refuses_a_hostile_name_even_past_the_schema_checks(name: str) -> None:
    spec = load_schema(SEEDS / "schema.yaml").spec
    types = dict(spec.entity_types)
    types[name] = types.pop("Agency")
    schema = Schema(spec.model_copy(update={"entity_types": types}), "schema.yaml")  # never checked
    graph = build_graph(load_corpus(SEEDS))
    with pytest.raises(EngineUnavailable, match="not a plain identifier"):
        EmbeddedEngine.in_memory(graph, schema)
