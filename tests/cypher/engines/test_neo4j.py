"""The Neo4j engine: runs queries as they are, reads only unless told to write, explains errors in one line."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.cypher.engines import neo4j as neo4j_engine
from graph.cypher.engines import open_engine
from graph.cypher.engines.base import Duration, Node, Path, Relationship
from graph.errors import QueryError
from tests.neo4j.conftest import env_of


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


# --------------------------------------------------------------------------- read mode is read-only


@pytest.fixture
def writer(neo4j_settings, neo4j_driver):
    eng = open_engine("neo4j", None, None, neo4j=neo4j_settings, write=True)
    yield eng
    eng.close()
    neo4j_driver.execute_query("MATCH (p:WriteProbe) DETACH DELETE p")


WRITES = [
    "CREATE (:WriteProbe)",
    "MERGE (p:WriteProbe {id: 'x'}) RETURN p.id",
    "MATCH (n) SET n.probe = 1",
    "UNWIND [1, 2] AS x CALL (x) { CREATE (:WriteProbe) } IN TRANSACTIONS",
    "CREATE INDEX probe_index IF NOT EXISTS FOR (n:WriteProbe) ON (n.id)",
    "CALL db.createLabel('WriteProbe')",
    "CREATE USER probe SET PASSWORD 'probe-password'",
]


@pytest.mark.parametrize("query", WRITES)
def test_the_read_transaction_alone_refuses_every_write(engine, monkeypatch, neo4j_driver, query):
    monkeypatch.setattr(neo4j_engine, "check_plain_read", lambda summary: None)  # the server's refusal only
    with pytest.raises(QueryError, match="only reads: add --write"):
        engine.run(query)
    assert neo4j_driver.execute_query("MATCH (p:WriteProbe) RETURN count(p) AS n").records[0]["n"] == 0


@pytest.mark.parametrize("query", WRITES)
def test_the_explain_check_alone_refuses_every_write(engine, monkeypatch, query):
    with pytest.raises(QueryError, match="only reads"):
        neo4j_engine.check_plain_read(_explain(engine, query))


def _explain(engine, query):
    with engine._driver.session(database=engine.settings.database) as session:
        return session.run(f"EXPLAIN {query}").consume()


# What Neo4j 5.26 community still runs in a READ transaction (each of these ran there before this check).
OUTSIDE_THE_GRAPH = {
    "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line": "LoadCSV",
    "SHOW USERS": "server's own state",
    "SHOW CURRENT USER": "server's own state",
    "SHOW DATABASES": "server's own state",
    "SHOW TRANSACTIONS": "ShowTransactions",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'": "TerminateTransactions",
    "SHOW SETTINGS": "ShowSettings",
    "SHOW INDEXES": "ShowIndexes",
    "SHOW PROCEDURES": "ShowProcedures",
    "CALL dbms.listConfig() YIELD name RETURN name": "server's own state",
    "CALL dbms.listConnections()": "server's own state",
    "CALL dbms.killConnections(['bolt-1'])": "server's own state",
    "CALL db.clearQueryCaches()": "server's own state",
    "CALL tx.setMetaData({probe: 1})": "server's own state",
    "CALL db.ping()": "ProcedureCall (db.ping)",
    "CALL db.stats.retrieve('GRAPH COUNTS')": "ProcedureCall (db.stats.retrieve)",
}


@pytest.mark.parametrize("query", OUTSIDE_THE_GRAPH)
def test_what_a_read_transaction_lets_through_is_refused_before_it_runs(engine, query):
    with pytest.raises(QueryError) as refused:
        engine.run(query)
    assert OUTSIDE_THE_GRAPH[query] in str(refused.value)
    assert "only reads the graph" in str(refused.value)


def test_a_procedure_that_describes_the_graph_is_allowed(engine):
    assert engine.run("CALL db.labels() YIELD label RETURN count(label) >= 0 AS ok").rows == [(True,)]


def test_with_write_a_query_runs_as_an_auto_commit_write(writer, neo4j_driver):
    writer.run("UNWIND [1, 2, 3] AS x CALL (x) { CREATE (:WriteProbe {x: x}) } IN TRANSACTIONS OF 1 ROW")
    assert neo4j_driver.execute_query("MATCH (p:WriteProbe) RETURN count(p) AS n").records[0]["n"] == 3


# --------------------------------------------------------------------------- values


def test_nodes_relationships_and_paths_become_engine_neutral_values(writer, engine):
    writer.run(
        "CREATE (:WriteProbe:Agency {id: 'a', name: 'A', tags: ['x', 'y']})"
        "-[:PROBES {id: 'r', since: 2024}]->(:WriteProbe {id: 'b'})"
    )
    rows = engine.run(
        "MATCH p = (a:WriteProbe {id: 'a'})-[r]->(b) RETURN a, r, p, [a, b] AS both, {one: b, n: 1} AS m"
    ).rows
    a = Node("a", ("Agency", "WriteProbe"), {"id": "a", "name": "A", "tags": ["x", "y"]})
    b = Node("b", ("WriteProbe",), {"id": "b"})
    r = Relationship("r", "PROBES", "a", "b", {"id": "r", "since": 2024})
    assert rows == [(a, r, Path((a, b), (r,)), [a, b], {"one": b, "n": 1})]


def test_a_node_without_an_id_property_is_named_by_its_element_id(writer, engine):
    writer.run("CREATE (:WriteProbe {name: 'no id'})")
    (node,) = engine.run("MATCH (p:WriteProbe) RETURN p").rows[0]
    assert node.id.startswith("4:") and node.properties == {"name": "no id"}


def test_temporal_values_become_python_values(engine):
    (row,) = engine.run(
        "RETURN date('2024-11-01') AS d, localdatetime('2024-11-01T10:20:30.123456') AS ldt, "
        "datetime('2024-11-01T10:20:30+01:00') AS zdt, localtime('10:20:30') AS lt, time('10:20:30Z') AS t, "
        "duration('P1Y2M3DT4.5S') AS du, [date('2024-01-02')] AS dates"
    ).rows
    d, ldt, zdt, lt, t, du, dates = row
    assert d == dt.date(2024, 11, 1) and type(d) is dt.date
    assert ldt == dt.datetime(2024, 11, 1, 10, 20, 30, 123456) and ldt.tzinfo is None
    assert zdt == dt.datetime(2024, 11, 1, 9, 20, 30, tzinfo=dt.timezone.utc)
    assert zdt.utcoffset() == dt.timedelta(hours=1)
    assert lt == dt.time(10, 20, 30) and t.utcoffset() == dt.timedelta(0)
    assert du == Duration(months=14, days=3, seconds=4, nanoseconds=500_000_000)
    assert du.iso() == "P1Y2M3DT4.5S" == engine.run("RETURN toString(duration('P1Y2M3DT4.5S'))").rows[0][0]
    assert dates == [dt.date(2024, 1, 2)]


def test_a_time_with_nanoseconds_is_kept_whole_not_rounded(engine):
    (t,) = engine.run("RETURN localtime('10:20:30.123456789') AS t").rows[0]
    assert t.nanosecond == 123_456_789 and t.iso_format() == "10:20:30.123456789"


# --------------------------------------------------------------------------- Neo4j's warnings


def test_unknown_labels_types_and_properties_are_one_warning_line_each(engine):
    lines = []
    engine.warn = lines.append
    result = engine.run("MATCH (n:NoSuchLabel)-[:NO_SUCH_TYPE]->(m) WHERE n.no_such_property = 1 RETURN m")
    assert result.rows == []
    assert sorted(lines) == [
        "warning: label does not exist. The label `NoSuchLabel` does not exist. "
        "Verify that the spelling is correct. (line 1, column 10)",
        "warning: property key does not exist. The property `no_such_property` does not exist. "
        "Verify that the spelling is correct. (line 1, column 52)",
        "warning: relationship type does not exist. The relationship type `NO_SUCH_TYPE` does not exist. "
        "Verify that the spelling is correct. (line 1, column 25)",
    ]
    assert engine.warnings == lines


def test_a_warning_never_carries_a_control_character_to_the_terminal(engine):
    lines = []
    engine.warn = lines.append
    engine.run("MATCH (n:`Evil\x1b[2J`) RETURN n")
    assert lines and "\x1b" not in lines[0] and "\\x1b[2J" in lines[0]


def test_cli_prints_the_warnings_on_stderr_and_the_rows_on_stdout(cli):
    result = cli("query", "MATCH (n:NoSuchLabel) RETURN count(n) AS n", "--engine", "neo4j", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "n\n0\n"
    assert result.stderr.strip().splitlines() == [
        "warning: label does not exist. The label `NoSuchLabel` does not exist. "
        "Verify that the spelling is correct. (line 1, column 10)"
    ]
