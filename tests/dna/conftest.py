"""The hand-coded DNA sample, built with sqlite3 and imported once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.dna import ImportReport, import_dna
from tests.dna.sample import build_sample


@pytest.fixture(scope="session")
def dna_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample(tmp_path_factory.mktemp("dna") / "sample.dna")


@pytest.fixture(scope="session")
def dna_import(dna_file: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportReport]:
    seeds = tmp_path_factory.mktemp("dna-seeds") / "seeds"
    return seeds, import_dna(dna_file, seeds)


@pytest.fixture(scope="session")
def dna_seeds(dna_import: tuple[Path, ImportReport]) -> Path:
    return dna_import[0]
