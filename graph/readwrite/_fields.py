"""Attribute kinds for typed exports, read from the schema (or inferred from values), and their text forms."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from graph.errors import ExportError
from graph.schema import CORE_EDGE, CORE_GRAPH, CORE_NODE, Schema

Kind = Literal["string", "long", "double", "boolean", "json"]


# The one map from schema value types to export kinds: dates are ISO strings (YYYY, YYYY-MM or YYYY-MM-DD),
# lists and nested values JSON text.
VALUE_KINDS: dict[str, Kind] = {
    "string": "string",
    "date": "string",
    "integer": "long",
    "number": "double",
    "boolean": "boolean",
    "strings": "json",
    "integers": "json",
    "numbers": "json",
    "json": "json",
}


def core(declared: Mapping[str, str]) -> dict[str, Kind]:
    """The export kinds of core fields as graph.schema declares them (CORE_GRAPH, CORE_NODE, CORE_EDGE)."""
    return {name: VALUE_KINDS[kind] for name, kind in declared.items()}


# The core fields that are lists of one scalar kind, with that kind: formats with typed arrays (neo4j-admin CSV) use it.
LIST_ITEMS: dict[str, Kind] = {"strings": "string", "integers": "long", "numbers": "double"}


def arrays(declared: Mapping[str, str]) -> dict[str, Kind]:
    """The core fields of `declared` that are lists of one scalar kind, with that kind."""
    return {name: LIST_ITEMS[kind] for name, kind in declared.items() if kind in LIST_ITEMS}


@dataclass(frozen=True)
class Fields:
    """One kind per attribute name, for the graph, its nodes and its edges (names sorted)."""

    graph: dict[str, Kind]
    node: dict[str, Kind]
    edge: dict[str, Kind]
    declared: bool = True  # True: from a schema, so any other attribute is an error


def from_schema(schema: Schema) -> Fields:
    """Core fields plus every declared entity property (nodes) and qualifier (edges)."""
    node = core(CORE_NODE)
    for etype in schema.entity_types.values():
        for name, spec in etype.properties.items():
            _declare(node, name, VALUE_KINDS[spec.type])
    edge = core(CORE_EDGE)
    for name, spec in schema.qualifiers.items():
        _declare(edge, name, VALUE_KINDS[spec.type])
    return Fields(_sorted(core(CORE_GRAPH)), _sorted(node), _sorted(edge))


def infer(graph: nx.MultiDiGraph) -> Fields:
    """Kinds read off the values themselves, for graphs built without a schema."""
    return Fields(
        _sorted(_kinds([graph.graph])),
        _sorted(_kinds(d for _, d in graph.nodes(data=True))),
        _sorted(_kinds(d for *_, d in graph.edges(data=True))),
        declared=False,
    )


def fields_for(graph: nx.MultiDiGraph, schema: Schema | None) -> Fields:
    """From `schema` if given (graph-level extras inferred), else inferred from the values."""
    if schema is None:
        return infer(graph)
    fields = from_schema(schema)
    extra = _kinds([{k: v for k, v in graph.graph.items() if k not in fields.graph}])
    return Fields(_sorted({**fields.graph, **extra}), fields.node, fields.edge)


def kind_of(value: Any) -> Kind:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list | tuple | dict | set):
        return "json"
    return "string"


def undeclared(where: str, name: str) -> ExportError:
    return ExportError(f"{where}: attribute {name!r} is not declared in the schema, so its type is unknown")


def to_text(value: Any, kind: Kind) -> str:
    """`value` as the text of a `kind` attribute; raise `ExportError` if it is not one."""
    if kind == "string":
        return value if type(value) is str else str(value)
    if kind == "long" and type(value) is int:
        return str(value)
    if kind == "double" and type(value) in (float, int):
        return double_text(value)
    if kind == "boolean" and type(value) is bool:
        return "true" if value else "false"
    if kind == "json":
        return json_text(value)
    raise ExportError(f"{value!r} is not a {kind}")


def double_text(value: float) -> str:
    """Shortest round-tripping text; NaN and infinities in XML Schema spelling."""
    if math.isfinite(value):
        return repr(float(value))
    return "NaN" if math.isnan(value) else ("INF" if value > 0 else "-INF")


def json_text(value: Any) -> str:
    """Compact, key-sorted JSON (lists, maps) — how formats without lists carry them."""
    if isinstance(value, set | frozenset):
        value = sorted(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _kinds(dicts: Iterable[Mapping[str, Any]]) -> dict[str, Kind]:
    kinds: dict[str, Kind] = {}
    for attrs in dicts:
        for name, value in attrs.items():
            if value is not None:
                _declare(kinds, name, kind_of(value))
    return kinds


def _declare(kinds: dict[str, Kind], name: str, kind: Kind) -> None:
    """Record `kind` for `name`, widening on a clash: long+double → double, anything+json → json, else string."""
    old = kinds.get(name)
    if old is None or old == kind:
        kinds[name] = kind
    elif {old, kind} == {"long", "double"}:
        kinds[name] = "double"
    elif "json" in (old, kind):
        kinds[name] = "json"
    else:
        kinds[name] = "string"


def _sorted(kinds: Mapping[str, Kind]) -> dict[str, Kind]:
    return {name: kinds[name] for name in sorted(kinds)}
