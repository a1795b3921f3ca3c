"""Projects are found like git finds a repository; `init` makes one that builds and queries at once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph.errors import ProjectError
from graph.project import PROJECT_FILE, SHIPPED_QUERIES, STARTER, find_project, init_project, open_project
from tests.conftest import REPO, SEEDS


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_init_writes_the_example_seeds_the_shipped_queries_a_readme_and_a_project_file(tmp_path: Path) -> None:
    made = init_project(tmp_path / "la")
    assert made.root == (tmp_path / "la").absolute() and made.file == made.root / PROJECT_FILE
    assert files_under(made.seeds) == files_under(SEEDS)
    shipped = {name: data for name, data in files_under(REPO / "queries").items()}
    assert files_under(made.queries) == shipped
    assert "actorgraph build" in (made.root / "README.md").read_text(encoding="utf-8")
    assert not list(made.root.glob(".actorgraph-init*"))


def test_the_shipped_queries_are_the_repository_queries_folder() -> None:
    # One copy of truth: the package's starter/queries is the repository's queries/ (a link, copied into the wheel).
    assert files_under(SHIPPED_QUERIES) == files_under(REPO / "queries")
    assert sorted(p.name for p in SHIPPED_QUERIES.glob("*.cypher")) == sorted(
        p.name for p in (REPO / "queries").glob("*.cypher")
    )


@pytest.mark.parametrize("content", ["file", "hidden"])
def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, content: str) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / ("notes.txt" if content == "file" else ".git")).write_text("mine", encoding="utf-8")
    with pytest.raises(ProjectError, match="not an empty folder"):
        init_project(target)
    assert [p.name for p in target.iterdir()] == ["notes.txt" if content == "file" else ".git"]


def test_init_fills_an_existing_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert (init_project(tmp_path / "empty").seeds / "schema.yaml").is_file()


def test_a_project_is_found_from_any_folder_inside_it(tmp_path: Path) -> None:
    made = init_project(tmp_path / "la")
    deep = made.seeds / "documents"
    found = find_project(deep)
    assert found is not None and found.root == made.root and found.seeds == made.seeds


def test_a_bare_seeds_folder_makes_a_project_without_a_project_file(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "work" / "seeds")
    (tmp_path / "work" / "notes").mkdir()
    found = find_project(tmp_path / "work" / "notes")
    assert found is not None and found.file is None
    assert found.seeds == tmp_path / "work" / "seeds" and found.out == tmp_path / "work" / "build"


def test_the_project_file_names_other_folders(tmp_path: Path) -> None:
    (tmp_path / PROJECT_FILE).write_text('[project]\nseeds = "corpus"\nout = "site"\n', encoding="utf-8")
    found = find_project(tmp_path)
    assert found is not None
    assert (found.seeds, found.out, found.queries) == (tmp_path / "corpus", tmp_path / "site", tmp_path / "queries")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[project\n", "cannot read it as TOML"),
        ('[project]\nseed = "x"\n', "takes only seeds, schema, queries, out"),
        ("[project]\nseeds = 3\n", "not seeds"),
    ],
)
def test_a_malformed_project_file_is_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / PROJECT_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(ProjectError, match=message):
        find_project(tmp_path)


def test_no_project_says_how_to_point_at_one(tmp_path: Path) -> None:
    with pytest.raises(ProjectError) as raised:
        open_project(start=tmp_path)
    for hint in ("--seeds DIR", "--project DIR", "ACTORGRAPH_SEEDS", "actorgraph init DIR"):
        assert hint in str(raised.value)


def test_seeds_override_only_the_seeds(tmp_path: Path) -> None:
    made = init_project(tmp_path / "la")
    chosen = open_project(seeds=SEEDS, start=made.root)
    assert chosen.seeds == SEEDS and chosen.queries == made.queries and chosen.out == made.out


def test_own_queries_come_first_and_override_a_shipped_one_by_name(tmp_path: Path) -> None:
    made = init_project(tmp_path / "la")
    assert made.query_folders == [made.queries, SHIPPED_QUERIES]
    shutil.rmtree(made.queries)
    assert open_project(start=made.root).query_folders == [SHIPPED_QUERIES]


def test_init_then_build_and_query_from_inside_the_project(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("ACTORGRAPH_SEEDS", raising=False)
    assert cli("init", tmp_path / "la").exit_code == 0
    monkeypatch.chdir(tmp_path / "la" / "seeds")  # anywhere inside the project
    built = cli("build")
    assert built.exit_code == 0, built.stderr
    assert (tmp_path / "la" / "build" / "graph.html").is_file()
    answer = cli("query", "stance-matrix", "--format", "json")
    assert answer.exit_code == 0, answer.stderr
    assert json.loads(answer.stdout)["columns"] == ["source", "stance", "target", "relations", "evidence", "documents"]


def test_a_project_query_overrides_the_shipped_one_on_the_command_line(cli, tmp_path: Path, monkeypatch) -> None:
    init_project(tmp_path / "la")
    (tmp_path / "la" / "queries" / "stance-matrix.cypher").write_text(
        "// name: stance-matrix\n// description: mine\nRETURN 'mine' AS who\n", encoding="utf-8"
    )
    (tmp_path / "la" / "queries" / "extra.cypher").write_text(
        "// name: extra\n// description: only here\nRETURN 1 AS one\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path / "la")
    assert json.loads(cli("query", "stance-matrix", "--format", "json").stdout)["rows"] == [["mine"]]
    listing = cli("queries").stdout
    assert "only here" in listing and "mine" in listing and "timeline" in listing


def test_shipped_queries_run_from_a_folder_with_no_queries(cli, tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")  # a bare seeds folder: the shipped queries still answer
    monkeypatch.chdir(tmp_path)
    result = cli("query", "stance-matrix", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["rows"]) == 5


def test_an_unknown_query_name_says_where_it_looked_and_how_to_point_elsewhere(cli, tmp_path, monkeypatch) -> None:
    init_project(tmp_path / "la")
    monkeypatch.chdir(tmp_path / "la")
    result = cli("query", "stance-matrx")
    assert result.exit_code == 2
    flat = " ".join(result.stderr.split())
    assert "stance-matrix" in flat and "--queries DIR" in flat and str(SHIPPED_QUERIES) in flat


def test_starter_readme_and_project_file_are_package_data() -> None:
    assert (STARTER / "README.md").is_file() and (STARTER / PROJECT_FILE).is_file()
