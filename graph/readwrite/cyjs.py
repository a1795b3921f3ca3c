"""Cytoscape.js JSON (`.cyjs`), which Cytoscape desktop imports and cytoscape.js loads as `elements`.

Nodes are `{"data": {"id", "name", …}}`; edges `{"data": {"id", "source", "target", "interaction", …}}`
with `interaction` the relation type. Lists stay JSON lists; the graph's attributes go in the top-level
`data`, maps among them as JSON strings (Cytoscape's network table holds no maps).
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from graph.readwrite import _order
from graph.readwrite._fields import json_text
from graph.readwrite._target import Target, opened
from graph.schema import Schema


def to_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as a Cytoscape.js document, nodes and edges in id order."""
    nodes = [
        {"data": {**_plain(attrs), "id": str(node), "name": attrs.get("name", str(node))}}
        for node, attrs in _order.nodes(graph)
    ]
    edges = [
        {
            "data": {
                **_plain(attrs),
                "id": key,
                "source": str(source),
                "target": str(target),
                "interaction": attrs.get("type", ""),
            }
        }
        for key, source, target, attrs in _order.edges(graph)
    ]
    network = {k: json_text(v) if isinstance(v, dict) else v for k, v in _plain(graph.graph).items()}
    return {
        "format_version": "1.0",
        "generated_by": "actorgraph",
        "target_cytoscapejs_version": "~2.1",
        "data": network,
        "elements": {"nodes": nodes, "edges": edges},
    }


def dumps(graph: nx.MultiDiGraph, schema: Schema | None = None) -> str:
    return json.dumps(to_data(graph), ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def write(graph: nx.MultiDiGraph, target: Target, schema: Schema | None = None) -> None:
    """Write Cytoscape.js JSON to `target` (a path, written atomically, or an open text file); `schema` is not
    needed: JSON keeps value types."""
    with opened(target) as f:
        f.write(dumps(graph))


def _plain(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in attrs.items() if v is not None}
