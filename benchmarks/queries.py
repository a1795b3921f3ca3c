"""Query latency: each shipped query on one engine, median of a few runs after one warm-up run.

Used by `neo4j_sync.py` (which has the synced Neo4j at hand) for both engines on the same graph.
Queries with parameters get values from the graph (its busiest actor, its commonest relation type),
as the conformance test picks them, so they return rows at every size.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx

from graph.cypher.engines import Engine
from graph.cypher.library import QueryFile, list_queries
from graph.cypher.run import run_query

QUERIES = Path(__file__).resolve().parents[1] / "queries"


def shipped() -> list[QueryFile]:
    return list_queries(QUERIES)


def params_for(query: QueryFile, graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Values for the query's parameters taken from `graph`."""
    if not query.params:
        return {}
    busiest = max(graph.nodes, key=lambda n: (graph.degree(n), n))
    common = Counter(t for *_, t in graph.edges(data="type")).most_common(1)[0][0]
    picks = {"name": graph.nodes[busiest]["name"], "type": common}
    return {p.name: picks[p.name] for p in query.params}


def latencies(engine: Engine, graph: nx.MultiDiGraph, runs: int = 3) -> dict[str, dict[str, float]]:
    """Per query: median milliseconds over `runs` (after a warm-up run) and the row count."""
    out = {}
    for query in shipped():
        params = params_for(query, graph)
        rows = len(run_query(engine, query.text, params).rows)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            run_query(engine, query.text, params)
            times.append((time.perf_counter() - start) * 1000)
        out[query.name] = {"ms": statistics.median(times), "rows": rows}
    return out
