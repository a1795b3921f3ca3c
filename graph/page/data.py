"""What the page shows, as plain data: actors, relations with their evidence records, legend and opening view.

Items are keyed by opaque ids (n0…, e0… in sorted-key order). Styling is not repeated per item: the page
script derives each vis-network item from its type's legend entry and its evidence, so a big corpus stays small.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter
from collections.abc import Mapping
from typing import Any

import networkx as nx
from pyvis.network import Network

from graph.page.layout import positions
from graph.page.structure import communities, core_numbers
from graph.page.text import Paragraphs
from graph.schema import EDGE_FIELDS, NODE_FIELDS, Schema

OPEN_NODES = 60  # a corpus with more actors than this opens on a connected, bounded subgraph …
OPEN_EDGES = 200  # … of at most this many relations; the full graph is one click away
EVIDENCE_FIELDS = ("document", "quote", "quote_start", "quote_end", "attribution", "attributed_to", "confidence")


def page_data(graph: nx.MultiDiGraph, schema: Schema, texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Everything the page script needs; `texts` (document id → text) gives each quote its paragraph."""
    keys = sorted(graph.nodes)
    node_ids = {key: f"n{i}" for i, key in enumerate(keys)}
    index = {key: i for i, key in enumerate(keys)}
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: e[2])
    pairs = [(index[u], index[v]) for u, v, _, _ in edges]
    xy = positions(len(keys), pairs)
    degree = Counter(i for pair in pairs for i in set(pair))
    documents = graph.graph.get("documents", {})
    paragraphs = Paragraphs(texts or {})
    evidence = _Evidence(documents, node_ids, paragraphs)
    community, core = communities(len(keys), pairs), core_numbers(len(keys), pairs)
    nodes = {}
    for i, key in enumerate(keys):
        info = _node_info(key, graph.nodes[key], schema, evidence)
        # c: community number (None: alone in its own), k: core number
        info.update(degree=degree[i], x=xy[i][0], y=xy[i][1], c=community[i], k=core[i])
        nodes[node_ids[key]] = info
    return {
        "title": title(graph),
        "caption": caption(graph),
        "vis": {"options": _options()},
        "documents": [_document(d, documents[d]) for d in sorted(documents)],
        "nodes": nodes,
        "edges": {f"e{i}": _edge_info(e, node_ids, schema, evidence) for i, e in enumerate(edges)},
        "paragraphs": paragraphs.texts,
        "counts": {"nodes": len(keys), "edges": len(edges)},
        "ends": [i for pair in pairs for i in pair],  # endpoints of e0, e1 … as node numbers, for the adjacency
        "legend": _legend(graph, schema),
        "attributions": _attributions(graph),
        "dates": _dates(graph, documents),
        "start": _start(len(keys), pairs, degree),
        "communities": _community_sizes(community),
    }


FIRST_VIEW_NODE = ("name", "type", "degree", "x", "y")
STRUCTURE = ("c", "k")  # community and core number: two flat lists in the page, not two keys on every actor
FIRST_VIEW_EDGE = ("type", "from", "to", "f")


def split(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list]]:
    """The page data as what the first view needs (decoded at once) and the rest, per item in id order
    (decoded after the first drawing, or when first asked for): keys, aliases, properties, evidence, qualifiers."""
    core = {k: v for k, v in data.items() if k not in ("nodes", "edges")}
    core["nodes"] = {i: {k: n[k] for k in FIRST_VIEW_NODE} for i, n in data["nodes"].items()}
    core["structure"] = {k: [n[k] for n in data["nodes"].values()] for k in STRUCTURE}
    core["edges"] = {i: {k: e[k] for k in FIRST_VIEW_EDGE} for i, e in data["edges"].items()}
    detail = {
        "nodes": [{k: v for k, v in n.items() if k not in FIRST_VIEW_NODE + STRUCTURE} for n in data["nodes"].values()],
        "edges": [{k: v for k, v in e.items() if k not in FIRST_VIEW_EDGE} for e in data["edges"].values()],
    }
    return core, detail


def title(graph: nx.MultiDiGraph) -> str:
    """The corpus name, or the title of its only document when the corpus has no name of its own."""
    name = str(graph.graph.get("name") or "")
    documents = graph.graph.get("documents", {})
    if name and name != "actorgraph":
        return name
    if len(documents) == 1:
        return str(next(iter(documents.values())).get("title") or "actorgraph")
    return "actorgraph"


def caption(graph: nx.MultiDiGraph) -> str:
    """What the page shows and where it comes from, in one line."""
    documents = list(graph.graph.get("documents", {}).values())
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    counts = f"{n:,} actor{'s' * (n != 1)} and {m:,} relation{'s' * (m != 1)}"
    if len(documents) == 1:
        doc = documents[0]
        where = ", ".join(str(doc[k]) for k in ("outlet", "published") if doc.get(k))
        return f"{counts} from “{doc.get('title', '')}”" + (f" ({where})" if where else "")
    dates = sorted(str(d["published"]) for d in documents if d.get("published"))
    span = f", published {dates[0]} to {dates[-1]}" if dates else ""
    return f"{counts} from {len(documents):,} documents{span}"


def _options() -> dict[str, Any]:
    """vis-network options through pyvis' options API, plus what that API does not cover (fonts, scaling)."""
    net = Network(directed=True, cdn_resources="in_line")
    net.toggle_physics(False)
    net.force_atlas_2based(gravity=-60, spring_length=120, damping=0.5, overlap=0.6)
    net.toggle_stabilization(False)
    net.toggle_hide_edges_on_drag(False)
    net.options.edges.smooth.enabled = False
    options = json.loads(net.options.to_json())
    options.pop("configure", None)
    options["edges"].pop("color", None)
    options["layout"] = {"randomSeed": 1, "improvedLayout": False}
    options["interaction"].update(hover=True, tooltipDelay=250, keyboard=False, multiselect=False)
    font = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
    options["nodes"] = {
        "size": 14,
        "borderWidth": 1.5,
        "font": {"size": 16, "face": font, "color": "#1f2328", "strokeWidth": 3, "strokeColor": "#ffffff"},
        "widthConstraint": {"maximum": 180},
        "scaling": {"label": {"enabled": False, "drawThreshold": 7}},
    }
    options["edges"].update(
        width=2,
        selectionWidth=1.5,
        hoverWidth=0.5,
        font={"size": 14, "face": font, "color": "#3d434a", "strokeWidth": 4, "strokeColor": "#ffffff"},
        arrows={"to": {"enabled": True, "scaleFactor": 0.7}},
        scaling={"label": {"enabled": False, "drawThreshold": 7}},
    )
    return options


class _Evidence:
    """Evidence records: quote, document (an index), its paragraph, attribution and confidence."""

    def __init__(self, documents: Mapping[str, Any], node_ids: dict[str, str], paragraphs: Paragraphs):
        self.doc_index = {doc_id: i for i, doc_id in enumerate(sorted(documents))}
        self.dates = {
            i: str(documents[d]["published"]) for d, i in self.doc_index.items() if documents[d].get("published")
        }
        self.node_ids, self.paragraphs = node_ids, paragraphs

    def record(self, attrs: Mapping[str, Any]) -> dict[str, Any]:
        doc = attrs.get("document")
        out: dict[str, Any] = {"quote": attrs.get("quote", "")}
        if doc is not None:
            out["document"] = self.doc_index.get(doc, doc)
        context = self.paragraphs.around(doc, attrs.get("quote_start"), attrs.get("quote_end"))
        if context is not None:
            out["paragraph"], out["span"] = context
        for field in ("attribution", "confidence"):
            if attrs.get(field) is not None:
                out[field] = attrs[field]
        if attrs.get("attributed_to") in self.node_ids:
            out["attributed_to"] = self.node_ids[attrs["attributed_to"]]
        return out

    def records(self, attrs: Mapping[str, Any]) -> list[dict[str, Any]]:
        """A relation's records: its `evidence` list when it has one, else the single record on the relation."""
        several = _evidence_list(attrs)
        if isinstance(several, list) and several:
            return [self.record({**_relation_level(attrs), **e}) for e in several if isinstance(e, Mapping)]
        return [self.record(attrs)]


def _evidence_list(attrs: Mapping[str, Any]) -> Any:
    """A relation's `evidence` list, or, for a relation `graph.build` gave several reports, its first record (the
    scalar evidence fields) and the others from the parallel `evidence_*` lists."""
    documents = attrs.get("evidence_documents")
    if "evidence" in attrs or not isinstance(documents, list) or len(documents) < 2:
        return attrs.get("evidence")
    fields = ("document", "quote", "quote_start", "quote_end", "attribution", "attributed_to", "confidence")
    lists = ("documents", "quotes", "starts", "ends", "attributions", "attributed_to", "confidences")
    columns = [attrs.get(f"evidence_{name}") or [] for name in lists]
    rest = [{f: v for f, v in zip(fields, row, strict=True) if v != ""} for row in zip(*columns, strict=False)]
    return [{f: attrs[f] for f in fields if f in attrs}, *rest[1:]]


def _relation_level(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Attribution and confidence on the relation apply to each of its records unless a record says otherwise."""
    return {k: attrs[k] for k in ("attribution", "attributed_to", "confidence") if k in attrs}


def _node_info(key: str, attrs: dict, schema: Schema, evidence: _Evidence) -> dict[str, Any]:
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
        info["mention"] = evidence.record(attrs)
    extra = sorted(k for k in attrs if k not in NODE_FIELDS and k not in spec.properties)
    info["properties"] += [[k, attrs[k]] for k in extra]
    return info


def _edge_info(edge: tuple, node_ids: dict[str, str], schema: Schema, evidence: _Evidence) -> dict[str, Any]:
    """A relation: type, ends, qualifiers in schema order, and the list of its evidence records."""
    u, v, key, attrs = edge
    allowed = schema.allowed_qualifiers(attrs["type"])
    skip = EDGE_FIELDS | {"evidence"}
    qualifiers = [[q, attrs[q]] for q in allowed if q in attrs]
    qualifiers += [[k, attrs[k]] for k in sorted(attrs) if k not in skip and k not in allowed]
    records = evidence.records(attrs)
    info: dict[str, Any] = {
        "key": key,
        "type": attrs["type"],
        "from": node_ids[u],
        "to": node_ids[v],
        "f": _facts(attrs, records, evidence.dates),
        "qualifiers": qualifiers,
        "evidence": records,
    }
    if "note" in attrs:
        info["note"] = attrs["note"]
    return info


def _facts(attrs: Mapping[str, Any], records: list[dict[str, Any]], published: Mapping[Any, str]) -> dict[str, Any]:
    """What the canvas and the filters need from a relation's evidence, compactly (absent = the usual case):
    c claim (no record is the document's own report), x expected, p confidence (the highest record's),
    o documents (absent = [0]), d date (the `date` qualifier, else the document's publication), a attributions."""
    attributions = sorted({str(r.get("attribution") or "report") for r in records})
    confidences = [r["confidence"] for r in records if isinstance(r.get("confidence"), int | float)]
    docs = sorted({r["document"] for r in records if isinstance(r.get("document"), int)})
    date = (
        str(attrs["date"])
        if attrs.get("date") is not None
        else next((published[d] for d in docs if d in published), None)
    )
    out: dict[str, Any] = {}
    if "report" not in attributions:
        out["c"] = 1
    if attrs.get("status") == "expected":
        out["x"] = 1
    if confidences and max(confidences) != 1:
        out["p"] = max(confidences)
    if docs != [0]:
        out["o"] = docs
    if date is not None:
        out["d"] = date
    if attributions != ["report"]:
        out["a"] = attributions
    return out


def _community_sizes(community: list[int | None]) -> list[int]:
    """How many actors each community has, by community number (biggest first)."""
    sizes = Counter(c for c in community if c is not None)
    return [sizes[c] for c in range(len(sizes))]


def _document(doc_id: str, meta: Mapping[str, Any]) -> dict[str, Any]:
    return {"id": doc_id, **{k: meta[k] for k in ("title", "published", "outlet", "author") if meta.get(k)}}


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
                "arrow": s.display.arrow,
                "directed": s.directed,
                "count": edges[n],
                "about": s.description,
            }
            for n, s in schema.relation_types.items()
        ],
    }


def _attributions(graph: nx.MultiDiGraph) -> list[list[Any]]:
    """[attribution, how many relations carry it] for every attribution in the graph, sorted."""
    counts: Counter[str] = Counter()
    for _, _, attrs in graph.edges(data=True):
        several = _evidence_list(attrs)
        records = several if isinstance(several, list) and several else [attrs]
        counts.update({str(r.get("attribution", attrs.get("attribution")) or "report") for r in records})
    return [[a, counts[a]] for a in sorted(counts)]


def _dates(graph: nx.MultiDiGraph, documents: Mapping[str, Any]) -> list[str]:
    """Every distinct date the page can filter on: `date` qualifiers, else the document's publication date."""
    found = set()
    for _, _, attrs in graph.edges(data=True):
        if attrs.get("date") is not None:
            found.add(str(attrs["date"]))
        elif documents.get(attrs.get("document"), {}).get("published"):
            found.add(str(documents[attrs["document"]]["published"]))
    return sorted(found)


def _start(n: int, pairs: list[tuple[int, int]], degree: Counter) -> dict[str, Any] | None:
    """The opening view of a big corpus: grown best-first from the best-connected actor, within the bounds.

    None when the whole graph is small enough to open on. Otherwise node ids and their own layout.
    """
    if n <= OPEN_NODES and len(pairs) <= OPEN_EDGES:
        return None
    neighbours: list[set[int]] = [set() for _ in range(n)]
    for a, b in pairs:
        if a != b:
            neighbours[a].add(b)
            neighbours[b].add(a)
    mult = Counter((min(a, b), max(a, b)) for a, b in pairs)
    order = sorted(range(n), key=lambda i: (-degree[i], i))
    chosen: dict[int, None] = {}
    links = 0
    heap: list[tuple[int, int]] = []
    seeds = iter(order)
    while len(chosen) < OPEN_NODES:
        if not heap:
            seed = next((s for s in seeds if s not in chosen), None)
            if seed is None:
                break
            heap.append((-degree[seed], seed))
        _, node = heapq.heappop(heap)
        if node in chosen:
            continue
        added = mult[(node, node)] + sum(mult[(min(node, o), max(node, o))] for o in neighbours[node] if o in chosen)
        if chosen and links + added > OPEN_EDGES:
            break
        chosen[node] = None
        links += added
        for other in neighbours[node]:
            if other not in chosen:
                heapq.heappush(heap, (-degree[other], other))
    members = sorted(chosen)
    local = {node: i for i, node in enumerate(members)}
    sub = [(local[a], local[b]) for a, b in pairs if a in local and b in local]
    xy = positions(len(members), sub)
    return {"nodes": [f"n{i}" for i in members], "xy": [list(p) for p in xy]}
