"""Tests for the local Neo4j harness: it really starts, enforces auth, stores data and survives restarts."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from tests.conftest import no_neo4j
from tests.support.neo4j_server import (
    LocalNeo4jServer,
    Neo4jInfo,
    docker_engine_available,
    harness_unavailable_reason,
    local_neo4j,
    neo4j_for_tests,
)


@pytest.fixture
def needs_harness() -> None:
    """Skip without java/mvn; under CI=true fail instead (CI must run these for real)."""
    reason = harness_unavailable_reason()
    if reason is not None:
        no_neo4j(f"local Neo4j harness: {reason}")


def _driver(info: Neo4jInfo, password: str | None = None) -> neo4j.Driver:
    return neo4j.GraphDatabase.driver(info.uri, auth=(info.username, password or info.password), connection_timeout=10)


def _count_marks(info: Neo4jInfo, tag: str) -> int:
    with _driver(info) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (m:HarnessMark {tag: $tag}) RETURN count(m) AS n", tag=tag, database_=info.database
        )
    return int(records[0]["n"])


def _write_mark(info: Neo4jInfo, tag: str) -> None:
    with _driver(info) as driver:
        driver.execute_query("CREATE (:HarnessMark {tag: $tag})", tag=tag, database_=info.database)


@pytest.fixture(scope="session")
def harness_server() -> Iterator[LocalNeo4jServer]:
    """One harness server shared by this module's read/write tests."""
    with local_neo4j() as server:
        yield server


@pytest.mark.usefixtures("needs_harness")
def test_return_one(harness_server: LocalNeo4jServer) -> None:
    info = harness_server.info
    with _driver(info) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one", database_=info.database)
        assert records[0]["one"] == 1
        assert driver.get_server_info().agent.startswith("Neo4j/5.26.")


@pytest.mark.usefixtures("needs_harness")
def test_wrong_password_is_refused_quickly(harness_server: LocalNeo4jServer) -> None:
    started = time.monotonic()
    with pytest.raises(neo4j.exceptions.AuthError), _driver(harness_server.info, password="not-the-password") as driver:
        driver.verify_connectivity()
    assert time.monotonic() - started < 5


@pytest.mark.usefixtures("needs_harness")
def test_write_then_read(harness_server: LocalNeo4jServer) -> None:
    _write_mark(harness_server.info, "write-read")
    assert _count_marks(harness_server.info, "write-read") == 1


@pytest.mark.usefixtures("needs_harness")
def test_committed_data_survives_kill_and_restart(tmp_path: Path) -> None:
    with local_neo4j(data_dir=tmp_path / "neo4j-data") as server:
        _write_mark(server.info, "durable")
        server.kill()
        assert not server.is_running
        server.start()
        assert _count_marks(server.info, "durable") == 1


def test_docker_probe_is_fast_and_boolean() -> None:
    started = time.monotonic()
    assert isinstance(docker_engine_available(timeout=1.0), bool)
    assert time.monotonic() - started < 5


def test_neo4j_uri_from_environment_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://db.example:7687")
    monkeypatch.setenv("NEO4J_USERNAME", "alice")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret")
    monkeypatch.setenv("NEO4J_DATABASE", "actors")
    with neo4j_for_tests() as info:
        assert info == Neo4jInfo("bolt://db.example:7687", "alice", "s3cret", "actors")
