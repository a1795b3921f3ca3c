"""Engines that answer Cypher over the built graph, behind one interface (`base.Engine`)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..schema import Schema
from .base import Engine, EngineUnavailable, QueryError, Result

ENGINES = ("embedded", "neo4j")

__all__ = ["ENGINES", "Engine", "EngineUnavailable", "QueryError", "Result", "open_engine"]


def open_engine(name: str, graph: nx.MultiDiGraph, schema: Schema, store: Path | None = None) -> Engine:
    """The engine called `name`, holding `graph`; `store` caches the embedded database on disk."""
    if name == "embedded":
        from .embedded import EmbeddedEngine

        return EmbeddedEngine.cached(graph, schema, store) if store else EmbeddedEngine.in_memory(graph, schema)
    if name == "neo4j":
        raise EngineUnavailable(
            "the neo4j engine is not available yet; use --engine embedded (the default, no server needed)"
        )
    raise EngineUnavailable(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}")
