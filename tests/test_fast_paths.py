"""The bulk-load fast paths give exactly what the plain, fully checked paths give."""

from pathlib import Path

import networkx as nx
import pytest

from graph import _nx, load_corpus
from graph.build import build_graph, edge_attrs, node_attrs
from graph.corpus.resolve import _Resolver
from graph.corpus.synth import SynthSpec, synthesize
from tests.conftest import SEEDS
from tests.test_build import add_second_article


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
    original = _Resolver._fast_report

    def counted(self, *args):
        report = original(self, *args)
        taken.append(report is not None)
        return report

    monkeypatch.setattr(_Resolver, "_fast_report", counted)
    load_corpus(generated)
    assert all(taken), "every generated relation uses ids and exact quotes: the fast path should take them all"
    taken.clear()
    load_corpus(seeds_copy)
    assert not all(taken), "the seeds refer by alias: some relations must take the checked path"

    monkeypatch.setattr(_Resolver, "_fast_report", lambda self, *args: None)
    for folder, corpus in fast.items():
        checked = load_corpus(folder)
        assert list(checked.relations.items()) == list(corpus.relations.items())
        assert checked.entities == corpus.entities


@pytest.mark.parametrize("version", ["3.2.1", "3.7", "4.0", "not-a-version"])
def test_unchecked_networkx_versions_use_the_public_api(version: str) -> None:
    assert not _nx.checked(version)


def test_the_installed_networkx_is_a_checked_version() -> None:
    """If this fails, networkx was upgraded: check its MultiDiGraph internals, then widen `_nx.CHECKED`."""
    assert _nx.FAST, f"networkx {nx.__version__} is outside {_nx.CHECKED}: the build runs on the public API"


def test_the_public_api_path_builds_the_same_graph(generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = load_corpus(generated)
    fast = build_graph(corpus)
    monkeypatch.setattr(_nx, "FAST", False)
    public = build_graph(corpus)
    assert list(public.nodes(data=True)) == list(fast.nodes(data=True))
    assert list(public.edges(keys=True, data=True)) == list(fast.edges(keys=True, data=True))
    assert list(public.in_edges(keys=True)) == list(fast.in_edges(keys=True))
    assert {n: list(v) for n, v in _nx.successors(public).items()} == {n: list(v) for n, v in fast.succ.items()}
