"""The real thing: the built wheel, installed with its dependencies into a fresh virtualenv, run from an empty
folder outside the repository: `init`, `build`, `query`. Dependencies come from pip's cache (PyPI if missing)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

_EXPECTED = json.loads((REPO / "tests" / "expected" / "queries" / "stance-matrix.json").read_text(encoding="utf-8"))
EXPECTED = {"columns": _EXPECTED["columns"], "rows": _EXPECTED["rows"]}


def run(*args: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A fresh venv with the wheel built from this checkout, and an environment that knows nothing of the repo."""
    root = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACTORGRAPH_", "PYTHON", "VIRTUAL_ENV"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", root / "dist", REPO, cwd=root, env=env)
    (wheel,) = (root / "dist").glob("actorgraph-*.whl")
    run(sys.executable, "-m", "venv", root / "venv", cwd=root, env=env)
    run(root / "venv" / "bin" / "python", "-m", "pip", "install", "-q", wheel, cwd=root, env=env)
    env["PATH"] = f"{root / 'venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return wheel, env


def test_the_wheel_holds_the_shipped_queries_and_the_starter_project(installed) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for query in (REPO / "queries").glob("*.cypher"):
        assert f"graph/starter/queries/{query.name}" in names
    for part in ("actorgraph.toml", "README.md", ".gitignore", "seeds/schema.yaml"):
        assert f"graph/starter/{part}" in names
    assert not any(name.startswith(("tests/", "seeds/", "queries/")) for name in names)


def test_init_build_query_from_an_empty_folder_outside_the_repository(installed, tmp_path: Path) -> None:
    _, env = installed
    where = run("python", "-c", "import graph, sys; print(graph.__file__, sys.prefix)", cwd=tmp_path, env=env)
    module, prefix = where.stdout.split()
    assert not Path(module).is_relative_to(REPO) and Path(module).is_relative_to(prefix)
    run("actorgraph", "init", "la", cwd=tmp_path, env=env)
    built = run("actorgraph", "build", cwd=tmp_path / "la", env=env)
    assert "13 actors and 13 relations" in built.stdout
    assert (tmp_path / "la" / "build" / "graph.html").is_file()
    answer = run("actorgraph", "query", "stance-matrix", "--format", "json", cwd=tmp_path / "la", env=env)
    assert json.loads(answer.stdout) == EXPECTED
    listed = run("actorgraph", "queries", cwd=tmp_path / "la" / "seeds", env=env)
    assert "stance-matrix" in listed.stdout and "who-opposes-the-ordinance" in listed.stdout


def test_shipped_queries_answer_with_only_a_seeds_folder_given(installed, tmp_path: Path) -> None:
    _, env = installed
    run("actorgraph", "init", tmp_path / "p", cwd=tmp_path, env=env)
    (tmp_path / "elsewhere").mkdir()
    answer = run(
        "actorgraph",
        "query",
        "stance-matrix",
        "--format",
        "json",
        "--seeds",
        tmp_path / "p" / "seeds",
        cwd=tmp_path / "elsewhere",
        env=env,
    )
    assert json.loads(answer.stdout) == EXPECTED


def test_the_python_api_from_the_installed_wheel(installed, tmp_path: Path) -> None:
    _, env = installed
    run("actorgraph", "init", "la", cwd=tmp_path, env=env)
    code = "import graph; r = graph.query('stance-matrix'); print(r.columns, len(r))"
    done = run("python", "-c", code, cwd=tmp_path / "la", env=env)
    assert done.stdout.strip() == "['source', 'stance', 'target', 'relations', 'evidence', 'documents'] 5"
