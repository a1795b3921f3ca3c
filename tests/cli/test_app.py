"""The command line: a thin, documented layer over the library."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli import app
from tests.conftest import REPO, SEEDS


def test_build_writes_node_link_json_and_prints_a_summary(cli, tmp_path: Path) -> None:
    result = cli("build", "--seeds", SEEDS, "--out", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "Built 13 actors and 13 relations from 1 document" in result.stdout
    data = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 13 and len(data["edges"]) == 13
    assert [n["id"] for n in data["nodes"]] == sorted(n["id"] for n in data["nodes"])


def test_show_finds_an_actor_by_alias_and_prints_its_evidence(cli) -> None:
    result = cli("show", "lapd")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "Los Angeles Police Department" in flat
    assert "cooperates-with-under-exception →" in flat
    assert "violent felonies" in flat


def test_show_names_an_attributed_claim(cli) -> None:
    flat = " ".join(cli("show", "Donald Trump").stdout.split())
    assert "quote by Bob Blumenfield" in flat
    assert "confidence 0.6" in flat


def test_show_suggests_a_close_name_for_an_unknown_actor(cli) -> None:
    result = cli("show", "LAPDD")
    assert result.exit_code == 2  # an unknown name is a usage error (ExitCode.USAGE)
    assert "did you mean 'LAPD'?" in result.stderr


def test_stats_counts_by_type(cli) -> None:
    result = cli("stats")
    assert result.exit_code == 0
    assert "13 actors and 13 relations from 1 document" in result.stdout
    assert "cooperates-with-under-exception" in result.stdout


def test_missing_seeds_folder_is_a_clear_error(cli, tmp_path: Path) -> None:
    result = cli("validate", "--seeds", tmp_path / "nope")
    assert result.exit_code == 1
    assert "seeds folder not found" in result.stderr


@pytest.mark.parametrize("command", [c.name or c.callback.__name__ for c in app.registered_commands])
def test_every_command_help_has_an_example(cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert re.search(rf"Examples?: actorgraph {command}\b", result.stdout), result.stdout


def test_python_dash_m_graph_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "graph", "validate"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 13 actors")


@pytest.mark.parametrize("command", [("build", "--out", "{file}"), ("viz", "--out", "{file}/graph.html")])
def test_an_output_path_through_a_regular_file_is_one_line_and_exit_4(cli, tmp_path: Path, command) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    args = [a.replace("{file}", str(blocker)) for a in command]
    result = cli(*args, "--seeds", SEEDS)
    assert result.exit_code == 4  # ExitCode.OUTPUT
    assert isinstance(result.exception, SystemExit)  # typer.Exit(4), not an escaped OSError
    assert "nothing was written" in result.stderr and "File exists" in result.stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"
