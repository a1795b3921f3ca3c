"""GraphML that Gephi, Cytoscape, yEd, igraph and networkx read unchanged, written as a stream.

Key ids are named (`n_name`, `e_type`, `g_documents`), one typed key per attribute name, types from the
schema (integer → long, number → double, boolean → boolean, string and date → string). Every node has a
`label` (its name) and every edge a `label` (its relation type); the edge id is the relation id, also kept
as the `id` attribute. Lists and maps (aliases, the graph's documents) are JSON strings. Characters XML 1.0
cannot hold are removed. Nodes and edges are written in id order: the same graph gives the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from .._atomic import atomic_open
from ..schema import Schema
from . import _order
from ._fields import GRAPH_CORE, NODE_CORE, ExportError, Fields, Kind, fields_for, from_schema, to_text, undeclared
from ._xml import attr, text

GRAPHML_TYPES: dict[Kind, str] = {
    "string": "string",
    "long": "long",
    "double": "double",
    "boolean": "boolean",
    "json": "string",
}
HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_BATCH = 2000  # elements per write


def write(graph: nx.MultiDiGraph, path: Path | str, schema: Schema | None = None) -> None:
    """Write `graph` as GraphML to `path` atomically; attribute types from `schema` (else from the values)."""
    with atomic_open(Path(path)) as f:
        for chunk in chunks(graph, fields_for(graph, schema)):
            f.write(chunk)


def dumps(graph: nx.MultiDiGraph, schema: Schema | None = None) -> str:
    return "".join(chunks(graph, fields_for(graph, schema)))


def chunks(graph: nx.MultiDiGraph, fields: Fields) -> Iterator[str]:
    """The document, piece by piece: keys, graph data, nodes, edges."""
    node_kinds = _with_label(fields.node)
    edge_kinds = _with_label(fields.edge)
    graph_ids, node_ids, edge_ids = _key_ids("g_", fields.graph), _key_ids("n_", node_kinds), _key_ids("e_", edge_kinds)
    yield HEADER + "".join(
        [
            *_keys("graph", fields.graph, graph_ids),
            *_keys("node", node_kinds, node_ids),
            *_keys("edge", edge_kinds, edge_ids),
        ]
    )
    yield '  <graph id="G" edgedefault="directed" parse.nodeids="free" parse.edgeids="free">\n'
    yield "".join(_data(graph.graph, fields.graph, graph_ids, "    ", "the graph", fields.declared))
    yield from _nodes(graph, fields, node_ids, "label" not in fields.node)
    yield from _edges(graph, fields, edge_ids, "label" not in fields.edge)
    yield "  </graph>\n</graphml>\n"


def _nodes(graph: nx.MultiDiGraph, fields: Fields, ids: dict[str, str], label: bool) -> Iterator[str]:
    parts: list[str] = []
    label_open = f'      <data key="{ids["label"]}">'
    for i, (node, attrs) in enumerate(_order.nodes(graph), 1):
        parts.append(f'    <node id="{attr(str(node))}">\n')
        if label:
            parts.append(f"{label_open}{text(str(attrs.get('name', node)))}</data>\n")
        parts.extend(_data(attrs, fields.node, ids, "      ", f"node {node!r}", fields.declared))
        parts.append("    </node>\n")
        if i % _BATCH == 0:
            yield "".join(parts)
            parts.clear()
    yield "".join(parts)


def _edges(graph: nx.MultiDiGraph, fields: Fields, ids: dict[str, str], label: bool) -> Iterator[str]:
    parts: list[str] = []
    label_open = f'      <data key="{ids["label"]}">'
    for i, (key, source, target, attrs) in enumerate(_order.edges(graph), 1):
        parts.append(f'    <edge id="{attr(key)}" source="{attr(str(source))}" target="{attr(str(target))}">\n')
        if label:
            parts.append(f"{label_open}{text(str(attrs.get('type', key)))}</data>\n")
        parts.extend(_data(attrs, fields.edge, ids, "      ", f"edge {key!r}", fields.declared))
        parts.append("    </edge>\n")
        if i % _BATCH == 0:
            yield "".join(parts)
            parts.clear()
    yield "".join(parts)


def _data(
    attrs: Mapping[str, Any], kinds: Mapping[str, Kind], ids: Mapping[str, str], indent: str, where: str, declared: bool
) -> list[str]:
    out = []
    for name in sorted(attrs):
        value = attrs[name]
        if value is None:
            continue
        kind = kinds.get(name)
        if kind is None:
            raise undeclared(where, name) if declared else ExportError(f"{where}: attribute {name!r} has no key")
        try:
            out.append(f'{indent}<data key="{ids[name]}">{text(to_text(value, kind))}</data>\n')
        except ExportError as err:
            raise ExportError(f"{where}: attribute {name!r}: {err}") from None
    return out


def _keys(domain: str, kinds: Mapping[str, Kind], ids: Mapping[str, str]) -> list[str]:
    return [
        f'  <key id="{ids[name]}" for="{domain}" attr.name="{attr(name)}" attr.type="{GRAPHML_TYPES[kind]}"/>\n'
        for name, kind in kinds.items()
    ]


def _with_label(kinds: Mapping[str, Kind]) -> dict[str, Kind]:
    return {name: kinds.get(name, "string") for name in sorted({*kinds, "label"})}


def _key_ids(prefix: str, names: Mapping[str, Kind]) -> dict[str, str]:
    """`prefix` + the name, made a valid unique XML id (never `d0`…, which Gephi reserves)."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        base = prefix + re.sub(r"[^A-Za-z0-9_.-]", "_", name)
        key, n = base, 1
        while key in taken:
            n += 1
            key = f"{base}.{n}"
        taken.add(key)
        ids[name] = key
    return ids


def read(path: Path | str, schema: Schema | None = None) -> nx.MultiDiGraph:
    """Read a file written by `write` back into the graph it came from (JSON decoded, derived labels dropped)."""
    graph = nx.read_graphml(path, edge_key_type=str, force_multigraph=True)
    fields = from_schema(schema) if schema is not None else Fields(GRAPH_CORE, NODE_CORE, {})
    for name in ("node_default", "edge_default"):  # networkx adds these; empty unless the file has defaults
        if graph.graph.get(name) == {}:
            del graph.graph[name]
    _decode(graph.graph, fields.graph)
    for node, attrs in graph.nodes(data=True):
        _decode(attrs, fields.node)
        if attrs.get("label") == str(attrs.get("name", node)):
            del attrs["label"]
    for *_, key, attrs in graph.edges(keys=True, data=True):
        _decode(attrs, fields.edge)
        if attrs.get("label") == str(attrs.get("type", key)):
            del attrs["label"]
    return graph


def _decode(attrs: dict[str, Any], kinds: Mapping[str, Kind]) -> None:
    for name, value in attrs.items():
        if kinds.get(name) == "json" and isinstance(value, str):
            attrs[name] = json.loads(value)
