"""The Neo4j engine: runs queries as they are, reads only unless told to write, explains errors in one line."""

from __future__ import annotations

import pytest

from graph.engines import QueryError, open_engine

from ..neo4jdb.conftest import env_of


@pytest.fixture
def engine(neo4j_settings):
    eng = open_engine("neo4j", None, None, neo4j=neo4j_settings)
    yield eng
    eng.close()


@pytest.fixture
def cli(neo4j_settings):
    from typer.testing import CliRunner

    from graph.cli import app

    runner = CliRunner(env=env_of(neo4j_settings))
    return lambda *args: runner.invoke(app, list(args), catch_exceptions=False)


def test_scalars_and_lists_come_back_as_python_values(engine):
    result = engine.run("RETURN 1 AS i, 0.5 AS f, 'x' AS s, [$a, 'b'] AS l, null AS n", {"a": "a"})
    assert result.columns == ["i", "f", "s", "l", "n"]
    assert result.rows == [(1, 0.5, "x", ["a", "b"], None)]


def test_a_write_in_read_mode_is_refused(engine):
    with pytest.raises(QueryError, match="only reads: add --write"):
        engine.run("CREATE (:WriteProbe)")


def test_a_syntax_error_is_one_query_error(engine):
    with pytest.raises(QueryError, match="syntax error"):
        engine.run("MATCH (a RETURN a")


def test_whole_nodes_are_refused_like_on_the_embedded_engine(neo4j_settings, neo4j_driver):
    writer = open_engine("neo4j", None, None, neo4j=neo4j_settings, write=True)
    try:
        with pytest.raises(QueryError, match=r"column 'p' is a whole node.*return its properties"):
            writer.run("CREATE (p:WriteProbe) RETURN p")
    finally:
        writer.close()
        neo4j_driver.execute_query("MATCH (p:WriteProbe) DELETE p")


def test_cli_write_in_read_mode_exits_2_with_one_message(cli):
    result = cli("query", "CREATE (:WriteProbe) RETURN 1 AS one", "--engine", "neo4j")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()  # refused before it runs, naming the clause and where
    assert line.startswith("error: line 1:1: CREATE")
    assert line.endswith("the query writes, but the neo4j engine only reads: add --write to allow it")


def test_cli_write_flag_allows_writing(cli, neo4j_driver, neo4j_settings):
    try:
        result = cli("query", "CREATE (p:WriteProbe {tag: 'w'}) RETURN p.tag AS tag", "--engine", "neo4j", "--write")
        assert result.exit_code == 0, result.output
        records, _, _ = neo4j_driver.execute_query("MATCH (p:WriteProbe) RETURN count(p) AS n")
        assert records[0]["n"] == 1
    finally:
        neo4j_driver.execute_query("MATCH (p:WriteProbe) DELETE p")


def test_query_with_neo4j_does_not_read_the_seeds(cli, tmp_path):
    result = cli("query", "RETURN 1 AS one", "--engine", "neo4j", "--seeds", str(tmp_path / "nothing"), "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "one\n1\n"


def test_settings_default_to_the_environment(neo4j_settings, monkeypatch):
    for name, value in env_of(neo4j_settings).items():
        monkeypatch.setenv(name, value)
    eng = open_engine("neo4j", None, None)
    try:
        assert eng.run("RETURN 2 AS two").rows == [(2,)]
    finally:
        eng.close()
