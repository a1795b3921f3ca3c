"""`actorgraph query` and `actorgraph queries` as a user runs them: formats, parameters, errors, exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from graph.cli import app
from tests.cypher.conftest import QUERIES, SEEDS

runner = CliRunner()


def query(*args: str):
    return runner.invoke(app, ["query", *args, "--seeds", str(SEEDS), "--queries", str(QUERIES)])


def test_shipped_query_by_name_prints_a_table():
    result = query("who-opposes-the-ordinance")
    assert result.exit_code == 0, result.output
    assert "Los Angeles County Republican Party" in result.stdout
    assert "2 rows" in result.stdout


def test_query_by_file_path_and_by_text_agree():
    by_file = query(str(QUERIES / "timeline.cypher"), "--format", "json")
    by_text = query((QUERIES / "timeline.cypher").read_text(encoding="utf-8"), "--format", "json")
    assert by_file.exit_code == by_text.exit_code == 0
    assert by_file.stdout == by_text.stdout


def test_json_is_columns_and_rows_and_byte_identical_across_runs():
    first = query("passage-of-laws", "--format", "json")
    second = query("passage-of-laws", "--format", "json")
    assert first.exit_code == 0
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert data["columns"][:3] == ["law", "actor", "action"]
    assert data["rows"][0][:3] == ["California SB 54", "State of California", "enacts"]


def test_csv_has_a_header_lists_as_json_and_null_as_empty():
    result = query("MATCH (a:Agency {id: 'lapd'}) RETURN a.id, a.aliases, a.description", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["a.id", "a.aliases", "a.description"],
        ["lapd", '["LAPD"]', ""],
    ]


def test_param_finds_actor_by_alias_in_any_case():
    result = query("neighbourhood", "--param", "name=lapd", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["relation_id"] for r in rows] == ["lapd-cooperates-with-ice"]


def test_params_are_typed_and_repeatable():
    result = query(
        "MATCH (l:Legislation) WHERE l.year = $year AND l.id = $id RETURN l.name",
        "-p",
        "year=2017",
        "-p",
        "id=ca-sb-54",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "l.name\nCalifornia SB 54\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["neighbourhood"], "missing parameter $name"),
        (["timeline", "--param", "year=2017"], "unknown parameter 'year'"),
        (["MATCH (a:Agency RETURN a.name"], "syntax error: line 1:17: mismatched input 'RETURN'"),
        (["MATCH (a) RETURN [(a)-->(b) | b.id] AS l"], "line 1:18: a pattern comprehension"),
        (["MATCH (a) RETURN [(a)-->(b) | b.id] AS l"], "--engine neo4j"),
        (["MATCH (a) RETURN a; LOAD EXTENSION '/tmp/x.so'"], "line 1:21: a second statement"),
        (["LOAD EXTENSION '/tmp/x.so'"], "line 1:1: LOAD EXTENSION is not supported"),
        (["no-such-query"], "no query named 'no-such-query'"),
        (["missing.cypher"], "no such query file"),
        (["timeline", "--engine", "sqlite"], "unknown engine 'sqlite'"),
        (["timeline", "--format", "xml"], "unknown format 'xml'"),
        (["timeline", "--param", "oops"], "name=value"),
        (["   "], "the query is empty"),
        (
            ["MATCH (a) WHERE any(x IN a.aliases WHERE x = $n) RETURN a.id", "-p", "n=LA"],
            "WITH $n AS value",
        ),
    ],
)
def test_errors_exit_2_with_one_message_and_no_traceback(args, message):
    result = query(*args)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_queries_lists_names_descriptions_and_parameters():
    result = runner.invoke(app, ["queries", "--queries", str(QUERIES)])
    assert result.exit_code == 0, result.output
    names = [line for line in result.stdout.splitlines() if line and not line.startswith(" ")]
    assert names[:-1] == sorted(p.stem for p in QUERIES.glob("*.cypher"))
    assert "--param name=… (string) the actor's id, name or alias" in result.stdout


@pytest.mark.parametrize("command", ["query", "queries"])
def test_help_shows_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_store_keeps_the_database_and_answers_the_same(tmp_path):
    in_memory = query("timeline", "--format", "csv")
    first = query("timeline", "--format", "csv", "--store", str(tmp_path))
    second = query("timeline", "--format", "csv", "--store", str(tmp_path))
    assert in_memory.stdout == first.stdout == second.stdout
    assert len(list(tmp_path.glob("ladybug-*.lbug"))) == 1


def test_store_that_cannot_be_written_is_one_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = query("timeline", "--store", str(blocker))
    assert result.exit_code == 2
    assert "cannot keep the database" in result.stderr
    assert "Traceback" not in result.output
