"""Injection on Neo4j: hostile values are only ever parameters; hostile names never reach Cypher.

Values (names, aliases, quotes, notes, qualifiers, query parameters, even a dataset name) go to Neo4j as
parameters and come back exactly; names that become Cypher text (labels, relationship types, property
names) are checked against the schema and an identifier pattern before any Cypher runs.
"""

from __future__ import annotations

import json
from pathlib import Path

import neo4j
import pytest
import yaml

from graph import load_corpus
from graph.build import build_graph
from graph.errors import SyncError
from graph.neo4j import reader as pull_module
from graph.neo4j import writer as sync_module
from graph.neo4j.reader import read_dataset as pull
from graph.neo4j.writer import write_dataset as sync
from graph.readwrite import node_link
from tests.conftest import edit
from tests.support.neo4j_server import free_port

HOSTILE = {
    "backtick": "Robert`}) DETACH DELETE n //",
    "cypher": "'}) MATCH (m) DETACH DELETE m RETURN 1 //",
    "quotes": "He said \"no\" and 'yes'",
    "param": "$dataset {dataset: $name}",
    "unicode": "Ünïcødé 中文 😀",
    "backslash": "back\\slash \\u0027 \\`",
}
MULTILINE = "first line\nsecond line\r\n\tand a tab"
QUOTE = "The \"x`}) DETACH DELETE n //\" of $dataset said 'ünï 😀'."
ANNOTATIONS = "annotations/la-sanctuary-city-2024-11.yaml"
TEXT = "documents/la-sanctuary-city-2024-11.txt"


def relation(data: dict, rid: str) -> dict:
    return next(r for r in data["relations"] if r["id"] == rid)


def entity(data: dict, eid: str) -> dict:
    return next(e for e in data["entities"] if e["id"] == eid)


@pytest.fixture
def hostile_seeds(seeds_copy: Path) -> Path:
    """The seeds with hostile text in a name, aliases, a property, a quote, a note and qualifiers."""
    with (seeds_copy / TEXT).open("a", encoding="utf-8") as text:
        text.write(f"{QUOTE}\n")
    path = seeds_copy / ANNOTATIONS
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entity(data, "lapd")["name"] = HOSTILE["backtick"]
    entity(data, "lapd")["aliases"] = list(HOSTILE.values())
    entity(data, "karen-bass")["properties"]["role"] = HOSTILE["cypher"]
    relation(data, "blumenfield-member-of-council")["quote"] = QUOTE
    relation(data, "trump-opposes-los-angeles")["note"] = f"{MULTILINE} {HOSTILE['quotes']}"
    qualifiers = relation(data, "council-approves-ordinance")["qualifiers"]
    qualifiers.update(stage=HOSTILE["param"], vote=HOSTILE["unicode"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return seeds_copy


@pytest.fixture
def everything_else(neo4j_driver, neo4j_settings, fresh):
    """`snapshot()`: every node, relationship, constraint and index that is not the dataset's, with sentinels among
    them (nodes and relationships of a label and type of no schema, an index and a constraint on them)."""
    database = neo4j_settings.database

    def run(query: str) -> list[list[object]]:
        records, _, _ = neo4j_driver.execute_query(query, database_=database)
        return [list(r.values()) for r in records]

    run("CREATE (:Sentinel {id: 'lapd', name: 'not the LAPD'})-[:SENTINEL_OF {id: 'x'}]->(:Sentinel {id: 's2'})")
    run("CREATE INDEX sentinel_name IF NOT EXISTS FOR (n:Sentinel) ON (n.name)")
    run("CREATE CONSTRAINT sentinel_id IF NOT EXISTS FOR (n:Sentinel) REQUIRE n.id IS UNIQUE")

    def snapshot(dataset: str = "") -> list[object]:
        return [
            run("MATCH (n:Sentinel) RETURN elementId(n), labels(n), properties(n) ORDER BY elementId(n)"),
            run(
                "MATCH ()-[r:SENTINEL_OF]->() "
                "RETURN elementId(r), type(r), properties(r), elementId(startNode(r)), elementId(endNode(r))"
            ),
            run(
                "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties WHERE NOT name STARTS WITH 'actorgraph' "
                "RETURN * ORDER BY name"
            ),
            run(
                "SHOW INDEXES YIELD name, labelsOrTypes, properties WHERE NOT name STARTS WITH 'actorgraph' "
                "RETURN * ORDER BY name"
            ),
        ]

    yield snapshot
    run("DROP CONSTRAINT sentinel_id IF EXISTS")
    run("DROP INDEX sentinel_name IF EXISTS")


def built(seeds: Path) -> str:
    return node_link.dumps(build_graph(load_corpus(seeds)))


def test_the_hostile_seeds_carry_their_hostile_values(hostile_seeds):
    graph = build_graph(load_corpus(hostile_seeds))
    assert graph.nodes["lapd"]["name"] == HOSTILE["backtick"]
    assert graph.nodes["lapd"]["aliases"] == list(HOSTILE.values())
    assert graph.nodes["karen-bass"]["role"] == HOSTILE["cypher"]
    assert graph.edges["bob-blumenfield", "la-city-council", "blumenfield-member-of-council"]["quote"] == QUOTE
    assert MULTILINE in graph.edges["donald-trump", "city-of-los-angeles", "trump-opposes-los-angeles"]["note"]
    approves = graph.edges["la-city-council", "la-sanctuary-ordinance", "council-approves-ordinance"]
    assert (approves["stage"], approves["vote"]) == (HOSTILE["param"], HOSTILE["unicode"])


def test_hostile_values_round_trip_exactly_and_touch_nothing_else(
    neo4j_cli, hostile_seeds, dataset, everything_else, tmp_path
):
    before = everything_else(dataset)
    assert before[0] and before[1], "the sentinels are there to be left alone"

    synced = neo4j_cli("sync", "--seeds", hostile_seeds, "--dataset", dataset)
    pulled = neo4j_cli("pull", "--dataset", dataset, "--out", tmp_path / "pulled.json")

    assert (synced.exit_code, pulled.exit_code) == (0, 0), synced.output + pulled.output
    assert (tmp_path / "pulled.json").read_text(encoding="utf-8") == built(hostile_seeds)
    assert everything_else(dataset) == before
    again = neo4j_cli("sync", "--seeds", hostile_seeds, "--dataset", dataset)
    assert "nothing written (already in sync)" in again.stdout


@pytest.mark.parametrize("value", [*HOSTILE.values(), MULTILINE, QUOTE], ids=[*HOSTILE, "multiline", "quote"])
def test_a_hostile_query_parameter_is_a_value(neo4j_cli, value):
    result = neo4j_cli("query", "RETURN $v AS v", "--engine", "neo4j", "--param", f"v={value}", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows"] == [[value]]


def test_a_shipped_query_finds_an_actor_by_a_hostile_alias(neo4j_cli, hostile_seeds, dataset, everything_else):
    assert neo4j_cli("sync", "--seeds", hostile_seeds, "--dataset", dataset).exit_code == 0
    before = everything_else(dataset)
    for alias in HOSTILE.values():
        result = neo4j_cli(
            "query", "neighbourhood", "--engine", "neo4j", "--param", f"name={alias}", "--format", "json"
        )
        assert result.exit_code == 0, result.output
        table = json.loads(result.stdout)
        rows = [dict(zip(table["columns"], row, strict=True)) for row in table["rows"]]
        assert "lapd-cooperates-with-ice" in {row["relation_id"] for row in rows}
        assert {row["actor"] for row in rows} == {HOSTILE["backtick"]}
    assert everything_else(dataset) == before


# --------------------------------------------------------------------------- hostile names: refused before Cypher


SCHEMA_NAMES = {
    "entity type": ("  Agency:\n", '  "Agency`) DETACH DELETE (n":\n', "is not CamelCase"),
    "relation type": ("  supports:\n", '  "supports`]->() DETACH DELETE r //":\n', "is not kebab-case"),
    "qualifier": ("  vote: {type: string", '  "vote` = 1 //": {type: string', "is not snake_case"),
    "property": (
        "      role: {type: string, description: Office",
        '      "role}) //": {type: string, description: Office',
        "is not snake_case",
    ),
    "cypher type": (
        "  supports:\n",
        '  supports:\n    cypher: "SUPPORTS`]->() DETACH DELETE r //"\n',
        "is not UPPER_SNAKE_CASE",
    ),
}


@pytest.mark.parametrize(("old", "new", "message"), SCHEMA_NAMES.values(), ids=SCHEMA_NAMES)
def test_a_hostile_name_in_the_schema_is_refused_before_connecting(neo4j_cli, seeds_copy, old, new, message):
    edit(seeds_copy / "schema.yaml", old, new)
    result = neo4j_cli("sync", "--seeds", seeds_copy, env={"NEO4J_URI": f"bolt://127.0.0.1:{free_port()}"})
    assert result.exit_code == 1, result.output  # a validation error: 3 would mean it tried to connect
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["two words", "back`tick", "x'}) DETACH DELETE n //", "", "a" * 101])
@pytest.mark.parametrize("command", ["sync", "pull"])
def test_a_hostile_dataset_name_is_refused_before_connecting(neo4j_cli, command, name):
    result = neo4j_cli(command, "--dataset", name, env={"NEO4J_URI": f"bolt://127.0.0.1:{free_port()}"})
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [
        f"error: dataset name {name!r}: use letters, digits, '.', '_' and '-' (at most 100)"
    ]


@pytest.fixture
def unreachable() -> neo4j.Driver:
    """A driver for a port nobody listens on: any Cypher sent through it fails with ServiceUnavailable."""
    driver = neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{free_port()}", auth=("neo4j", "unused"))
    yield driver
    driver.close()


def hostile_node_type(graph) -> None:
    graph.nodes["lapd"]["type"] = "Agency`) DETACH DELETE (n"


def hostile_relationship_type(graph) -> None:
    graph.edges["lapd", "ice", "lapd-cooperates-with-ice"]["cypher_type"] = "SUPPORTS`]->() DETACH DELETE r //"


def hostile_node_property(graph) -> None:
    graph.nodes["lapd"]["name`}) DETACH DELETE n //"] = "x"


def hostile_relationship_property(graph) -> None:
    graph.edges["lapd", "ice", "lapd-cooperates-with-ice"]["x` = 1 //"] = "x"


def undeclared_property(graph) -> None:
    graph.nodes["lapd"]["year"] = 2000  # a property of Legislation, not of Agency


RECORD_NAMES = {
    hostile_node_type: "type 'Agency`) DETACH DELETE (n' is not an entity type of the schema",
    hostile_relationship_type: "is not a Cypher type of the schema",
    hostile_node_property: "attribute 'name`}) DETACH DELETE n //' is neither a core field nor declared",
    hostile_relationship_property: "attribute 'x` = 1 //' is neither a core field nor declared",
    undeclared_property: "attribute 'year' is neither a core field nor declared",
}


@pytest.mark.parametrize(("spoil", "message"), RECORD_NAMES.items(), ids=[f.__name__ for f in RECORD_NAMES])
def test_a_hostile_name_in_a_graph_is_refused_before_any_cypher(unreachable, corpus, seed_graph, spoil, message):
    spoil(seed_graph)
    with pytest.raises(SyncError) as refused:
        sync(unreachable, "neo4j", seed_graph, corpus.schema, "default")
    assert message in str(refused.value)


@pytest.mark.parametrize("name", ["two words", "back`tick", "x'}) DETACH DELETE n //"])
def test_a_hostile_dataset_name_is_refused_by_the_library_before_any_cypher(unreachable, corpus, seed_graph, name):
    with pytest.raises(SyncError, match="dataset name"):
        sync(unreachable, "neo4j", seed_graph, corpus.schema, name)
    with pytest.raises(SyncError, match="dataset name"):
        pull(unreachable, "neo4j", name)


def test_the_dataset_is_a_parameter_even_when_its_name_is_not_checked(
    monkeypatch, neo4j_driver, neo4j_settings, corpus, seed_graph, everything_else
):
    """Dataset names are kept simple for people; Cypher never depends on that: it only sees `$dataset`."""
    name = "x`}) MATCH (m) DETACH DELETE m // $dataset 'ünï'"
    for module in (sync_module, pull_module):
        monkeypatch.setattr(module, "check_dataset", lambda dataset: dataset)
    before = everything_else(name)
    sync(neo4j_driver, neo4j_settings.database, seed_graph, corpus.schema, name)
    assert node_link.dumps(pull(neo4j_driver, neo4j_settings.database, name)) == node_link.dumps(seed_graph)
    assert everything_else(name) == before
