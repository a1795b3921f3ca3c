"""Real-part prerequisites (Neo4j, Chromium): a missing one skips its tests locally, but fails them under CI."""

from __future__ import annotations

import pytest

from tests.conftest import missing, no_neo4j


def test_without_neo4j_tests_are_skipped_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Neo4j for the tests: no java"):
        no_neo4j("no java")


def test_without_neo4j_ci_fails(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI needs a real Neo4j"):
        no_neo4j("no java")


def test_without_chromium_ci_fails(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI needs a real Chromium for the tests: no /usr/bin/chromium"):
        missing("Chromium", "no /usr/bin/chromium")


def test_without_chromium_tests_are_skipped_outside_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium for the tests"):
        missing("Chromium", "no /usr/bin/chromium")
