"""Benchmark: the streaming GraphML writer against networkx' `write_graphml` on the same graph, in one run.

    PYTHONPATH=. python benchmarks/export_graphml.py            # 100k nodes, 500k edges
    PYTHONPATH=. python benchmarks/export_graphml.py --small    # 2k nodes, 10k edges (smoke run)

The graph is random but seeded, with the seed schema's types and realistic attributes (names, alias lists,
quotes with curly quotes and ampersands, offsets, confidences, qualifiers). networkx cannot write lists, so
it gets a copy with lists already JSON-encoded (prepared outside its timing). Time is wall-clock of one
write each; peak memory is what the write allocates (tracemalloc, in a second, traced write each).
Goal: time ratio (ours / networkx) <= 0.5.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from graph import load_schema
from graph.readwrite import graphml
from graph.schema import Schema

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
WORDS = [
    "city",
    "council",
    "police",
    "federal",
    "immigration",
    "ordinance",
    "sanctuary",
    "mayor",
    "vote",
    "support",
    "oppose",
    "law",
    "county",
    "state",
]
FLAVOUR = ["", "", "", " “quoted”", " & co.", " <b>", " — it\u2019s"]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)) + rng.choice(FLAVOUR)


def value(rng: random.Random, kind: str):
    if kind == "integer":
        return rng.randint(1, 2030)
    if kind == "number":
        return rng.random()
    if kind == "boolean":
        return rng.random() < 0.5
    if kind == "date":
        return f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}"
    return sentence(rng, 3)


def make_graph(schema: Schema, n_nodes: int, n_edges: int, seed: int = 20241126) -> nx.MultiDiGraph:
    """A seeded random graph shaped like a built one (same attribute names and types)."""
    rng = random.Random(seed)
    docs = {f"doc-{i:04d}": {"title": sentence(rng, 8), "characters": rng.randint(1000, 9000)} for i in range(50)}
    graph = nx.MultiDiGraph(name="benchmark", schema_version=1, documents=docs)
    entity_types, relation_types = list(schema.entity_types), list(schema.relation_types)
    doc_ids = list(docs)
    for i in range(n_nodes):
        etype = rng.choice(entity_types)
        start = rng.randint(0, 8000)
        attrs = {
            "type": etype,
            "name": sentence(rng, 3).title(),
            "aliases": [sentence(rng, 2) for _ in range(rng.randint(0, 3))],
            "document": rng.choice(doc_ids),
            "quote": sentence(rng, 8),
            "quote_start": start,
            "quote_end": start + rng.randint(20, 120),
        }
        if rng.random() < 0.3:
            attrs["description"] = sentence(rng, 10)
        for name, spec in schema.entity_types[etype].properties.items():
            attrs[name] = value(rng, spec.type)
        graph.add_node(f"n{i:07d}", **attrs)
    for i in range(n_edges):
        rtype = rng.choice(relation_types)
        spec = schema.relation_types[rtype]
        start = rng.randint(0, 8000)
        attrs = {
            "id": f"r{i:07d}",
            "type": rtype,
            "cypher_type": schema.cypher_type(rtype),
            "document": rng.choice(doc_ids),
            "quote": sentence(rng, 12),
            "quote_start": start,
            "quote_end": start + rng.randint(20, 200),
            "attribution": rng.choice(["report", "quote", "statement"]),
            "confidence": round(rng.random(), 3),
        }
        if attrs["attribution"] != "report":
            attrs["attributed_to"] = f"n{rng.randrange(n_nodes):07d}"
        for name in [*spec.required, *(q for q in spec.optional if rng.random() < 0.5)]:
            attrs[name] = value(rng, schema.qualifiers[name].type)
        graph.add_edge(f"n{rng.randrange(n_nodes):07d}", f"n{rng.randrange(n_nodes):07d}", key=attrs["id"], **attrs)
    return graph


def for_networkx(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy networkx can write: lists and maps as JSON strings."""
    copy = graph.copy()
    copy.graph["documents"] = json.dumps(copy.graph["documents"], sort_keys=True)
    for attrs in [*(a for _, a in copy.nodes(data=True)), *(a for *_, a in copy.edges(keys=True, data=True))]:
        for key, value in attrs.items():
            if isinstance(value, list | tuple | dict):  # aliases, every report's evidence lists, conflicts
                attrs[key] = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return copy


def timed(write: Callable[[Path], None], path: Path) -> float:
    start = time.perf_counter()
    write(path)
    return time.perf_counter() - start


def peak_bytes(write: Callable[[Path], None], path: Path) -> int:
    tracemalloc.start()
    try:
        write(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def compare_on(seeds: Path) -> dict[str, float]:
    """Both writers, timed once each, on the graph built from `seeds` (for run.py)."""
    seeds = Path(seeds)
    from graph import load_corpus
    from graph.build import build_graph

    corpus = load_corpus(seeds)
    graph = build_graph(corpus)
    nx_graph = for_networkx(graph)
    with tempfile.TemporaryDirectory() as tmp:
        ours = timed(lambda p: graphml.write(graph, p, corpus.schema), Path(tmp) / "ours.graphml")
        theirs = timed(lambda p: nx.write_graphml(nx_graph, p), Path(tmp) / "networkx.graphml")
    return {"ours": ours, "networkx": theirs, "ratio": ours / theirs}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="2k nodes, 10k edges")
    parser.add_argument("--no-memory", action="store_true", help="skip the traced (slower) memory runs")
    args = parser.parse_args(argv)
    n_nodes, n_edges = (2_000, 10_000) if args.small else (100_000, 500_000)
    schema = load_schema(SEEDS / "schema.yaml")
    start = time.perf_counter()
    graph = make_graph(schema, n_nodes, n_edges)
    nx_graph = for_networkx(graph)
    print(f"graph: {n_nodes:,} nodes, {n_edges:,} edges (built in {time.perf_counter() - start:.1f} s)")
    writers: dict[str, Callable[[Path], None]] = {
        "actorgraph streaming": lambda p: graphml.write(graph, p, schema),
        "networkx write_graphml": lambda p: nx.write_graphml(nx_graph, p),
    }
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for name, write in writers.items():
            path = Path(tmp) / (name.split()[0] + ".graphml")
            seconds = timed(write, path)
            size = path.stat().st_size
            peak = None if args.no_memory else peak_bytes(write, path)
            results[name] = seconds
            mem = "" if peak is None else f", peak {peak / 2**20:,.0f} MiB"
            print(f"{name:24} {seconds:7.2f} s, {size / 2**20:,.0f} MiB file{mem}")
            if args.small:
                read = nx.read_graphml(path, force_multigraph=True)
                assert (read.number_of_nodes(), read.number_of_edges()) == (n_nodes, n_edges)
    ratio = results["actorgraph streaming"] / results["networkx write_graphml"]
    print(f"time ratio (ours / networkx): {ratio:.3f} — {1 / ratio:.1f}x faster (goal: ratio <= 0.5)")


if __name__ == "__main__":
    sys.exit(main())
