"""What the page shows, as plain data: pyvis nodes and edges, the legend and the evidence behind them."""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
from pyvis.network import Network

from ..schema import EDGE_FIELDS, NODE_FIELDS, Schema
from .layout import positions

LABEL_EDGES_UP_TO = 2000  # above this many edges, edge labels and curves are left out to keep drawing fast
BEND = 0.2  # curve of the first parallel edge between two actors; the next ones bend further


def page_data(graph: nx.MultiDiGraph, schema: Schema) -> dict[str, Any]:
    """Everything the page script needs, keyed by opaque ids (n0…, e0… in sorted-id order)."""
    keys = sorted(graph.nodes)
    node_ids = {key: f"n{i}" for i, key in enumerate(keys)}
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: e[2])
    net = _network(graph, schema, node_ids, edges)
    documents = graph.graph.get("documents", {})
    return {
        "title": str(graph.graph.get("name") or "actorgraph"),
        "vis": {"nodes": net.nodes, "edges": net.edges, "options": net.options},
        "nodes": {node_ids[k]: _node_info(k, graph.nodes[k], schema, documents) for k in keys},
        "edges": {f"e{i}": _edge_info(e, node_ids, schema, documents) for i, e in enumerate(edges)},
        "legend": _legend(graph, schema),
    }


def _network(graph: nx.MultiDiGraph, schema: Schema, node_ids: dict[str, str], edges: list) -> Network:
    """A pyvis Network filled directly (pyvis' add_node and from_nx are quadratic), positions precomputed."""
    net = Network(directed=True, cdn_resources="in_line")
    index = {key: i for i, key in enumerate(node_ids)}
    xy = positions(len(index), [(index[u], index[v]) for u, v, _, _ in edges])
    for (key, vis_id), (x, y) in zip(node_ids.items(), xy, strict=True):
        attrs = graph.nodes[key]
        display = schema.entity_types[attrs["type"]].display
        net.nodes.append(
            {
                "id": vis_id,
                "label": attrs["name"],
                "etype": attrs["type"],
                "shape": display.shape,
                "color": display.color,
                "x": x,
                "y": y,
            }
        )
    labelled = len(edges) <= LABEL_EDGES_UP_TO
    bends = _bends(edges)
    for i, (u, v, key, attrs) in enumerate(edges):
        spec = schema.relation_types[attrs["type"]]
        edge = {
            "id": f"e{i}",
            "from": node_ids[u],
            "to": node_ids[v],
            "rtype": attrs["type"],
            "color": {"color": spec.display.color, "highlight": spec.display.color},
            "dashes": spec.display.dashes,
            "arrows": "to" if spec.directed else "",
        }
        if labelled:
            edge["label"] = attrs["type"]
        if labelled and bends[key]:
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": bends[key]}
        net.edges.append(edge)
    net.options = _options(labelled)
    return net


def _bends(edges: list) -> dict[str, float]:
    """Curve parallel edges apart: the k-th edge between the same two actors bends k * BEND."""
    seen: Counter[frozenset] = Counter()
    bends = {}
    for u, v, key, _ in edges:
        pair = frozenset((u, v))
        bends[key] = round(seen[pair] * BEND, 2)
        seen[pair] += 1
    return bends


def _options(labelled: bool) -> dict[str, Any]:
    """vis-network options: precomputed layout, physics off at first (the page can switch it on)."""
    return {
        "physics": {"enabled": False, "solver": "forceAtlas2Based", "stabilization": False},
        "layout": {"randomSeed": 1, "improvedLayout": False},
        "interaction": {"hover": True, "hideEdgesOnDrag": not labelled, "tooltipDelay": 200},
        "nodes": {
            "size": 14,
            "font": {"size": 18, "face": "system-ui, sans-serif"},
            "borderWidth": 1,
            "widthConstraint": {"maximum": 170},
        },
        "edges": {
            "width": 1.6,
            "smooth": False,
            "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3},
            "arrows": {"to": {"scaleFactor": 0.6}},
            "selectionWidth": 2,
        },
    }


def _node_info(key: str, attrs: dict, schema: Schema, documents: dict) -> dict[str, Any]:
    """An actor as the side panel lists it; properties in schema order."""
    spec = schema.entity_types[attrs["type"]]
    info: dict[str, Any] = {
        "key": key,
        "name": attrs["name"],
        "type": attrs["type"],
        "aliases": list(attrs.get("aliases", [])),
        "properties": [[p, attrs[p]] for p in spec.properties if p in attrs],
    }
    if "description" in attrs:
        info["description"] = attrs["description"]
    if "quote" in attrs:
        info["mention"] = {"quote": attrs["quote"], "document": _document(attrs["document"], documents)}
    extra = sorted(k for k in attrs if k not in NODE_FIELDS and k not in spec.properties)
    info["properties"] += [[k, attrs[k]] for k in extra]
    return info


def _edge_info(edge: tuple, node_ids: dict[str, str], schema: Schema, documents: dict) -> dict[str, Any]:
    """A relation with its evidence: quote, document, qualifiers in schema order, attribution, confidence."""
    u, v, key, attrs = edge
    allowed = schema.allowed_qualifiers(attrs["type"])
    qualifiers = [[q, attrs[q]] for q in allowed if q in attrs]
    qualifiers += [[k, attrs[k]] for k in sorted(attrs) if k not in EDGE_FIELDS and k not in allowed]
    info: dict[str, Any] = {
        "key": key,
        "type": attrs["type"],
        "from": node_ids[u],
        "to": node_ids[v],
        "quote": attrs.get("quote", ""),
        "document": _document(attrs.get("document"), documents),
        "qualifiers": qualifiers,
        "attribution": attrs.get("attribution"),
        "confidence": attrs.get("confidence"),
    }
    if attrs.get("attributed_to") in node_ids:
        info["attributed_to"] = node_ids[attrs["attributed_to"]]
    if "note" in attrs:
        info["note"] = attrs["note"]
    return info


def _document(doc_id: str | None, documents: dict) -> dict[str, Any] | None:
    if doc_id is None:
        return None
    meta = documents.get(doc_id, {})
    return {"id": doc_id, **{k: meta[k] for k in ("title", "published", "outlet") if k in meta}}


def _legend(graph: nx.MultiDiGraph, schema: Schema) -> dict[str, list[dict[str, Any]]]:
    """Every schema type with its display hints and how many of it the graph has, in schema order."""
    nodes = Counter(t for _, t in graph.nodes(data="type"))
    edges = Counter(t for _, _, t in graph.edges(data="type"))
    return {
        "entity_types": [
            {"name": n, "color": s.display.color, "shape": s.display.shape, "count": nodes[n], "about": s.description}
            for n, s in schema.entity_types.items()
        ],
        "relation_types": [
            {
                "name": n,
                "color": s.display.color,
                "dashes": s.display.dashes,
                "directed": s.directed,
                "count": edges[n],
                "about": s.description,
            }
            for n, s in schema.relation_types.items()
        ],
    }
