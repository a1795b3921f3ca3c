"""GEXF 1.2 for Gephi, written as a stream.

Nodes carry their name as `label`; edges carry the relation id as `id`, the relation type as `label` and
as `kind` (GEXF's way to tell parallel edges apart). Attributes are typed like GraphML's (lists and maps as
JSON strings); with a schema, nodes and edges are coloured (`viz:color`) as the schema's display says.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import networkx as nx

from graph.readwrite import _order
from graph.readwrite._fields import ExportError, Fields, Kind, fields_for, to_text, undeclared
from graph.readwrite._target import Target, opened
from graph.readwrite._xml import XML_TYPES, attr, batched
from graph.schema import Schema

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
    "  <meta>\n    <creator>actorgraph</creator>\n  </meta>\n"
)
_SKIP_EDGE = frozenset({"id"})  # the edge's own id attribute


def write(graph: nx.MultiDiGraph, target: Target, schema: Schema | None = None) -> None:
    """Write `graph` as GEXF 1.2 to `target` (a path, written atomically, or an open text file)."""
    with opened(target) as f:
        for chunk in chunks(graph, fields_for(graph, schema), schema):
            f.write(chunk)


def dumps(graph: nx.MultiDiGraph, schema: Schema | None = None) -> str:
    return "".join(chunks(graph, fields_for(graph, schema), schema))


def chunks(graph: nx.MultiDiGraph, fields: Fields, schema: Schema | None = None) -> Iterator[str]:
    node_kinds = {k: v for k, v in fields.node.items() if k != "label"}
    edge_kinds = {k: v for k, v in fields.edge.items() if k not in _SKIP_EDGE and k != "label"}
    node_colors, edge_colors = _colors(schema)
    yield HEADER + '  <graph defaultedgetype="directed" mode="static">\n'
    yield _attributes("node", node_kinds) + _attributes("edge", edge_kinds) + "    <nodes>\n"
    yield from batched(_nodes(graph, node_kinds, fields, node_colors))
    yield "    </nodes>\n    <edges>\n"
    yield from batched(_edges(graph, edge_kinds, fields, edge_colors))
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _nodes(graph: nx.MultiDiGraph, kinds: dict, fields: Fields, colors: dict) -> Iterator[str]:
    for node, attrs in _order.nodes(graph):
        label = attrs.get("label", attrs.get("name", node))
        yield (
            f'      <node id="{attr(str(node))}" label="{attr(str(label))}">\n'
            + _attvalues(attrs, kinds, f"node {node!r}", fields.declared, frozenset({"label"}))
            + _color(colors.get(attrs.get("type")))
            + "      </node>\n"
        )


def _edges(graph: nx.MultiDiGraph, kinds: dict, fields: Fields, colors: dict) -> Iterator[str]:
    for key, source, target, attrs in _order.edges(graph):
        kind = str(attrs.get("type", key))  # escaped once, where written
        yield (
            f'      <edge id="{attr(key)}" source="{attr(str(source))}" target="{attr(str(target))}"'
            f' label="{attr(str(attrs.get("label", kind)))}" kind="{attr(kind)}">\n'
            + _attvalues(attrs, kinds, f"edge {key!r}", fields.declared, _SKIP_EDGE | {"label"})
            + _color(colors.get(attrs.get("type")))
            + "      </edge>\n"
        )


def _attributes(domain: str, kinds: Mapping[str, Kind]) -> str:
    lines = [f'    <attributes class="{domain}" mode="static">\n']
    lines += [
        f'      <attribute id="{attr(name)}" title="{attr(name)}" type="{XML_TYPES[kind]}"/>\n'
        for name, kind in kinds.items()
    ]
    return "".join([*lines, "    </attributes>\n"])


def _attvalues(attrs: Mapping[str, Any], kinds: Mapping[str, Kind], where: str, declared: bool, skip) -> str:
    out = []
    for name in sorted(attrs):
        value = attrs[name]
        if value is None or name in skip:
            continue
        kind = kinds.get(name)
        if kind is None:
            raise undeclared(where, name) if declared else ExportError(f"{where}: attribute {name!r} has no type")
        try:
            out.append(f'          <attvalue for="{attr(name)}" value="{attr(to_text(value, kind))}"/>\n')
        except ExportError as err:
            raise ExportError(f"{where}: attribute {name!r}: {err}") from None
    return "".join(["        <attvalues>\n", *out, "        </attvalues>\n"]) if out else ""


def _colors(schema: Schema | None) -> tuple[dict[str, str], dict[str, str]]:
    if schema is None:
        return {}, {}
    nodes = {name: spec.display.color for name, spec in schema.entity_types.items()}
    edges = {name: spec.display.color for name, spec in schema.relation_types.items()}
    return nodes, edges


def _color(hex_color: str | None) -> str:
    """A `viz:color` element for a `#rrggbb` or `#rgb` colour; nothing for a colour name."""
    if hex_color and len(hex_color) == 4 and hex_color.startswith("#"):
        hex_color = "#" + "".join(c * 2 for c in hex_color[1:])
    if not hex_color or len(hex_color) != 7 or not hex_color.startswith("#"):
        return ""
    try:
        r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return ""
    return f'        <viz:color r="{r}" g="{g}" b="{b}"/>\n'
