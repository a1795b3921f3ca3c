"""No string from data or a file name drives the terminal: controls and bidi controls show as visible escapes.

Checked on `inert` itself, through the CLI (typer's runner), and through a real pseudo-terminal, which is what a
user's terminal receives.
"""

from __future__ import annotations

import io
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from graph._terminal import inert, markup
from graph.cli import app
from tests.conftest import REPO
from tests.support.hostile import hostile_seeds

CLEAR = "\x1b[2J"
LINK = "\x1b]8;;http://evil.example/\x07click\x1b]8;;\x07"
TITLE = "\x1b]0;pwned\x07"
RLO = "\u202e"
C1_CSI = "\x9b31m"
PAYLOAD = f"{CLEAR}{LINK}{TITLE}{RLO}{C1_CSI}\u2066\r[/][sic]:x:"
RAW = [CLEAR, "\x1b]8;;", "\x1b]0;", RLO, "\x9b", "\u2066", "\x07"]
runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1b[2Jb", "a\\x1b[2Jb"),
        ("\x1b]8;;http://x/\x07y\x1b]8;;\x07", "\\x1b]8;;http://x/\\x07y\\x1b]8;;\\x07"),
        ("\x00\x08\x0b\x0c\r\x7f", "\\x00\\x08\\x0b\\x0c\\x0d\\x7f"),
        ("\x80\x9b\x9f", "\\x80\\x9b\\x9f"),
        (
            "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e",
            "\\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u202e",
        ),
        ("\u2066\u2067\u2068\u2069\u2028\u2029", "\\u2066\\u2067\\u2068\\u2069\\u2028\\u2029"),
        ("file\udcff.yaml", "file\\udcff.yaml"),
        ("Łódź 東京 🗳️ “q” é\u0301 \u200b", "Łódź 東京 🗳️ “q” é\u0301 \u200b"),
        ("two\nlines\tand tab", "two\nlines\tand tab"),
    ],
)
def test_inert_shows_controls_as_escapes_and_keeps_text(text, shown):
    assert inert(text) == shown


def test_inert_on_one_line_also_escapes_newline_and_tab():
    assert inert("a\nb\tc", lines=False) == "a\\x0ab\\x09c"


@pytest.mark.parametrize("text", ["[/] [sic] [bold]b[/bold] :x: \x1b[1m", "[link=http://x]y[/link]", "\\[/]"])
def test_markup_text_prints_as_typed(text):
    console = Console(file=io.StringIO(), width=200, emoji=False, highlight=False)
    console.print(markup(text))
    assert console.file.getvalue() == inert(text) + "\n"


def assert_inert(text: str) -> None:
    for raw in RAW:
        assert raw not in text, f"raw {raw!r} reached the terminal"


@pytest.fixture
def seeds(tmp_path) -> Path:
    return hostile_seeds(tmp_path, PAYLOAD)


@pytest.mark.parametrize(
    "args",
    [
        ["show", "ann"],
        ["stats"],
        ["validate"],
        ["build"],
        ["query", "MATCH (p:Person) RETURN p.name AS `n\x1b[2J`, p.aliases"],
        ["query", "MATCH (p:Person) RETURN p.name, p.aliases", "--format", "json"],
        ["query", "MATCH (p:Person) RETURN p.name, p.aliases", "--format", "jsonl"],
    ],
)
def test_data_payloads_reach_the_cli_output_as_escapes(seeds, tmp_path, args):
    result = runner.invoke(app, [*args, "--seeds", str(seeds), *(["--out", str(tmp_path / "b")] * (args == ["build"]))])
    assert result.exit_code == 0, result.output
    assert_inert(result.stdout)
    assert_inert(result.stderr)
    if args[0] in ("show", "query") and "--format" not in args:
        assert "\\x1b[2J" in result.stdout
        assert "[/][sic]:x:" in result.stdout  # markup and emoji codes as typed


def test_json_and_csv_piped_stay_exact_data(seeds):
    common = ["MATCH (p:Person) RETURN p.name AS name", "--seeds", str(seeds)]
    as_json = runner.invoke(app, ["query", *common, "--format", "json"])
    assert json.loads(as_json.stdout)["rows"] == [[f"Ann {PAYLOAD} Smith"]]
    assert_inert(as_json.stdout)  # JSON escapes every control: exact data, inert text
    as_csv = runner.invoke(app, ["query", *common, "--format", "csv"])
    assert f"Ann {PAYLOAD} Smith" in as_csv.stdout  # not a terminal: the exact value


def test_problem_messages_hints_and_file_names_are_inert(seeds):
    evil = seeds / "annotations" / f"evil{CLEAR}{TITLE}{RLO}\n.yaml"
    evil.write_text(f"relations:\n  - id: x{CLEAR}\n    type: supports{TITLE}\n    source: nobody{RLO}\n", "utf-8")
    result = runner.invoke(app, ["validate", "--seeds", str(seeds)])
    assert result.exit_code == 1
    assert "evil\\x1b[2J\\x1b]0;pwned\\x07\\u202e\\x0a.yaml" in result.stderr
    assert_inert(result.stdout + result.stderr)


def test_unknown_actor_and_file_name_arguments_are_inert(seeds, tmp_path):
    result = runner.invoke(app, ["show", f"x{CLEAR}{RLO}", "--seeds", str(seeds)])
    assert result.exit_code == 2  # an unknown name is a usage error
    assert_inert(result.stderr)
    missing = runner.invoke(app, ["validate", "--seeds", str(tmp_path / f"no{TITLE}{RLO}")])
    assert missing.exit_code == 1
    assert_inert(missing.stdout + missing.stderr)
    out = tmp_path / f"out{CLEAR}{RLO}"
    built = runner.invoke(app, ["export", "--format", "json", "--out", str(out), "--seeds", str(seeds)])
    assert built.exit_code == 0, built.output
    assert "out\\x1b[2J\\u202e" in built.stdout
    assert_inert(built.stdout)


def test_query_errors_and_shipped_query_descriptions_are_inert(seeds, tmp_path):
    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "evil.cypher").write_text(
        f"// name: evil\n// description: lists {CLEAR}{RLO}\n// param: n (string) the {TITLE} name\n"
        "MATCH (a) WHERE a.id = $n RETURN a.id\n",
        "utf-8",
    )
    listed = runner.invoke(app, ["queries", "--queries", str(queries)])
    assert listed.exit_code == 0, listed.output
    assert_inert(listed.stdout)
    failed = runner.invoke(app, ["query", f"RETURN {CLEAR}{RLO}", "--seeds", str(seeds)])
    assert failed.exit_code == 2
    assert_inert(failed.stderr)


def run_in_pty(args: list[str], cwd: Path) -> str:
    """Run `python -m graph ARGS` with stdout and stderr on a real pseudo-terminal; what the terminal got."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "200", "LINES": "50", "PYTHONPATH": str(REPO)}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph", *args], stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env
    )
    os.close(slave)
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                raise AssertionError("no output from the CLI within 60 s")
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
        proc.wait(timeout=60)
    return b"".join(chunks).decode("utf-8", errors="replace")


@pytest.mark.parametrize(
    "args",
    [
        ["show", "ann"],
        ["query", "MATCH (p:Person) RETURN p.name, p.aliases"],
        ["query", "MATCH (p:Person) RETURN p.name, p.aliases", "--format", "csv"],
        ["query", "MATCH (p:Person) RETURN p.name, p.aliases", "--format", "csv", "--csv-raw"],
        ["query", "MATCH (p:Person) RETURN p.name, p.aliases", "--format", "json"],
    ],
)
def test_a_real_terminal_receives_no_raw_control_sequence(seeds, tmp_path, args):
    received = run_in_pty([*args, "--seeds", str(seeds)], tmp_path)
    assert "Ann" in received, received
    assert "Traceback" not in received
    assert_inert(received)
    if "json" not in args:
        assert "\\x1b[2J" in received and "\\u202e" in received
