"""Checking a seeds folder without building anything."""

from __future__ import annotations

from pathlib import Path

from graph.errors import ValidationFailed
from graph.files.problems import Problem


def validate(seeds: Path | str = "seeds", schema: Path | str | None = None) -> list[Problem]:
    """Every problem in the seeds folder, in file and line order; empty when all is well."""
    from graph.corpus.load import load_corpus

    try:
        load_corpus(seeds, schema)
    except ValidationFailed as failed:
        return failed.problems
    return []
