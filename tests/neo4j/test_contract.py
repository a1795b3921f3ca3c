"""The contract with the embedded engine: a synced dataset answers `MATCH` as the build holds it.

On Neo4j a synced node has exactly its entity-type label and the properties the build gives it (its `id` and
its attributes, no nulls, no bookkeeping); a relationship exactly its schema Cypher type and its build
properties; nothing else is visible to `MATCH`, `labels()`, `keys()`, `properties()` or `db.labels()` (the sync's
bookkeeping lives in schema-object names: `graph/neo4j/layout.py`). The same holds for a database migrated from
the previous layout (an `Entity` label, `dataset`/`sync_hash` properties, `ActorgraphDataset` nodes).
"""

from __future__ import annotations

import neo4j
import networkx as nx
import pytest

from graph.build import load_graph
from graph.neo4j.writer import write_dataset as sync
from tests.conftest import SEEDS
from tests.support.neo4j_data import clear_database, load_only, write_old_layout


@pytest.fixture
def built() -> nx.MultiDiGraph:
    return load_graph(SEEDS)


@pytest.fixture(params=["synced", "migrated"])
def synced(request, neo4j_driver, neo4j_settings, corpus, built) -> None:
    """The seeds as the only dataset in the test database: synced, or synced over the previous layout."""
    if request.param == "migrated":
        clear_database(neo4j_driver, neo4j_settings.database)
        write_old_layout(neo4j_driver, neo4j_settings.database, built, "contract")
        sync(neo4j_driver, neo4j_settings.database, built, corpus.schema, "contract")
    else:
        load_only(neo4j_driver, neo4j_settings.database, built, corpus.schema, "contract")


def rows(driver: neo4j.Driver, database: str, query: str) -> list[neo4j.Record]:
    records, _, _ = driver.execute_query(query, database_=database, routing_=neo4j.RoutingControl.READ)
    return records


def node_props(node: str, attrs: dict) -> dict:
    return {"id": node, **{k: v for k, v in attrs.items() if v is not None}}


def rel_props(key: str, attrs: dict) -> dict:
    return {**{k: v for k, v in attrs.items() if v is not None}, "id": key}


def test_match_n_counts_exactly_the_built_nodes_and_relationships(synced, built, neo4j_driver, neo4j_settings):
    db = neo4j_settings.database
    assert rows(neo4j_driver, db, "MATCH (n) RETURN count(n) AS c")[0]["c"] == built.number_of_nodes()
    assert rows(neo4j_driver, db, "MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"] == built.number_of_edges()


def test_each_node_has_only_its_entity_type_label_and_its_build_properties(synced, built, neo4j_driver, neo4j_settings):
    stored = rows(
        neo4j_driver,
        neo4j_settings.database,
        "MATCH (n) RETURN n.id AS id, labels(n) AS l, keys(n) AS k, properties(n) AS p",
    )
    got = {r["id"]: (r["l"], sorted(r["k"]), r["p"]) for r in stored}
    want = {n: ([a["type"]], sorted(node_props(n, a)), node_props(n, a)) for n, a in built.nodes(data=True)}
    assert got == want


def test_each_relationship_has_only_its_cypher_type_and_its_build_properties(
    synced, built, neo4j_driver, neo4j_settings
):
    stored = rows(
        neo4j_driver,
        neo4j_settings.database,
        "MATCH (a)-[r]->(b) RETURN r.id AS id, a.id AS s, b.id AS t, type(r) AS ty, keys(r) AS k, properties(r) AS p",
    )
    got = {r["id"]: (r["s"], r["t"], r["ty"], sorted(r["k"]), r["p"]) for r in stored}
    want = {
        k: (s, t, a["cypher_type"], sorted(rel_props(k, a)), rel_props(k, a))
        for s, t, k, a in built.edges(keys=True, data=True)
    }
    assert got == want


def test_db_labels_are_the_built_entity_types(synced, built, neo4j_driver, neo4j_settings):
    """Neo4j 5.26 lists a label that has nodes, an index or a constraint: sync keeps constraints (and its mark) only
    on labels in use, so this holds unless someone else indexed another label on the server."""
    labels = rows(neo4j_driver, neo4j_settings.database, "CALL db.labels() YIELD label RETURN label")
    assert sorted(r["label"] for r in labels) == sorted({a["type"] for _, a in built.nodes(data=True)})
