"""Tables for a graph database, derived from the schema: typed columns and pyarrow tables.

Node tables are named for entity types, relationship tables for Cypher types. Every node and
relationship stores its type as a `type` property (relationships also `cypher_type`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import networkx as nx

from graph.schema import CORE_EDGE, CORE_NODE, NODE_KEY, Schema

if TYPE_CHECKING:
    import pyarrow as pa


@cache
def arrow_types() -> dict[str, pa.DataType]:
    """Column kinds, as schema value types name them; `strings` is a list of strings.

    pyarrow is imported here, when rows are converted, not when tables are named: a query on a cached store
    never loads it (start-up).
    """
    import pyarrow as pa

    return {
        "string": pa.string(),
        "date": pa.string(),  # ISO YYYY, YYYY-MM or YYYY-MM-DD: partial dates are kept as text
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "strings": pa.list_(pa.string()),
        "integers": pa.list_(pa.int64()),
        "numbers": pa.list_(pa.float64()),
    }


# The one type map of the embedded engine: each schema value type as a ladybug column (here) and as a pyarrow
# type (`arrow_types`, which imports pyarrow only when rows are converted); the two have the same keys.
DDL_TYPE = {
    "string": "STRING",
    "date": "STRING",
    "integer": "INT64",
    "number": "DOUBLE",
    "boolean": "BOOL",
    "strings": "STRING[]",
    "integers": "INT64[]",
    "numbers": "DOUBLE[]",
}
LIST_KINDS = frozenset({"strings", "integers", "numbers"})  # the column kinds that hold lists


@dataclass(frozen=True)
class Table:
    """A node table (`pairs` empty) or a relationship table with its allowed (from, to) pairs."""

    name: str
    columns: dict[str, str]
    pairs: tuple[tuple[str, str], ...] = ()


def node_tables(schema: Schema) -> list[Table]:
    """One table per entity type: core fields, then the type's declared properties."""
    return [
        Table(name, {NODE_KEY: "string", **CORE_NODE, **{p: v.type for p, v in spec.properties.items()}})
        for name, spec in schema.entity_types.items()
    ]


def rel_tables(schema: Schema) -> list[Table]:
    """One table per relation type, named by its Cypher type, with every allowed endpoint pair."""
    return [
        Table(
            schema.cypher_type(name),
            {**CORE_EDGE, **{q: schema.qualifiers[q].type for q in schema.allowed_qualifiers(name)}},
            tuple(schema.endpoint_pairs(name)),
        )
        for name in schema.relation_types
    ]


def node_rows(graph: nx.MultiDiGraph, tables: list[Table]) -> dict[str, pa.Table]:
    """For each node table with nodes, its nodes in id order (one pass over the graph)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for n, attrs in sorted(graph.nodes(data=True)):
        groups.setdefault(attrs["type"], []).append({"id": n, **attrs})
    return {t.name: _arrow(groups[t.name], t.columns) for t in tables if t.name in groups}


def rel_rows(graph: nx.MultiDiGraph, tables: list[Table]) -> dict[tuple[str, str, str], pa.Table]:
    """For each (relationship table, source type, target type) with relations, those relations in id order."""
    types = dict(graph.nodes(data="type"))
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for u, v, _key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]):
        groups.setdefault((attrs["cypher_type"], types[u], types[v]), []).append({"from": u, "to": v, **attrs})
    columns = {t.name: {"from": "string", "to": "string", **t.columns} for t in tables}
    return {key: _arrow(rows, columns[key[0]]) for key, rows in sorted(groups.items())}


def _arrow(rows: list[dict[str, Any]], columns: dict[str, str]) -> pa.Table:
    import pyarrow as pa

    types = arrow_types()
    return pa.table({c: pa.array([r.get(c) for r in rows], types[kind]) for c, kind in columns.items()})
