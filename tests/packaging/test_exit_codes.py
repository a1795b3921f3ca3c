"""Every command exits with the documented codes, defined once in `graph.errors`."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

from graph.errors import ExitCode
from tests.conftest import REPO, SEEDS


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_codes_are_the_documented_ones() -> None:
    assert {c.name: c.value for c in ExitCode} == {
        "OK": 0,
        "INVALID_SEEDS": 1,
        "USAGE": 2,
        "CONNECTION": 3,
        "OUTPUT": 4,
    }
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code in ExitCode:
        assert re.search(rf"^\| {code.value} \| `{code.name}` \|", readme, re.M), f"README lacks exit code {code}"


def test_no_command_exits_with_a_bare_number() -> None:
    for path in (REPO / "graph").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"Exit\(\d|EXIT_\w+ = \d", text), f"{path}: use graph.errors.ExitCode"


@pytest.mark.parametrize("args", [("validate",), ("stats",), ("show", "LAPD"), ("queries",)])
def test_0_when_all_is_well(cli, args) -> None:
    assert cli(*args, "--seeds", SEEDS).exit_code == ExitCode.OK


@pytest.mark.parametrize("command", ["validate", "build", "stats", "viz", "export", "query"])
def test_1_for_invalid_seeds(cli, seeds_copy: Path, tmp_path: Path, command: str) -> None:
    annotation = seeds_copy / "annotations" / "la-sanctuary-city-2024-11.yaml"
    annotation.write_text(annotation.read_text(encoding="utf-8").replace("type: Person", "type: Jurisdictionn", 1))
    args = [command, "stance-matrix"] if command == "query" else [command]
    result = cli(*args, "--seeds", seeds_copy, *(["--out", tmp_path / "o"] if command in ("build", "viz") else []))
    assert result.exit_code == ExitCode.INVALID_SEEDS, result.output
    assert "Jurisdictionn" in result.stderr


def test_1_when_no_project_is_found(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ACTORGRAPH_SEEDS", raising=False)
    result = cli("build")
    assert result.exit_code == ExitCode.INVALID_SEEDS
    assert "actorgraph init DIR" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "--no-such-option"),
        ("query", "MATCH (a RETURN a"),
        ("query", "evidence-for"),  # a required parameter missing
        ("query", "no-such-query"),
        ("show", "Nobody At All"),
        ("export", "--format", "dot"),
        ("synth", "x", "--format", "xml"),
    ],
)
def test_2_for_a_bad_query_or_usage(cli, args) -> None:
    assert cli(*args, "--seeds", SEEDS).exit_code == ExitCode.USAGE


def test_2_when_init_is_pointed_at_a_folder_in_use(cli, tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("x", encoding="utf-8")
    result = cli("init", tmp_path)
    assert result.exit_code == ExitCode.USAGE
    assert "not an empty folder" in result.stderr


@pytest.mark.parametrize(
    "args",
    [("query", "stance-matrix", "--engine", "neo4j"), ("sync", "--seeds", SEEDS), ("pull",)],
)
def test_3_when_neo4j_cannot_be_reached(cli, args) -> None:
    result = cli(*args, "--uri", f"bolt://127.0.0.1:{closed_port()}", "--password", "x")
    assert result.exit_code == ExitCode.CONNECTION, result.output


@pytest.mark.parametrize("command", ["build", "viz", "export"])
def test_4_when_an_output_cannot_be_written(cli, tmp_path: Path, command: str) -> None:
    (tmp_path / "file").write_text("in the way", encoding="utf-8")
    blocked = tmp_path / "file" / ("out.html" if command != "build" else "out")
    result = cli(command, "--seeds", SEEDS, "--out", blocked)
    assert result.exit_code == ExitCode.OUTPUT, result.output
    assert (tmp_path / "file").read_text(encoding="utf-8") == "in the way"
