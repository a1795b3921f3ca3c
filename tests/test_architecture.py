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


def _type_checking_imports() -> list[tuple[str, str, str]]:
    """(file, module, name) of every import made only for type checking, in the whole package."""
    import ast

    found = []
    for path in sorted((ROOT / "graph").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
                for sub in node.body:
                    if isinstance(sub, ast.ImportFrom) and sub.level == 0 and sub.module:
                        found += [(str(path.relative_to(ROOT)), sub.module, a.name) for a in sub.names]
    return found


def test_imports_made_only_for_type_checking_name_what_exists() -> None:
    """import-linter skips them, so a module moved away from under one would go unnoticed."""
    import importlib

    assert len(_type_checking_imports()) > 20
    for file, module, name in _type_checking_imports():
        imported = importlib.import_module(module)
        assert hasattr(imported, name) or importlib.util.find_spec(f"{module}.{name}"), f"{file}: {module}.{name}"
