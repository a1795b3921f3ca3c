"""Stances are schema data: `stance: +1` / `stance: -1` on a relation type, checked when the schema loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import ValidationFailed
from graph.schema import load_schema
from tests.conftest import SEEDS

BASE = """version: 1
entity_types: {Actor: {}}
relation_types:
  backs:
    source: [Actor]
    target: [Actor]
"""


def test_the_seed_schema_names_its_stances() -> None:
    stances = {"supports": 1, "opposes": -1, "endorses": 1, "criticizes": -1}
    assert load_schema(SEEDS / "schema.yaml").stances == stances


def test_stance_defaults_to_none_and_takes_a_sign(tmp_path: Path) -> None:
    path = tmp_path / "schema.yaml"
    path.write_text(BASE)
    assert load_schema(path).stances == {}
    path.write_text(BASE + "    stance: -1\n")
    assert load_schema(path).stances == {"backs": -1}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("    stance: 2\n", "stance: Input should be 1 or -1"),
        ("    stance: 1\n    directed: false\n", "must be directed"),
    ],
)
def test_a_bad_stance_is_one_problem_with_its_line(tmp_path: Path, extra: str, message: str) -> None:
    path = tmp_path / "schema.yaml"
    path.write_text(BASE + extra)
    with pytest.raises(ValidationFailed) as failed:
        load_schema(path)
    (problem,) = failed.value.problems
    assert message in problem.message and problem.line is not None
