"""Fuzzed input: over 1,000 malformed files per run, each a valid seed file broken in one way (see mutations.py).

Each is written into a copy of the seeds and run through the real entry point. Every one must end in
problems, never an exception; each problem names a file of the seeds folder and a line in it. A problem
has no line only where none exists: the file as a whole cannot be read (a folder, bytes that are not
text), a text file has no metadata, or a YAML error carries no position.
Runs are deterministic (`derandomize=True`), so CI sees the same files every time.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from graph import validate
from graph.cli import app
from graph.files.problems import Problem
from graph.files.yamlfile import load_text
from tests.conftest import ARTICLE, SEEDS
from tests.corpus.fuzz.mutations import KINDS, json_line, yaml_text

EXAMPLES = {"schema": 200, "document": 150, "annotation": 300, "annotation-line": 200, "document-line": 150}
CLI_EXAMPLES = 40  # per command; `validate` and `build`
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
NO_LINE = ("cannot read the file", "document has no metadata file", "YAML error")
FUZZED: dict[str, int] = {}


def seed_data(relative: str):
    return load_text((SEEDS / relative).read_text(encoding="utf-8"), relative).data


SCHEMA = seed_data("schema.yaml")
DOCUMENT = seed_data(f"documents/{ARTICLE}.yaml")
ANNOTATION = seed_data(f"annotations/{ARTICLE}.yaml")
DOCUMENT_LINE = {
    **{k: v for k, v in DOCUMENT.items() if k != "text"},
    "content": (SEEDS / "documents" / f"{ARTICLE}.txt").read_text(encoding="utf-8"),
}


class Tree:
    """A seeds copy in a layout for one kind of file: the file under test is `target`, rewritten per example."""

    def __init__(self, root: Path, kind: str) -> None:
        self.root = root / kind / "seeds"
        shutil.copytree(SEEDS, self.root)
        docs, notes = self.root / "documents", self.root / "annotations"
        self.target = {
            "schema": self.root / "schema.yaml",
            "document": docs / f"{ARTICLE}.yaml",
            "annotation": notes / f"{ARTICLE}.yaml",
            "annotation-line": notes / f"{ARTICLE}.jsonl",
            "document-line": docs / "documents.jsonl",
        }[kind]
        if kind == "annotation-line":
            (notes / f"{ARTICLE}.yaml").unlink()
            self.target.write_text(json.dumps(ANNOTATION) + "\n", encoding="utf-8")
        if kind == "document-line":
            (docs / f"{ARTICLE}.yaml").unlink()
            (docs / f"{ARTICLE}.txt").unlink()
            self.target.write_text(json.dumps(DOCUMENT_LINE) + "\n", encoding="utf-8")
        self.good = self.target.read_bytes()

    def write(self, raw: bytes) -> None:
        self.target.write_bytes(raw)

    def restore(self) -> None:
        self.target.write_bytes(self.good)


@pytest.fixture(scope="module")
def trees(tmp_path_factory) -> Iterator[Callable[[str], Tree]]:
    root = tmp_path_factory.mktemp("fuzz")
    made: dict[str, Tree] = {}

    def tree(kind: str) -> Tree:
        if kind not in made:
            made[kind] = Tree(root, kind)
        return made[kind]

    yield tree
    if set(FUZZED) >= set(EXAMPLES):  # the whole module ran
        assert sum(FUZZED.values()) >= 1000, FUZZED


def assert_located(problems: list[Problem], tree: Tree, what: str) -> None:
    """At least one problem; each names a file in the tree and a line that file has, or says why it cannot."""
    assert problems, f"{what}: no problem reported"
    for problem in problems:
        path = Path(problem.file)
        assert path.is_relative_to(tree.root), f"{what}: {problem.file} is outside the seeds folder"
        if problem.line is None:
            assert problem.message.startswith(NO_LINE), f"{what}: no line for {problem}"
            continue
        lines = path.read_bytes().count(b"\n") + 1
        assert 1 <= problem.line <= lines, f"{what}: line {problem.line} of a {lines}-line file: {problem}"
        assert problem.hint, f"{what}: no hint for {problem}"


def malformed(kind: str):
    """A strategy of (description, bytes) for a broken file of `kind`."""
    if kind == "annotation-line":
        return json_line(ANNOTATION, KINDS["annotation"])
    if kind == "document-line":
        return json_line(DOCUMENT_LINE, KINDS["document-line"])
    return yaml_text({"schema": SCHEMA, "document": DOCUMENT, "annotation": ANNOTATION}[kind], KINDS[kind])


@pytest.mark.parametrize("kind", list(EXAMPLES))
def test_unbroken_layouts_are_valid(trees, kind: str) -> None:
    """The harness is sound: each layout is valid until a file is broken."""
    assert validate(trees(kind).root) == []


@pytest.mark.parametrize("kind", list(EXAMPLES))
def test_every_malformed_file_gives_located_problems(trees, kind: str) -> None:
    tree = trees(kind)

    @settings(FUZZ, max_examples=EXAMPLES[kind])
    @given(malformed(kind))
    def check(case: tuple[str, bytes]) -> None:
        what, raw = case
        tree.write(raw)
        try:
            assert_located(validate(tree.root), tree, f"{kind}: {what}")
        finally:
            tree.restore()
        FUZZED[kind] = FUZZED.get(kind, 0) + 1

    check()


@pytest.mark.parametrize("command", ["validate", "build"])
def test_the_cli_fails_cleanly_on_malformed_files(trees, tmp_path: Path, command: str) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    kinds = list(EXAMPLES)

    @settings(FUZZ, max_examples=CLI_EXAMPLES)
    @given(st.sampled_from(kinds).flatmap(lambda k: st.tuples(st.just(k), malformed(k))))
    def check(case: tuple[str, tuple[str, bytes]]) -> None:
        kind, (what, raw) = case
        tree = trees(kind)
        tree.write(raw)
        args = [command, "--seeds", str(tree.root)] + (["--out", str(out)] if command == "build" else [])
        try:
            result = runner.invoke(app, args, catch_exceptions=False)
        finally:
            tree.restore()
        assert result.exit_code == 1, f"{kind}: {what}: exit {result.exit_code}"
        assert "Traceback" not in result.stdout + result.stderr
        assert f"{tree.root}/" in result.stderr, f"{kind}: {what}: no file named in\n{result.stderr[:500]}"
        assert not out.exists(), f"{kind}: {what}: {command} wrote output"
        FUZZED["cli"] = FUZZED.get("cli", 0) + 1

    check()
