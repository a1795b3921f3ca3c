"""Nodes and edges in id order, the order every export writes them in."""

from __future__ import annotations

import itertools
from collections.abc import Hashable
from typing import Any

import networkx as nx

from graph.readwrite._fields import ExportError

Edge = tuple[str, Hashable, Hashable, dict[str, Any]]


def nodes(graph: nx.MultiDiGraph) -> list[tuple[Hashable, dict[str, Any]]]:
    """(node, attrs) sorted by node id."""
    return sorted(graph.nodes(data=True), key=lambda item: str(item[0]))


def edges(graph: nx.MultiDiGraph) -> list[Edge]:
    """(edge id, source, target, attrs) sorted by edge id; the id is the edge key, which must be unique."""
    out = sorted(((str(k), u, v, d) for u, v, k, d in graph.edges(keys=True, data=True)), key=lambda e: e[0])
    for before, after in itertools.pairwise(out):
        if before[0] == after[0]:
            raise ExportError(f"edge id {after[0]!r} is used by two edges; edge keys must be unique ids")
    return out
