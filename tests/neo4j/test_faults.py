"""Neo4j under faults: a server killed mid-sync, a refused login, and two syncs of one dataset at once.

The kill tests use a Neo4j of this module's own (the local harness, its store kept across kill and restart),
cleared before each test; the races use the session's server, cleared too (a database holds one dataset).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import neo4j
import pytest
from neo4j.exceptions import ConstraintError
from typer.testing import CliRunner

from graph import load_corpus
from graph.build import build_graph
from graph.cli import app
from graph.corpus.synth import SynthSpec, synthesize
from graph.errors import ConnectionProblem
from graph.neo4j import writer as sync_module
from graph.neo4j.connect import connect
from graph.neo4j.reader import read_dataset as pull
from graph.neo4j.settings import Settings
from graph.neo4j.writer import Existing, SyncReport
from graph.neo4j.writer import write_dataset as sync
from graph.readwrite import node_link
from tests.conftest import SEEDS, edit, no_neo4j
from tests.neo4j.conftest import env_of
from tests.support.neo4j_data import clear_database, count, write_old_layout
from tests.support.neo4j_server import harness_unavailable_reason, local_neo4j

PASSWORD = "faults-test-password"
BATCH = 100  # rows per write transaction: the generated graphs below take dozens of batches
DUPLICATE_NODES = "MATCH (n) WITH n.id AS id, count(*) AS copies WHERE copies > 1 RETURN count(id)"
DUPLICATE_RELS = "MATCH ()-[r]->() WITH r.id AS id, count(*) AS copies WHERE copies > 1 RETURN count(id)"


def synth_seeds(root: Path, seed: int) -> Path:
    """A generated seeds tree: 3000 relations over 300 actors (same ids for every `seed`, other content)."""
    target = root / f"synth-{seed}"
    synthesize(target, SynthSpec(relations=3000, seed=seed), SEEDS / "schema.yaml")
    return target


@pytest.fixture(scope="module")
def synth_one(tmp_path_factory) -> Path:
    return synth_seeds(tmp_path_factory.mktemp("synth"), 1)


@pytest.fixture(scope="module")
def synth_two(tmp_path_factory) -> Path:
    return synth_seeds(tmp_path_factory.mktemp("synth"), 2)


def built(seeds: Path) -> str:
    """The graph `actorgraph build` makes of `seeds`, as node-link JSON."""
    return node_link.dumps(build_graph(load_corpus(seeds)))


def one_line(result, code: int, needle: str) -> str:
    """The single stderr line of a failed command (no traceback), checked for exit `code` and `needle`."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert needle in lines[0], lines[0]
    return lines[0]


def no_duplicates(driver: neo4j.Driver, database: str, dataset: str = "") -> None:
    """No two nodes (of any labels), and no two relationships (of any types), share an id."""
    assert count(driver, database, DUPLICATE_NODES) == 0
    assert count(driver, database, DUPLICATE_RELS) == 0


# --------------------------------------------------------------------------- a server of our own


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A local Neo4j these tests may kill; its store (a data dir) survives kill and restart."""
    reason = harness_unavailable_reason()
    if reason is not None:
        no_neo4j(f"the fault tests kill a local Neo4j harness: {reason}")
    with local_neo4j(password=PASSWORD, data_dir=tmp_path_factory.mktemp("neo4j-store")) as handle:
        yield handle


@pytest.fixture
def own(server):
    """The module's server, running (restarted if a test left it down), its database cleared."""
    if not server.is_running:
        server.start()
    info = server.info
    settings = Settings(info.uri, info.username, info.password, info.database)
    with connect(settings) as driver:
        clear_database(driver, settings.database)
    return settings


@pytest.fixture
def own_cli(own) -> Callable[..., object]:
    """Run `actorgraph ARGS…` in-process against the module's server."""

    def run(*args: object, env: dict[str, str] | None = None):
        runner = CliRunner(env={**env_of(own), **(env or {})})
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run


@pytest.fixture
def own_driver(own):
    driver = connect(own)
    yield driver
    driver.close()


def kill_after_batch(server, monkeypatch, batch: int) -> None:
    """Make sync kill the server (SIGKILL) inside its `batch`-th write transaction, before it commits."""
    batches = itertools.count(1)
    write = sync_module._run

    def write_then_kill(tx, query, params):
        counters = write(tx, query, params)
        if "rows" in params and next(batches) == batch:  # a batch of rows, not a constraint
            server.kill()
        return counters

    monkeypatch.setattr(sync_module, "_run", write_then_kill)


@pytest.mark.parametrize("batch", [3, 20], ids=["among-nodes", "among-relationships"])
def test_a_server_killed_mid_sync_is_one_line_and_exit_3_and_a_rerun_finishes_the_sync(
    server, own, own_cli, synth_one, monkeypatch, batch
):
    dataset = f"killed-at-{batch}"
    kill_after_batch(server, monkeypatch, batch)

    interrupted = own_cli("sync", "--seeds", synth_one, "--dataset", dataset, "--batch-size", BATCH)

    monkeypatch.undo()
    assert not server.is_running
    line = one_line(interrupted, 3, "cannot reach Neo4j")
    assert "re-run `actorgraph sync` to finish" in line
    server.start()
    with connect(own) as driver:
        assert 0 < count(driver, own.database, "MATCH (n) RETURN count(n)") <= 300
    refused_while_incomplete(own_cli, dataset)

    rerun = own_cli("sync", "--seeds", synth_one, "--dataset", dataset, "--batch-size", BATCH)

    assert rerun.exit_code == 0, rerun.output
    with connect(own) as driver:
        assert node_link.dumps(pull(driver, own.database, dataset)) == built(synth_one)
        no_duplicates(driver, own.database, dataset)
    again = own_cli("sync", "--seeds", synth_one, "--dataset", dataset)
    assert "nothing written (already in sync)" in again.stdout


def refused_while_incomplete(cli, dataset: str) -> None:
    """`pull` and `query --engine neo4j` refuse the dataset a sync left part-way, saying how to finish it."""
    pulled = one_line(cli("pull", "--dataset", dataset, "--out", "/dev/null"), 2, f"dataset {dataset!r} is incomplete")
    assert f"re-run `actorgraph sync --dataset {dataset}` to finish" in pulled
    asked = cli("query", "MATCH ()-[r]->() RETURN count(r) AS n", "--engine", "neo4j")
    assert f"{dataset!r} in this database is incomplete" in one_line(asked, 2, "no query is answered until it is done")


def test_a_resync_killed_part_way_is_refused_to_readers_until_a_rerun_converges(
    server, own, own_cli, synth_one, synth_two, monkeypatch
):
    dataset = "resync-killed"
    assert own_cli("sync", "--seeds", synth_one, "--dataset", dataset, "--batch-size", BATCH).exit_code == 0
    kill_after_batch(server, monkeypatch, 12)  # well inside the relationships' updates

    interrupted = own_cli("sync", "--seeds", synth_two, "--dataset", dataset, "--batch-size", BATCH)

    monkeypatch.undo()
    one_line(interrupted, 3, "cannot reach Neo4j")
    server.start()
    refused_while_incomplete(own_cli, dataset)  # not a mix of the old and the new version with exit 0
    assert own_cli("sync", "--seeds", synth_two, "--dataset", dataset, "--batch-size", BATCH).exit_code == 0
    with connect(own) as driver:
        assert node_link.dumps(pull(driver, own.database, dataset)) == built(synth_two)
        no_duplicates(driver, own.database, dataset)
    assert "nothing written (already in sync)" in own_cli("sync", "--seeds", synth_two, "--dataset", dataset).stdout


def test_a_server_that_stalls_mid_sync_ends_in_one_line_within_the_timeout_and_a_rerun_converges(
    server, own, own_cli, synth_one, synth_two, monkeypatch
):
    dataset = "resync-stalled"
    assert own_cli("sync", "--seeds", synth_one, "--dataset", dataset, "--batch-size", BATCH).exit_code == 0
    batches = itertools.count(1)
    write = sync_module._run

    def write_then_stall(tx, query, params):
        counters = write(tx, query, params)
        if "rows" in params and next(batches) == 12:
            os.kill(server.pid, signal.SIGSTOP)  # the JVM stops answering, its socket stays open
        return counters

    monkeypatch.setattr(sync_module, "_run", write_then_stall)
    quick = {"NEO4J_TIMEOUT": "3", "NEO4J_CONNECT_TIMEOUT": "1"}
    try:
        started = time.monotonic()
        stalled = own_cli("sync", "--seeds", synth_two, "--dataset", dataset, "--batch-size", BATCH, env=quick)
        took = time.monotonic() - started
        monkeypatch.undo()
        line = one_line(stalled, 3, "did not answer within")
        assert "s: is it stalled or overloaded? (wait longer with NEO4J_TIMEOUT or --timeout)" in line
        assert "re-run `actorgraph sync` to finish" in line
        assert took < 20
        asked = own_cli("query", "RETURN 1", "--engine", "neo4j", env=quick)
        one_line(asked, 3, "s: is it stalled or overloaded? (wait longer with NEO4J_CONNECT_TIMEOUT)")
    finally:
        os.kill(server.pid, signal.SIGCONT)
    refused_while_incomplete(own_cli, dataset)
    assert own_cli("sync", "--seeds", synth_two, "--dataset", dataset, "--batch-size", BATCH).exit_code == 0
    with connect(own) as driver:
        assert node_link.dumps(pull(driver, own.database, dataset)) == built(synth_two)
        no_duplicates(driver, own.database, dataset)


def test_a_wrong_password_is_one_line_and_exit_3(own_cli):
    # One attempt only: Neo4j locks the user out for a few seconds after three wrong passwords.
    one_line(own_cli("sync", "--seeds", SEEDS, "--password", "not-the-password"), 3, "wrong username or password")


def test_a_missing_database_is_one_line_and_exit_3(own_cli):
    one_line(own_cli("sync", "--seeds", SEEDS, "--database", "nope"), 3, "has no database 'nope'")


# --------------------------------------------------------------------------- two syncs at once


def race(monkeypatch, driver, database, schema, graphs, dataset) -> list[SyncReport | BaseException]:
    """Sync each graph into `dataset` from its own thread, all planning on the same state before any writes."""
    barrier = threading.Barrier(len(graphs))
    read = sync_module.read_existing

    def read_then_wait(*args):
        existing = read(*args)
        barrier.wait(timeout=60)
        return existing

    monkeypatch.setattr(sync_module, "read_existing", read_then_wait)
    with ThreadPoolExecutor(len(graphs)) as pool:
        futures = [pool.submit(sync, driver, database, g, schema, dataset, batch_size=BATCH) for g in graphs]
    monkeypatch.undo()
    return [f.exception() or f.result() for f in futures]


@pytest.fixture
def race_dataset(fresh):
    return "race"


def test_two_syncs_of_the_same_seeds_at_once_both_succeed_with_no_duplicates(
    monkeypatch, neo4j_driver, neo4j_settings, synth_one, race_dataset
):
    corpus = load_corpus(synth_one)
    graphs = [build_graph(corpus), build_graph(corpus)]

    outcomes = race(monkeypatch, neo4j_driver, neo4j_settings.database, corpus.schema, graphs, race_dataset)

    assert all(isinstance(o, SyncReport) for o in outcomes), [
        getattr(o, "code", None) or o for o in outcomes if not isinstance(o, SyncReport)
    ] + [str(o) for o in outcomes if not isinstance(o, SyncReport)]
    no_duplicates(neo4j_driver, neo4j_settings.database, race_dataset)
    assert node_link.dumps(pull(neo4j_driver, neo4j_settings.database, race_dataset)) == built(synth_one)
    assert sync(neo4j_driver, neo4j_settings.database, graphs[0], corpus.schema, race_dataset).written == 0


def test_two_syncs_of_different_versions_at_once_end_correct_after_one_more_sync(
    monkeypatch, neo4j_driver, neo4j_settings, synth_one, synth_two, race_dataset
):
    one, two = load_corpus(synth_one), load_corpus(synth_two)
    graphs = [build_graph(one), build_graph(two)]

    outcomes = race(monkeypatch, neo4j_driver, neo4j_settings.database, one.schema, graphs, race_dataset)

    # Each either finished or was refused by a uniqueness constraint (a clear error, see test_command.py).
    assert all(isinstance(o, SyncReport | ConstraintError) for o in outcomes), outcomes
    assert count(neo4j_driver, neo4j_settings.database, DUPLICATE_NODES) == 0
    sync(neo4j_driver, neo4j_settings.database, build_graph(two), two.schema, race_dataset)
    no_duplicates(neo4j_driver, neo4j_settings.database, race_dataset)
    assert node_link.dumps(pull(neo4j_driver, neo4j_settings.database, race_dataset)) == built(synth_two)


# --------------------------------------------------------------------------- a sync that planned before another wrote

ANNOTATIONS = "annotations/la-sanctuary-city-2024-11.yaml"


def planned_on_nothing(monkeypatch) -> None:
    """Make the next sync plan as if the dataset were empty: it read before another sync wrote it."""
    monkeypatch.setattr(sync_module, "read_existing", lambda *args: Existing({}, {}, None))


def test_a_relationship_written_twice_with_two_types_is_made_one_by_the_next_sync(
    monkeypatch, neo4j_driver, neo4j_settings, seeds_copy, dataset
):
    database = neo4j_settings.database
    sync(neo4j_driver, database, build_graph(load_corpus(seeds_copy)), load_corpus(seeds_copy).schema, dataset)
    edit(
        seeds_copy / ANNOTATIONS,
        "trump-opposes-los-angeles\n    type: opposes",
        "trump-opposes-los-angeles\n    type: supports",
    )
    changed = load_corpus(seeds_copy)
    planned_on_nothing(monkeypatch)
    sync(neo4j_driver, database, build_graph(changed), changed.schema, dataset)  # creates a SUPPORTS beside the OPPOSES
    monkeypatch.undo()
    assert count(neo4j_driver, database, DUPLICATE_RELS) == 1

    healed = sync(neo4j_driver, database, build_graph(changed), changed.schema, dataset)

    assert healed.plan.duplicate_rels
    no_duplicates(neo4j_driver, database, dataset)
    assert node_link.dumps(pull(neo4j_driver, database, dataset)) == built(seeds_copy)


def test_a_node_id_left_under_two_entity_types_is_made_one_by_the_next_sync(
    monkeypatch, neo4j_driver, neo4j_settings, seeds_copy, dataset
):
    """Uniqueness is per label, so a sync that planned on a stale read can leave a second `ice` node, of the new
    type, beside the old one (and stop, refused, when it moves ice's relationships); the next sync keeps the one
    the graph has and rewrites what touched either."""
    database = neo4j_settings.database
    sync(neo4j_driver, database, build_graph(load_corpus(seeds_copy)), load_corpus(seeds_copy).schema, dataset)
    edit(seeds_copy / ANNOTATIONS, "  - id: ice\n    type: Agency", "  - id: ice\n    type: GovernmentBody")
    changed = load_corpus(seeds_copy)
    planned_on_nothing(monkeypatch)
    with contextlib.suppress(ConstraintError):
        sync(neo4j_driver, database, build_graph(changed), changed.schema, dataset)  # a GovernmentBody ice beside
    monkeypatch.undo()
    assert count(neo4j_driver, database, "MATCH (n {id: 'ice'}) RETURN count(n)") == 2

    healed = sync(neo4j_driver, database, build_graph(changed), changed.schema, dataset)

    assert len(healed.plan.duplicate_nodes) == 1
    assert count(neo4j_driver, database, "MATCH (n:Agency {id: 'ice'}) RETURN count(n)") == 0
    assert count(neo4j_driver, database, "MATCH (n:GovernmentBody {id: 'ice'}) RETURN count(n)") == 1
    no_duplicates(neo4j_driver, database)
    assert node_link.dumps(pull(neo4j_driver, database, dataset)) == built(seeds_copy)
    assert sync(neo4j_driver, database, build_graph(changed), changed.schema, dataset).written == 0


def test_a_write_refused_by_a_uniqueness_constraint_is_one_line_exit_2_with_a_rerun_hint(
    monkeypatch, neo4j_cli, seeds_copy, dataset
):
    assert neo4j_cli("sync", "--seeds", seeds_copy, "--dataset", dataset).exit_code == 0
    edit(
        seeds_copy / ANNOTATIONS,
        "    target: city-of-los-angeles\n    quote: we know",
        "    target: state-of-california\n    quote: we know",
    )
    planned_on_nothing(monkeypatch)  # so it MERGEs the moved OPPOSES where another one with its id exists

    refused = neo4j_cli("sync", "--seeds", seeds_copy, "--dataset", dataset)

    monkeypatch.undo()
    line = one_line(refused, 2, "Neo4j refused the write")
    assert "trump-opposes-los-angeles" in line
    assert "another sync of this dataset" in line and "re-run `actorgraph sync` to finish" in line
    assert neo4j_cli("sync", "--seeds", seeds_copy, "--dataset", dataset).exit_code == 0


# --------------------------------------------------------------------------- the previous layout


def test_a_migration_stopped_part_way_is_refused_to_readers_and_a_rerun_converges(
    monkeypatch, neo4j_cli, neo4j_driver, neo4j_settings, seed_graph, dataset
):
    database = neo4j_settings.database
    write_old_layout(neo4j_driver, database, seed_graph, dataset)
    batches = itertools.count(1)
    write = sync_module._run

    def write_then_fail(tx, query, params):
        if "rows" in params and next(batches) == 2:  # the relationships' bookkeeping, after the nodes'
            raise ConnectionProblem("stopped for the test")  # not retried, as the driver would retry its own
        return write(tx, query, params)

    monkeypatch.setattr(sync_module, "_run", write_then_fail)
    stopped = neo4j_cli("sync", "--seeds", SEEDS, "--dataset", dataset, "--batch-size", 13)
    monkeypatch.undo()
    one_line(stopped, 3, "re-run `actorgraph sync` to finish")
    assert count(neo4j_driver, database, "MATCH (n:Entity) RETURN count(n)") == 0  # the nodes were stripped
    refused_while_incomplete(neo4j_cli, dataset)

    rerun = neo4j_cli("sync", "--seeds", SEEDS, "--dataset", dataset)

    assert rerun.exit_code == 0, rerun.output
    assert "migrated" in rerun.stdout
    assert count(neo4j_driver, database, "MATCH ()-[r]->() WHERE r.sync_hash IS NOT NULL RETURN count(r)") == 0
    assert count(neo4j_driver, database, "MATCH (n) RETURN count(n)") == 13
    assert node_link.dumps(pull(neo4j_driver, database, dataset)) == built(SEEDS)
    assert "nothing written (already in sync)" in neo4j_cli("sync", "--seeds", SEEDS, "--dataset", dataset).stdout
