"""The neo4j-admin CSV pair: typed headers, one row per node and relationship, arrays split on `;`."""

from __future__ import annotations

import csv

import pytest

from graph._spreadsheet import Guard
from graph.errors import ExportError
from graph.readwrite import neo4j_csv


def rows(path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def test_nodes_file_has_neo4j_headers_and_one_row_per_node(tmp_path, seed_graph, schema):
    nodes_path, _ = neo4j_csv.write(seed_graph, tmp_path, schema)
    header, body = rows(nodes_path)
    assert header[:2] == ["id:ID", ":LABEL"]
    assert {"name", "aliases:string[]", "year:long", "quote_start:long"} <= set(header)
    assert [r["id:ID"] for r in body] == sorted(seed_graph.nodes)
    for row in body:
        attrs = seed_graph.nodes[row["id:ID"]]
        assert row[":LABEL"] == attrs["type"]
        assert row["aliases:string[]"].split(";") == attrs["aliases"]
        assert row["year:long"] == str(attrs.get("year", ""))


def test_relationships_file_has_neo4j_headers_and_cypher_types(tmp_path, seed_graph, schema):
    _, rels_path = neo4j_csv.write(seed_graph, tmp_path, schema)
    header, body = rows(rels_path)
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert {"id", "confidence:double", "times_invoked:long", "quote"} <= set(header)
    assert len(body) == seed_graph.number_of_edges()
    for row in body:
        attrs = seed_graph.edges[row[":START_ID"], row[":END_ID"], row["id"]]
        assert row[":TYPE"] == schema.cypher_type(attrs["type"])
        assert float(row["confidence:double"]) == attrs["confidence"]
        assert row["quote"] == attrs["quote"]


def test_hostile_text_survives_csv_quoting(tmp_path, hostile_graph, rich_schema):
    hostile_graph.nodes["karen-bass"]["aliases"] = ["Bass", "“Mayor” 🗳️ <&>"]
    nodes_path, rels_path = neo4j_csv.write(hostile_graph, tmp_path, rich_schema)
    _, body = rows(nodes_path)
    bass = next(r for r in body if r["id:ID"] == "karen-bass")
    assert bass["name"] == hostile_graph.nodes["karen-bass"]["name"]
    assert bass["incumbent:boolean"] == "true"
    assert len(rows(rels_path)[1]) == hostile_graph.number_of_edges()


def test_an_alias_holding_the_array_delimiter_is_refused_and_nothing_written(tmp_path, seed_graph, schema):
    seed_graph.nodes["lapd"]["aliases"] = ["LAPD; the police"]
    with pytest.raises(ExportError, match=r"node 'lapd': attribute 'aliases': item 'LAPD; the police' holds ';'"):
        neo4j_csv.write(seed_graph, tmp_path, schema)
    assert not list(tmp_path.iterdir())


def test_bytes_are_the_same_every_time(tmp_path, seed_graph, schema):
    first = [p.read_bytes() for p in neo4j_csv.write(seed_graph, tmp_path / "a", schema)]
    second = [p.read_bytes() for p in neo4j_csv.write(seed_graph.copy(), tmp_path / "b", schema)]
    assert first == second


def test_a_bad_relationship_leaves_neither_file(tmp_path, seed_graph, schema):
    u, v, k = next(iter(seed_graph.edges(keys=True)))
    seed_graph.edges[u, v, k]["weight"] = 2
    with pytest.raises(ExportError, match=rf"edge '{k}': attribute 'weight' is not declared"):
        neo4j_csv.write(seed_graph, tmp_path, schema)
    assert not list(tmp_path.iterdir())


FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+1+cmd|' /C calc'!A0", "@SUM(A1:A2)", "-2+3", "\t=1", "\r=1"]


def test_formula_cells_get_a_leading_quote_and_numbers_stay_numbers(tmp_path, seed_graph, schema):
    seed_graph.nodes["lapd"].update(name=FORMULAS[0], aliases=FORMULAS[1:3], description=FORMULAS[3])
    u, v, k = next((u, v, k) for u, v, k, d in seed_graph.edges(keys=True, data=True) if "times_invoked" in d)
    seed_graph.edges[u, v, k].update(quote=FORMULAS[4], note=FORMULAS[5], times_invoked=-3, confidence=-0.5)
    guard = Guard()
    nodes_path, rels_path = neo4j_csv.write(seed_graph, tmp_path, schema, guard=guard)
    lapd = next(r for r in rows(nodes_path)[1] if r["id:ID"] == "lapd")
    assert lapd["name"] == "'" + FORMULAS[0]
    assert lapd["aliases:string[]"] == "'" + ";".join(FORMULAS[1:3])  # one cell: its first character counts
    assert lapd["description"] == "'-2+3"
    rel = next(r for r in rows(rels_path)[1] if r["id"] == k)
    assert (rel["quote"], rel["note"]) == ("'\t=1", "'\r=1")
    assert (rel["times_invoked:long"], rel["confidence:double"]) == ("-3", "-0.5")  # typed numbers: never changed
    assert guard.changed == 5


def test_raw_writes_formula_cells_exactly_for_neo4j_admin(tmp_path, seed_graph, schema):
    seed_graph.nodes["lapd"].update(name=FORMULAS[0], aliases=FORMULAS[1:3])
    guard = Guard(raw=True)
    nodes_path, _ = neo4j_csv.write(seed_graph, tmp_path, schema, guard=guard)
    lapd = next(r for r in rows(nodes_path)[1] if r["id:ID"] == "lapd")
    assert (lapd["name"], lapd["aliases:string[]"]) == (FORMULAS[0], ";".join(FORMULAS[1:3]))
    assert guard.changed == 0


def test_a_bare_carriage_return_is_quoted_so_the_record_stays_whole(tmp_path, seed_graph, schema):
    seed_graph.nodes["lapd"]["description"] = "one\rtwo"
    nodes_path, _ = neo4j_csv.write(seed_graph, tmp_path, schema)
    assert b'"one\rtwo"' in nodes_path.read_bytes()
    assert len(rows(nodes_path)[1]) == seed_graph.number_of_nodes()
