"""`sync`: creates what is new, rewrites only what changed, keeps or prunes what is gone; one dataset per database,
replaced only when asked."""

from __future__ import annotations

import pytest

from graph import load_corpus
from graph.build import build_graph
from graph.errors import SyncError
from graph.neo4j.records import META_PROPERTY
from graph.neo4j.writer import write_dataset as sync
from tests.conftest import edit
from tests.support.neo4j_data import count

N_NODES = "MATCH (n) RETURN count(n)"
N_RELS = "MATCH ()-[r]->() RETURN count(r)"
ANNOTATIONS = "annotations/la-sanctuary-city-2024-11.yaml"


@pytest.fixture
def run(neo4j_driver, neo4j_settings, corpus):
    """sync(graph, dataset, **options) against the test server."""

    def go(graph, dataset, schema=None, **options):
        return sync(neo4j_driver, neo4j_settings.database, graph, schema or corpus.schema, dataset, **options)

    return go


@pytest.fixture
def db(neo4j_driver, neo4j_settings):
    """count(query) on the test server."""
    return lambda query, **params: count(neo4j_driver, neo4j_settings.database, query, **params)


def test_first_sync_creates_every_node_and_relationship(run, db, seed_graph, dataset):
    report = run(seed_graph, dataset)
    assert (len(report.plan.create_nodes), len(report.plan.create_rels)) == (13, 13)
    assert report.counters["nodes_created"] == 13  # and no node of the sync's own
    assert report.counters["relationships_created"] == 13
    assert db(N_NODES) == 13
    assert db(N_RELS) == 13


def test_each_node_has_its_entity_type_label_and_each_relationship_its_cypher_type(run, db, seed_graph, dataset):
    run(seed_graph, dataset)
    assert db("MATCH (n:Agency) RETURN count(n)") == 3
    assert db("MATCH ()-[r:SUPPORTS]->() RETURN count(r)") == 2
    assert (
        db("MATCH (n) WHERE size(labels(n)) <> 1 OR n.dataset IS NOT NULL OR n.sync_hash IS NOT NULL RETURN count(n)")
        == 0
    )
    assert (
        db("MATCH ()-[r]->() WHERE r.id IS NULL OR r.dataset IS NOT NULL OR r.sync_hash IS NOT NULL RETURN count(r)")
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
    assert report.statements == 3  # the dataset marked syncing, the one relationship, the dataset marked ready
    assert set(report.counters) == {"properties_set"}
    assert db("MATCH ()-[r {id: 'trump-opposes-los-angeles'}]->() RETURN r.confidence * 10") == 7


def test_a_changed_entity_type_swaps_the_label(run, db, seeds_copy, dataset):
    run(build_graph(load_corpus(seeds_copy)), dataset)
    edit(seeds_copy / ANNOTATIONS, "  - id: ice\n    type: Agency", "  - id: ice\n    type: GovernmentBody")
    report = run(build_graph(load_corpus(seeds_copy)), dataset)
    assert [n.id for n in report.plan.update_nodes] == ["ice"]
    assert report.counters["labels_removed"] == 1
    assert db("MATCH (n:GovernmentBody {id: 'ice'}) RETURN count(n)") == 1
    assert db("MATCH (n {id: 'ice'}) RETURN count(n)") == 1
    assert db("MATCH (n {id: 'ice'}) RETURN labels(n) = ['GovernmentBody'] AND n.type = 'GovernmentBody'") == 1
    assert db("MATCH ()-[r]->({id: 'ice'}) RETURN count(r)") == 1
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
    assert db("MATCH ()-[r:SUPPORTS {id: 'trump-opposes-los-angeles'}]->() RETURN count(r)") == 1
    assert db("MATCH ()-[r:OPPOSES {id: 'trump-opposes-los-angeles'}]->() RETURN count(r)") == 0


def test_a_relationship_whose_endpoint_changed_is_moved(run, db, seed_graph, dataset):
    run(seed_graph, dataset)
    attrs = seed_graph.edges["donald-trump", "city-of-los-angeles", "trump-opposes-los-angeles"]
    seed_graph.remove_edge("donald-trump", "city-of-los-angeles", "trump-opposes-los-angeles")
    seed_graph.add_edge("donald-trump", "state-of-california", "trump-opposes-los-angeles", **attrs)
    report = run(seed_graph, dataset)
    assert len(report.plan.recreate) == 1
    assert db("MATCH ({id: 'donald-trump'})-[r]->({id: 'state-of-california'}) RETURN count(r)") == 1
    assert db(N_RELS) == 13


def test_a_removed_relation_is_kept_without_prune_and_deleted_with_it(run, db, seed_graph, dataset):
    run(seed_graph, dataset)
    seed_graph.remove_edge("bob-blumenfield", "la-city-council", "blumenfield-member-of-council")
    seed_graph.remove_node("la-county-board-of-supervisors")
    kept = run(seed_graph, dataset)
    assert kept.plan.stale_rels == [("blumenfield-member-of-council", "MEMBER_OF")]
    assert kept.plan.stale_nodes == ["la-county-board-of-supervisors"]
    assert kept.written == 0
    assert (db(N_NODES), db(N_RELS)) == (13, 13)
    pruned = run(seed_graph, dataset, prune=True)
    assert (pruned.counters["relationships_deleted"], pruned.counters["nodes_deleted"]) == (1, 1)
    assert (db(N_NODES), db(N_RELS)) == (12, 12)
    assert run(seed_graph, dataset, prune=True).written == 0


def test_a_second_dataset_is_refused_with_the_way_out_and_nothing_written(run, db, seed_graph, dataset):
    run(seed_graph, dataset)
    seed_graph.remove_node("lapd")
    with pytest.raises(SyncError) as refused:
        run(seed_graph, "another")
    assert str(refused.value) == (
        f"Neo4j database 'neo4j' holds dataset {dataset!r}, and a database holds one dataset: sync 'another' into "
        f"another database (--database), or add --replace to delete it and write 'another' in its place"
    )
    assert (db(N_NODES), db(N_RELS)) == (13, 13)
    assert run(seed_graph, dataset, dry_run=True).plan.stale_nodes == ["lapd"]  # still the first dataset


def test_replace_deletes_the_old_dataset_its_constraints_and_writes_the_new_one(
    run, db, seed_graph, dataset, corpus, neo4j_driver, neo4j_settings
):
    run(seed_graph, dataset)
    smaller = seed_graph.copy()
    for node in [n for n, t in seed_graph.nodes(data="type") if t == "PoliticalParty"]:
        smaller.remove_node(node)
    report = run(smaller, "another", replace=True, batch_size=3)
    assert report.plan.replace == [f"dataset {dataset!r}"]
    assert (report.counters["nodes_deleted"], report.counters["relationships_deleted"]) == (13, 13)
    assert (db(N_NODES), db(N_RELS)) == (smaller.number_of_nodes(), smaller.number_of_edges())
    names = [r[0] for r in neo4j_driver.execute_query("SHOW INDEXES YIELD name", database_=neo4j_settings.database)[0]]
    assert [n.split(":")[3] for n in names if n.startswith("actorgraph:")] == ["another"]
    constraints = neo4j_driver.execute_query("SHOW CONSTRAINTS YIELD labelsOrTypes", database_=neo4j_settings.database)
    assert "PoliticalParty" not in {r[0][0] for r in constraints[0]}
    assert run(smaller, "another").written == 0
    assert run(smaller, "another", replace=True).written == 0  # it holds that dataset: nothing to replace


def test_a_label_no_node_has_any_more_loses_its_constraint_and_leaves_db_labels(run, db, seed_graph, dataset):
    run(seed_graph, dataset)
    parties = [n for n, t in seed_graph.nodes(data="type") if t == "PoliticalParty"]
    assert parties
    seed_graph.remove_nodes_from(parties)
    run(seed_graph, dataset)  # kept: stale, not pruned
    assert db("CALL db.labels() YIELD label WHERE label = 'PoliticalParty' RETURN count(*)") == 1
    report = run(seed_graph, dataset, prune=True)
    assert report.counters["constraints_removed"] >= 1
    assert db("CALL db.labels() YIELD label WHERE label = 'PoliticalParty' RETURN count(*)") == 0
    assert db("SHOW CONSTRAINTS YIELD labelsOrTypes WHERE 'PoliticalParty' IN labelsOrTypes RETURN count(*)") == 0
    assert run(seed_graph, dataset, prune=True).written == 0


def test_dry_run_plans_but_writes_nothing(run, db, seed_graph, dataset):
    report = run(seed_graph, dataset, dry_run=True)
    assert (len(report.plan.create_nodes), len(report.plan.create_rels)) == (13, 13)
    assert report.written == 0 and report.statements == 0
    assert db(N_NODES) == 0


def test_small_batches_give_the_same_result(run, db, seed_graph, dataset):
    report = run(seed_graph, dataset, batch_size=2)
    assert report.statements > 10
    assert (db(N_NODES), db(N_RELS)) == (13, 13)
    assert run(seed_graph, dataset).written == 0


def test_an_attribute_named_like_the_sync_property_is_refused(run, seed_graph, dataset):
    seed_graph.nodes["lapd"][META_PROPERTY] = "x"
    with pytest.raises(SyncError, match=f"'{META_PROPERTY}' is reserved"):
        run(seed_graph, dataset)


def test_a_node_type_outside_the_schema_is_refused(run, seed_graph, dataset):
    seed_graph.nodes["lapd"]["type"] = "Agency`) DETACH DELETE (n"
    with pytest.raises(SyncError, match="not an entity type of the schema"):
        run(seed_graph, dataset)


def test_a_bad_dataset_name_is_refused(run, seed_graph):
    with pytest.raises(SyncError, match="dataset name"):
        run(seed_graph, "no spaces please")
