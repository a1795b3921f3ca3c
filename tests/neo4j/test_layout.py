"""Where the sync's bookkeeping lives: one mark (an index name) per database, and the previous layout migrated.

The previous layout is written here directly, as the previous sync wrote it (`support.neo4j_data.write_old_layout`).
"""

from __future__ import annotations

import json

import pytest

from graph.errors import SyncError
from graph.neo4j import layout
from graph.neo4j.reader import read_dataset as pull
from graph.neo4j.records import META_PROPERTY
from graph.neo4j.writer import write_dataset as sync
from graph.readwrite import node_link
from tests.conftest import SEEDS
from tests.support.neo4j_data import count, write_old_layout


def marks(driver, database) -> list[layout.Mark]:
    return list(layout.state_of(driver, database).marks)


@pytest.mark.parametrize(
    "name",
    ["seeds", "la-2024.v1_b", "x`}) MATCH (m) DETACH DELETE m // $d 'ünï' a:b"],
    ids=["plain", "dots", "hostile"],
)
def test_a_mark_name_gives_back_its_state_dataset_and_graph_attributes(name):
    attrs = '{"documents":[{"id":"d1","title":"Ünï: `x` 😀"}],"name":"g"}'
    for state in (layout.READY, layout.SYNCING):
        mark = layout.parse_mark(layout.mark_name(state, name, attrs), "Agency")
        assert mark == layout.Mark(layout.mark_name(state, name, attrs), "Agency", state, name, attrs)


@pytest.mark.parametrize("name", ["actorgraph:v1:ready:x:", "actorgraph:v2:done:x:", "actorgraph:v2:ready:x:!!", "idx"])
def test_an_index_name_of_another_form_is_no_mark(name):
    assert layout.parse_mark(name, "Agency") is None


def test_a_synced_database_holds_one_ready_mark_on_a_label_in_use(
    neo4j_driver, neo4j_settings, corpus, seed_graph, dataset
):
    sync(neo4j_driver, neo4j_settings.database, seed_graph, corpus.schema, dataset)
    [mark] = marks(neo4j_driver, neo4j_settings.database)
    assert (mark.state, mark.dataset, mark.label) == (layout.READY, dataset, "Agency")
    assert json.loads(mark.graph_json or "null") == seed_graph.graph
    assert (
        count(neo4j_driver, neo4j_settings.database, f"MATCH (n) WHERE n.{META_PROPERTY} IS NOT NULL RETURN count(n)")
        == 0
    )


def test_readers_refuse_the_previous_layout_naming_the_sync_that_migrates_it(
    neo4j_driver, neo4j_settings, neo4j_cli, seed_graph, dataset
):
    write_old_layout(neo4j_driver, neo4j_settings.database, seed_graph, dataset)
    with pytest.raises(SyncError, match=rf"previous layout .* run `actorgraph sync --dataset {dataset}` to migrate it"):
        pull(neo4j_driver, neo4j_settings.database, dataset)
    asked = neo4j_cli("query", "MATCH (n) RETURN count(n) AS n", "--engine", "neo4j")
    assert asked.exit_code == 2, asked.output
    [line] = asked.stderr.strip().splitlines()
    assert "in actorgraph's previous layout" in line and f"`actorgraph sync --dataset {dataset}` to migrate it" in line


def test_the_sync_of_its_dataset_migrates_the_previous_layout_and_writes_only_the_bookkeeping_away(
    neo4j_driver, neo4j_settings, corpus, seed_graph, dataset
):
    database = neo4j_settings.database
    write_old_layout(neo4j_driver, database, seed_graph, dataset)
    report = sync(neo4j_driver, database, seed_graph, corpus.schema, dataset)
    assert report.plan.migrate
    assert report.counters["labels_removed"] == 13 and report.counters["nodes_deleted"] == 1  # the dataset node
    assert report.plan.unchanged_nodes == 13 and report.plan.unchanged_rels == 13  # nothing else rewritten
    state = layout.state_of(neo4j_driver, database)
    assert not state.old_layout and state.old_constraints == ()
    assert count(neo4j_driver, database, "MATCH (n) WHERE n.dataset IS NOT NULL OR n:Entity RETURN count(n)") == 0
    assert node_link.dumps(pull(neo4j_driver, database, dataset)) == node_link.dumps(seed_graph)
    assert sync(neo4j_driver, database, seed_graph, corpus.schema, dataset).written == 0


def test_a_previous_layout_of_several_datasets_is_refused_and_replace_replaces_it(
    neo4j_driver, neo4j_settings, corpus, seed_graph, dataset
):
    database = neo4j_settings.database
    write_old_layout(neo4j_driver, database, seed_graph, dataset)
    write_old_layout(neo4j_driver, database, seed_graph, "second")
    with pytest.raises(SyncError, match=r"holds dataset 'second', and a database holds one dataset: .*--replace"):
        sync(neo4j_driver, database, seed_graph, corpus.schema, dataset)
    report = sync(neo4j_driver, database, seed_graph, corpus.schema, dataset, replace=True)
    assert report.plan.replace == ["dataset 'second'"]
    assert count(neo4j_driver, database, "MATCH (n) RETURN count(n)") == 13
    assert node_link.dumps(pull(neo4j_driver, database, dataset)) == node_link.dumps(seed_graph)


def test_the_cli_refuses_a_second_dataset_in_one_line_and_replace_replaces_it(neo4j_cli, dataset):
    assert neo4j_cli("sync", "--seeds", SEEDS, "--dataset", dataset).exit_code == 0
    refused = neo4j_cli("sync", "--seeds", SEEDS, "--dataset", "another")
    assert refused.exit_code == 2, refused.output
    [line] = refused.stderr.strip().splitlines()
    assert line.startswith(f"error: Neo4j database 'neo4j' holds dataset {dataset!r}, and a database holds one")
    assert line.endswith("or add --replace to delete it and write 'another' in its place")
    replaced = neo4j_cli("sync", "--seeds", SEEDS, "--dataset", "another", "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert f"replaced       dataset {dataset!r} (everything in the database deleted first)" in replaced.stdout
    assert "nothing written" in neo4j_cli("sync", "--seeds", SEEDS, "--dataset", "another").stdout
