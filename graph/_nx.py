"""networkx's adjacency dicts, used directly only on the networkx versions they were checked against.

Filling a MultiDiGraph through its internal `_succ`/`_pred` dicts is about 3x faster than `add_edges_from` at a
million relations, and reading `_succ` skips a view per edge. Both rely on internals, so they are used only on
checked versions; on any other the public API gives the same graph (tests/test_fast_paths.py checks both).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

CHECKED = ((3, 3), (3, 6))  # first and last networkx minor versions whose MultiDiGraph internals were checked

Edge = tuple[Any, Any, Any, dict[str, Any]]  # source, target, key, attributes


def checked(version: str) -> bool:
    """Whether networkx `version` ("3.6.1") is one whose internals the fast paths were checked against."""
    try:
        major_minor = tuple(int(part) for part in version.split(".")[:2])
    except ValueError:
        return False
    return CHECKED[0] <= major_minor <= CHECKED[1]


FAST = checked(nx.__version__) and hasattr(nx, "_clear_cache")


def successors(graph: nx.MultiDiGraph) -> Mapping[Any, Mapping[Any, Mapping[Any, dict[str, Any]]]]:
    """source -> target -> key -> attributes, in insertion order."""
    return graph._succ if FAST else graph.succ


def add_new_edges(graph: nx.MultiDiGraph, edges: Iterable[Edge], fast: bool | None = None) -> None:
    """Add edges whose keys are all new, as `add_edges_from` would (same adjacency order), keeping each attrs dict.

    The fast path fills the adjacency the way `MultiDiGraph.add_edge` does, without add_edge's per-edge method
    calls, view look-ups and dict copy, which at a million relations are most of the time networkx takes.
    """
    if not (FAST if fast is None else fast):
        graph.add_edges_from(edges)
        return
    succ, pred, new_keys = graph._succ, graph._pred, graph.edge_key_dict_factory
    for source, target, key, attrs in edges:
        if source not in succ or target not in succ:
            graph.add_nodes_from((source, target))
        keys = succ[source].get(target)
        if keys is None:
            keys = succ[source][target] = pred[target][source] = new_keys()
        keys[key] = attrs
    nx._clear_cache(graph)
