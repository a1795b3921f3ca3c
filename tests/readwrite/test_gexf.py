"""GEXF 1.2: networkx' reader takes it, with ids, labels, kinds and typed attributes intact."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx

from graph.readwrite import gexf
from tests.readwrite.conftest import HOSTILE_CLEAN

NS = "{http://www.gexf.net/1.2draft}"


def test_networkx_reads_every_node_edge_and_attribute(tmp_path, seed_graph, schema):
    gexf.write(seed_graph, tmp_path / "g.gexf", schema)
    read = nx.read_gexf(tmp_path / "g.gexf")
    assert sorted(read.nodes) == sorted(seed_graph.nodes)
    for node, attrs in seed_graph.nodes(data=True):
        got = dict(read.nodes[node])
        assert got.pop("label") == attrs["name"]
        got.pop("viz")
        assert {k: json.loads(v) if isinstance(attrs[k], list) else v for k, v in got.items()} == attrs
    assert sorted(read.edges(keys=True)) == sorted(seed_graph.edges(keys=True))
    for u, v, key, attrs in seed_graph.edges(keys=True, data=True):
        got = dict(read.edges[u, v, key])
        assert got.pop("label") == attrs["type"]
        assert {k: json.loads(v) if isinstance(attrs[k], list) else v for k, v in got.items()} == attrs


def test_parallel_edges_carry_their_relation_type_as_kind(tmp_path, hostile_graph, rich_schema):
    gexf.write(hostile_graph, tmp_path / "h.gexf", rich_schema)
    edges = ET.parse(tmp_path / "h.gexf").getroot().iter(NS + "edge")
    kinds = {e.get("id"): e.get("kind") for e in edges}
    assert kinds["zz-parallel"] == "signs"
    assert set(kinds.values()) == {d["type"] for *_, d in hostile_graph.edges(data=True)}
    read = nx.read_gexf(tmp_path / "h.gexf")
    assert read.number_of_edges() == hostile_graph.number_of_edges()


def test_hostile_text_and_booleans_read_back(tmp_path, hostile_graph, rich_schema):
    gexf.write(hostile_graph, tmp_path / "h.gexf", rich_schema)
    read = nx.read_gexf(tmp_path / "h.gexf")
    assert read.nodes["karen-bass"]["label"] == "Karen " + HOSTILE_CLEAN
    assert read.nodes["lapd"]["description"] == HOSTILE_CLEAN
    assert read.nodes["karen-bass"]["incumbent"] is True
    assert read.nodes["donald-trump"]["incumbent"] is False


def test_nodes_are_coloured_as_the_schema_says(seed_graph, schema):
    text = gexf.dumps(seed_graph, schema)
    color = schema.entity_types["Agency"].display.color
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    lapd = text[text.index('<node id="lapd"') :]
    assert lapd[: lapd.index("</node>")].count(f'<viz:color r="{r}" g="{g}" b="{b}"/>') == 1


def test_bytes_are_the_same_every_time(seed_graph, schema):
    assert gexf.dumps(seed_graph, schema) == gexf.dumps(seed_graph.copy(), schema)
