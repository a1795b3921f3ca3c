"""Writing networks: GraphML that networkx and igraph read with weights and signs, CSV matrices, JSON, the page."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import igraph
import networkx as nx
import pytest

from graph.network import Window
from graph.network.write import write


@pytest.fixture
def subtract(dna_network):
    return dna_network("actors", "subtract", "average")


def test_one_mode_graphml_is_undirected_weighted_and_signed(subtract, tmp_path: Path) -> None:
    (path,) = write(subtract, "graphml", tmp_path / "n.graphml")
    g = nx.read_graphml(path)
    assert not g.is_directed()
    assert {g.nodes[n]["label"] for n in g} == {"Alpha", "Beta", "Gamma", "Delta"}
    assert g.edges["organization-alpha", "organization-beta"]["weight"] == pytest.approx(2 / 3.5)
    assert g.edges["organization-alpha", "organization-gamma"]["sign"] == -1
    assert g.number_of_edges() == 4
    ig = igraph.Graph.Read_GraphML(str(path))
    assert sorted(round(w, 6) for w in ig.es["weight"]) == sorted(
        round(w, 6) for w in (2 / 3.5, -2 / 3, -2 / 2.5, -1 / 2)
    )
    again = write(subtract, "graphml", tmp_path / "again.graphml")[0]
    assert again.read_bytes() == path.read_bytes()


def test_two_mode_graphml_keeps_actor_and_target_apart(dna_network, tmp_path: Path) -> None:
    (path,) = write(dna_network("two-mode", "subtract", actor_types=frozenset()), "graphml", tmp_path / "t.graphml")
    g = nx.read_graphml(path)
    assert g.is_directed()
    assert g.nodes["actor:organization-alpha"]["bipartite"] == 0
    assert g.nodes["target:concept-carbon-tax"]["bipartite"] == 1
    assert g.edges["actor:organization-alpha", "target:concept-subsidy"]["weight"] == -1.0


def test_csv_is_the_full_labelled_matrix(subtract, tmp_path: Path) -> None:
    (path,) = write(subtract, "csv", tmp_path / "n.csv")
    rows = list(csv.reader(path.open()))
    assert rows[0] == ["", "Alpha", "Beta", "Delta", "Gamma"]
    assert rows[1][0] == "Alpha" and float(rows[1][2]) == pytest.approx(2 / 3.5) and rows[1][1] == "0"
    assert [r[0] for r in rows[1:]] == ["Alpha", "Beta", "Delta", "Gamma"]


def test_json_holds_settings_nodes_and_every_window(dna_network, tmp_path: Path) -> None:
    from datetime import date

    result = dna_network(
        "actors", "conflict", window=Window(1, 1, "months"), start=date(2020, 1, 1), end=date(2020, 3, 31)
    )
    (path,) = write(result, "json", tmp_path / "n.json")
    data = json.loads(path.read_text())
    assert data["settings"]["aggregation"] == "conflict" and data["settings"]["window"]["unit"] == "months"
    assert [n["start"] for n in data["networks"]] == ["2020-01-01", "2020-02-01", "2020-03-01"]
    assert data["networks"][0]["edges"] == [["organization-alpha", "organization-beta", 1]]
    assert data["nodes"]["organization-alpha"] == {"name": "Alpha", "type": "Organization"}


def test_windows_give_one_file_each(dna_network, tmp_path: Path) -> None:
    from datetime import date

    result = dna_network("two-mode", window=Window(1, 1, "months"), start=date(2020, 1, 1), end=date(2020, 3, 31))
    written = write(result, "csv", tmp_path / "w.csv")
    assert [p.name for p in written] == ["w-001.csv", "w-002.csv", "w-003.csv"]
    assert all(p.exists() for p in written)


def test_the_page_is_the_graph_page_of_the_network(subtract, tmp_path: Path) -> None:
    (path,) = write(subtract, "html", tmp_path / "n.html")
    page = path.read_text()
    assert page.startswith("<!DOCTYPE html>") or "<html" in page[:200]
    assert "Alpha" in page and "negative" in page and "positive" in page
