"""Fixtures: the seed graph and the engines every shipped query must answer the same on."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import load_corpus
from graph.build import build_graph
from graph.engines import open_engine

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
QUERIES = ROOT / "queries"
EXPECTED = ROOT / "tests" / "expected" / "queries"

# Add "neo4j" here once its engine exists: every expectation then runs on it too.
ENGINES = ["embedded"]


@pytest.fixture(scope="session")
def seed_corpus():
    return load_corpus(SEEDS)


@pytest.fixture(scope="session", params=ENGINES)
def engine(request, seed_corpus):
    eng = open_engine(request.param, build_graph(seed_corpus), seed_corpus.schema)
    yield eng
    eng.close()
