"""`actorgraph export` and the GraphML that `actorgraph build` writes."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path

import igraph
import networkx as nx
import pytest
from typer.testing import CliRunner

from graph import load_graph, load_schema
from graph.cli import app
from graph.readwrite import graphml

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
runner = CliRunner()


@pytest.mark.parametrize(
    ("fmt", "files"),
    [
        ("graphml", ["graph.graphml"]),
        ("gexf", ["graph.gexf"]),
        ("cyjs", ["graph.cyjs"]),
        ("json", ["graph.json"]),
        ("csv", ["csv/nodes.csv", "csv/relationships.csv"]),
    ],
)
def test_export_writes_the_format_to_build_by_default(tmp_path, monkeypatch, fmt, files):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "--format", fmt, "--seeds", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert sorted(str(p.relative_to("build")) for p in Path("build").rglob("*") if p.is_file()) == files
    assert "13 actors and 13 relations" in result.output


def test_export_out_names_the_file(tmp_path):
    target = tmp_path / "deep" / "actors.graphml"
    result = runner.invoke(app, ["export", "-f", "graphml", "--out", str(target), "--seeds", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(target, force_multigraph=True).number_of_nodes() == 13


def test_export_json_is_node_link(tmp_path):
    target = tmp_path / "g.json"
    assert runner.invoke(app, ["export", "-f", "json", "--out", str(target), "--seeds", str(SEEDS)]).exit_code == 0
    assert len(json.loads(target.read_text(encoding="utf-8"))["edges"]) == 13


def test_export_failure_is_one_message_without_traceback(tmp_path):
    (tmp_path / "taken.graphml").mkdir()
    result = runner.invoke(app, ["export", "--out", str(tmp_path / "taken.graphml"), "--seeds", str(SEEDS)])
    assert result.exit_code == 4  # ExitCode.OUTPUT
    assert "cannot export graphml" in result.output
    assert "Traceback" not in result.output


def test_export_rejects_an_unknown_format():
    result = runner.invoke(app, ["export", "--format", "dot", "--seeds", str(SEEDS)])
    assert result.exit_code == 2


def test_every_help_shows_an_example():
    for command in ("export", "build"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output and f"actorgraph {command}" in result.output


def test_build_writes_graphml_that_networkx_and_igraph_load_intact(tmp_path):
    result = runner.invoke(app, ["build", "--seeds", str(SEEDS), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    built, schema = load_graph(SEEDS), load_schema(SEEDS / "schema.yaml")
    read = graphml.read(tmp_path / "graph.graphml", schema)
    assert read.graph == built.graph
    assert sorted(read.nodes(data=True)) == sorted(built.nodes(data=True))
    assert sorted(read.edges(keys=True, data=True)) == sorted(built.edges(keys=True, data=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        ig = igraph.Graph.Read_GraphML(str(tmp_path / "graph.graphml"))
    assert (ig.vcount(), ig.ecount()) == (13, 13)
    assert sorted(ig.es["id"]) == sorted(k for *_, k in built.edges(keys=True))


def test_export_csv_neutralises_formulas_says_so_and_csv_raw_writes_them_exactly(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    entities = seeds / "annotations" / "la-sanctuary-city-2024-11.yaml"
    text = entities.read_text(encoding="utf-8")
    assert "name: Los Angeles Police Department" in text
    entities.write_text(
        text.replace("name: Los Angeles Police Department", "name: '=HYPERLINK(\"http://e.x\")'"), "utf-8"
    )
    safe = runner.invoke(app, ["export", "-f", "csv", "--out", str(tmp_path / "safe"), "--seeds", str(seeds)])
    assert safe.exit_code == 0, safe.output
    assert "1 cell starting with = + - @" in safe.stderr and "--csv-raw" in safe.stderr
    assert "'=HYPERLINK" in (tmp_path / "safe" / "nodes.csv").read_text(encoding="utf-8")
    raw = runner.invoke(
        app, ["export", "-f", "csv", "--csv-raw", "--out", str(tmp_path / "raw"), "--seeds", str(seeds)]
    )
    assert raw.exit_code == 0, raw.output
    assert raw.stderr == ""
    assert ',"=HYPERLINK(""http://e.x"")"' in (tmp_path / "raw" / "nodes.csv").read_text(encoding="utf-8")
