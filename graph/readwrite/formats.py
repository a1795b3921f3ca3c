"""The export formats by name: where each writes by default and which tools open it.

Naming the formats imports no writer (the CLI lists them at start-up); a writer is imported when used.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import ActorgraphError

if TYPE_CHECKING:
    import networkx as nx

    from graph._spreadsheet import Guard
    from graph.schema import Schema


@dataclass(frozen=True)
class Format:
    default: str  # file (or, for csv, folder) name under the output folder
    opens_in: str
    module: str  # graph.readwrite.MODULE.write(graph, path, schema) writes it

    def write(self, graph: nx.MultiDiGraph, path: Path, schema: Schema | None) -> object:
        return import_module(f"{__package__}.{self.module}").write(graph, path, schema)


FORMATS: dict[str, Format] = {
    "graphml": Format("graph.graphml", "Gephi, Cytoscape, yEd, igraph, networkx", "graphml"),
    "gexf": Format("graph.gexf", "Gephi, networkx", "gexf"),
    "cyjs": Format("graph.cyjs", "Cytoscape desktop, cytoscape.js", "cyjs"),
    "json": Format("graph.json", "networkx (node-link), d3", "node_link"),
    "csv": Format("csv", "neo4j-admin database import, spreadsheets", "neo4j_csv"),
}


def outputs(name: str, out: Path) -> list[Path]:
    """The files `export(name, …, out)` writes."""
    from graph.readwrite import neo4j_csv

    return [out / neo4j_csv.NODES, out / neo4j_csv.RELATIONSHIPS] if name == "csv" else [out]


def export(
    graph: nx.MultiDiGraph, name: str, out: Path | str, schema: Schema | None = None, *, guard: Guard | None = None
) -> list[Path]:
    """Write `graph` in format `name` to `out` (a folder for csv); return the files written.

    `guard` neutralises CSV cells a spreadsheet would run (default `Guard()`; `Guard(raw=True)` writes them exactly).
    """
    if name not in FORMATS:
        raise ActorgraphError(f"unknown export format {name!r}; choose one of: {', '.join(FORMATS)}")
    out = Path(out)
    if name == "csv":
        from graph.readwrite import neo4j_csv

        neo4j_csv.write(graph, out, schema, guard=guard)
    else:
        FORMATS[name].write(graph, out, schema)
    return outputs(name, out)
