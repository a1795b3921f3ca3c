"""GraphML: readers take the file unchanged, and reading it back gives the built graph."""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET
from collections import Counter

import igraph
import networkx as nx
import pytest

from graph.errors import ExportError
from graph.readwrite import graphml
from tests.readwrite.conftest import HOSTILE, HOSTILE_CLEAN

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}
G = "{http://graphml.graphdrawing.org/xmlns}"
GRAPHML_TYPES = {"boolean", "int", "long", "float", "double", "string"}


def assert_same_graph(read: nx.MultiDiGraph, built: nx.MultiDiGraph) -> None:
    assert read.graph == built.graph
    assert sorted(read.nodes(data=True)) == sorted(built.nodes(data=True))
    assert sorted(read.edges(keys=True, data=True)) == sorted(built.edges(keys=True, data=True))


def read_igraph(path) -> igraph.Graph:
    with warnings.catch_warnings():  # igraph notes that the edge `id` attribute is already there
        warnings.simplefilter("ignore", RuntimeWarning)
        return igraph.Graph.Read_GraphML(str(path))


def test_networkx_reads_back_the_seed_graph(tmp_path, seed_graph, schema):
    graphml.write(seed_graph, tmp_path / "g.graphml", schema)
    assert_same_graph(graphml.read(tmp_path / "g.graphml", schema), seed_graph)


def test_networkx_reads_back_the_raw_file_with_lists_as_json(tmp_path, seed_graph, schema):
    graphml.write(seed_graph, tmp_path / "g.graphml", schema)
    raw = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True, edge_key_type=str)
    assert raw.nodes["lapd"]["aliases"] == '["LAPD"]'
    assert raw.nodes["lapd"]["label"] == "Los Angeles Police Department"
    assert raw.edges["lapd", "ice", "lapd-cooperates-with-ice"]["label"] == "cooperates-with-under-exception"


def test_hostile_text_survives_or_is_removed_and_the_file_parses(tmp_path, hostile_graph, rich_schema):
    graphml.write(hostile_graph, tmp_path / "h.graphml", rich_schema)
    ET.parse(tmp_path / "h.graphml")
    read = graphml.read(tmp_path / "h.graphml", rich_schema)
    bass = read.nodes["karen-bass"]
    assert bass["name"] == "Karen " + HOSTILE_CLEAN
    # inside JSON strings control characters survive as escapes; only U+FFFE, which JSON keeps raw, goes
    assert bass["aliases"] == [HOSTILE.replace("\ufffe", ""), "Bass"]
    assert read.nodes["lapd"]["description"] == HOSTILE_CLEAN
    assert hostile_graph.graph["documents"]["extra <doc>"]["title"] == HOSTILE
    assert read.graph["documents"]["extra <doc>"]["title"] == HOSTILE.replace("\ufffe", "")


def test_every_other_value_reads_back_exactly(tmp_path, hostile_graph, rich_schema):
    graphml.write(hostile_graph, tmp_path / "h.graphml", rich_schema)
    read = graphml.read(tmp_path / "h.graphml", rich_schema)
    for attrs in (hostile_graph.nodes["karen-bass"], hostile_graph.nodes["lapd"]):
        attrs.pop("aliases")
        attrs.update({k: v.replace(HOSTILE, HOSTILE_CLEAN) for k, v in attrs.items() if isinstance(v, str)})
    for attrs in (read.nodes["karen-bass"], read.nodes["lapd"]):
        attrs.pop("aliases")
    for *_, attrs in hostile_graph.edges(data=True):
        if attrs["quote"] == HOSTILE:
            attrs["quote"] = HOSTILE_CLEAN
    hostile_graph.graph["documents"]["extra <doc>"]["title"] = HOSTILE.replace("\ufffe", "")
    assert_same_graph(read, hostile_graph)
    assert read.nodes["karen-bass"]["incumbent"] is True
    assert read.nodes["donald-trump"]["incumbent"] is False


def test_parallel_edges_are_kept_with_their_own_ids(tmp_path, hostile_graph, rich_schema):
    graphml.write(hostile_graph, tmp_path / "h.graphml", rich_schema)
    read = graphml.read(tmp_path / "h.graphml", rich_schema)
    (u, v, _), *_ = ((u, v, k) for u, v, k in read.edges(keys=True) if k == "zz-parallel")
    assert read.number_of_edges(u, v) == 2
    assert read.edges[u, v, "zz-parallel"]["share"] == 1e-9


def test_igraph_reads_counts_labels_and_types(tmp_path, seed_graph, schema):
    graphml.write(seed_graph, tmp_path / "g.graphml", schema)
    ig = read_igraph(tmp_path / "g.graphml")
    assert (ig.vcount(), ig.ecount()) == (13, 13)
    assert ig.vs["id"] == sorted(seed_graph.nodes)
    assert ig.vs["label"] == [seed_graph.nodes[n]["name"] for n in sorted(seed_graph.nodes)]
    edges = sorted(seed_graph.edges(keys=True, data=True), key=lambda e: e[2])
    assert ig.es["id"] == [k for _, _, k, _ in edges]
    assert ig.es["label"] == [d["type"] for *_, d in edges]
    assert ig.es["confidence"] == [d["confidence"] for *_, d in edges]
    assert ig.vs.find(id="ca-sb-54")["year"] == 2017
    assert [(ig.vs[e.source]["id"], ig.vs[e.target]["id"]) for e in ig.es] == [(u, v) for u, v, _, _ in edges]
    assert ig["name"] == "actorgraph"


def test_igraph_reads_booleans_and_hostile_text(tmp_path, hostile_graph, rich_schema):
    graphml.write(hostile_graph, tmp_path / "h.graphml", rich_schema)
    ig = read_igraph(tmp_path / "h.graphml")
    assert ig.ecount() == hostile_graph.number_of_edges()
    assert ig.vs.find(id="karen-bass")["incumbent"] is True
    assert ig.vs.find(id="karen-bass")["name"] == "Karen " + HOSTILE_CLEAN


def test_every_data_key_is_declared_once_with_a_valid_type(tmp_path, hostile_graph, rich_schema):
    graphml.write(hostile_graph, tmp_path / "h.graphml", rich_schema)
    root = ET.parse(tmp_path / "h.graphml").getroot()
    keys = {k.get("id"): k for k in root.findall("g:key", NS)}
    assert all(k.get("attr.type") in GRAPHML_TYPES for k in keys.values())
    assert not [i for i in keys if re.fullmatch(r"d\d+", i)], "numbered key ids collide with Gephi's"
    names = Counter((k.get("for"), k.get("attr.name")) for k in keys.values())
    assert max(names.values()) == 1
    used = {d.get("key") for d in root.iter(G + "data")}
    assert used <= set(keys)
    assert keys["n_year"].get("attr.type") == "long"
    assert keys["e_confidence"].get("attr.type") == "double"
    assert keys["n_incumbent"].get("attr.type") == "boolean"
    assert keys["n_aliases"].get("attr.type") == "string"


def test_every_node_and_edge_has_a_label_and_edges_unique_ids(tmp_path, seed_graph, schema):
    graphml.write(seed_graph, tmp_path / "g.graphml", schema)
    root = ET.parse(tmp_path / "g.graphml").getroot()
    for element in [*root.iter(G + "node"), *root.iter(G + "edge")]:
        assert [d.text for d in element.findall("g:data", NS) if d.get("key") in ("n_label", "e_label")]
    edge_ids = [e.get("id") for e in root.iter(G + "edge")]
    assert edge_ids == sorted(k for *_, k in seed_graph.edges(keys=True))


def test_no_none_and_booleans_spelled_for_xml(hostile_graph, rich_schema):
    hostile_graph.nodes["lapd"]["role"] = None
    text = graphml.dumps(hostile_graph, rich_schema)
    assert "None" not in text
    assert '<data key="n_incumbent">true</data>' in text
    assert '<data key="n_incumbent">false</data>' in text


def test_bytes_are_the_same_every_time(tmp_path, seed_graph, schema):
    graphml.write(seed_graph, tmp_path / "a.graphml", schema)
    shuffled = nx.MultiDiGraph(**seed_graph.graph)
    shuffled.add_nodes_from(reversed(list(seed_graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(seed_graph.edges(keys=True, data=True))))
    graphml.write(shuffled, tmp_path / "b.graphml", schema)
    assert (tmp_path / "a.graphml").read_bytes() == (tmp_path / "b.graphml").read_bytes()


def test_undeclared_attribute_is_an_error_not_a_silent_drop(tmp_path, seed_graph, schema):
    seed_graph.nodes["lapd"]["budget"] = 3
    with pytest.raises(ExportError, match=r"node 'lapd': attribute 'budget' is not declared"):
        graphml.write(seed_graph, tmp_path / "g.graphml", schema)
    assert not list(tmp_path.iterdir())


def test_value_of_the_wrong_type_is_an_error(seed_graph, schema):
    seed_graph.nodes["ca-sb-54"]["year"] = "2017"
    with pytest.raises(ExportError, match=r"node 'ca-sb-54': attribute 'year': '2017' is not a long"):
        graphml.dumps(seed_graph, schema)


def test_edge_ids_must_be_unique(seed_graph, schema):
    u, v, k = next(iter(seed_graph.edges(keys=True)))
    seed_graph.add_edge(v, u, key=k, **seed_graph.edges[u, v, k])
    with pytest.raises(ExportError, match="used by two edges"):
        graphml.dumps(seed_graph, schema)


def test_without_a_schema_types_come_from_the_values(tmp_path):
    graph = nx.MultiDiGraph(name="plain")
    graph.add_node("a", tags=["x", "y"], weight=2, score=0.5, ok=True)
    graph.add_node('b "quoted" <&>\t', weight=3.5)
    graph.add_edge("a", 'b "quoted" <&>\t', key="e1", type="knows")
    graphml.write(graph, tmp_path / "p.graphml")
    text = (tmp_path / "p.graphml").read_text(encoding="utf-8")
    assert 'attr.name="weight" attr.type="double"' in text
    read = nx.read_graphml(tmp_path / "p.graphml", force_multigraph=True, edge_key_type=str)
    assert read.nodes["a"]["tags"] == '["x","y"]'
    assert read.nodes["a"]["ok"] is True
    assert read.has_edge("a", 'b "quoted" <&>\t', "e1")
