"""Networks of the hand-coded DNA sample (tests/dna/sample.py), keyed by entity name, for cell-by-cell checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from graph.build import load_graph
from graph.corpus import load_corpus
from graph.network import NetworkResult, NetworkSpec, Selection, discourse_network
from tests.dna import conftest as dna

dna_file, dna_import, dna_seeds = dna.dna_file, dna.dna_import, dna.dna_seeds  # the DNA sample's fixtures

Cells = dict[tuple[str, str], float]


def named(result: NetworkResult, index: int = 0) -> tuple[list[str], list[str], Cells]:
    """Row names, column names and every non-zero cell (both triangles of a one-mode network)."""
    mx = result.slices[index].matrix
    name = {n: a["name"] for n, a in result.nodes.items()}
    cells = {(name[mx.rows[i]], name[mx.columns[j]]): w for (i, j), w in mx.cells.items()}
    return [name[r] for r in mx.rows], [name[c] for c in mx.columns], cells


def symmetric(upper: dict[tuple[str, str], float]) -> Cells:
    return {**upper, **{(b, a): w for (a, b), w in upper.items()}}


@pytest.fixture(scope="session")
def dna_network(dna_seeds: Path) -> Callable[..., NetworkResult]:
    """`dna_network(kind, qualifier, normalization, duplicates="all", **selection)`: organisations only, as DNA's
    organization x concept networks."""
    graph, schema = load_graph(dna_seeds), load_corpus(dna_seeds).schema

    def run(kind="actors", qualifier=None, normalization="none", duplicates="all", window=None, **selection):
        selection.setdefault("actor_types", frozenset({"Organization"}))
        spec = NetworkSpec(kind, qualifier, normalization, duplicates, Selection(**selection), window)
        return discourse_network(graph, schema, spec)

    return run
