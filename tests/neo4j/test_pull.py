"""`pull`: what was synced comes back as the same graph, with the same Python types."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.errors import SyncError
from graph.neo4j.reader import read_dataset as pull
from graph.neo4j.writer import write_dataset as sync
from graph.readwrite import node_link


@pytest.fixture
def synced(neo4j_driver, neo4j_settings, corpus, seed_graph, dataset):
    sync(neo4j_driver, neo4j_settings.database, seed_graph, corpus.schema, dataset)
    return seed_graph


def test_pulling_what_was_synced_gives_the_built_graph(neo4j_driver, neo4j_settings, synced, dataset):
    pulled = pull(neo4j_driver, neo4j_settings.database, dataset)
    assert nx.utils.graphs_equal(pulled, synced)
    assert node_link.dumps(pulled) == node_link.dumps(synced)


def test_pulled_attributes_keep_their_python_types(neo4j_driver, neo4j_settings, synced, dataset):
    pulled = pull(neo4j_driver, neo4j_settings.database, dataset)

    def typed(items):
        return {key: {k: (v, type(v)) for k, v in attrs.items()} for key, attrs in items}

    assert typed(pulled.nodes(data=True)) == typed(synced.nodes(data=True))
    assert typed((k, a) for *_, k, a in pulled.edges(keys=True, data=True)) == typed(
        (k, a) for *_, k, a in synced.edges(keys=True, data=True)
    )
    assert pulled.graph == synced.graph
    edge = pulled.edges["lapd", "ice", "lapd-cooperates-with-ice"]
    assert (type(edge["times_invoked"]), type(edge["confidence"])) == (int, float)
    assert type(pulled.nodes["ice"]["aliases"]) is list


def test_pull_of_an_unknown_dataset_names_the_one_there(neo4j_driver, neo4j_settings, synced, dataset):
    with pytest.raises(SyncError) as refused:
        pull(neo4j_driver, neo4j_settings.database, "nope")
    assert str(refused.value) == f"no dataset 'nope' in Neo4j database 'neo4j' (it holds dataset {dataset!r})"


def test_pull_of_an_empty_database_says_to_sync_first(neo4j_driver, neo4j_settings, fresh):
    with pytest.raises(SyncError, match=r"no dataset 'nope' in Neo4j database 'neo4j' \(it holds none; run"):
        pull(neo4j_driver, neo4j_settings.database, "nope")
