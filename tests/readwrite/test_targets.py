"""Every format module has the same verb: write(graph, target, schema=None), target a path or an open text file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from graph import export
from graph.errors import ActorgraphError, ExitCode
from graph.readwrite import cyjs, gexf, graphml, node_link


@pytest.mark.parametrize("writer", [graphml, gexf, cyjs, node_link], ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_a_path_and_an_open_file_get_the_same_text(writer, seed_graph, schema, tmp_path: Path) -> None:
    buffer = io.StringIO()
    writer.write(seed_graph, buffer, schema)
    writer.write(seed_graph, tmp_path / "out", schema)
    assert buffer.getvalue() == (tmp_path / "out").read_text(encoding="utf-8")
    assert not buffer.closed  # the caller's file stays open


@pytest.mark.parametrize("name", ["graphml", "gexf", "cyjs", "json", "csv"])
def test_export_takes_a_string_path(name: str, seed_graph, schema, tmp_path: Path) -> None:
    written = export(seed_graph, name, str(tmp_path / f"out-{name}"), schema)
    assert all(path.exists() for path in written)


def test_an_unknown_format_is_named_with_the_known_ones(seed_graph, tmp_path: Path) -> None:
    with pytest.raises(ActorgraphError, match="unknown export format 'xml'; choose one of: graphml") as raised:
        export(seed_graph, "xml", tmp_path / "x")
    assert raised.value.exit_code == ExitCode.USAGE
