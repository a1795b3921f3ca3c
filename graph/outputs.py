"""What `actorgraph build` writes: the node-link JSON, the GraphML and the network page, all or none."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from graph.corpus import Corpus

__all__ = ["Built", "write_build"]


@dataclass(frozen=True)
class Built:
    """A build: the corpus, the graph made from it and the files written."""

    corpus: Corpus
    graph: nx.MultiDiGraph
    paths: list[Path]


def write_build(corpus: Corpus, out: Path | str = "build") -> Built:
    """Build the graph of `corpus` and write OUT/graph.json, OUT/graph.graphml and OUT/graph.html.

    Every file is written to a temporary file before any is renamed: a failure leaves the previous build whole.
    """
    from graph._atomic import write_all
    from graph.build import build_graph
    from graph.page import document_texts, render_page
    from graph.readwrite import graphml, node_link

    graph = build_graph(corpus)
    folder = Path(out)
    paths = [folder / "graph.json", folder / "graph.graphml", folder / "graph.html"]
    write_all(
        {
            paths[0]: node_link.dumps(graph),
            paths[1]: graphml.stream(graph, corpus.schema),
            paths[2]: render_page(graph, corpus.schema, document_texts(corpus)),
        }
    )
    return Built(corpus, graph, paths)
