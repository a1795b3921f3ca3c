"""Atomic writes: a file system error is one OutputError naming the file (exit 4), and nothing is left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph._atomic import atomic_open, write_all, write_text
from graph.errors import ExitCode, OutputError


def test_a_path_under_a_file_is_an_output_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "graph.json"
    with pytest.raises(OutputError, match=r"graph\.json") as raised:
        write_text(target, "{}")
    assert raised.value.exit_code == ExitCode.OUTPUT
    assert isinstance(raised.value, OSError)  # callers catching OSError still do


def test_write_all_replaces_none_when_one_cannot_be_written(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    good = tmp_path / "good.txt"
    good.write_text("old")
    with pytest.raises(OutputError):
        write_all({good: "new", tmp_path / "file" / "bad.txt": "new"})
    assert good.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "good.txt"]


def test_an_error_of_the_caller_passes_unchanged(tmp_path: Path) -> None:
    with pytest.raises(KeyError), atomic_open(tmp_path / "x.txt") as f:
        f.write("half")
        raise KeyError("not an output error")
    assert list(tmp_path.iterdir()) == []
