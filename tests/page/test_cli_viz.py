"""`actorgraph viz` and `actorgraph build` write the network page."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from graph.cli import app
from graph.page import render_page

ROOT = Path(__file__).resolve().parents[2]

runner = CliRunner()


def test_viz_writes_the_page(tmp_path, seed_graph, schema, texts):
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["viz", "--seeds", str(ROOT / "seeds"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == render_page(seed_graph, schema, texts)


def test_build_writes_the_page_beside_the_json(tmp_path):
    result = runner.invoke(app, ["build", "--seeds", str(ROOT / "seeds"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.graphml", "graph.html", "graph.json"]


def test_viz_with_bad_seeds_writes_nothing(tmp_path):
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["viz", "--seeds", str(tmp_path / "missing"), "--out", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
