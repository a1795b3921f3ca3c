"""Engines that answer Cypher over the built graph, behind one interface (`base.Engine`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from graph.cypher.engines.base import Engine, Result
from graph.errors import EngineUnavailable, QueryError

if TYPE_CHECKING:
    import networkx as nx

    from graph.neo4j.settings import Settings
    from graph.schema import Schema

ENGINES = ("embedded", "neo4j")

__all__ = ["ENGINES", "Engine", "EngineUnavailable", "QueryError", "Result", "open_engine"]


def open_engine(
    name: str,
    graph: nx.MultiDiGraph | None,
    schema: Schema | None,
    store: Path | None = None,
    *,
    neo4j: Settings | None = None,
    write: bool = False,
) -> Engine:
    """The engine called `name`: `embedded` holds `graph` (`store` caches it on disk); `neo4j` queries the
    database `neo4j` (or NEO4J_URI etc.) names, as `actorgraph sync` left it, read-only unless `write`.
    """
    if name == "embedded":
        from graph.cypher.engines.embedded import EmbeddedEngine

        if graph is None or schema is None:
            raise EngineUnavailable("the embedded engine needs the graph and its schema")
        return EmbeddedEngine.cached(graph, schema, store) if store else EmbeddedEngine.in_memory(graph, schema)
    if name == "neo4j":
        from graph.cypher.engines.neo4j import Neo4jEngine
        from graph.neo4j.settings import Settings

        return Neo4jEngine.connect(neo4j or Settings.from_env(), write)
    raise EngineUnavailable(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}")
