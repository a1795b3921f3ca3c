"""The tree reads as the pipeline (ARCHITECTURE.md): import-linter checks the contracts in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LINT), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=300, check=False)


def test_the_package_keeps_every_import_contract() -> None:
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("graph/errors.py", "import graph.cli.app\n", "The pipeline"),  # a lower stage importing a higher one
        ("graph/corpus/model.py", "import graph.corpus.load\n", "No import cycles"),  # model <-> load
        ("graph/schema.py", "import pyvis\n", "Heavy dependencies"),
    ],
)
def test_a_broken_rule_is_caught(tmp_path: Path, module: str, line: str, contract: str) -> None:
    """The contracts can fail: each kind of break, made in a copy of the package, is reported by name."""
    shutil.copytree(ROOT / "graph", tmp_path / "graph", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / module
    target.write_text(target.read_text() + line)
    result = lint(tmp_path)
    assert result.returncode != 0
    broken = [text for text in result.stdout.splitlines() if text.endswith("BROKEN")]
    assert any(text.startswith(contract) for text in broken), result.stdout[-3000:]
