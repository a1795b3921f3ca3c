"""Node-link JSON: the build's canonical output, byte-for-byte deterministic."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph.readwrite._target import Target, opened

if TYPE_CHECKING:
    from graph.schema import Schema


def to_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as node-link data, nodes and edges in id order."""
    data = nx.node_link_data(graph, edges="edges")
    data["nodes"].sort(key=lambda n: n["id"])
    data["edges"].sort(key=lambda e: e["key"])
    return data


def dumps(graph: nx.MultiDiGraph) -> str:
    return json.dumps(to_data(graph), ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def write(graph: nx.MultiDiGraph, target: Target, schema: Schema | None = None) -> None:
    """Write node-link JSON to `target` (a path, written atomically, or an open text file); `schema` is not needed."""
    with opened(target) as f:
        f.write(dumps(graph))


def read(path: Path) -> nx.MultiDiGraph:
    """Read a graph written by `write`."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
