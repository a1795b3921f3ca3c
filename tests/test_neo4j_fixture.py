"""The suite's Neo4j: a missing one skips its tests locally, but fails them under CI."""

from __future__ import annotations

import pytest

from .conftest import no_neo4j


def test_without_neo4j_tests_are_skipped_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Neo4j for the tests: no java"):
        no_neo4j("no java")


def test_without_neo4j_ci_fails(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI needs a real Neo4j"):
        no_neo4j("no java")
