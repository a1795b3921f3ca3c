"""Writing discourse networks: weighted signed GraphML, CSV matrices, JSON, and the network page.

GraphML follows `graph/readwrite/graphml.py`: named key ids (never `d0`), a `label` on every node (the
name), typed keys, XML-safe text, the same bytes for the same network. One-mode networks are undirected,
two-mode ones directed actor → target, with node ids `actor:ID` / `target:ID` and networkx's `bipartite`
(0 actors, 1 targets) so an entity that is both stays two nodes. Every edge has `weight` (double) and
`sign` (+1 / -1). A sequence of time windows gives one file per window, `NAME-001.EXT`…, except JSON,
which holds every window in one file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from graph._atomic import write_all
from graph._spreadsheet import Guard, csv_row
from graph.files import shapes as m
from graph.network import NetworkResult, Slice
from graph.readwrite._xml import attr, batched, text
from graph.readwrite.graphml import HEADER
from graph.schema import Schema

FORMATS = ("graphml", "csv", "json", "html")
MAX_CSV_CELLS = 25_000_000  # a dense matrix bigger than this is refused: use graphml or json


def write(
    result: NetworkResult, fmt: str, path: Path | str, schema: Schema | None = None, guard: Guard | None = None
) -> list[Path]:
    """Write `result` as `fmt` to `path` (several files for time windows); return the files, all or none.
    CSV names go through `guard` (default `Guard()`: names a spreadsheet would run as a formula get a `'`)."""
    path = Path(path)
    guard = Guard() if guard is None else guard
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "json":
        outputs: dict[Path, Any] = {path: dumps_json(result)}
    else:
        render = {
            "graphml": graphml,
            "csv": lambda r, s: csv_matrix(r, s, guard),
            "html": lambda r, s: page(r, s, schema),
        }[fmt]
        outputs = {p: render(result, sl) for p, sl in zip(paths(path, len(result.slices)), result.slices, strict=True)}
    write_all(outputs)
    return list(outputs)


def paths(path: Path, n: int) -> list[Path]:
    """`path` itself for one network; `stem-001.ext`… for a sequence."""
    if n == 1:
        return [path]
    width = max(3, len(str(n)))
    return [path.with_name(f"{path.stem}-{i:0{width}d}{path.suffix}") for i in range(1, n + 1)]


def _weight(w: float | int) -> float | int:
    return w if isinstance(w, int) else float(w)


def _edges(sl: Slice) -> Iterator[tuple[str, str, float | int]]:
    """Each tie once: for one-mode networks the upper triangle, in label order."""
    mx = sl.matrix
    for (i, j), w in sorted(mx.cells.items()):
        if not mx.symmetric or i < j:
            yield mx.rows[i], mx.columns[j], w


def to_json(result: NetworkResult) -> dict[str, Any]:
    return {
        "settings": result.spec.settings(),
        "statements": result.statements,
        "left_out": result.left_out,
        "nodes": result.nodes,
        "networks": [
            {
                "start": sl.start.isoformat() if sl.start else None,
                "end": sl.end.isoformat() if sl.end else None,
                "statements": sl.matrix.statements,
                "rows": sl.matrix.rows,
                "columns": sl.matrix.columns,
                "symmetric": sl.matrix.symmetric,
                "edges": [[a, b, _weight(w)] for a, b, w in _edges(sl)],
            }
            for sl in result.slices
        ],
    }


def dumps_json(result: NetworkResult) -> str:
    return json.dumps(to_json(result), ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def csv_matrix(result: NetworkResult, sl: Slice, guard: Guard | None = None) -> str:
    """The full matrix, rows and columns labelled by entity name (DNA's CSV layout, comma-separated).
    Names go through `guard` (`graph._spreadsheet`); the weights are numbers and stay as they are."""
    mx = sl.matrix
    if len(mx.rows) * len(mx.columns) > MAX_CSV_CELLS:
        raise ValueError(
            f"a {len(mx.rows):,} x {len(mx.columns):,} matrix is too big for CSV; write graphml or json instead"
        )
    guard = Guard() if guard is None else guard
    name = {n: guard(str(result.nodes[n]["name"])) for n in dict.fromkeys([*mx.rows, *mx.columns])}
    lines = [csv_row(["", *(name[c] for c in mx.columns)])]
    for label, row in zip(mx.rows, mx.dense(), strict=True):
        lines.append(csv_row([name[label], *(repr(_weight(v)) for v in row)]))
    return "".join(lines)


def graphml(result: NetworkResult, sl: Slice) -> Iterator[str]:
    mx = sl.matrix
    two_mode = not mx.symmetric
    keys = [("graph", "g_", n, "string") for n in ("settings", "start", "end")]
    keys += [("node", "n_", "label", "string"), ("node", "n_", "entity", "string"), ("node", "n_", "type", "string")]
    keys += [("node", "n_", "bipartite", "int")] if two_mode else []
    keys += [("edge", "e_", "weight", "double"), ("edge", "e_", "sign", "int"), ("edge", "e_", "label", "string")]
    head = [HEADER]
    head += [f'  <key id="{p}{n}" for="{d}" attr.name="{n}" attr.type="{t}"/>\n' for d, p, n, t in keys]
    direction = "directed" if two_mode else "undirected"
    head.append(f'  <graph id="G" edgedefault="{direction}" parse.nodeids="free" parse.edgeids="free">\n')
    graph_data = {
        "settings": json.dumps(result.spec.settings(), sort_keys=True),
        "start": sl.start.isoformat() if sl.start else None,
        "end": sl.end.isoformat() if sl.end else None,
    }
    head += [f'    <data key="g_{k}">{text(v)}</data>\n' for k, v in graph_data.items() if v is not None]
    yield "".join(head)
    yield from batched(_graphml_nodes(result, mx, two_mode))
    yield from batched(_graphml_edges(sl, two_mode))
    yield "  </graph>\n</graphml>\n"


def _node_id(entity: str, side: int, two_mode: bool) -> str:
    return (("actor:", "target:")[side] + entity) if two_mode else entity


def _graphml_nodes(result: NetworkResult, mx, two_mode: bool) -> Iterator[str]:
    sides = [(0, mx.rows), (1, mx.columns)] if two_mode else [(0, mx.rows)]
    for side, labels in sides:
        for entity in labels:
            node = result.nodes[entity]
            data = [("label", str(node["name"])), ("entity", entity), ("type", str(node["type"]))]
            data += [("bipartite", str(side))] if two_mode else []
            body = "".join(f'      <data key="n_{k}">{text(v)}</data>\n' for k, v in data)
            yield f'    <node id="{attr(_node_id(entity, side, two_mode))}">\n{body}    </node>\n'


def _graphml_edges(sl: Slice, two_mode: bool) -> Iterator[str]:
    for n, (a, b, w) in enumerate(_edges(sl)):
        source, target = _node_id(a, 0, two_mode), _node_id(b, 1 if two_mode else 0, two_mode)
        sign = 1 if w > 0 else -1
        yield (
            f'    <edge id="e{n}" source="{attr(source)}" target="{attr(target)}">\n'
            f'      <data key="e_weight">{float(w)!r}</data>\n'
            f'      <data key="e_sign">{sign}</data>\n'
            f'      <data key="e_label">{_weight(w)!r}</data>\n'
            "    </edge>\n"
        )


# --- the network page: the graph page's public renderer, fed a network graph --------------------------

_TIES = {
    "positive": ("#2e7d32", "A positive tie: weight > 0 (shared stances, or support)."),
    "negative": ("#c62828", "A negative tie: weight < 0 (more conflict than agreement, or opposition)."),
}


def page(result: NetworkResult, sl: Slice, schema: Schema | None) -> str:
    """The network as the interactive page (`graph.page.render_page`): ties typed positive/negative,
    their weight listed with each tie. The page draws every tie the same width: it has no weight channel."""
    from graph.page import render_page

    graph, page_schema = network_graph(result, sl, schema)
    return render_page(graph, page_schema)


def network_graph(result: NetworkResult, sl: Slice, schema: Schema | None) -> tuple[nx.MultiDiGraph, Schema]:
    """The network as a MultiDiGraph with a matching schema (entity types from `schema`, tie types added)."""
    mx = sl.matrix
    two_mode = not mx.symmetric
    entity_types = dict(schema.entity_types) if schema is not None else {}
    for node in result.nodes.values():
        entity_types.setdefault(str(node["type"]), m.EntityTypeSpec())
    every = sorted(entity_types)
    ties = {
        name: m.RelationTypeSpec(
            description=about,
            source=every,
            target=every,
            directed=two_mode,
            display=m.EdgeDisplay(color=color, dashes=False),
        )
        for name, (color, about) in _TIES.items()
    }
    spec = m.SchemaFile(version=1, entity_types=entity_types, relation_types=ties)
    title = f"actorgraph network: {result.spec.kind}, {result.spec.qualifier}, {result.spec.normalization}"
    if sl.start or sl.end:
        title += f" ({sl.start or '…'} to {sl.end or '…'})"
    graph = nx.MultiDiGraph(name=title, documents={})
    sides = [(0, mx.rows), (1, mx.columns)] if two_mode else [(0, mx.rows)]
    for side, labels in sides:
        for entity in labels:
            node = result.nodes[entity]
            graph.add_node(_node_id(entity, side, two_mode), name=str(node["name"]), type=str(node["type"]), aliases=[])
    for n, (a, b, w) in enumerate(_edges(sl)):
        source, target = _node_id(a, 0, two_mode), _node_id(b, 1 if two_mode else 0, two_mode)
        graph.add_edge(source, target, key=f"t{n:07d}", type="positive" if w > 0 else "negative", weight=_weight(w))
    return graph, Schema(spec, "<network>")
