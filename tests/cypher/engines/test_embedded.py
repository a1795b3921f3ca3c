"""The embedded ladybug engine: tables from the schema, typed values, clear errors, an on-disk cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import load_corpus, load_schema
from graph.build import build_graph
from graph.cypher.engines import open_engine
from graph.cypher.engines.base import Node, Relationship
from graph.cypher.engines.embedded import EmbeddedEngine
from graph.cypher.engines.loading import content_key
from graph.errors import EngineUnavailable, QueryError

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(SEEDS)


@pytest.fixture(scope="module")
def graph(corpus):
    return build_graph(corpus)


@pytest.fixture(scope="module")
def engine(corpus, graph):
    eng = EmbeddedEngine.in_memory(graph, corpus.schema)
    yield eng
    eng.close()


def test_every_node_is_in_the_table_of_its_entity_type(engine, graph, corpus):
    for etype in corpus.schema.entity_types:
        rows = engine.run(f"MATCH (n:{etype}) RETURN n.id, n.type ORDER BY n.id").rows
        expected = sorted(n for n, t in graph.nodes(data="type") if t == etype)
        assert rows == [(n, etype) for n in expected]


def test_every_relation_is_in_the_table_of_its_cypher_type(engine, graph, corpus):
    for rtype in corpus.schema.relation_types:
        ctype = corpus.schema.cypher_type(rtype)
        rows = engine.run(f"MATCH (a)-[r:{ctype}]->(b) RETURN a.id, r.id, b.id, r.type, r.cypher_type ORDER BY r.id")
        expected = sorted((k, u, v) for u, v, k, t in graph.edges(keys=True, data="type") if t == rtype)
        assert rows.rows == [(u, k, v, rtype, ctype) for k, u, v in expected]


def _used_pairs(graph, cypher_type: str) -> set[tuple[str, str]]:
    types = dict(graph.nodes(data="type"))
    return {(types[u], types[v]) for u, v, t in graph.edges(data="cypher_type") if t == cypher_type}


def test_relation_tables_hold_the_endpoint_pairs_the_graph_uses(engine, graph):
    """A broad schema allows hundreds of pairs; each is a table ladybug opens, so only used ones are made."""
    result = engine.run("CALL show_connection('SUPPORTS') RETURN *")
    assert {(row[0], row[1]) for row in result.rows} == _used_pairs(graph, "SUPPORTS")


def test_a_pattern_over_an_allowed_pair_the_graph_lacks_matches_nothing_as_on_neo4j(engine, corpus, graph):
    unused = [p for p in corpus.schema.endpoint_pairs("supports") if p not in _used_pairs(graph, "SUPPORTS")]
    assert unused
    for source, target in unused[:5]:
        rows = engine.run(f"MATCH (a:{source})-[r:SUPPORTS]->(b:{target}) RETURN count(r)").rows
        assert rows == [(0,)]


def test_values_keep_their_schema_types(engine):
    (row,) = engine.run(
        "MATCH (l:Legislation {id: 'ca-sb-54'}) RETURN l.year, l.aliases, l.quote_start, l.description"
    ).rows
    assert row[0] == 2017
    assert row[1] == ["SB 54", "California Values Act", "California Values Act of 2017"]
    assert isinstance(row[2], int)
    assert row[3] is None
    (row,) = engine.run("MATCH ()-[r:COOPERATES_WITH_UNDER_EXCEPTION]->() RETURN r.times_invoked, r.confidence").rows
    assert row == (2, 1.0)


def test_absent_qualifier_reads_as_null_across_relation_tables(engine):
    rows = engine.run("MATCH ()-[r]->() WHERE r.date IS NOT NULL RETURN r.id, r.date ORDER BY r.id").rows
    assert rows == [("california-enacts-sb-54", "2017"), ("council-approves-ordinance", "2024-11-19")]


def test_integer_sums_come_back_as_int(engine):
    assert engine.run("MATCH (l:Legislation) RETURN sum(l.year) AS s").rows == [(2017,)]


def test_syntax_error_gives_the_position(engine):
    with pytest.raises(QueryError, match=r"syntax error: .*line: 1, offset: 16") as err:
        engine.run("MATCH (a:Agency RETURN a.name")
    assert "^" in str(err.value)


def test_unknown_property_is_named(engine):
    with pytest.raises(QueryError, match="Cannot find property nope"):
        engine.run("MATCH (a) RETURN a.nope")


def test_whole_nodes_and_relationships_come_back_as_engine_neutral_values(engine, graph):
    [(node,)] = engine.run("MATCH (a:Agency {id: 'ice'}) RETURN a").rows
    assert node == Node(
        "ice", ("Agency",), {"id": "ice", **{k: v for k, v in graph.nodes["ice"].items() if v is not None}}
    )
    [(rel, source, target)] = engine.run("MATCH (s)-[r]->(t) RETURN r, s.id, t.id ORDER BY r.id LIMIT 1").rows
    assert isinstance(rel, Relationship) and (rel.start, rel.end) == (source, target)


def test_paths_are_refused(engine):
    with pytest.raises(QueryError, match=r"whole node.*return its properties"):
        engine.run("MATCH p = (a:Agency)-->() RETURN p")


def test_cached_database_is_reused_while_the_graph_is_unchanged(tmp_path, corpus, graph):
    first = EmbeddedEngine.cached(graph, corpus.schema, tmp_path)
    first.close()
    (path,) = tmp_path.glob("ladybug-*.lbug")
    assert path.name == f"ladybug-{content_key(graph, corpus.schema)}.lbug"
    stamp = path.stat().st_mtime_ns
    again = EmbeddedEngine.cached(graph, corpus.schema, tmp_path)
    assert again.run("MATCH (n) RETURN count(n) AS n").rows == [(graph.number_of_nodes(),)]
    again.close()
    assert path.stat().st_mtime_ns == stamp


def test_changed_graph_gets_a_new_cache_and_the_old_one_goes(tmp_path, corpus, graph):
    EmbeddedEngine.cached(graph, corpus.schema, tmp_path).close()
    changed = graph.copy()
    changed.nodes["lapd"]["name"] = "LAPD (renamed)"
    assert content_key(changed, corpus.schema) != content_key(graph, corpus.schema)
    eng = EmbeddedEngine.cached(changed, corpus.schema, tmp_path)
    assert eng.run("MATCH (a {id: 'lapd'}) RETURN a.name").rows == [("LAPD (renamed)",)]
    eng.close()
    assert [p.name for p in tmp_path.iterdir()] == [f"ladybug-{content_key(changed, corpus.schema)}.lbug"]


def test_cached_database_is_read_only(tmp_path, corpus, graph):
    eng = EmbeddedEngine.cached(graph, corpus.schema, tmp_path)
    with pytest.raises(QueryError, match="read-only"):
        eng.run("CREATE (:Agency {id: 'x'})")
    eng.close()


def test_names_differing_only_in_case_are_refused(tmp_path, graph):
    text = (SEEDS / "schema.yaml").read_text(encoding="utf-8")
    (tmp_path / "schema.yaml").write_text(text.replace("  Agency:", "  Agency:\n    description: x\n  Signs:", 1))
    schema = load_schema(tmp_path / "schema.yaml")
    with pytest.raises(EngineUnavailable, match=r"'Signs' and 'SIGNS'.*ignore case"):
        EmbeddedEngine.in_memory(graph, schema)


def test_an_unknown_engine_is_named(corpus, graph):
    with pytest.raises(EngineUnavailable, match="unknown engine 'sqlite'; choose one of: embedded, neo4j"):
        open_engine("sqlite", graph, corpus.schema)
