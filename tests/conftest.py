"""Shared fixtures: the repository's seeds, a writable copy of them, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app

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
