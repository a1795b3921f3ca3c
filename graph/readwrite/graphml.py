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

from graph.errors import ExportError
from graph.readwrite import _order
from graph.readwrite._fields import Fields, Kind, core, fields_for, from_schema, to_text, undeclared
from graph.readwrite._target import Target, opened
from graph.readwrite._xml import XML_TYPES, attr, batched, needs_escape, text
from graph.schema import CORE_GRAPH, CORE_NODE, Schema

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def write(graph: nx.MultiDiGraph, target: Target, schema: Schema | None = None) -> None:
    """Write `graph` as GraphML to `target` (a path, written atomically, or an open text file); attribute types
    from `schema` (else from the values)."""
    with opened(target) as f:
        for chunk in stream(graph, schema):
            f.write(chunk)


def dumps(graph: nx.MultiDiGraph, schema: Schema | None = None) -> str:
    return "".join(stream(graph, schema))


def stream(graph: nx.MultiDiGraph, schema: Schema | None = None) -> Iterator[str]:
    """The GraphML document as a sequence of strings, for writing without holding it whole."""
    return chunks(graph, fields_for(graph, schema))


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
    yield _Data(fields.graph, graph_ids, "    ", "the graph", fields.declared)(graph.graph, "G", None)
    node_data = _Data(node_kinds, node_ids, "      ", "node", fields.declared)
    edge_data = _Data(edge_kinds, edge_ids, "      ", "edge", fields.declared)
    yield from batched(_nodes(graph, node_data, "label" not in fields.node))
    yield from batched(_edges(graph, edge_data, "label" not in fields.edge))
    yield "  </graph>\n</graphml>\n"


def _nodes(graph: nx.MultiDiGraph, data: _Data, label: bool) -> Iterator[str]:
    for node, attrs in _order.nodes(graph):
        name = str(attrs.get("name", node)) if label else None
        yield f'    <node id="{attr(str(node))}">\n{data(attrs, node, name)}    </node>\n'


def _edges(graph: nx.MultiDiGraph, data: _Data, label: bool) -> Iterator[str]:
    for key, source, target, attrs in _order.edges(graph):
        rtype = str(attrs.get("type", key)) if label else None
        yield (
            f'    <edge id="{attr(key)}" source="{attr(str(source))}" target="{attr(str(target))}">\n'
            f"{data(attrs, key, rtype)}    </edge>\n"
        )


class _Data:
    """Writes the `<data>` elements of one node, edge or graph: typed, escaped, in name order."""

    def __init__(self, kinds: Mapping[str, Kind], ids: Mapping[str, str], indent: str, noun: str, declared: bool):
        self.kinds = kinds
        self.opens = {name: f'{indent}<data key="{ids[name]}">' for name in kinds}
        self.noun = noun
        self.declared = declared

    def __call__(self, attrs: Mapping[str, Any], ident: Any, label: str | None) -> str:
        names, values = (["label"], [label]) if label is not None else ([], [])
        kinds = self.kinds
        for name in sorted(attrs):
            value = attrs[name]
            if value is None:
                continue
            kind = kinds.get(name)
            if kind is None:
                raise self._undeclared(ident, name)
            if kind == "string" and type(value) is str:
                values.append(value)
            else:
                try:
                    values.append(to_text(value, kind))
                except ExportError as err:
                    raise ExportError(f"{self.noun} {ident!r}: attribute {name!r}: {err}") from None
            names.append(name)
        if needs_escape("".join(values)):  # one scan for the whole element; escape only if needed
            values = [text(v) for v in values]
        opens = self.opens
        return "".join([f"{opens[n]}{v}</data>\n" for n, v in zip(names, values, strict=True)])

    def _undeclared(self, ident: Any, name: str) -> ExportError:
        where = f"{self.noun} {ident!r}" if self.noun != "the graph" else self.noun
        return undeclared(where, name) if self.declared else ExportError(f"{where}: attribute {name!r} has no key")


def _keys(domain: str, kinds: Mapping[str, Kind], ids: Mapping[str, str]) -> list[str]:
    return [
        f'  <key id="{ids[name]}" for="{domain}" attr.name="{attr(name)}" attr.type="{XML_TYPES[kind]}"/>\n'
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
    fields = from_schema(schema) if schema is not None else Fields(core(CORE_GRAPH), core(CORE_NODE), {})
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
