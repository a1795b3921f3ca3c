"""Tables for a graph database, derived from the schema: typed columns and pyarrow tables.

Node tables are named for entity types, relationship tables for Cypher types. Every node and
relationship stores its type as a `type` property (relationships also `cypher_type`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
import pyarrow as pa

from ..schema import Schema

# Column kinds, as schema value types name them; `strings` is a list of strings.
ARROW = {
    "string": pa.string(),
    "date": pa.string(),  # ISO YYYY, YYYY-MM or YYYY-MM-DD: partial dates are kept as text
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "strings": pa.list_(pa.string()),
}

NODE_CORE = {
    "id": "string",
    "type": "string",
    "name": "string",
    "aliases": "strings",
    "description": "string",
    "document": "string",
    "quote": "string",
    "quote_start": "integer",
    "quote_end": "integer",
}
EDGE_CORE = {
    "id": "string",
    "type": "string",
    "cypher_type": "string",
    "document": "string",
    "quote": "string",
    "quote_start": "integer",
    "quote_end": "integer",
    "attribution": "string",
    "attributed_to": "string",
    "confidence": "number",
    "note": "string",
}


@dataclass(frozen=True)
class Table:
    """A node table (`pairs` empty) or a relationship table with its allowed (from, to) pairs."""

    name: str
    columns: dict[str, str]
    pairs: tuple[tuple[str, str], ...] = ()


def node_tables(schema: Schema) -> list[Table]:
    """One table per entity type: core fields, then the type's declared properties."""
    return [
        Table(name, {**NODE_CORE, **{p: v.type for p, v in spec.properties.items()}})
        for name, spec in schema.entity_types.items()
    ]


def rel_tables(schema: Schema) -> list[Table]:
    """One table per relation type, named by its Cypher type, with every allowed endpoint pair."""
    return [
        Table(
            schema.cypher_type(name),
            {**EDGE_CORE, **{q: schema.qualifiers[q].type for q in schema.allowed_qualifiers(name)}},
            tuple(schema.endpoint_pairs(name)),
        )
        for name in schema.relation_types
    ]


def node_rows(graph: nx.MultiDiGraph, table: Table) -> pa.Table:
    """The nodes of `table`'s entity type, in id order."""
    rows = [{"id": n, **attrs} for n, attrs in sorted(graph.nodes(data=True)) if attrs["type"] == table.name]
    return _arrow(rows, table.columns)


def rel_rows(graph: nx.MultiDiGraph, schema: Schema, table: Table) -> dict[tuple[str, str], pa.Table]:
    """The relations of `table`, split by (source type, target type), each in id order."""
    nodes = graph.nodes
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for u, v, _key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]):
        if schema.cypher_type(attrs["type"]) != table.name:
            continue
        pair = (nodes[u]["type"], nodes[v]["type"])
        by_pair.setdefault(pair, []).append({"from": u, "to": v, **attrs})
    columns = {"from": "string", "to": "string", **table.columns}
    return {pair: _arrow(rows, columns) for pair, rows in sorted(by_pair.items())}


def _arrow(rows: list[dict[str, Any]], columns: dict[str, str]) -> pa.Table:
    return pa.table({c: pa.array([r.get(c) for r in rows], ARROW[kind]) for c, kind in columns.items()})
