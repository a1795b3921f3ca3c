"""Cytoscape.js JSON: `elements` with `data` holding ids, names, endpoints and interactions."""

from __future__ import annotations

import json

from graph.readwrite import cyjs


def test_nodes_and_edges_carry_every_attribute(tmp_path, seed_graph):
    cyjs.write(seed_graph, tmp_path / "g.cyjs")
    doc = json.loads((tmp_path / "g.cyjs").read_text(encoding="utf-8"))
    nodes = doc["elements"]["nodes"]
    assert [n["data"]["id"] for n in nodes] == sorted(seed_graph.nodes)
    for node in nodes:
        data = dict(node["data"])
        assert data.pop("id") in seed_graph
        assert data == seed_graph.nodes[node["data"]["id"]]
    edges = doc["elements"]["edges"]
    assert [e["data"]["id"] for e in edges] == sorted(k for *_, k in seed_graph.edges(keys=True))
    for edge in edges:
        data = dict(edge["data"])
        u, v, key = data.pop("source"), data.pop("target"), data["id"]
        assert data.pop("interaction") == seed_graph.edges[u, v, key]["type"]
        assert data == seed_graph.edges[u, v, key]


def test_graph_attributes_go_in_the_network_data(seed_graph):
    doc = json.loads(cyjs.dumps(seed_graph))
    assert doc["data"]["name"] == "actorgraph"
    assert json.loads(doc["data"]["documents"]) == seed_graph.graph["documents"]


def test_hostile_text_stays_valid_json(hostile_graph):
    doc = json.loads(cyjs.dumps(hostile_graph))
    bass = next(n["data"] for n in doc["elements"]["nodes"] if n["data"]["id"] == "karen-bass")
    assert bass["aliases"] == hostile_graph.nodes["karen-bass"]["aliases"]
    assert len(doc["elements"]["edges"]) == hostile_graph.number_of_edges()


def test_bytes_are_the_same_every_time(seed_graph):
    assert cyjs.dumps(seed_graph) == cyjs.dumps(seed_graph.copy())
