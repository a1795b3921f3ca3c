"""The Python API: every name in `graph.__all__` importable, `graph.query` and its result, the inline page."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

import graph
from graph import InlinePage, QueryResult, query, show_page
from graph.cypher.engines.base import Node
from tests.conftest import REPO, SEEDS

HEAVY = ("pyvis", "igraph", "neo4j", "ladybug", "pyarrow", "IPython", "pandas")


@pytest.mark.parametrize("name", graph.__all__)
def test_every_public_name_resolves_and_is_documented(name: str) -> None:
    value = getattr(graph, name)
    assert value is not None
    if callable(value):
        assert (value.__doc__ or "").strip(), f"graph.{name} has no docstring"


def test_the_public_names_are_exactly_the_lazy_table() -> None:
    assert sorted(graph.__all__) == graph.__all__
    assert set(graph.__all__) == {*graph._EXPORTS, "validate"}
    with pytest.raises(AttributeError):
        _ = graph.no_such_name


def test_query_by_name_returns_columns_rows_and_records() -> None:
    result = query("stance-matrix", seeds=SEEDS)
    assert isinstance(result, QueryResult)
    assert result.columns == ["source", "stance", "target", "relations", "evidence", "documents"]
    assert len(result) == len(result.rows) == 5
    first = result.records()[0]
    assert first == dict(zip(result.columns, result.rows[0], strict=True))
    assert first["source"] == "Bob Blumenfield"


def test_query_text_with_params_typed_as_declared() -> None:
    cypher = "MATCH (a:Agency) WHERE a.name STARTS WITH $p RETURN a.name AS n ORDER BY n"
    text = query(cypher, {"p": "Los"}, seeds=SEEDS)
    assert text.rows == [("Los Angeles Police Department",), ("Los Angeles Unified School District",)]
    by_name = query("evidence-for", {"type": "supports"}, seeds=SEEDS)
    assert by_name.rows and all("supports" in str(r) for r in by_name.rows)


def test_query_errors_are_the_library_exceptions() -> None:
    with pytest.raises(graph.QueryError):
        query("MATCH (a RETURN a", seeds=SEEDS)
    with pytest.raises(graph.ParamError):
        query("evidence-for", seeds=SEEDS)
    with pytest.raises(graph.LibraryError, match="no query named"):
        query("no-such-query", seeds=SEEDS)


def test_query_finds_the_project_from_the_working_folder(tmp_path: Path, monkeypatch) -> None:
    graph.init_project(tmp_path / "la")
    monkeypatch.chdir(tmp_path / "la" / "queries")
    assert len(query("stance-matrix")) == 5
    (tmp_path / "la" / "queries" / "stance-matrix.cypher").write_text(
        "// name: stance-matrix\n// description: mine\nRETURN 1 AS one\n", encoding="utf-8"
    )
    assert query("stance-matrix").rows == [(1,)]


def test_to_pandas_gives_a_dataframe_with_the_columns() -> None:
    frame = query("stance-matrix", seeds=SEEDS).to_pandas()
    assert list(frame.columns) == ["source", "stance", "target", "relations", "evidence", "documents"]
    assert frame.shape == (5, 6)
    assert frame.iloc[0]["source"] == "Bob Blumenfield"


def test_repr_html_is_a_table_with_every_value_escaped() -> None:
    hostile = "</td><script>alert(1)</script>&amp;"
    result = QueryResult(["<b>col</b>", "n"], [(hostile, None), (["a<b"], True)])
    shown = result._repr_html_()
    assert "<script>" not in shown and "<b>col" not in shown
    assert html.escape(hostile) in shown and "&lt;b&gt;col&lt;/b&gt;" in shown
    assert shown.count("<tr>") == 3 and "2 rows" in shown
    assert "<td>true</td>" in shown and "<td></td>" in shown


def test_repr_html_shows_whole_nodes_by_name() -> None:
    node = Node("lapd", ("Agency",), {"name": "Los Angeles Police Department"})
    assert "(:Agency Los Angeles Police Department)" in QueryResult(["a"], [(node,)])._repr_html_()


def test_the_inline_page_is_the_whole_offline_page_in_a_sandboxed_srcdoc() -> None:
    page = show_page(SEEDS)
    assert isinstance(page, InlinePage)
    frame = page._repr_html_()
    match = re.fullmatch(r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts" [^>]*></iframe>', frame)
    assert match, frame[:200]
    assert html.unescape(match.group(1)) == page.html
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", page.html), "the page must load nothing from the network"


def test_the_inline_page_saves_the_same_bytes_viz_writes(cli, tmp_path: Path) -> None:
    assert cli("viz", "--seeds", SEEDS, "--out", tmp_path / "viz.html").exit_code == 0
    saved = show_page(SEEDS).save(tmp_path / "nb.html")
    assert saved.read_bytes() == (tmp_path / "viz.html").read_bytes()


def test_write_build_is_what_the_build_command_writes(cli, tmp_path: Path) -> None:
    built = graph.write_build(graph.load_corpus(SEEDS), tmp_path / "lib")
    assert cli("build", "--seeds", SEEDS, "--out", tmp_path / "cli").exit_code == 0
    for path in built.paths:
        assert path.read_bytes() == (tmp_path / "cli" / path.name).read_bytes()


def modules_after(code: str) -> set[str]:
    """The top-level modules loaded after running `code` in a fresh interpreter."""
    probe = f"{code}\nimport sys\nprint('MODULES', *sorted({{m.split('.')[0] for m in sys.modules}}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    return set(done.stdout.splitlines()[-1].split()[1:])


CLI = (
    "import sys\nfrom graph.cli import app\nsys.argv = ['actorgraph', *{args!r}]\n"
    "try:\n    app()\nexcept SystemExit:\n    pass"
)


@pytest.mark.parametrize(
    "code",
    [
        "import graph",
        "import graph.cli",
        CLI.format(args=["--help"]),
        CLI.format(args=["validate"]),
        CLI.format(args=["validate", "--help"]),
    ],
    ids=["import graph", "import graph.cli", "--help", "validate", "validate --help"],
)
def test_start_up_imports_no_heavy_dependency(code: str) -> None:
    loaded = modules_after(code)
    assert "graph" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_import_graph_loads_neither_networkx_nor_pydantic() -> None:
    assert not modules_after("import graph") & {"networkx", "pydantic", "typer", "rich"}


def test_the_probe_sees_heavy_modules_when_they_are_loaded() -> None:
    # The start-up checks above would pass vacuously if the probe saw nothing: a query does load ladybug.
    assert "ladybug" in modules_after(CLI.format(args=["query", "stance-matrix", "--format", "json"]))


def test_a_query_on_a_cached_store_loads_neither_pyarrow_nor_numpy(tmp_path: Path) -> None:
    args = ["query", "stance-matrix", "--store", str(tmp_path), "--seeds", str(SEEDS)]
    assert "pyarrow" in modules_after(CLI.format(args=args))  # the first run loads the store: pyarrow is used
    assert not modules_after(CLI.format(args=args)) & {"pyarrow", "numpy", "pyvis", "igraph", "neo4j"}
