"""The worked examples in the README's "Querying" section show what the commands really print."""

from __future__ import annotations

import re
import shlex

import pytest
from typer.testing import CliRunner

from graph.cli import app
from tests.cypher.conftest import QUERIES, ROOT, SEEDS

BLOCK = re.compile(r"```console\n\$ (actorgraph .*?)\n(.*?)```", re.DOTALL)


def examples() -> list[tuple[str, str, int]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Querying\n", 1)[1].split("\n## ", 1)[0]
    found = []
    for command, shown in BLOCK.findall(section):
        code = 0
        status = re.search(r"\$ echo \$\?\n(\d+)\n\Z", shown)
        if status:
            code = int(status.group(1))
            shown = shown[: status.start()]
        found.append((command, shown, code))
    return found


def test_there_are_at_least_three_examples():
    assert len(examples()) >= 3


@pytest.mark.parametrize(("command", "shown", "code"), examples(), ids=lambda v: str(v)[:40])
def test_example_prints_what_the_readme_shows(command, shown, code):
    args = [*shlex.split(command)[1:], "--seeds", str(SEEDS), "--queries", str(QUERIES)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == code
    assert result.stdout + result.stderr == shown
