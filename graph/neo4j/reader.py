"""Read a synced dataset back into the networkx graph it was synced from."""

from __future__ import annotations

import json
from typing import Any

import neo4j
import networkx as nx

from graph.neo4j import layout
from graph.neo4j.records import check_dataset
from graph.neo4j.writer import Bound, unguarded


def read_dataset(driver: neo4j.Driver, database: str, dataset: str, guard: Bound = unguarded) -> nx.MultiDiGraph:
    """The dataset as a MultiDiGraph: nodes keyed by id, edges by relation id, graph attrs restored.

    A database in the previous layout, one holding another dataset, or a dataset marked incomplete (a sync is
    writing it, or stopped part-way) is refused with `SyncError`. Every read runs through `guard` (the command gives
    it a deadline).
    """
    check_dataset(dataset)

    def read(query: str) -> list[neo4j.Record]:
        records, _, _ = guard(
            lambda: driver.execute_query(query, database_=database, routing_=neo4j.RoutingControl.READ)
        )
        return records

    state = guard(lambda: layout.state_of(driver, database))
    mark = layout.check_readable(state, database, dataset)
    assert mark is not None
    graph = nx.MultiDiGraph(**json.loads(mark.graph_json or "{}"))
    if state.labels:
        nodes = read(f"MATCH (n:{layout.any_of(state.labels)}) RETURN n.id AS id, properties(n) AS p ORDER BY id")
        graph.add_nodes_from((r["id"], _attrs(r["p"], "id")) for r in nodes if isinstance(r["id"], str))
    if state.types:
        rels = read(
            f"MATCH (a)-[r:{layout.any_of(state.types)}]->(b) "
            "RETURN a.id AS s, b.id AS t, r.id AS id, properties(r) AS p ORDER BY id"
        )
        graph.add_edges_from((r["s"], r["t"], r["id"], _attrs(r["p"])) for r in rels if isinstance(r["id"], str))
    return graph


def _attrs(props: dict[str, Any], *drop: str) -> dict[str, Any]:
    """Stored properties (minus `drop`); lists as Python lists."""
    return {k: list(v) if isinstance(v, list | tuple) else v for k, v in props.items() if k not in drop}
