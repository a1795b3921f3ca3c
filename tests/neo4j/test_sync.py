"""`sync`: creates what is new, rewrites only what changed, keeps or prunes what is gone, never another dataset."""

from __future__ import annotations

import pytest

from graph import load_corpus
from graph.build import build_graph
from graph.errors import SyncError
from graph.neo4j.sync import sync
from tests.conftest import edit
from tests.support.neo4j_data import count, drop_dataset

N_NODES = "MATCH (n:Entity {dataset: $d}) RETURN count(n)"
N_RELS = "MATCH (:Entity {dataset: $d})-[r]->() WHERE r.dataset = $d RETURN count(r)"
ANNOTATIONS = "annotations/la-sanctuary-city-2024-11.yaml"


@pytest.fixture
def run(neo4j_driver, neo4j_settings, corpus):
    """sync(graph, dataset, **options) against the test server."""

    def go(graph, dataset, schema=None, **options):
        return sync(neo4j_driver, neo4j_settings.database, graph, schema or corpus.schema, dataset, **options)

    return go


@pytest.fixture
def db(neo4j_driver, neo4j_settings):
    """count(query, d=dataset) on the test server."""
    return lambda query, **params: count(neo4j_driver, neo4j_settings.database, query, **params)


def test_first_sync_creates_every_node_and_relationship(run, db, seed_graph, dataset):
    report = run(seed_graph, dataset)
    assert (len(report.plan.create_nodes), len(report.plan.create_rels)) == (13, 13)
    assert report.counters["nodes_created"] == 13 + 1  # and the dataset node holding the graph attributes
    assert report.counters["relationships_created"] == 13
    assert db(N_NODES, d=dataset) == 13
    assert db(N_RELS, d=dataset) == 13


def test_each_node_has_its_entity_type_label_and_each_relationship_its_cypher_type(run, db, seed_graph, dataset):
    run(seed_graph, dataset)
    assert db("MATCH (n:Agency:Entity {dataset: $d}) RETURN count(n)", d=dataset) == 3
    assert db("MATCH (:Entity {dataset: $d})-[r:SUPPORTS]->() RETURN count(r)", d=dataset) == 2
    assert (
        db(
            "MATCH (:Entity {dataset: $d})-[r]->() WHERE r.dataset = $d AND r.sync_hash IS NULL RETURN count(r)",
            d=dataset,
        )
        == 0
    )


def test_second_sync_with_no_change_writes_nothing(run, db, seed_graph, dataset):
    run(seed_graph, dataset)
    again = run(seed_graph, dataset)
    assert again.written == 0
    assert again.statements == 0
    assert (again.plan.unchanged_nodes, again.plan.unchanged_rels, again.plan.graph_attrs) == (13, 13, None)


def test_an_edited_annotation_rewrites_only_that_relationship(run, db, seeds_copy, dataset):
    run(build_graph(load_corpus(seeds_copy)), dataset)
    edit(seeds_copy / ANNOTATIONS, "confidence: 0.6", "confidence: 0.7")
    report = run(build_graph(load_corpus(seeds_copy)), dataset)
    assert [r.id for r in report.plan.update_rels] == ["trump-opposes-los-angeles"]
    assert report.plan.create_nodes == report.plan.update_nodes == report.plan.create_rels == []
    assert report.statements == 3  # the dataset marked incomplete, the one relationship, the mark cleared
    assert set(report.counters) == {"properties_set"}
    assert (
        db("MATCH ()-[r {id: 'trump-opposes-los-angeles', dataset: $d}]->() RETURN r.confidence * 10", d=dataset) == 7
    )


def test_a_changed_entity_type_swaps_the_label(run, db, seeds_copy, dataset):
    run(build_graph(load_corpus(seeds_copy)), dataset)
    edit(seeds_copy / ANNOTATIONS, "  - id: ice\n    type: Agency", "  - id: ice\n    type: GovernmentBody")
    report = run(build_graph(load_corpus(seeds_copy)), dataset)
    assert [n.id for n in report.plan.update_nodes] == ["ice"]
    assert report.counters["labels_removed"] == 1
    assert db("MATCH (n:GovernmentBody {dataset: $d, id: 'ice'}) RETURN count(n)", d=dataset) == 1
    assert db("MATCH (n:Agency {dataset: $d, id: 'ice'}) RETURN count(n)", d=dataset) == 0
    assert db("MATCH (n {dataset: $d, id: 'ice'}) RETURN n.type = 'GovernmentBody'", d=dataset) == 1
    assert db("MATCH (:Entity {dataset: $d})-[r]->(:Entity {id: 'ice'}) RETURN count(r)", d=dataset) == 1
    assert run(build_graph(load_corpus(seeds_copy)), dataset).written == 0


def test_a_relationship_whose_type_changed_is_recreated_with_the_new_type(run, db, seeds_copy, dataset):
    run(build_graph(load_corpus(seeds_copy)), dataset)
    edit(
        seeds_copy / ANNOTATIONS,
        "  - id: trump-opposes-los-angeles\n    type: opposes",
        "  - id: trump-opposes-los-angeles\n    type: supports",
    )
    report = run(build_graph(load_corpus(seeds_copy)), dataset)
    assert [(r.id, old) for r, old in report.plan.recreate] == [("trump-opposes-los-angeles", "OPPOSES")]
    assert (report.counters["relationships_deleted"], report.counters["relationships_created"]) == (1, 1)
    assert (
        db("MATCH ()-[r:SUPPORTS {id: 'trump-opposes-los-angeles', dataset: $d}]->() RETURN count(r)", d=dataset) == 1
    )
    assert db("MATCH ()-[r:OPPOSES {id: 'trump-opposes-los-angeles', dataset: $d}]->() RETURN count(r)", d=dataset) == 0


def test_a_relationship_whose_endpoint_changed_is_moved(run, db, seed_graph, dataset):
    run(seed_graph, dataset)
    attrs = seed_graph.edges["donald-trump", "city-of-los-angeles", "trump-opposes-los-angeles"]
    seed_graph.remove_edge("donald-trump", "city-of-los-angeles", "trump-opposes-los-angeles")
    seed_graph.add_edge("donald-trump", "state-of-california", "trump-opposes-los-angeles", **attrs)
    report = run(seed_graph, dataset)
    assert len(report.plan.recreate) == 1
    assert (
        db(
            "MATCH (:Entity {id: 'donald-trump', dataset: $d})-[r]->(t {id: 'state-of-california'}) RETURN count(r)",
            d=dataset,
        )
        == 1
    )
    assert db(N_RELS, d=dataset) == 13


def test_a_removed_relation_is_kept_without_prune_and_deleted_with_it(run, db, seed_graph, dataset):
    run(seed_graph, dataset)
    seed_graph.remove_edge("bob-blumenfield", "la-city-council", "blumenfield-member-of-council")
    seed_graph.remove_node("la-county-board-of-supervisors")
    kept = run(seed_graph, dataset)
    assert kept.plan.stale_rels == [("blumenfield-member-of-council", "MEMBER_OF")]
    assert kept.plan.stale_nodes == ["la-county-board-of-supervisors"]
    assert kept.written == 0
    assert (db(N_NODES, d=dataset), db(N_RELS, d=dataset)) == (13, 13)
    pruned = run(seed_graph, dataset, prune=True)
    assert (pruned.counters["relationships_deleted"], pruned.counters["nodes_deleted"]) == (1, 1)
    assert (db(N_NODES, d=dataset), db(N_RELS, d=dataset)) == (12, 12)
    assert run(seed_graph, dataset, prune=True).written == 0


def test_two_datasets_leave_each_other_alone(run, db, seed_graph, dataset, neo4j_driver, neo4j_settings):
    other = f"{dataset}-other"
    try:
        run(seed_graph, dataset)
        run(seed_graph, other)
        seed_graph.remove_node("lapd")
        report = run(seed_graph, dataset, prune=True)
        assert report.counters["nodes_deleted"] == 1
        assert (db(N_NODES, d=dataset), db(N_NODES, d=other)) == (12, 13)
        assert (db(N_RELS, d=dataset), db(N_RELS, d=other)) == (12, 13)
    finally:
        drop_dataset(neo4j_driver, neo4j_settings.database, other)


def test_dry_run_plans_but_writes_nothing(run, db, seed_graph, dataset):
    report = run(seed_graph, dataset, dry_run=True)
    assert (len(report.plan.create_nodes), len(report.plan.create_rels)) == (13, 13)
    assert report.written == 0 and report.statements == 0
    assert db(N_NODES, d=dataset) == 0


def test_small_batches_give_the_same_result(run, db, seed_graph, dataset):
    report = run(seed_graph, dataset, batch_size=2)
    assert report.statements > 10
    assert (db(N_NODES, d=dataset), db(N_RELS, d=dataset)) == (13, 13)
    assert run(seed_graph, dataset).written == 0


def test_an_attribute_named_like_a_sync_property_is_refused(run, seed_graph, dataset):
    seed_graph.nodes["lapd"]["dataset"] = "x"
    with pytest.raises(SyncError, match="'dataset' is reserved"):
        run(seed_graph, dataset)


def test_a_node_type_outside_the_schema_is_refused(run, seed_graph, dataset):
    seed_graph.nodes["lapd"]["type"] = "Agency`) DETACH DELETE (n"
    with pytest.raises(SyncError, match="not an entity type of the schema"):
        run(seed_graph, dataset)


def test_a_bad_dataset_name_is_refused(run, seed_graph):
    with pytest.raises(SyncError, match="dataset name"):
        run(seed_graph, "no spaces please")
