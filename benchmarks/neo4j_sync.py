"""Benchmark `actorgraph sync` against plain ways of writing the same graph into the same Neo4j.

    PYTHONPATH=. python benchmarks/neo4j_sync.py --relations 20000

Uses NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD if set (it writes only its own dataset and `:BenchRaw`/
`:BenchNaive` nodes, and deletes them after), else starts the local harness (tests/support/neo4j_server.py).
Prints seconds and ratios measured in this one run:
  first sync / raw UNWIND…CREATE of the same rows  (the price of MERGE, hashes and constraints)
  naive one-MERGE-per-relation / sync, per relation (on a subset; what batching saves)
  re-sync with no change / first sync                (what the hashes save)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import neo4j

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from graph import load_corpus  # noqa: E402
from graph.build import build_graph  # noqa: E402
from graph.neo4jdb.connect import connect  # noqa: E402
from graph.neo4jdb.records import node_records, rel_records  # noqa: E402
from graph.neo4jdb.settings import Settings  # noqa: E402
from graph.neo4jdb.sync import DEFAULT_BATCH, sync  # noqa: E402
from graph.synth import SynthSpec, synthesize  # noqa: E402
from tests.support.neo4j_data import drop_dataset  # noqa: E402

DATASET = "benchmark"


@contextlib.contextmanager
def server() -> Iterator[Settings]:
    if os.environ.get("NEO4J_URI"):
        yield Settings.from_env()
        return
    from tests.support.neo4j_server import local_neo4j

    with local_neo4j(heap=os.environ.get("BENCH_HEAP", "1g")) as running:
        info = running.info
        yield Settings(info.uri, info.username, info.password, info.database)


def timed(label: str, fn) -> float:
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    print(f"  {label:<48} {seconds:8.2f} s", flush=True)
    return seconds


def raw_create(driver: neo4j.Driver, db: str, nodes, rels, batch: int) -> None:
    """The same rows with UNWIND … CREATE: no MERGE, no hashes, no reading first (an index for the endpoints)."""
    driver.execute_query("CREATE INDEX bench_raw_id IF NOT EXISTS FOR (n:BenchRaw) ON (n.id)", database_=db)
    driver.execute_query("CALL db.awaitIndexes()", database_=db)
    node_rows = [{**n.props, "dataset": "raw"} for n in nodes]
    for i in range(0, len(node_rows), batch):
        driver.execute_query(
            "UNWIND $rows AS row CREATE (n:BenchRaw) SET n = row", rows=node_rows[i : i + batch], database_=db
        )
    by_type: dict[str, list[dict]] = {}
    for r in rels:
        by_type.setdefault(r.type, []).append({"s": r.source, "t": r.target, "p": {**r.props, "dataset": "raw"}})
    for rtype, rows in by_type.items():
        for i in range(0, len(rows), batch):
            driver.execute_query(
                f"UNWIND $rows AS row MATCH (a:BenchRaw {{id: row.s}}) MATCH (b:BenchRaw {{id: row.t}}) "
                f"CREATE (a)-[r:`{rtype}`]->(b) SET r = row.p",
                rows=rows[i : i + batch],
                database_=db,
            )


def naive_merge(driver: neo4j.Driver, db: str, nodes, rels) -> None:
    """One transaction and one MERGE statement per node and per relation."""
    driver.execute_query("CREATE INDEX bench_naive_id IF NOT EXISTS FOR (n:BenchNaive) ON (n.id)", database_=db)
    driver.execute_query("CALL db.awaitIndexes()", database_=db)
    for n in nodes:
        props = {**n.props, "dataset": "naive"}
        driver.execute_query("MERGE (n:BenchNaive {id: $id}) SET n += $props", id=n.id, props=props, database_=db)
    for r in rels:
        driver.execute_query(
            f"MATCH (a:BenchNaive {{id: $s}}) MATCH (b:BenchNaive {{id: $t}}) "
            f"MERGE (a)-[x:`{r.type}` {{id: $id}}]->(b) SET x += $props",
            s=r.source,
            t=r.target,
            id=r.id,
            props={**r.props, "dataset": "naive"},
            database_=db,
        )


def warm_up(driver: neo4j.Driver, db: str, schema, batch: int) -> None:
    """Run each kind of write once on the seed graph, so no timing pays for a cold JVM or index creation."""
    seeds = load_corpus(REPO / "seeds")
    small = build_graph(seeds)
    sync(driver, db, small, schema, DATASET, batch_size=batch)
    raw_create(driver, db, node_records(small, schema, DATASET), rel_records(small, schema, DATASET), batch)
    naive_merge(driver, db, node_records(small, schema, DATASET), rel_records(small, schema, DATASET))
    cleanup(driver, db)


def cleanup(driver: neo4j.Driver, db: str) -> None:
    drop_dataset(driver, db, DATASET)
    with driver.session(database=db) as session:
        for label in ("BenchRaw", "BenchNaive"):
            session.run(f"MATCH (n:{label}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 5000 ROWS").consume()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--naive", type=int, default=1000, help="relations in the naive subset")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        synthesize(Path(tmp) / "seeds", SynthSpec(args.relations, args.seed), REPO / "seeds" / "schema.yaml")
        corpus = load_corpus(Path(tmp) / "seeds")
    graph = build_graph(corpus)
    nodes, rels = node_records(graph, corpus.schema, DATASET), rel_records(graph, corpus.schema, DATASET)
    subset = rels[: args.naive]
    subset_nodes = [n for n in nodes if n.id in {x for r in subset for x in (r.source, r.target)}]
    print(f"graph: {len(nodes)} nodes, {len(rels)} relations; batch size {args.batch_size}")

    with server() as settings:
        driver = connect(settings)
        db = settings.database
        try:
            cleanup(driver, db)
            warm_up(driver, db, corpus.schema, args.batch_size)
            print(f"Neo4j {driver.get_server_info().agent} at {settings.uri}")
            first = timed(
                "first sync (MERGE, hashes, constraints)",
                lambda: sync(driver, db, graph, corpus.schema, DATASET, batch_size=args.batch_size),
            )
            report = None

            def again() -> None:
                nonlocal report
                report = sync(driver, db, graph, corpus.schema, DATASET, batch_size=args.batch_size)

            resync = timed("re-sync, nothing changed", again)
            assert report is not None and report.written == 0, report
            raw = timed(
                "raw UNWIND … CREATE of the same rows", lambda: raw_create(driver, db, nodes, rels, args.batch_size)
            )
            naive = timed(
                f"naive MERGE per item ({len(subset)} relations)", lambda: naive_merge(driver, db, subset_nodes, subset)
            )
        finally:
            cleanup(driver, db)
            for index in ("bench_raw_id", "bench_naive_id"):
                driver.execute_query(f"DROP INDEX {index} IF EXISTS", database_=db)
            driver.close()

    per_sync = first / (len(rels) + len(nodes))
    per_naive = naive / (len(subset) + len(subset_nodes))
    print("ratios:")
    print(f"  first sync / raw CREATE                 {first / raw:6.2f}x")
    print(f"  naive per item / first sync per item    {per_naive / per_sync:6.1f}x")
    print(f"  re-sync (no change) / first sync        {resync / first:6.3f}")


if __name__ == "__main__":
    main()
