"""Putting known data in the test Neo4j: one dataset alone (for queries, which see the whole database)."""

from __future__ import annotations

import neo4j
import networkx as nx

from graph.neo4j.records import DATASET, ENTITY
from graph.neo4j.sync import sync
from graph.schema import Schema


def load_only(driver: neo4j.Driver, database: str, graph: nx.MultiDiGraph, schema: Schema, dataset: str) -> None:
    """Make `dataset` hold `graph` and delete everything else in the database (cheap when already so)."""
    with driver.session(database=database) as session:  # CALL … IN TRANSACTIONS needs an auto-commit query
        session.run(
            "MATCH (n) WHERE n.dataset IS NULL OR n.dataset <> $dataset CALL (n) { DETACH DELETE n } "
            "IN TRANSACTIONS OF 5000 ROWS",
            dataset=dataset,
        ).consume()
    sync(driver, database, graph, schema, dataset, prune=True)


def drop_dataset(driver: neo4j.Driver, database: str, dataset: str) -> None:
    """Delete every node (and so every relationship) of `dataset`."""
    driver.execute_query(
        f"MATCH (n) WHERE (n:{ENTITY} OR n:{DATASET}) AND n.dataset = $dataset DETACH DELETE n",
        dataset=dataset,
        database_=database,
    )


def count(driver: neo4j.Driver, database: str, query: str, **params: object) -> int:
    """The single number `query` returns."""
    records, _, _ = driver.execute_query(query, params, database_=database, routing_=neo4j.RoutingControl.READ)
    return int(records[0][0])
