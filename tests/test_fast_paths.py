"""The bulk-load fast paths give exactly what the plain, fully checked paths give."""

from pathlib import Path

import networkx as nx
import pytest

from graph import load_corpus
from graph.build import build_graph, edge_attrs, node_attrs
from graph.corpus.resolve import _Resolver
from graph.corpus.synth import SynthSpec, synthesize

from .conftest import SEEDS
from .test_build import add_second_article


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = tmp_path_factory.mktemp("synth") / "seeds"
    synthesize(seeds, SynthSpec(relations=3000, seed=7), SEEDS / "schema.yaml")
    return seeds


def test_build_graph_fills_the_adjacency_as_add_edges_from_does(generated: Path, seeds_copy: Path) -> None:
    add_second_article(seeds_copy)
    for folder in (generated, seeds_copy):
        corpus = load_corpus(folder)
        cypher = {name: corpus.schema.cypher_type(name) for name in corpus.schema.relation_types}
        reference = nx.MultiDiGraph()
        reference.add_nodes_from((e.id, node_attrs(e)) for e in corpus.entities.values())
        reference.add_edges_from(
            (r.source, r.target, r.id, edge_attrs(r, cypher[r.type])) for r in corpus.relations.values()
        )
        built = build_graph(corpus)
        assert list(built.nodes(data=True)) == list(reference.nodes(data=True))
        assert list(built.edges(keys=True, data=True)) == list(reference.edges(keys=True, data=True))
        assert list(built.in_edges(keys=True)) == list(reference.in_edges(keys=True))
        for node in reference:
            assert list(built.pred[node]) == list(reference.pred[node])


def test_the_fast_path_resolves_what_the_checked_path_resolves(
    generated: Path, seeds_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_second_article(seeds_copy)
    fast = {folder: load_corpus(folder) for folder in (generated, seeds_copy)}
    taken: list[bool] = []
    original = _Resolver._fast_relation

    def counted(self, *args):
        relation = original(self, *args)
        taken.append(relation is not None)
        return relation

    monkeypatch.setattr(_Resolver, "_fast_relation", counted)
    load_corpus(generated)
    assert all(taken), "every generated relation uses ids and exact quotes: the fast path should take them all"
    taken.clear()
    load_corpus(seeds_copy)
    assert not all(taken), "the seeds refer by alias: some relations must take the checked path"

    monkeypatch.setattr(_Resolver, "_fast_relation", lambda self, *args: None)
    for folder, corpus in fast.items():
        checked = load_corpus(folder)
        assert list(checked.relations.items()) == list(corpus.relations.items())
        assert checked.entities == corpus.entities
