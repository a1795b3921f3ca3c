"""Read a synced dataset back into the networkx graph it was synced from."""

from __future__ import annotations

import json
from typing import Any

import neo4j
import networkx as nx

from graph.errors import SyncError
from graph.neo4j.records import DATASET, ENTITY, RESERVED, check_dataset
from graph.neo4j.sync import Guard, unguarded


def pull(driver: neo4j.Driver, database: str, dataset: str, guard: Guard = unguarded) -> nx.MultiDiGraph:
    """The dataset as a MultiDiGraph: nodes keyed by id, edges by relation id, graph attrs restored.

    A dataset marked incomplete (a sync is writing it, or stopped part-way) is refused with `SyncError`.
    Every read runs through `guard` (the command gives it a deadline).
    """
    check_dataset(dataset)

    def read(query: str) -> list[neo4j.Record]:
        records, _, _ = guard(
            lambda: driver.execute_query(query, dataset=dataset, database_=database, routing_=neo4j.RoutingControl.READ)
        )
        return records

    attrs = read(f"MATCH (d:{DATASET} {{dataset: $dataset}}) RETURN d.graph_json AS j, d.syncing AS syncing")
    if attrs and attrs[0]["syncing"]:
        raise SyncError(
            f"dataset {dataset!r} is incomplete (a sync is writing it, or one stopped part-way), so it is not pulled: "
            f"re-run `actorgraph sync --dataset {dataset}` to finish it"
        )
    if not attrs or attrs[0]["j"] is None:
        names = datasets(driver, database)
        known = f"datasets there: {', '.join(names)}" if names else "it holds none; run `actorgraph sync` first"
        raise SyncError(f"no dataset {dataset!r} in Neo4j database {database!r} ({known})")
    graph = nx.MultiDiGraph(**json.loads(attrs[0]["j"]))
    nodes = read(f"MATCH (n:{ENTITY} {{dataset: $dataset}}) RETURN n.id AS id, properties(n) AS p ORDER BY id")
    graph.add_nodes_from((r["id"], _attrs(r["p"], "id")) for r in nodes)
    rels = read(
        f"MATCH (a:{ENTITY} {{dataset: $dataset}})-[r]->(b:{ENTITY} {{dataset: $dataset}}) "
        "WHERE r.dataset = $dataset RETURN a.id AS s, b.id AS t, r.id AS id, properties(r) AS p ORDER BY id"
    )
    graph.add_edges_from((r["s"], r["t"], r["id"], _attrs(r["p"])) for r in rels)
    return graph


def datasets(driver: neo4j.Driver, database: str) -> list[str]:
    """The names of the datasets synced into `database`."""
    records, _, _ = driver.execute_query(
        f"MATCH (d:{DATASET}) RETURN d.dataset AS d ORDER BY d", database_=database, routing_=neo4j.RoutingControl.READ
    )
    return [r["d"] for r in records]


def _attrs(props: dict[str, Any], *drop: str) -> dict[str, Any]:
    """Stored properties minus what sync added; lists as Python lists."""
    skip = {*RESERVED, *drop}
    return {k: list(v) if isinstance(v, list | tuple) else v for k, v in props.items() if k not in skip}
