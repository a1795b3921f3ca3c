"""A three-document corpus (tests/support/story.py), every report on its relations, round-trips through Neo4j."""

from __future__ import annotations

import networkx as nx

from graph import load_corpus
from graph.build import build_graph
from graph.neo4j.reader import read_dataset as pull
from graph.neo4j.writer import write_dataset as sync
from graph.readwrite import node_link
from tests.support.story import write_story


def test_a_three_document_corpus_round_trips(neo4j_driver, neo4j_settings, dataset, tmp_path):
    corpus = load_corpus(write_story(tmp_path))
    graph = build_graph(corpus)
    sync(neo4j_driver, neo4j_settings.database, graph, corpus.schema, dataset)
    pulled = pull(neo4j_driver, neo4j_settings.database, dataset)
    assert nx.utils.graphs_equal(pulled, graph)
    assert node_link.dumps(pulled) == node_link.dumps(graph)
    edge = pulled.edges["la-city-council", "la-sanctuary-ordinance", "council-approves-ordinance"]
    assert edge["evidence_count"] == 3 and edge["conflicted"] is True
    assert all(type(s) is int for s in edge["evidence_starts"])
    assert all(type(c) is float for c in edge["evidence_confidences"])
