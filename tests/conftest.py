"""Shared fixtures: the repository's seeds, a writable copy of them, a CLI runner, and one real Neo4j."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.neo4j.settings import Settings
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.neo4j_server import Neo4jInfo, docker_engine_available, harness_unavailable_reason, neo4j_for_tests

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
ARTICLE = "la-sanctuary-city-2024-11"


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed corpus."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def cli() -> Callable[..., object]:
    """Run `actorgraph ARGS…` in-process; returns the click Result (stdout and stderr apart)."""
    runner = CliRunner(env={"COLUMNS": "200"})

    def run(*args: str | Path):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in `path` with `new`."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def neo4j_unavailable_reason() -> str | None:
    """Why no Neo4j can be had for the tests (no NEO4J_URI, no Docker, no java/harness), or None."""
    if os.environ.get("NEO4J_URI") or docker_engine_available():
        return None
    return harness_unavailable_reason()


@pytest.fixture(scope="session")
def neo4j_info() -> Iterator[Neo4jInfo]:
    """The one Neo4j of the test session: NEO4J_URI (a disposable database!), else Docker, else the local harness.

    Skipped only when none is possible here; with CI=true that fails the run instead.
    """
    reason = neo4j_unavailable_reason()
    if reason is not None:
        no_neo4j(reason)
    with neo4j_for_tests() as info:
        yield info


def no_neo4j(reason: str) -> NoReturn:
    """Skip the test for want of a Neo4j, or fail it when CI=true."""
    missing("Neo4j", reason)


def missing(what: str, reason: str) -> NoReturn:
    """Skip a test whose prerequisite is absent here, or fail it when CI=true (CI must never skip silently)."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI needs a real {what} for the tests: {reason}", pytrace=False)
    pytest.skip(f"no {what} for the tests: {reason}")


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_info: Neo4jInfo) -> Settings:
    return Settings(neo4j_info.uri, neo4j_info.username, neo4j_info.password, neo4j_info.database)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings: Settings):
    from graph.neo4j.connect import connect

    driver = connect(neo4j_settings)
    yield driver
    driver.close()


@pytest.fixture(scope="session")
def browser():
    """One real headless Chromium for the session (Playwright allows one per process), shared by every test folder."""
    if not CHROMIUM.exists():
        missing("Chromium", f"no {CHROMIUM} (scripts/dev-setup.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
