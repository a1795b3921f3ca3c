"""Connecting: every URI scheme, and one fast line with exit code 3 when the server is down or refuses us."""

from __future__ import annotations

import time

import pytest

from graph.errors import ConnectionProblem
from graph.neo4j.connect import connect
from graph.neo4j.settings import Settings
from tests.support.neo4j_fake import fake_server
from tests.support.neo4j_server import free_port


def test_settings_come_from_flags_before_the_environment(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://db.example:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "from-env")
    monkeypatch.delenv("NEO4J_USERNAME", raising=False)
    monkeypatch.delenv("NEO4J_DATABASE", raising=False)
    assert Settings.from_env(password="from-flag") == Settings(
        "neo4j+s://db.example:7687", "neo4j", "from-flag", "neo4j"
    )


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_bolt_and_neo4j_schemes_both_connect(neo4j_settings, scheme):
    host = neo4j_settings.uri.partition("://")[2]
    driver = connect(Settings(f"{scheme}://{host}", neo4j_settings.username, neo4j_settings.password))
    try:
        assert driver.execute_query("RETURN 1 AS one").records[0]["one"] == 1
    finally:
        driver.close()


def test_a_tls_scheme_is_accepted_and_fails_only_on_the_connection():
    with pytest.raises(ConnectionProblem, match=r"cannot reach Neo4j at neo4j\+s://127\.0\.0\.1"):
        connect(Settings(f"neo4j+s://127.0.0.1:{free_port()}", password="x"))


def test_an_unknown_scheme_is_named():
    with pytest.raises(ConnectionProblem, match="the scheme must be one of bolt"):
        connect(Settings("http://localhost:7474", password="x"))


def test_no_password_says_which_variable_to_set():
    with pytest.raises(ConnectionProblem, match="set NEO4J_PASSWORD"):
        connect(Settings(password=None))


def _one_line_exit_3(result, needle: str) -> None:
    assert result.exit_code == 3, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert needle in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [["sync"], ["pull"], ["query", "timeline", "--engine", "neo4j"]])
def test_a_server_that_is_down_is_one_line_and_exit_3_at_once(neo4j_cli, command):
    started = time.monotonic()
    result = neo4j_cli(*command, env={"NEO4J_URI": f"bolt://127.0.0.1:{free_port()}"})
    _one_line_exit_3(result, "is it running?")
    assert time.monotonic() - started < 10


def test_a_wrong_password_is_one_line_and_exit_3(neo4j_cli):
    # One attempt only: Neo4j locks the user out for a few seconds after three wrong passwords.
    result = neo4j_cli("query", "timeline", "--engine", "neo4j", "--password", "not-the-password")
    _one_line_exit_3(result, "wrong username or password")


def test_a_missing_database_is_one_line_and_exit_3(neo4j_cli):
    result = neo4j_cli("pull", "--database", "nosuchdb")
    _one_line_exit_3(result, "has no database 'nosuchdb'")


# --------------------------------------------------------------------------- servers that are not a usable Neo4j

NOT_USABLE = {
    "closes": "did not answer the Bolt handshake: is it a Neo4j server?",
    "http": "answers HTTP, not Bolt: use the Bolt port",
    "garbage": "answered the Bolt handshake with no version this client speaks: is it a Neo4j server?",
    "bolt-4.4": "speaks Bolt 4.4: too old for actorgraph, which needs Neo4j 5.7 or later",
    "bolt-5.0": "speaks Bolt 5.0: too old for actorgraph, which needs Neo4j 5.7 or later",
}


@pytest.mark.parametrize("kind", NOT_USABLE)
@pytest.mark.parametrize("command", [["sync"], ["pull"], ["query", "RETURN 1", "--engine", "neo4j"]])
def test_a_server_that_is_not_a_usable_neo4j_is_named_at_once_in_one_line_exit_3(neo4j_cli, kind, command):
    with fake_server(kind) as uri:
        started = time.monotonic()
        result = neo4j_cli(*command, env={"NEO4J_URI": uri})
    _one_line_exit_3(result, NOT_USABLE[kind])
    assert time.monotonic() - started < 2


def test_a_server_that_accepts_and_never_answers_ends_within_the_connect_timeout(neo4j_cli):
    with fake_server("silent") as uri:
        started = time.monotonic()
        result = neo4j_cli("pull", env={"NEO4J_URI": uri, "NEO4J_CONNECT_TIMEOUT": "0.5"})
        took = time.monotonic() - started
    _one_line_exit_3(result, "did not answer within 1 s: is it stalled or overloaded? (wait longer with NEO4J_CONNECT")
    assert took < 3


@pytest.mark.parametrize("value", ["soon", "0", "-1", "1e9"])
def test_a_timeout_that_is_not_a_sane_number_of_seconds_is_refused(neo4j_cli, value):
    result = neo4j_cli("query", "RETURN 1", "--engine", "neo4j", env={"NEO4J_TIMEOUT": value})
    _one_line_exit_3(result, "timeout (NEO4J_TIMEOUT or --timeout) must be a number of seconds above 0")


def test_timeouts_come_from_flags_before_the_environment(monkeypatch):
    monkeypatch.setenv("NEO4J_TIMEOUT", "12")
    monkeypatch.setenv("NEO4J_CONNECT_TIMEOUT", "4")
    assert Settings.from_env().timeout == 12.0
    assert Settings.from_env(timeout=7).timeout == 7.0
    assert Settings.from_env().connect_timeout == 4.0
    monkeypatch.delenv("NEO4J_TIMEOUT")
    assert Settings.from_env().timeout == 30.0
