"""`actorgraph sync` and `actorgraph pull` on the command line: summaries, dry runs, round trip."""

from __future__ import annotations

from graph import load_graph
from graph.readwrite import node_link
from tests.conftest import SEEDS


def test_sync_prints_counts_then_nothing_to_write(neo4j_cli, dataset):
    first = neo4j_cli("sync", "--seeds", SEEDS, "--dataset", dataset)
    assert first.exit_code == 0, first.output
    assert "nodes          13 created, 0 updated, 0 unchanged" in first.stdout
    assert "relationships  13 created, 0 updated, 0 unchanged" in first.stdout
    second = neo4j_cli("sync", "--seeds", SEEDS, "--dataset", dataset)
    assert second.exit_code == 0, second.output
    assert "nodes          0 created, 0 updated, 13 unchanged" in second.stdout
    assert "nothing written (already in sync)" in second.stdout


def test_dry_run_says_what_it_would_do_and_writes_nothing(neo4j_cli, dataset):
    dry = neo4j_cli("sync", "--seeds", SEEDS, "--dataset", dataset, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "Dry run" in dry.stdout and "13 to create" in dry.stdout
    after = neo4j_cli("sync", "--seeds", SEEDS, "--dataset", dataset, "--dry-run")
    assert "13 to create" in after.stdout


def test_pull_writes_the_built_graph_byte_for_byte(neo4j_cli, dataset, tmp_path):
    assert neo4j_cli("sync", "--seeds", SEEDS, "--dataset", dataset).exit_code == 0
    target = tmp_path / "pulled.json"
    result = neo4j_cli("pull", "--dataset", dataset, "--out", target)
    assert result.exit_code == 0, result.output
    assert "13 nodes, 13 relationships" in result.stdout
    assert target.read_text(encoding="utf-8") == node_link.dumps(load_graph(SEEDS))


def test_pull_of_a_missing_dataset_is_exit_2(neo4j_cli, tmp_path):
    result = neo4j_cli("pull", "--dataset", "never-synced", "--out", tmp_path / "x.json")
    assert result.exit_code == 2
    assert "no dataset 'never-synced'" in result.stderr
    assert not (tmp_path / "x.json").exists()


def test_invalid_seeds_exit_1_before_connecting(neo4j_cli, seeds_copy):
    (seeds_copy / "schema.yaml").write_text("version: [", encoding="utf-8")
    result = neo4j_cli("sync", "--seeds", seeds_copy, env={"NEO4J_URI": "bolt://127.0.0.1:1"})
    assert result.exit_code == 1
