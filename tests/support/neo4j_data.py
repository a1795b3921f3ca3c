"""Putting known data in the test Neo4j: one dataset per database, a database cleared, the previous layout."""

from __future__ import annotations

import hashlib
import json

import neo4j
import networkx as nx

from graph.neo4j import layout
from graph.neo4j.records import DATASET, ENTITY, graph_json
from graph.neo4j.writer import clear
from graph.neo4j.writer import write_dataset as sync
from graph.schema import Schema


def load_only(driver: neo4j.Driver, database: str, graph: nx.MultiDiGraph, schema: Schema, dataset: str) -> None:
    """Make `database` hold `graph` as `dataset` and nothing else (cheap when it already does)."""
    state = layout.state_of(driver, database)
    if state.datasets != [dataset] or state.old_layout:
        clear_database(driver, database)
    sync(driver, database, graph, schema, dataset, prune=True)


def clear_database(driver: neo4j.Driver, database: str) -> None:
    """Delete every node and relationship, and every actorgraph constraint and mark (what `--replace` deletes)."""
    clear(driver, database)


def write_old_layout(driver: neo4j.Driver, database: str, graph: nx.MultiDiGraph, dataset: str) -> None:
    """Write `graph` as the previous sync layout did: `(:Entity:<type> {dataset, id, sync_hash, …})`, relationships
    with `dataset` and `sync_hash`, one `(:ActorgraphDataset {dataset, graph_json})` node and its constraints."""

    def run(query: str, **params: object) -> None:
        driver.execute_query(query, params, database_=database)

    run(f"CREATE CONSTRAINT actorgraph_entity_key IF NOT EXISTS FOR (n:{ENTITY}) REQUIRE (n.dataset, n.id) IS UNIQUE")
    run(f"CREATE CONSTRAINT actorgraph_dataset_key IF NOT EXISTS FOR (d:{DATASET}) REQUIRE d.dataset IS UNIQUE")
    for rtype in sorted({t for *_, t in graph.edges(data="cypher_type")}):
        run(
            f"CREATE CONSTRAINT actorgraph_rel_{rtype.lower()} IF NOT EXISTS "
            f"FOR ()-[r:`{rtype}`]-() REQUIRE (r.dataset, r.id) IS UNIQUE"
        )
    for node, attrs in graph.nodes(data=True):
        props = {**attrs, "id": node, "dataset": dataset, "sync_hash": _old_hash(attrs)}
        run(f"CREATE (n:{ENTITY}:`{attrs['type']}`) SET n = $props", props=props)
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        props = {**attrs, "id": key, "dataset": dataset, "sync_hash": _old_hash(attrs)}
        run(
            f"MATCH (a:{ENTITY} {{dataset: $d, id: $s}}) MATCH (b:{ENTITY} {{dataset: $d, id: $t}}) "
            f"CREATE (a)-[r:`{attrs['cypher_type']}`]->(b) SET r = $props",
            d=dataset,
            s=source,
            t=target,
            props=props,
        )
    run(f"CREATE (:{DATASET} {{dataset: $d, graph_json: $j}})", d=dataset, j=graph_json(graph))


def _old_hash(attrs: dict) -> str:
    return hashlib.sha256(json.dumps(attrs, sort_keys=True).encode()).hexdigest()[:32]


def count(driver: neo4j.Driver, database: str, query: str, **params: object) -> int:
    """The single number `query` returns."""
    records, _, _ = driver.execute_query(query, params, database_=database, routing_=neo4j.RoutingControl.READ)
    return int(records[0][0])
