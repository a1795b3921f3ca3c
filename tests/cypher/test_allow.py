"""The gate every query passes: one statement, the allow-list, refusals before anything runs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.cypher import allow
from graph.cypher.engines import Result
from graph.cypher.parse import parse
from graph.cypher.run import run_query
from graph.errors import Refused
from tests.cypher.conftest import QUERIES, ROOT, SEEDS

# Each hostile query, and the construct and position its refusal must name.
HOSTILE = [
    ("LOAD EXTENSION '/tmp/x.so'", "line 1:1: LOAD EXTENSION"),
    ("load extension '/tmp/x.so'", "line 1:1: LOAD EXTENSION"),
    ("COPY (MATCH (n) RETURN n.id) TO '/tmp/actorgraph-x.csv'", "line 1:1: COPY"),
    ("COPY Person FROM '/etc/passwd'", "line 1:1: COPY"),
    ("LOAD FROM '/etc/passwd' RETURN *", "line 1:1: LOAD FROM"),
    ("ATTACH '/tmp/x.db' AS x (dbtype duckdb)", "line 1:1: ATTACH"),
    ("INSTALL httpfs", "line 1:1: INSTALL"),
    ("EXPORT DATABASE '/tmp/x'", "line 1:1: EXPORT DATABASE"),
    ("IMPORT DATABASE '/tmp/x'", "line 1:1: IMPORT DATABASE"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "line 1:1: LOAD CSV"),
    ("SHOW USERS", "line 1:1: SHOW"),
    ("SHOW DATABASES YIELD name", "line 1:1: SHOW"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "line 1:1: TERMINATE"),
    ("CREATE INDEX i FOR (n:Agency) ON (n.id)", "line 1:1: CREATE INDEX"),
    ("CREATE NODE TABLE T(id STRING, PRIMARY KEY(id))", "line 1:1: CREATE NODE TABLE"),
    ("DROP TABLE Person", "line 1:1: DROP"),
    ("CALL dbms.listConfig()", "CALL dbms.listConfig()"),
    ("CALL show_tables() RETURN *", "line 1:1: CALL show_tables()"),
    ("MATCH (n) DETACH DELETE n", "line 1:11: DELETE"),
    ("CREATE (n:Person {id: 'x'})", "line 1:1: CREATE"),
    ("MATCH (n {id: 'ice'}) SET n.name = 'x'", "line 1:23: SET"),
    ("MERGE (n:Person {id: 'x'})", "line 1:1: MERGE"),
    ("MATCH (n) FOREACH (x IN [1] | SET n.y = x)", "FOREACH"),
    ("MATCH (n) RETURN n.id LIMIT 1; LOAD EXTENSION '/tmp/x.so'", "line 1:32: a second statement"),
    ("MATCH (n) RETURN 'a;b' AS s;\nCOPY (MATCH (n) RETURN n) TO '/tmp/x.csv'", "line 2:1: a second statement"),
    ("MATCH (n) RETURN n.id /* hidden */ ; /* */ INSTALL json", "line 1:44: a second statement"),
    ("// a comment\nMATCH (n) WITH n LOAD FROM '/etc/passwd' RETURN *", "line 2:18: LOAD FROM"),
    ("MATCH (n) RETURN apoc.export.csv.all('/tmp/x.csv', {})", "apoc.export.csv.all()"),
    ("MATCH (n) RETURN n.id UNION CALL dbms.components() YIELD name RETURN name", "CALL dbms.components()"),
    ("USE system SHOW USERS", "line 1:1: USE"),
    ("EXPLAIN MATCH (n) RETURN n", "line 1:1: EXPLAIN"),
]


class Recorder:
    """An engine that records what reaches it: a refused query must never arrive."""

    def __init__(self, name: str, graph_info=None, write: bool = False) -> None:
        self.name, self.graph_info, self.write, self.ran = name, graph_info, write, []

    def run(self, query, params=None):
        self.ran.append(query)
        return Result([], [])


@pytest.fixture
def recorders(embedded_engine):
    return [Recorder("embedded", embedded_engine.graph_info), Recorder("neo4j")]


@pytest.mark.parametrize(("query", "named"), HOSTILE)
def test_hostile_query_is_refused_before_any_engine_sees_it(recorders, query, named):
    for engine in recorders:
        with pytest.raises(Refused) as refused:
            run_query(engine, query, {})
        assert named in str(refused.value)
        assert engine.ran == []


def test_writes_pass_only_on_neo4j_with_write_and_files_never():
    writer = Recorder("neo4j", write=True)
    run_query(writer, "MERGE (n:Person {id: 'x'}) RETURN n.id", {})
    assert writer.ran
    for query in ["LOAD CSV FROM 'file:///x' AS l CREATE (:X {v: l[0]})", "CALL dbms.listConfig()"]:
        with pytest.raises(Refused):
            run_query(writer, query, {})


def test_neo4j_runs_its_small_procedure_allow_list():
    neo = Recorder("neo4j")
    for query in ["CALL db.labels() YIELD label RETURN label", "CALL db.relationshipTypes()"]:
        run_query(neo, query, {})
    assert len(neo.ran) == 2
    with pytest.raises(Refused, match=r"CALL db\.createLabel"):
        run_query(neo, "CALL db.createLabel('X')", {})


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (n) RETURN 'x; LOAD EXTENSION y' AS s",
        "MATCH (n) RETURN n.id /* ; COPY */ LIMIT 1",
        "MATCH (n) RETURN n.id // ; LOAD FROM '/etc/passwd'",
        "MATCH (n) RETURN n.id;",
        "MATCH (n) RETURN n.id AS `LOAD EXTENSION`",
    ],
)
def test_words_in_strings_comments_and_names_are_not_statements(recorders, query):
    for engine in recorders:
        run_query(engine, query, {})
        assert len(engine.ran) == 1
    assert ";" not in recorders[1].ran[0].split("//")[0].split("/*")[0].replace("'x; LOAD EXTENSION y'", "")


def test_hostile_shipped_query_file_is_refused_and_touches_nothing(tmp_path):
    target = tmp_path / "out.csv"
    store = tmp_path / "store"
    shipped = tmp_path / "hostile.cypher"
    shipped.write_text(
        "// name: hostile\n// description: looks harmless\n"
        f"MATCH (n) RETURN n.id LIMIT 1; COPY (MATCH (n) RETURN n.id) TO '{target}'\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    args = ["--seeds", str(SEEDS), "--queries", str(QUERIES), "--store", str(store)]
    assert runner.invoke(app, ["query", "timeline", *args]).exit_code == 0
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in store.rglob("*") if p.is_file()}
    assert before
    for query in [str(shipped), *(q for q, _ in HOSTILE)]:
        result = runner.invoke(app, ["query", query, *args])
        assert result.exit_code == 2, (query, result.output)
        assert "not supported" in result.stderr
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in store.rglob("*") if p.is_file()}
    assert after == before
    assert not target.exists()


def test_queries_readme_lists_the_accepted_language_as_the_allow_list_says():
    text = (ROOT / "queries" / "README.md").read_text(encoding="utf-8")
    assert f"{allow.BEGIN}\n\n{allow.language()}\n{allow.END}" in text, "run: python -m graph.cypher.allow"


def test_every_shipped_query_parses_and_passes_the_gate_on_both_engines(recorders):
    for path in sorted(QUERIES.glob("*.cypher")):
        parsed = parse(Path(path).read_text(encoding="utf-8"))
        for engine in ("embedded", "neo4j"):
            allow.check(parsed.tree, engine)


@pytest.mark.parametrize(
    "query",
    [
        "RETURN 'x`; LOAD EXTENSION y //' + 'z'",
        "RETURN 1 AS `a``; INSTALL json`",
        "MATCH (`n``; COPY`:Agency) RETURN `n``; COPY`.id",
        "RETURN 'it\\'s; ATTACH' AS s",
    ],
)
def test_names_and_strings_never_become_a_second_statement_on_ladybug(embedded_engine, query):
    result = run_query(embedded_engine, query, {})
    assert len(result.columns) == 1
