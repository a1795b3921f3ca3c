"""Fixtures: the seed graph and the engines every shipped query must answer the same on."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import load_corpus
from graph.build import build_graph
from graph.cypher.engines import open_engine
from tests.support.neo4j_data import load_only

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
QUERIES = ROOT / "queries"
EXPECTED = ROOT / "tests" / "expected" / "queries"

# Every expectation runs on each engine. Neo4j answers from the seed graph synced as dataset "seeds",
# alone in its database (shipped queries do not filter by dataset).
ENGINES = ["embedded", "neo4j"]
SEED_DATASET = "seeds"


@pytest.fixture(scope="session")
def seed_corpus():
    return load_corpus(SEEDS)


@pytest.fixture(scope="session")
def seed_graph(seed_corpus):
    return build_graph(seed_corpus)


@pytest.fixture(scope="session")
def embedded_engine(seed_corpus, seed_graph):
    eng = open_engine("embedded", seed_graph, seed_corpus.schema)
    yield eng
    eng.close()


@pytest.fixture(scope="session")
def neo4j_engine(neo4j_settings):
    eng = open_engine("neo4j", None, None, neo4j=neo4j_settings)
    yield eng
    eng.close()


@pytest.fixture(params=ENGINES)
def engine(request, seed_corpus, seed_graph):
    """An engine answering from the seed graph (for Neo4j: re-checked before each test, as others share it)."""
    if request.param == "embedded":
        return request.getfixturevalue("embedded_engine")
    settings, driver = request.getfixturevalue("neo4j_settings"), request.getfixturevalue("neo4j_driver")
    load_only(driver, settings.database, seed_graph, seed_corpus.schema, SEED_DATASET)
    return request.getfixturevalue("neo4j_engine")
