"""One exception tree: every actorgraph error has an exit code, and the CLI ends any of them as one line."""

from __future__ import annotations

import inspect

import pytest
from typer.testing import CliRunner

from graph import errors
from graph.cli import app
from graph.errors import ActorgraphError, ExitCode
from tests.conftest import SEEDS

ERRORS = [cls for _, cls in inspect.getmembers(errors, inspect.isclass) if issubclass(cls, ActorgraphError)]


def test_every_error_is_public_and_under_one_base() -> None:
    assert len(ERRORS) >= 15
    for cls in ERRORS:
        assert cls.__name__ in errors.__all__
        assert isinstance(cls.exit_code, ExitCode)


def test_no_exception_class_is_defined_outside_graph_errors() -> None:
    for path in (SEEDS.parent / "graph").rglob("*.py"):
        if path.name == "errors.py":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("class ") and ("Error(" in line or "Exception)" in line):
                assert line.startswith("class _"), f"{path}: {line} (public errors live in graph/errors.py)"


@pytest.mark.parametrize(
    "error",
    [
        errors.SyncError("the dataset is half-written; run sync again"),
        errors.ConnectionProblem("cannot reach bolt://x:7687"),
        errors.OutputError("disk full"),
        errors.ProjectError("no seeds/ folder here"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_an_error_a_command_lets_through_is_one_line_and_its_exit_code(monkeypatch, error) -> None:
    def raising(*args, **kwargs):
        raise error

    monkeypatch.setattr("graph.outputs.write_build", raising)
    result = CliRunner().invoke(app, ["build", "--seeds", str(SEEDS)])
    assert result.exit_code == error.exit_code
    assert not isinstance(result.exception, ActorgraphError)  # handled, not a traceback
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and str(error) in line
