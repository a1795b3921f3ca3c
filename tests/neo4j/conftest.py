"""Fixtures for Neo4j tests: a cleared database and a dataset name of one's own, and the CLI pointed at the server.

A database holds one dataset, and the community edition has one database: a test that syncs clears it first
(and after, so that what it leaves, an incomplete dataset say, never reaches another test).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from graph import load_corpus
from graph.build import build_graph
from graph.cli import app
from graph.neo4j.settings import Settings
from tests.conftest import SEEDS
from tests.support.neo4j_data import clear_database

_names = itertools.count(1)


@pytest.fixture
def fresh(neo4j_driver, neo4j_settings) -> None:
    """The test database emptied of nodes, relationships and actorgraph constraints, before the test and after."""
    clear_database(neo4j_driver, neo4j_settings.database)
    yield
    clear_database(neo4j_driver, neo4j_settings.database)


@pytest.fixture
def dataset(request, fresh) -> str:
    """A dataset name used by this test only, in a database cleared before and after the test."""
    return f"t{next(_names)}-{request.node.name}"[:90].replace("[", "-").replace("]", "")


@pytest.fixture(scope="session")
def corpus():
    return load_corpus(SEEDS)


@pytest.fixture
def seed_graph(corpus):
    """A fresh copy of the seed graph (tests may change it)."""
    return build_graph(corpus)


def env_of(settings: Settings) -> dict[str, str]:
    return {
        "NEO4J_URI": settings.uri,
        "NEO4J_USERNAME": settings.username,
        "NEO4J_PASSWORD": settings.password or "",
        "NEO4J_DATABASE": settings.database,
        "COLUMNS": "200",
    }


@pytest.fixture
def neo4j_cli(neo4j_settings) -> Callable[..., object]:
    """Run `actorgraph ARGS…` with NEO4J_* set to the test server; `env=` overrides some of them."""

    def run(*args: object, env: dict[str, str] | None = None):
        runner = CliRunner(env={**env_of(neo4j_settings), **(env or {})})
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run
