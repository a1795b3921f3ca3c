"""A nodes/relationships CSV pair in `neo4j-admin database import` header format.

`nodes.csv`: `id:ID`, `:LABEL` (the entity type), then one typed column per node attribute
(`aliases:string[]`, `year:long`, …). `relationships.csv`: `:START_ID`, `:END_ID`, `:TYPE` (the Cypher type),
then one typed column per edge attribute (`id`, `confidence:double`, …). Arrays use `;` between items, so an
item holding `;` is refused; the core lists of free text (`evidence_quotes`, `mention_quotes`, `conflicts`) are
one JSON text cell instead, and the offsets and confidences of every report typed arrays (`evidence_starts:long[]`).
An absent value is an empty cell. Quotes may span lines: import with
`--multiline-fields=true`.

Text cells a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, tab or CR) get a leading `'`
by default (`graph._spreadsheet`); typed number and boolean columns are never changed. neo4j-admin would import
that `'` as part of the value, so for an import write with `guard=Guard(raw=True)` (`export --csv-raw`).
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

import networkx as nx

from graph._atomic import atomic_open
from graph._spreadsheet import Guard, csv_row
from graph.errors import ExportError
from graph.readwrite import _order
from graph.readwrite._fields import Fields, Kind, arrays, fields_for, json_text, to_text, undeclared
from graph.schema import CORE_EDGE, CORE_NODE, Schema

ARRAY_DELIMITER = ";"
# Core lists of free text (quotes, conflict descriptions), which may hold the array delimiter: one JSON text cell.
TEXT_LISTS = frozenset({"evidence_quotes", "mention_quotes", "conflicts"})
NODES, RELATIONSHIPS = "nodes.csv", "relationships.csv"
CSV_TYPES: dict[Kind, str] = {
    "string": "",
    "long": ":long",
    "double": ":double",
    "boolean": ":boolean",
    "json": ":string[]",
}


def write(
    graph: nx.MultiDiGraph, folder: Path | str, schema: Schema | None = None, guard: Guard | None = None
) -> tuple[Path, Path]:
    """Write `folder`/nodes.csv and `folder`/relationships.csv; both appear, or neither changes.

    Text cells go through `guard` (default `Guard()`: spreadsheet formulas neutralised).
    """
    fields = fields_for(graph, schema)
    guard = guard or Guard()
    folder = Path(folder)
    paths = folder / NODES, folder / RELATIONSHIPS
    with ExitStack() as stack:
        nodes_file, rels_file = (stack.enter_context(atomic_open(p)) for p in paths)
        write_nodes(graph, fields, nodes_file, guard)
        write_relationships(graph, fields, rels_file, guard)
    return paths


def write_nodes(graph: nx.MultiDiGraph, fields: Fields, f: IO[str], guard: Guard | None = None) -> None:
    guard = guard or Guard()
    f.write(csv_row(["id:ID", ":LABEL", *_header(fields.node, arrays(CORE_NODE))]))
    for node, attrs in _order.nodes(graph):
        cells = _cells(attrs, fields.node, f"node {node!r}", fields.declared, guard, arrays(CORE_NODE))
        f.write(csv_row([guard(str(node)), guard(str(attrs.get("type", ""))), *cells]))


def write_relationships(graph: nx.MultiDiGraph, fields: Fields, f: IO[str], guard: Guard | None = None) -> None:
    guard = guard or Guard()
    f.write(csv_row([":START_ID", ":END_ID", ":TYPE", *_header(fields.edge, arrays(CORE_EDGE))]))
    for key, source, target, attrs in _order.edges(graph):
        rel_type = attrs.get("cypher_type") or str(attrs.get("type", "RELATED")).replace("-", "_").upper()
        cells = _cells(attrs, fields.edge, f"edge {key!r}", fields.declared, guard, arrays(CORE_EDGE))
        f.write(csv_row([guard(str(source)), guard(str(target)), guard(rel_type), *cells]))


def _header(kinds: Mapping[str, Kind], arrays: Mapping[str, Kind]) -> list[str]:
    """Typed column names; a core list of numbers is a typed array (`evidence_starts:long[]`)."""
    return [
        name + (_array_type(name, arrays.get(name)) if kind == "json" else CSV_TYPES[kind])
        for name, kind in kinds.items()
    ]


def _array_type(name: str, item: Kind | None) -> str:
    if name in TEXT_LISTS:
        return CSV_TYPES["string"]
    return f"{CSV_TYPES[item]}[]" if item in ("long", "double") else CSV_TYPES["json"]


def _cells(
    attrs: Mapping[str, Any],
    kinds: Mapping[str, Kind],
    where: str,
    declared: bool,
    guard: Guard,
    arrays: Mapping[str, Kind] | None = None,
) -> list[str]:
    for name in attrs:
        if name not in kinds and attrs[name] is not None:
            raise undeclared(where, name) if declared else ExportError(f"{where}: attribute {name!r} has no type")
    try:
        return [
            _guarded(_cell(attrs.get(name), kind, name, (arrays or {}).get(name)), kind, guard)
            for name, kind in kinds.items()
        ]
    except ExportError as err:
        raise ExportError(f"{where}: {err}") from None


def _cell(value: Any, kind: Kind, name: str, item: Kind | None = None) -> str:
    if value is None:
        return ""
    if kind != "json":
        return to_text(value, kind)
    if item is not None and name in TEXT_LISTS:
        return json_text(value)
    if item in ("long", "double") and isinstance(value, list | tuple):
        return ARRAY_DELIMITER.join(to_text(v, item) for v in value)
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise ExportError(f"attribute {name!r} is {value!r}, not a list of strings")
    return ARRAY_DELIMITER.join(_item(item, name) for item in value)


def _guarded(text: str, kind: Kind, guard: Guard) -> str:
    """Text and array cells through the formula guard; typed numbers and booleans as they are."""
    return guard(text) if kind in ("string", "json") else text


def _item(item: str, name: str) -> str:
    if ARRAY_DELIMITER in item:
        raise ExportError(f"attribute {name!r}: item {item!r} holds {ARRAY_DELIMITER!r}, the CSV array delimiter")
    return item
