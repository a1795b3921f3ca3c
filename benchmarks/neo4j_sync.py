"""Benchmark `actorgraph sync` against plain ways of writing the same graph into the same Neo4j,
and the shipped queries' latency on Neo4j and on the embedded engine over the same graph.

    PYTHONPATH=. python benchmarks/neo4j_sync.py --relations 20000

Uses NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD if set (a disposable database: a database holds one dataset, so the
benchmark empties it first, and writes its dataset and `:BenchRaw`/`:BenchNaive` nodes), else starts the local
harness (tests/support/neo4j_server.py).
Prints seconds and ratios measured in this one run:
  first sync / raw UNWIND…CREATE of the same rows  (the price of MERGE, reading back and constraints)
  naive one-MERGE-per-relation / sync, per relation (on a subset; what batching saves)
  re-sync with no change / first sync                (what comparing with the read-back saves)
The local harness gets BENCH_HEAP (default 1g) of heap, BENCH_PAGE_CACHE_MB (default 512) of page cache and
the JVM's full JIT (the test harness stops at C1 for a faster start).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import neo4j
import networkx as nx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from graph import load_corpus
from graph.build import build_graph
from graph.corpus.synth import SynthSpec, synthesize
from graph.cypher.engines import open_engine
from graph.neo4j.connect import connect
from graph.neo4j.records import node_records, rel_records
from graph.neo4j.settings import Settings
from graph.neo4j.writer import DEFAULT_BATCH
from graph.neo4j.writer import write_dataset as sync
from tests.support.neo4j_data import clear_database

sys.path.insert(0, str(REPO / "benchmarks"))
import queries

DATASET = "benchmark"
WARM_UP = 5000  # relations written (each way) before timing


@contextlib.contextmanager
def server(heap: str | None = None, page_cache_mb: int | None = None) -> Iterator[Settings]:
    """NEO4J_URI's server if set, else a local harness with `heap` and `page_cache_mb` of page cache."""
    if os.environ.get("NEO4J_URI"):
        yield Settings.from_env()
        return
    from tests.support import neo4j_server as harness

    class Server(harness.LocalNeo4jServer):
        def command(self) -> list[str]:
            """The harness's command with the page cache set and the JVM's full JIT (C2) back on: the
            harness limits it to C1 for fast test start-up, which slows hot Cypher."""
            cache = page_cache_mb or int(os.environ.get("BENCH_PAGE_CACHE_MB", "512"))
            command = super().command()
            command.insert(command.index("-jar"), "-XX:TieredStopAtLevel=4")
            return [*command, "--page-cache-mb", str(cache)]

    harness.build_harness()
    work = Path(tempfile.mkdtemp(prefix="actorgraph-bench-neo4j-"))
    running = Server(
        harness.free_port(), harness.DEFAULT_PASSWORD, work / "data", work, heap or os.environ.get("BENCH_HEAP", "1g")
    )
    try:
        running.start()
        info = running.info
        yield Settings(info.uri, info.username, info.password, info.database)
    finally:
        running.stop()
        shutil.rmtree(work, ignore_errors=True)


def timed(label: str, fn) -> float:
    start = time.perf_counter()
    fn()
    seconds = time.perf_counter() - start
    print(f"  {label:<48} {seconds:8.2f} s", file=sys.stderr, flush=True)
    return seconds


def raw_create(driver: neo4j.Driver, db: str, nodes, rels, batch: int) -> None:
    """The same rows with UNWIND … CREATE: no MERGE, no reading first (an index for the endpoints)."""
    driver.execute_query("CREATE INDEX bench_raw_id IF NOT EXISTS FOR (n:BenchRaw) ON (n.id)", database_=db)
    driver.execute_query("CALL db.awaitIndexes()", database_=db)
    node_rows = [{**n.props, "dataset": "raw"} for n in nodes]
    for i in range(0, len(node_rows), batch):
        driver.execute_query(
            "UNWIND $rows AS row CREATE (n:BenchRaw) SET n = row", rows=node_rows[i : i + batch], database_=db
        )
    by_type: dict[str, list[dict]] = {}
    for r in rels:
        props = {**r.props, "id": f"raw-{r.id}", "dataset": "raw"}  # ids of their own: rel ids are unique per type
        by_type.setdefault(r.type, []).append({"s": r.source, "t": r.target, "p": props})
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
            id=f"naive-{r.id}",
            props={**r.props, "id": f"naive-{r.id}", "dataset": "naive"},
            database_=db,
        )


def warm_up(driver: neo4j.Driver, db: str, schema, batch: int, graph: nx.MultiDiGraph | None = None) -> None:
    """Run each kind of write on a slice of `graph` (else the seeds), then delete it: the JIT has compiled
    the hot code and the indexes exist before any timing, whichever is timed first."""
    if graph is None:
        small = build_graph(load_corpus(REPO / "seeds"))
    else:
        keys = sorted(graph.edges(keys=True), key=lambda e: e[2])[:WARM_UP]
        small = nx.MultiDiGraph(graph.edge_subgraph(keys))
    nodes, rels = node_records(small, schema), rel_records(small, schema)
    sync(driver, db, small, schema, DATASET, batch_size=batch)
    sync(driver, db, small, schema, DATASET, batch_size=batch)
    raw_create(driver, db, nodes, rels, batch)
    naive_merge(driver, db, nodes[:100], [r for r in rels if {r.source, r.target} <= {n.id for n in nodes[:100]}])
    cleanup(driver, db)


def cleanup(driver: neo4j.Driver, db: str) -> None:
    """The database emptied: the dataset, its constraints and mark, and the `:BenchRaw`/`:BenchNaive` nodes."""
    clear_database(driver, db)


def measure(seeds: Path, naive: int = 1000, batch: int = DEFAULT_BATCH, heap: str | None = None) -> dict:
    """Sync, re-sync, query latency on both engines, raw CREATE and a naive subset, on one fresh server."""
    seeds = Path(seeds)
    corpus = load_corpus(seeds)
    graph = build_graph(corpus)
    seeds_graph = build_graph(load_corpus(REPO / "seeds"))  # so the shipped queries about the seeds find rows
    graph.add_nodes_from(seeds_graph.nodes(data=True))
    graph.add_edges_from(seeds_graph.edges(keys=True, data=True))
    nodes, rels = node_records(graph, corpus.schema), rel_records(graph, corpus.schema)
    subset = rels[:naive]
    wanted = {x for r in subset for x in (r.source, r.target)}
    subset_nodes = [n for n in nodes if n.id in wanted]
    print(f"graph: {len(nodes)} nodes, {len(rels)} relations; batch size {batch}", file=sys.stderr)
    out: dict = {"nodes": len(nodes), "relations": len(rels), "naive_items": len(subset) + len(subset_nodes)}

    start = time.perf_counter()
    embedded = open_engine("embedded", graph, corpus.schema)
    out["embedded_load"] = time.perf_counter() - start
    out["embedded_ms"] = queries.latencies(embedded, graph)
    embedded.close()

    with server(heap) as settings:
        driver = connect(settings)
        db = settings.database
        try:
            cleanup(driver, db)
            warm_up(driver, db, corpus.schema, batch, graph)
            out["neo4j"] = driver.get_server_info().agent
            out["first"] = timed(
                "first sync (MERGE, read-back, constraints)",
                lambda: sync(driver, db, graph, corpus.schema, DATASET, batch_size=batch),
            )
            report = None

            def again() -> None:
                nonlocal report
                report = sync(driver, db, graph, corpus.schema, DATASET, batch_size=batch)

            out["resync"] = timed("re-sync, nothing changed", again)
            assert report is not None and report.written == 0, report
            engine = open_engine("neo4j", None, None, neo4j=settings)
            out["neo4j_ms"] = queries.latencies(engine, graph)
            engine.close()
            out["raw"] = timed(
                "raw UNWIND … CREATE of the same rows", lambda: raw_create(driver, db, nodes, rels, batch)
            )
            out["naive"] = timed(
                f"naive MERGE per item ({len(subset)} relations)", lambda: naive_merge(driver, db, subset_nodes, subset)
            )
        finally:
            driver.close()
    items = len(rels) + len(nodes)
    out["sync_vs_raw_rate"] = (items / out["first"]) / (items / out["raw"])
    out["naive_per_item_vs_sync"] = (out["naive"] / out["naive_items"]) / (out["first"] / items)
    out["first_vs_resync"] = out["first"] / out["resync"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relations", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--naive", type=int, default=1000, help="relations in the naive subset")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        synthesize(Path(tmp) / "seeds", SynthSpec(args.relations, args.seed), REPO / "seeds" / "schema.yaml")
        r = measure(Path(tmp) / "seeds", args.naive, args.batch_size)
    print(f"{r['neo4j']}: {r['nodes']} nodes, {r['relations']} relations")
    print(f"  sync rate / raw CREATE rate (goal >= 0.5)      {r['sync_vs_raw_rate']:6.2f}")
    print(f"  naive per item / sync per item (goal >= 20)    {r['naive_per_item_vs_sync']:6.1f}x")
    print(f"  first sync / re-sync, no change (goal >= 5)    {r['first_vs_resync']:6.1f}x")
    print(f"  embedded engine load {r['embedded_load']:.2f} s; query medians in ms (embedded / neo4j):")
    for name, e in r["embedded_ms"].items():
        n = r["neo4j_ms"][name]
        print(f"    {name:<28} {e['ms']:8.1f} {n['ms']:8.1f}   ({e['rows']} rows)")


if __name__ == "__main__":
    main()
