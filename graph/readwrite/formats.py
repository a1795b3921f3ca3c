"""The export formats by name: where each writes by default and which tools open it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .._spreadsheet import Guard
from ..schema import Schema
from . import cyjs, gexf, graphml, neo4j_csv, node_link


@dataclass(frozen=True)
class Format:
    default: str  # file (or, for csv, folder) name under the output folder
    opens_in: str
    write: Callable[[nx.MultiDiGraph, Path, Schema | None], object]


FORMATS: dict[str, Format] = {
    "graphml": Format("graph.graphml", "Gephi, Cytoscape, yEd, igraph, networkx", graphml.write),
    "gexf": Format("graph.gexf", "Gephi, networkx", gexf.write),
    "cyjs": Format("graph.cyjs", "Cytoscape desktop, cytoscape.js", cyjs.write),
    "json": Format("graph.json", "networkx (node-link), d3", lambda g, p, _s: node_link.write(g, p)),
    "csv": Format("csv", "neo4j-admin database import, spreadsheets", neo4j_csv.write),
}


def outputs(name: str, out: Path) -> list[Path]:
    """The files `export(name, …, out)` writes."""
    return [out / neo4j_csv.NODES, out / neo4j_csv.RELATIONSHIPS] if name == "csv" else [out]


def export(
    graph: nx.MultiDiGraph, name: str, out: Path, schema: Schema | None = None, *, guard: Guard | None = None
) -> list[Path]:
    """Write `graph` in format `name` to `out` (a folder for csv); return the files written.

    `guard` neutralises CSV cells a spreadsheet would run (default `Guard()`; `Guard(raw=True)` writes them exactly).
    """
    if name == "csv":
        neo4j_csv.write(graph, out, schema, guard=guard)
    else:
        FORMATS[name].write(graph, out, schema)
    return outputs(name, out)
