"""Discourse networks from actorgraph's stances, as DNA (the Discourse Network Analyzer) computes them.

    from graph.build import load_graph
    from graph.network import NetworkSpec, discourse_network
    result = discourse_network(graph, schema, NetworkSpec("actors", "congruence", "average"))

`statements` turns the graph's stance edges into statements; `select` filters them (lists, date range,
duplicates, time windows); `matrix` computes the two-mode and one-mode matrices; `write` writes GraphML,
CSV, JSON and the network page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graph._gc import paused_gc
from graph.errors import NetworkError
from graph.network.matrix import (
    ONE_MODE,
    ONE_MODE_NORMALIZATION,
    TWO_MODE,
    TWO_MODE_NORMALIZATION,
    Matrix,
    one_mode,
    two_mode,
)
from graph.network.select import (
    DUPLICATES,
    UNITS,
    LeftOut,
    Selection,
    Window,
    deduplicate,
    in_date_order,
    select,
    windows,
)
from graph.network.statements import Period, Statement, statements
from graph.schema import Schema

__all__ = [
    "DUPLICATES",
    "KINDS",
    "ONE_MODE",
    "ONE_MODE_NORMALIZATION",
    "TWO_MODE",
    "TWO_MODE_NORMALIZATION",
    "UNITS",
    "Matrix",
    "NetworkError",
    "NetworkResult",
    "NetworkSpec",
    "Period",
    "Selection",
    "Slice",
    "Statement",
    "Window",
    "discourse_network",
    "statements",
]

KINDS = ("actors", "targets", "two-mode")


@dataclass(frozen=True)
class NetworkSpec:
    """What to compute. `kind`: actors (one-mode), targets (one-mode) or two-mode (actor x target).
    `aggregation` defaults to congruence for one-mode and ignore for two-mode networks."""

    kind: str = "actors"
    aggregation: str | None = None
    normalization: str = "none"
    duplicates: str = "all"
    selection: Selection = field(default_factory=Selection)
    window: Window | None = None

    @property
    def qualifier(self) -> str:
        return self.aggregation or ("ignore" if self.kind == "two-mode" else "congruence")

    def settings(self) -> dict[str, Any]:
        s = self.selection
        lists = {
            name: sorted(getattr(s, name))
            for name in s.__dataclass_fields__
            if name not in ("start", "end") and getattr(s, name)
        }
        return {
            "kind": self.kind,
            "aggregation": self.qualifier,
            "normalization": self.normalization,
            "duplicates": self.duplicates,
            "start": s.start.isoformat() if s.start else None,
            "end": s.end.isoformat() if s.end else None,
            "window": None if self.window is None else vars(self.window).copy(),
            **lists,
        }


@dataclass
class Slice:
    """One network: the whole range, or one time window (`start`…`end`, both days included)."""

    start: date | None
    end: date | None
    matrix: Matrix


@dataclass
class NetworkResult:
    spec: NetworkSpec
    slices: list[Slice]
    nodes: dict[str, dict[str, Any]]  # entity id → name, type
    left_out: dict[str, int]
    statements: int  # stance statements in the graph before any selection


def discourse_network(graph: nx.MultiDiGraph, schema: Schema, spec: NetworkSpec) -> NetworkResult:
    """The network(s) `spec` asks for, from the stance relations of `graph` (stances as `schema` names them)."""
    with paused_gc():  # statements and counts are many small objects that all stay alive: nothing to collect
        return _network(graph, schema, spec)


def _network(graph: nx.MultiDiGraph, schema: Schema, spec: NetworkSpec) -> NetworkResult:
    if spec.kind not in KINDS:
        raise NetworkError(f"network kind must be one of {', '.join(KINDS)}, not {spec.kind!r}")
    stances = schema.stances
    if not stances:
        raise NetworkError("the schema names no stance: add `stance: +1` or `stance: -1` to relation types")
    unknown = (spec.selection.include_types | spec.selection.exclude_types) - set(stances)
    if unknown:
        raise NetworkError(f"not stance types: {', '.join(sorted(unknown))}; stance types: {', '.join(stances)}")
    every = statements(graph, stances)
    left_out = LeftOut()
    types = dict(graph.nodes(data="type"))
    chosen = select(every, spec.selection, types, left_out)
    chosen = deduplicate(in_date_order(chosen), spec.duplicates, spec.qualifier != "ignore", left_out)
    s = spec.selection
    if spec.window is None:
        parts = [(s.start, s.end, chosen)]
    else:
        parts = windows(chosen, spec.window, s.start, s.end, left_out)
    slices = [Slice(lo, hi, _matrix(part, spec)) for lo, hi, part in parts]
    used = {label for sl in slices for label in (*sl.matrix.rows, *sl.matrix.columns)}
    nodes = {n: {"name": graph.nodes[n].get("name", n), "type": graph.nodes[n].get("type")} for n in sorted(used)}
    return NetworkResult(spec, slices, nodes, dict(sorted(left_out.counts.items())), len(every))


def _matrix(part: list[Statement], spec: NetworkSpec) -> Matrix:
    if spec.kind == "two-mode":
        return two_mode(part, spec.qualifier, spec.normalization)
    return one_mode(part, spec.qualifier, spec.normalization, spec.kind)
